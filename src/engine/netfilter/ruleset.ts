/**
 * Building rulesets by hand (kube-proxy's generator, tests): empty tables with their built-in chains,
 * user chains, rules. The same shapes the parser produces, so a built ruleset prints exactly as a
 * parsed one.
 */
import { BUILTIN_CHAINS } from './model';
import type { Chain, Counters, IpHeaderMatch, Match, Rule, Ruleset, Table, TableName, Target } from './model';

/** Built-in chains start with policy ACCEPT and zero counters, as after `iptables -F` on a fresh node. */
export function emptyTable(name: TableName): Table {
  const chains = new Map<string, Chain>();
  for (const hook of BUILTIN_CHAINS[name]) chains.set(hook, { name: hook, policy: 'ACCEPT', policyCounters: { packets: 0, bytes: 0 }, rules: [] });
  return { name, chains };
}

export function emptyRuleset(): Ruleset {
  return { tables: new Map() };
}

/** The table, created empty (with its built-in chains) the first time it is asked for. */
export function ensureTable(ruleset: Ruleset, name: TableName): Table {
  let table = ruleset.tables.get(name);
  if (!table) {
    table = emptyTable(name);
    ruleset.tables.set(name, table);
  }
  return table;
}

/** The chain, created as an empty user chain (`-N`) if it does not exist yet. */
export function ensureChain(table: Table, name: string): Chain {
  let chain = table.chains.get(name);
  if (!chain) {
    chain = { name, rules: [] };
    table.chains.set(name, chain);
  }
  return chain;
}

/** Sets a built-in chain's policy (`-P`); returns false for a user chain, which has none. */
export function setPolicy(table: Table, name: string, policy: 'ACCEPT' | 'DROP', counters: Counters = { packets: 0, bytes: 0 }): boolean {
  const chain = table.chains.get(name);
  if (!chain || chain.policy === undefined) return false;
  table.chains.set(name, { ...chain, policy, policyCounters: { ...counters } });
  return true;
}

/** A rule with zero counters; `ip` and `matches` default to empty (match every packet). */
export function makeRule(parts: { readonly ip?: IpHeaderMatch; readonly matches?: readonly Match[]; readonly target?: Target }): Rule {
  return { ip: parts.ip ?? {}, matches: parts.matches ?? [], target: parts.target ?? { kind: 'none' }, counters: { packets: 0, bytes: 0 } };
}

/** Appends a rule (`-A`), creating the chain as a user chain if needed. */
export function appendRule(table: Table, chain: string, rule: Rule): void {
  ensureChain(table, chain).rules.push(rule);
}
