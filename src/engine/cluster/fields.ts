/**
 * Typed reads of untrusted YAML values. Each reader reports a wrong type once and returns undefined,
 * so validators never crash on weird shapes (a list where a map belongs, a number where a string does).
 */
import type { FieldPath, Reporter } from './diagnostics';

export type YamlMap = Readonly<Record<string, unknown>>;

export function isYamlMap(v: unknown): v is YamlMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A map whose keys must come from `known`. Unknown keys are errors, as the API server's strict field
 * validation reports them. `ignored` are real API fields we accept and do not simulate.
 */
export function readObject(
  r: Reporter,
  path: FieldPath,
  v: unknown,
  known: readonly string[],
  hints: Readonly<Record<string, string>> = {},
): YamlMap | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isYamlMap(v)) {
    r.wrongType(path, v, 'a map');
    return undefined;
  }
  for (const key of Object.keys(v)) {
    if (!known.includes(key)) r.unknownField([...path, key], Object.hasOwn(hints, key) ? (hints[key] ?? '') : '');
  }
  return v;
}

/** A map whose values we do not look into (annotations, resources, …): only its type is checked. */
export function readOpaqueMap(r: Reporter, path: FieldPath, v: unknown): YamlMap | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isYamlMap(v)) {
    r.wrongType(path, v, 'a map');
    return undefined;
  }
  return v;
}

export function readString(r: Reporter, path: FieldPath, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') {
    r.wrongType(path, v, 'a string');
    return undefined;
  }
  return v;
}

/** An integer in int32 range (every port, count and bit in these APIs is an int32). */
export function readInt(r: Reporter, path: FieldPath, v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) {
    r.wrongType(path, v, 'an integer');
    return undefined;
  }
  return v;
}

export function readBool(r: Reporter, path: FieldPath, v: unknown): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') {
    r.wrongType(path, v, 'a boolean');
    return undefined;
  }
  return v;
}

export function readList(r: Reporter, path: FieldPath, v: unknown): readonly unknown[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) {
    r.wrongType(path, v, 'a list');
    return undefined;
  }
  return v;
}

export function readStringList(r: Reporter, path: FieldPath, v: unknown): string[] {
  const list = readList(r, path, v) ?? [];
  const out: string[] = [];
  list.forEach((item, i) => {
    const s = readString(r, [...path, i], item);
    if (s !== undefined) out.push(s);
  });
  return out;
}

/** A `map[string]string` (labels, selectors): values must be strings, as JSON decoding demands. */
export function readStringMap(r: Reporter, path: FieldPath, v: unknown): Record<string, string> | undefined {
  const m = readOpaqueMap(r, path, v);
  if (m === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(m)) {
    const s = readString(r, [...path, { key: k }], val ?? '');
    if (s !== undefined) out[k] = s;
  }
  return out;
}
