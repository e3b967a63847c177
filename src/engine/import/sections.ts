/**
 * A section of `-S` or `-L` text whose table was not named (no `-t`, no `*table`) is held until it ends,
 * then its table is guessed from what it holds — the built-in chains it lists (nat has PREROUTING and
 * POSTROUTING but no FORWARD; mangle has all five; raw only PREROUTING and OUTPUT; filter INPUT, FORWARD,
 * OUTPUT) and, failing that, whether it translates addresses — and replayed into the builder.
 */
import type { Counters, Match, TableName } from '../netfilter/model';
import type { Token } from '../netfilter/tokenize';
import type { RulesetBuilder } from './builder';

export type Statement =
  | { readonly kind: 'policy'; readonly chain: string; readonly policy: string; readonly counters: Counters; readonly line: number }
  | { readonly kind: 'declare'; readonly chain: string; readonly line: number }
  | { readonly kind: 'rule'; readonly chain: string; readonly args: readonly Token[]; readonly counters: Counters; readonly line: number; readonly extra?: Match };

export interface OpenSection {
  readonly format: 'S' | 'L';
  readonly table?: TableName;
  readonly command?: string;
  readonly firstLine: number;
  lastLine: number;
  readonly statements: Statement[];
  /** Built-in chains seen (as `-P` or `Chain X (policy …)`). */
  readonly builtins: Set<string>;
  /** A user chain or a rule came after the built-ins: a further built-in starts the next table. */
  pastBuiltins: boolean;
  /** It holds DNAT/SNAT/MASQUERADE. */
  translates: boolean;
}

const BUILTINS = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);
export const isBuiltinName = (chain: string): boolean => BUILTINS.has(chain);

export function guessTable(s: OpenSection): TableName {
  const b = s.builtins;
  if (b.has('FORWARD') && (b.has('PREROUTING') || b.has('POSTROUTING'))) return 'mangle';
  if (b.has('POSTROUTING') || (b.has('PREROUTING') && b.has('INPUT'))) return 'nat';
  if (b.has('PREROUTING') && !b.has('INPUT')) return s.translates ? 'nat' : 'raw';
  if (b.has('FORWARD') || b.has('INPUT')) return 'filter';
  return s.translates ? 'nat' : 'filter';
}

export function replay(s: OpenSection, table: TableName, builder: RulesetBuilder): void {
  for (const st of s.statements) {
    if (st.kind === 'policy') builder.policy(table, st.chain, st.policy, st.counters, st.line);
    else if (st.kind === 'declare') builder.declare(table, st.chain, st.line);
    else builder.append(table, st.chain, st.args, st.counters, st.line, st.extra ? [st.extra] : []);
  }
}
