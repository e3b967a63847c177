/**
 * Why a share link could not be opened, in the UI's language. The decoder (codec.ts) says why in
 * English; the page renders its failures by kind, so Korean readers get Korean. Until the decoder names
 * its kinds itself (a `kind` field on the failure), the kind is recognised from the decoder's fixed
 * English sentences, which are part of codec.ts, not free text.
 */
import type { Lang } from '../lang';

export type ShareErrorKind = 'too-large' | 'newer-version' | 'damaged' | 'not-json' | 'expands-too-much' | 'invalid' | 'unreadable';

const KINDS: readonly ShareErrorKind[] = ['too-large', 'newer-version', 'damaged', 'not-json', 'expands-too-much', 'invalid', 'unreadable'];

/** A decode failure as codec.ts returns it: its English message, and its kind once it names one. */
export interface ShareFailure {
  readonly error: string;
  readonly kind?: string;
}

/** The decoder's sentences, by kind (codec.ts `decodeShare`). */
const SENTENCES: readonly (readonly [RegExp, ShareErrorKind])[] = [
  [/^The share link is too large\b/, 'too-large'],
  [/^The share link was made by a newer version\b/, 'newer-version'],
  [/^The share link is damaged: its data could not be decompressed\b/, 'damaged'],
  [/^The share link is damaged: its data is not valid JSON\b/, 'not-json'],
  [/^The share link expands to more than\b/, 'expands-too-much'],
  [/^The share link is not valid: /, 'invalid'],
];

export function shareErrorKind(f: ShareFailure): ShareErrorKind {
  const named = KINDS.find((k) => k === f.kind);
  if (named) return named;
  return SENTENCES.find(([re]) => re.test(f.error))?.[1] ?? 'unreadable';
}

/** The field an invalid link got wrong (`packet.from`), as the decoder names it. */
function fieldOf(error: string): string | undefined {
  const m = /^The share link is not valid: ([\w.[\]]+):/.exec(error);
  return m?.[1];
}

const KO: Readonly<Record<ShareErrorKind, string>> = {
  'too-large': '링크가 너무 길어서 열지 않았습니다.',
  'newer-version': '더 새로운 버전이 만든 링크라서 이 버전으로는 읽을 수 없습니다. 페이지를 새로 고쳐 최신 버전을 받아 보세요.',
  damaged: '링크가 손상되어 데이터를 풀 수 없습니다. 복사할 때 끝이 잘리지 않았는지 확인해 보세요.',
  'not-json': '링크가 손상되어 데이터를 읽을 수 없습니다. 복사할 때 끝이 잘리지 않았는지 확인해 보세요.',
  'expands-too-much': '링크를 풀면 너무 커져서 열지 않았습니다.',
  invalid: '링크의 내용이 올바르지 않습니다.',
  unreadable: '링크를 읽을 수 없습니다.',
};

/** The reason shown after "This share link could not be opened.", as text and the field it names. */
export function shareErrorText(f: ShareFailure, lang: Lang): { readonly text: string; readonly field?: string } {
  if (lang === 'en') return { text: f.error };
  const kind = shareErrorKind(f);
  const field = kind === 'invalid' ? fieldOf(f.error) : undefined;
  return { text: field ? `${KO.invalid.replace(/\.$/, '')}: ` : KO[kind], ...(field ? { field } : {}) };
}
