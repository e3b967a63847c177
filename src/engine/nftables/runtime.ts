/**
 * What the kernel keeps for a loaded nft ruleset between packets: elements the packet path added to
 * dynamic sets (`update @affinity-… { ip saddr }`, each with its expiry on the simulated clock), the
 * counters of `counter` statements, and `numgen inc`'s per-expression counter.
 */
import type { NftRuleset, NftTable, Selector, SetElement, Statement, Value } from './model';
import { sortElements } from './element-order';
import { formatValue } from './values';

export interface DynamicElement {
  readonly key: Value;
  /** undefined: never expires (a set without timeout). */
  expiresAtMs: number | undefined;
}

export interface NftRuntime {
  /** Per `family table set`: elements added from the packet path, by key text. */
  readonly dynamic: Map<string, Map<string, DynamicElement>>;
  readonly counters: Map<Statement, { packets: number; bytes: number }>;
  readonly numgenInc: Map<Selector, number>;
}

export const createRuntime = (): NftRuntime => ({ dynamic: new Map(), counters: new Map(), numgenInc: new Map() });

export const setKey = (t: Pick<NftTable, 'family' | 'name'>, set: string): string => `${t.family} ${t.name} ${set}`;

/** Live elements of a dynamic set at `nowMs` (expired ones are gone, as the kernel's GC and lookups treat them). */
export function liveElements(rt: NftRuntime, key: string, nowMs: number): DynamicElement[] {
  const m = rt.dynamic.get(key);
  if (!m) return [];
  return [...m.values()].filter((e) => e.expiresAtMs === undefined || e.expiresAtMs > nowMs);
}

/**
 * The ruleset as `nft list ruleset` would show it now: counters with what they counted, dynamic sets with
 * the elements the packet path added (with what is left of their timeouts).
 */
export function rulesetNow(r: NftRuleset, rt: NftRuntime, nowMs: number): NftRuleset {
  return {
    tables: r.tables.map((t) => ({
      ...t,
      sets: t.sets.map((s) => {
        const live = liveElements(rt, setKey(t, s.name), nowMs);
        if (live.length === 0) return s;
        const known = new Set(s.elements.map((e) => formatValue(e.key)));
        const added: SetElement[] = live
          .filter((e) => !known.has(formatValue(e.key)))
          .map((e) => ({ key: e.key, ...(e.expiresAtMs !== undefined ? { expiresMs: e.expiresAtMs - nowMs } : {}) }));
        return { ...s, elements: sortElements([...s.elements, ...added]) };
      }),
      chains: t.chains.map((c) => ({
        ...c,
        rules: c.rules.map((rule) => ({
          ...rule,
          statements: rule.statements.map((st) => {
            const n = rt.counters.get(st);
            return n && st.kind === 'counter' ? { ...st, packets: st.packets + n.packets, bytes: st.bytes + n.bytes } : st;
          }),
        })),
      })),
    })),
  };
}
