/**
 * Share links: the whole lab state in the URL fragment, compressed and versioned (`#s1.<lz-string>`).
 * The fragment never reaches a server, so a link is private to whoever holds it — and untrusted to whoever
 * opens it: sizes are capped before and after decompression, every field is checked with its path named,
 * and nothing here throws on any input.
 */
import { compressToEncodedURIComponent } from 'lz-string';
import { MAX_DECODED_CHARS, MAX_FRAGMENT_CHARS, MAX_YAML_CHARS } from './limits';
import { decompressBounded } from './lz-bounded';

export interface SharedPacket {
  readonly from: string;
  readonly to: string;
  readonly via?: string;
  /** `icmp` (a ping) since issue 14; older links name tcp or udp only, and still decode. */
  readonly protocol?: 'tcp' | 'udp' | 'icmp';
}

export interface SharedView {
  readonly node?: string;
  readonly table?: 'nat' | 'filter';
  readonly format?: 'save' | 'S' | 'L';
}

/** Everything a link reproduces. */
export interface SharedState {
  readonly yaml: string;
  readonly lesson?: string;
  readonly packet?: SharedPacket;
  readonly seed: number;
  /** Playback position (a step index into the traced connection). */
  readonly step: number;
  readonly view: SharedView;
  readonly lang: 'en' | 'ko';
}

/**
 * Why a link could not be opened, for the UI to word in the user's language (`error` is the English text):
 * - `too-large`: the fragment is longer than `MAX_FRAGMENT_CHARS` (`size` = its length);
 * - `newer-version`: made by a newer format (`version`);
 * - `damaged`: the data does not decompress, or is not JSON (cut off or altered when copied);
 * - `expands-too-far`: it decompresses to more than `MAX_DECODED_CHARS` (decoding stopped there);
 * - `invalid`: a field is wrong (`detail` = the field and what is wrong, English, e.g. `seed: expected …`);
 * - `unreadable`: anything else went wrong while reading it (a bug of ours).
 */
export type DecodeErrorKind = 'too-large' | 'newer-version' | 'damaged' | 'expands-too-far' | 'invalid' | 'unreadable';

export interface DecodeError {
  readonly ok: false;
  readonly kind: DecodeErrorKind;
  /** English text of the whole problem. */
  readonly error: string;
  readonly detail?: string;
  readonly size?: number;
  readonly version?: number;
}

export type DecodeResult =
  | { readonly ok: true; readonly state: SharedState; readonly version: number }
  | DecodeError
  /** No share state in this fragment at all (a normal visit). */
  | { readonly ok: false; readonly absent: true };

export { MAX_DECODED_CHARS, MAX_FRAGMENT_CHARS, MAX_YAML_CHARS };

const PREFIX = /^#?s(\d{1,3})\.(.*)$/s;
const CURRENT_VERSION = 1;

export function encodeShare(state: SharedState): string {
  const payload = compressToEncodedURIComponent(JSON.stringify({ ...state }));
  return `#s${CURRENT_VERSION}.${payload}`;
}

type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(v: Record<string, unknown>, allowed: readonly string[], path: string): string | undefined {
  const extra = Object.keys(v).find((k) => !allowed.includes(k));
  return extra === undefined ? undefined : `${path ? `${path}.` : ''}${extra}: unknown field`;
}

function str(v: unknown, path: string, max: number, optional: boolean): Checked<string | undefined> {
  if (v === undefined && optional) return { ok: true, value: undefined };
  if (typeof v !== 'string') return { ok: false, error: `${path}: expected text` };
  if (v.length > max) return { ok: false, error: `${path}: longer than ${max} characters` };
  return { ok: true, value: v };
}

function oneOf<T extends string>(v: unknown, path: string, values: readonly T[]): Checked<T | undefined> {
  if (v === undefined) return { ok: true, value: undefined };
  return typeof v === 'string' && (values as readonly string[]).includes(v)
    ? { ok: true, value: v as T }
    : { ok: false, error: `${path}: expected one of ${values.join(', ')}` };
}

function uint(v: unknown, path: string, max: number): Checked<number> {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max ? { ok: true, value: v } : { ok: false, error: `${path}: expected a whole number from 0 to ${max}` };
}

