/**
 * `iptables-save` and `iptables -S`, as iptables 1.8.11 prints them: built-in chains in kernel order,
 * then user chains sorted by name, then the rules chain by chain in that same order.
 */
import { BUILTIN_CHAINS, counterValue } from './model';
import type { Chain, Ruleset, Table, TableName } from './model';
import { ruleText } from './print-rule';

/** Chains in the order iptables lists them. */
export function orderedChains(table: Table): Chain[] {
  const builtins = BUILTIN_CHAINS[table.name].map((h) => table.chains.get(h)).filter((c): c is Chain => c !== undefined);
  const user = [...table.chains.values()].filter((c) => c.policy === undefined).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...builtins, ...user];
}

export interface SaveOptions {
  /** `iptables-save -c`: counters on chains and rules. Chain counters are always printed. */
  readonly counters?: boolean;
  /** Only these tables (`iptables-save -t`), in this order. Default: every table, in the order they were created. */
  readonly tables?: readonly TableName[];
}

export function printIptablesSave(ruleset: Ruleset, options: SaveOptions = {}): string {
  const out: string[] = [];
  const names = options.tables ?? [...ruleset.tables.keys()];
  for (const name of names) {
    const table = ruleset.tables.get(name);
    if (!table) continue;
    out.push(`*${name}`);
    const chains = orderedChains(table);
    for (const c of chains) {
      const counters = c.policyCounters ?? { packets: 0, bytes: 0 };
      out.push(c.policy ? `:${c.name} ${c.policy} [${counterValue(counters, 'packets')}:${counterValue(counters, 'bytes')}]` : `:${c.name} - [0:0]`);
    }
    for (const c of chains) {
      for (const r of c.rules) out.push(options.counters ? `[${counterValue(r.counters, 'packets')}:${counterValue(r.counters, 'bytes')}] ${ruleText(c.name, r)}` : ruleText(c.name, r));
    }
    out.push('COMMIT');
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/** `iptables -t TABLE -S [CHAIN]` (`-v` adds counters as `-c PKTS BYTES`). */
export function printIptablesS(ruleset: Ruleset, tableName: TableName, chainName?: string, options: { readonly counters?: boolean } = {}): string {
  const table = ruleset.tables.get(tableName);
  if (!table) return '';
  const chains = orderedChains(table).filter((c) => chainName === undefined || c.name === chainName);
  const out: string[] = [];
  for (const c of chains) {
    if (c.policy) {
      const pc = c.policyCounters ?? { packets: 0, bytes: 0 };
      out.push(options.counters ? `-P ${c.name} ${c.policy} -c ${counterValue(pc, 'packets')} ${counterValue(pc, 'bytes')}` : `-P ${c.name} ${c.policy}`);
    } else out.push(`-N ${c.name}`);
  }
  for (const c of chains) for (const r of c.rules) out.push(ruleText(c.name, r, options.counters ? `-c ${counterValue(r.counters, 'packets')} ${counterValue(r.counters, 'bytes')}` : undefined));
  return out.length ? `${out.join('\n')}\n` : '';
}
