/**
 * Why a share link could not be opened, in the UI's language, rendered from the decoder's failure kind
 * (codec.ts names it); English readers get the decoder's own sentence, which says the same with numbers.
 */
import type { Lang } from '../lang';
import type { DecodeErrorKind } from './codec';

export type ShareErrorKind = DecodeErrorKind;

/** A decode failure as codec.ts returns it: its kind, its English sentence, and for `invalid` the field path and reason. */
export interface ShareFailure {
  readonly kind: DecodeErrorKind;
  readonly error: string;
  readonly detail?: string;
}

/** The field an invalid link got wrong (`packet.from`), as the decoder's detail names it. */
function fieldOf(f: ShareFailure): string | undefined {
  return f.detail === undefined ? undefined : /^([\w.[\]]+):/.exec(f.detail)?.[1];
}

const KO: Readonly<Record<ShareErrorKind, string>> = {
  'too-large': '링크가 너무 길어서 열지 않았습니다.',
  'newer-version': '더 새로운 버전이 만든 링크라서 이 버전으로는 읽을 수 없습니다. 페이지를 새로 고쳐 최신 버전을 받아 보세요.',
  damaged: '링크가 손상되어 데이터를 풀 수 없습니다. 복사할 때 끝이 잘리지 않았는지 확인해 보세요.',
  'expands-too-far': '링크를 풀면 너무 커져서 열지 않았습니다.',
  invalid: '링크의 내용이 올바르지 않습니다.',
  unreadable: '링크를 읽을 수 없습니다.',
};

/** The reason shown after "This share link could not be opened.", as text and the field it names. */
export function shareErrorText(f: ShareFailure, lang: Lang): { readonly text: string; readonly field?: string } {
  if (lang === 'en') return { text: f.error };
  const field = f.kind === 'invalid' ? fieldOf(f) : undefined;
  return { text: field ? `${KO.invalid.replace(/\.$/, '')}: ` : KO[f.kind], ...(field ? { field } : {}) };
}
