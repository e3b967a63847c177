/**
 * Field errors worded as the API server words them (k8s.io/apimachinery/pkg/util/validation/field,
 * `Error.Error()` = `<path>: <type>[: <value>][: <detail>]`), located in the scenario text.
 */
import type { Diagnostic } from './model';

/** One step of a field path: a field name, a list index, or a map key (printed `[key]`, like `field.Path.Key`). */
export type PathSegment = string | number | { readonly key: string };

/** A field path as a list of steps, e.g. `['spec', 'ports', 0, 'port']`. */
export type FieldPath = readonly PathSegment[];

/** `spec.ports[0].port`, `metadata.labels[app]`, as `field.Path.String()` prints it. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'object') out += `[${seg.key}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/**
 * A bad value printed as Go's `%v`/`%q` prints it in `ErrorBody`: strings quoted, numbers and
 * booleans bare, nil as `null`, maps as `map[string]string{...}` (close enough for labels).
 */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goValue).join(', ')}}`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[string]interface {}{${entries.map(([k, v]) => `${goQuote(k)}:${goValue(v)}`).join(', ')}}`;
  }
  return goQuote(String(value));
}

/** Go's `strconv.Quote` for the characters people type; JSON's escaping agrees with it there. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Where a diagnostic points in the text (1-based). */
export interface TextRange {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** Diagnostics listed at most; a text that makes more (490 Deployments × 1000 replicas once made 489,494) gets a count. */
export const MAX_DIAGNOSTICS = 500;

/**
 * The diagnostics of one load: the first `MAX_DIAGNOSTICS` kept, the rest only counted, so a hostile text
 * costs neither the time to locate every problem nor the memory to hold them.
 */
export class DiagnosticLog {
  private readonly kept: Diagnostic[] = [];
  private omitted = 0;
  private errors = 0;

  get hasError(): boolean {
    return this.errors > 0;
  }

  /** True once new diagnostics are only counted (callers skip the work of locating them). */
  get full(): boolean {
    return this.kept.length >= MAX_DIAGNOSTICS;
  }

  /** Every diagnostic added so far, kept or only counted. */
  get total(): number {
    return this.kept.length + this.omitted;
  }

  add(d: Diagnostic): void {
    this.count(d.severity);
    if (this.full) this.omitted++;
    else this.kept.push(d);
  }

  /** A diagnostic that is not kept, only counted. */
  skip(severity: Diagnostic['severity']): void {
    this.count(severity);
    this.omitted++;
  }

  private count(severity: Diagnostic['severity']): void {
    if (severity === 'error') this.errors++;
  }

  /** The kept diagnostics, then one saying how many more there were (where the last kept one points). */
  list(): Diagnostic[] {
    if (this.omitted === 0) return this.kept;
    const last = this.kept[this.kept.length - 1];
    const where = last ? { doc: last.doc, line: last.line, col: last.col, endLine: last.endLine, endCol: last.endCol } : { doc: -1, line: 1, col: 1, endLine: 1, endCol: 1 };
    const message = `and ${groupDigits(this.omitted)} more problems (only the first ${MAX_DIAGNOSTICS} are listed)`;
    return [...this.kept, { severity: this.errors > 0 ? 'error' : 'warning', message, path: '', ...where }];
  }
}

/** 489294 → `489,294`, without the host's locale. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Resolves a field path of one document to the text it came from. */
export type Locator = (path: FieldPath, at: 'value' | 'key') => TextRange;

/**
 * Collects the diagnostics of one YAML document; each method is one `field.ErrorType` of apimachinery,
 * so a message reads exactly like `kubectl apply`'s.
 */
export class Reporter {
  constructor(
    private readonly out: DiagnosticLog,
    /** Document index (0-based), -1 for implicit objects. */
    readonly doc: number,
    private readonly locate: Locator,
  ) {}

  private push(severity: Diagnostic['severity'], path: FieldPath, message: string, at: 'value' | 'key'): void {
    if (this.out.full) return this.out.skip(severity);
    const range = this.locate(path, at);
    this.out.add({ severity, message, path: formatPath(path), doc: this.doc, ...range });
  }

  private field(path: FieldPath, body: string): string {
    const p = formatPath(path);
    return p === '' ? body : `${p}: ${body}`;
  }

  invalid(path: FieldPath, value: unknown, detail: string): void {
    this.push('error', path, this.field(path, `Invalid value: ${goValue(value)}${detail ? `: ${detail}` : ''}`), 'value');
  }

  required(path: FieldPath, detail = ''): void {
    this.push('error', path, this.field(path, `Required value${detail ? `: ${detail}` : ''}`), 'value');
  }

  unsupported(path: FieldPath, value: unknown, supported: readonly string[]): void {
    const list = supported.map(goQuote).join(', ');
    this.push('error', path, this.field(path, `Unsupported value: ${goValue(value)}: supported values: ${list}`), 'value');
  }

  duplicate(path: FieldPath, value: unknown): void {
    this.push('error', path, this.field(path, `Duplicate value: ${goValue(value)}`), 'value');
  }

  /** Like `Duplicate`, but with a value already printed as Go's `%#v` would (structs). */
  duplicateRaw(path: FieldPath, printed: string): void {
    this.push('error', path, this.field(path, `Duplicate value: ${printed}`), 'value');
  }

  forbidden(path: FieldPath, detail: string): void {
    this.push('error', path, this.field(path, `Forbidden: ${detail}`), 'value');
  }

  notFound(path: FieldPath, value: unknown, detail = ''): void {
    this.push('error', path, this.field(path, `Not found: ${goValue(value)}${detail ? `: ${detail}` : ''}`), 'value');
  }

  /** Strict decoding's wording (`kubectl apply --validate=strict`), pointing at the key. */
  unknownField(path: FieldPath, hint = ''): void {
    this.push('error', path, `unknown field ${goQuote(formatPath(path))}${hint ? ` (${hint})` : ''}`, 'key');
  }

  /** A value of the wrong YAML type (the API server's JSON decoder refuses it before validation). */
  wrongType(path: FieldPath, value: unknown, expected: string): void {
    this.push('error', path, this.field(path, `Invalid value: ${goValue(value)}: must be ${expected}, not ${jsonType(value)}`), 'value');
  }

  /** Any other error, worded by us (prefixed with the path when there is one). */
  error(path: FieldPath, message: string): void {
    this.push('error', path, this.field(path, message), 'value');
  }

  warning(path: FieldPath, message: string): void {
    this.push('warning', path, this.field(path, message), 'value');
  }
}

function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return 'a string';
}