/** Version 1's schema, checked field by field. */
function validateV1(raw: unknown): Checked<SharedState> {
  if (!isRecord(raw)) return { ok: false, error: 'expected an object' };
  const unknown = checkKeys(raw, ['yaml', 'lesson', 'packet', 'seed', 'step', 'view', 'lang'], '');
  if (unknown) return { ok: false, error: unknown };
  const yaml = str(raw.yaml, 'yaml', MAX_YAML_CHARS, false);
  if (!yaml.ok) return yaml;
  const lesson = str(raw.lesson, 'lesson', 64, true);
  if (!lesson.ok) return lesson;
  const seed = uint(raw.seed, 'seed', 0xffffffff);
  if (!seed.ok) return seed;
  const step = uint(raw.step, 'step', 1_000_000);
  if (!step.ok) return step;
  const lang = oneOf(raw.lang, 'lang', ['en', 'ko'] as const);
  if (!lang.ok) return lang;

  let packet: SharedPacket | undefined;
  if (raw.packet !== undefined) {
    if (!isRecord(raw.packet)) return { ok: false, error: 'packet: expected an object' };
    const bad = checkKeys(raw.packet, ['from', 'to', 'via', 'protocol'], 'packet');
    if (bad) return { ok: false, error: bad };
    const from = str(raw.packet.from, 'packet.from', 256, false);
    if (!from.ok) return from;
    const to = str(raw.packet.to, 'packet.to', 256, false);
    if (!to.ok) return to;
    const via = str(raw.packet.via, 'packet.via', 256, true);
    if (!via.ok) return via;
    const protocol = oneOf(raw.packet.protocol, 'packet.protocol', ['tcp', 'udp', 'icmp'] as const);
    if (!protocol.ok) return protocol;
    packet = { from: from.value!, to: to.value!, ...(via.value ? { via: via.value } : {}), ...(protocol.value ? { protocol: protocol.value } : {}) };
  }

  if (!isRecord(raw.view)) return { ok: false, error: 'view: expected an object' };
  const badView = checkKeys(raw.view, ['node', 'table', 'format'], 'view');
  if (badView) return { ok: false, error: badView };
  const node = str(raw.view.node, 'view.node', 256, true);
  if (!node.ok) return node;
  const table = oneOf(raw.view.table, 'view.table', ['nat', 'filter'] as const);
  if (!table.ok) return table;
  const format = oneOf(raw.view.format, 'view.format', ['save', 'S', 'L'] as const);
  if (!format.ok) return format;

  return {
    ok: true,
    value: {
      yaml: yaml.value!,
      ...(lesson.value ? { lesson: lesson.value } : {}),
      ...(packet ? { packet } : {}),
      seed: seed.value,
      step: step.value,
      view: { ...(node.value ? { node: node.value } : {}), ...(table.value ? { table: table.value } : {}), ...(format.value ? { format: format.value } : {}) },
      lang: lang.value ?? 'en',
    },
  };
}

/** Decoders by version: old links keep working when the format moves on. */
const DECODERS: Readonly<Record<number, (raw: unknown) => Checked<SharedState>>> = { 1: validateV1 };

/** `12345` → `12,345` (the decoder's English text does not depend on the browser's locale). */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function decodeShare(fragment: string): DecodeResult {
  try {
    if (fragment === '' || fragment === '#') return { ok: false, absent: true };
    if (fragment.length > MAX_FRAGMENT_CHARS) {
      return { ok: false, kind: 'too-large', size: fragment.length, error: `The share link is too large (${grouped(fragment.length)} characters; at most ${grouped(MAX_FRAGMENT_CHARS)}).` };
    }
    const m = PREFIX.exec(fragment);
    if (!m) return { ok: false, absent: true };
    const version = Number(m[1]);
    const decoder = DECODERS[version];
    if (!decoder) return { ok: false, kind: 'newer-version', version, error: `The share link was made by a newer version of Kube Packet Lab (format s${version}); this one reads s${CURRENT_VERSION}.` };
    // Decompression stops at the limit: the whole expansion of a crafted link would not fit in memory.
    const text = decompressBounded(m[2] ?? '', MAX_DECODED_CHARS);
    if (text.kind === 'too-long') return { ok: false, kind: 'expands-too-far', error: `The share link expands to more than ${grouped(MAX_DECODED_CHARS)} characters; it was not opened.` };
    if (text.kind === 'damaged' || text.text === '') return { ok: false, kind: 'damaged', error: 'The share link is damaged: its data could not be decompressed (was it cut off when copied?).' };
    let raw: unknown;
    try {
      raw = JSON.parse(text.text);
    } catch {
      return { ok: false, kind: 'damaged', error: 'The share link is damaged: its data is not valid JSON (was it cut off when copied?).' };
    }
    const checked = decoder(raw);
    if (!checked.ok) return { ok: false, kind: 'invalid', detail: checked.error, error: `The share link is not valid: ${checked.error}.` };
    return { ok: true, state: checked.value, version };
  } catch (e) {
    // Defence in depth: a decoder bug must not blank the page.
    return { ok: false, kind: 'unreadable', error: `The share link could not be read (${e instanceof Error ? e.message : String(e)}).` };
  }
}
