/**
 * Lookups as the kernel makes them: chains and sets by name, elements by exact key (a hash lookup) or,
 * for prefixes and ranges, by search; a named set also holds what the packet path added (live ones).
 */
import type { NftEvalContext } from './context';
import type { NftChain, NftSet, NftTable, Selector, Value } from './model';
import { contains, readText, type Read } from './read';
import { liveElements, setKey } from './runtime';
import { formatValue } from './values';

/** Chains and sets by name, built once per loaded table (a spread evaluates millions of chains). */
const chainIndex = new WeakMap<NftTable, ReadonlyMap<string, NftChain>>();
const setIndex = new WeakMap<NftTable, ReadonlyMap<string, NftSet>>();

export function chainsOf(t: NftTable): ReadonlyMap<string, NftChain> {
  let m = chainIndex.get(t);
  if (!m) chainIndex.set(t, (m = new Map(t.chains.map((c) => [c.name, c]))));
  return m;
}

export function findSet(ctx: NftEvalContext, name: string): NftSet | undefined {
  let m = setIndex.get(ctx.table);
  if (!m) setIndex.set(ctx.table, (m = new Map(ctx.table.sets.map((s) => [s.name, s]))));
  return m.get(name);
}

/**
 * Elements by their exact key text (a hash lookup, as the kernel's hash sets do), and the interval
 * elements (prefixes, ranges) that need a scan, as the kernel's rbtree/pipapo sets search them.
 */
interface ElementIndex<T> {
  readonly exact: ReadonlyMap<string, T>;
  readonly intervals: readonly T[];
}
const elementIndex = new WeakMap<readonly { readonly key: Value }[], ElementIndex<unknown>>();
const isExact = (v: Value): boolean => v.kind === 'int' || v.kind === 'string' || (v.kind === 'concat' && v.parts.every(isExact));

function indexOf<T extends { readonly key: Value }>(elements: readonly T[]): ElementIndex<T> {
  let idx = elementIndex.get(elements) as ElementIndex<T> | undefined;
  if (!idx) {
    const exact = new Map<string, T>();
    const intervals: T[] = [];
    for (const e of elements) {
      if (isExact(e.key)) exact.set(formatValue(e.key), e);
      else intervals.push(e);
    }
    idx = { exact, intervals };
    elementIndex.set(elements, idx);
  }
  return idx;
}

/** The element of `elements` whose key holds the value `v` read by `s`. */
export function find<T extends { readonly key: Value }>(elements: readonly T[], s: Selector, v: Read): T | undefined {
  if (v === undefined) return undefined;
  const idx = indexOf(elements);
  return idx.exact.get(readText(s, v)) ?? idx.intervals.find((e) => contains(e.key, v, false));
}

/** A named set's element holding `v`: the loaded ones, then those the packet path added (live ones only). */
export function lookup(set: NftSet, s: Selector, v: Read, ctx: NftEvalContext): boolean {
  if (find(set.elements, s, v)) return true;
  const added = liveElements(ctx.runtime, setKey(ctx.table, set.name), ctx.nowMs);
  return added.length > 0 && added.some((e) => contains(e.key, v, false));
}
