/**
 * Builds the ruleset a pasted dump describes, forgiving where iptables-restore is strict: a paste from
 * notes or a terminal is often cut (`...`), so a chain used before it is declared is created (and
 * reported), and a jump to a chain the paste does not hold is kept as a stop sign: the trace stops there
 * and says the dump does not show what that chain does, rather than inventing an empty chain the packet
 * would silently return from. Every rule remembers its line, so the UI and the trace can point back.
 */
import { BUILTIN_CHAINS, type Chain, type Counters, type Match, type Rule, type Ruleset, type TableName, type Target } from '../netfilter/model';
import { emptyTable } from '../netfilter/ruleset';
import { parseRuleArgs } from '../netfilter/parse-rule';
import { RuleSyntaxError } from '../netfilter/syntax-error';
import type { Token } from '../netfilter/tokenize';
import type { IssueLog } from './issues';
import { chainKey } from './model';

/** iptables: a chain name is at most 28 characters and has no spaces. */
const CHAIN_NAME = /^[^\s!-][^\s]{0,28}$/;

export interface BuiltRuleset {
  readonly ruleset: Ruleset;
  readonly ruleLines: Map<Rule, number>;
  readonly chainLines: Map<string, number>;
  readonly missingChains: Set<string>;
}

export class RulesetBuilder {
  readonly ruleset: Ruleset = { tables: new Map() };
  readonly ruleLines = new Map<Rule, number>();
  readonly chainLines = new Map<string, number>();
  private readonly undeclared = new Set<string>();
  /** Jumps by line, checked once every chain is known. */
  private readonly jumps: { readonly table: TableName; readonly chain: Chain; readonly index: number; readonly rule: Rule; readonly to: string; readonly line: number }[] = [];

  constructor(private readonly log: IssueLog) {}

  private table(name: TableName) {
    let t = this.ruleset.tables.get(name);
    if (!t) {
      t = emptyTable(name);
      this.ruleset.tables.set(name, t);
    }
    return t;
  }

  private isBuiltin(table: TableName, chain: string): boolean {
    return (BUILTIN_CHAINS[table] as readonly string[]).includes(chain);
  }

  malformed(line: number, message: string): void {
    this.log.add({ line, severity: 'error', kind: 'malformed', subject: '', message: `line ${line}: ${message}` });
  }

  policy(table: TableName, chain: string, policy: string, counters: Counters, line: number): void {
    if (!this.isBuiltin(table, chain)) return this.malformed(line, `${chain} is not a built-in chain of the ${table} table, so it has no policy`);
    if (policy !== 'ACCEPT' && policy !== 'DROP') return this.malformed(line, `bad policy "${policy}" for ${chain}`);
    const t = this.table(table);
    const c = t.chains.get(chain)!;
    t.chains.set(chain, { ...c, policy, policyCounters: counters });
    this.chainLines.set(chainKey(table, chain), line);
  }

  declare(table: TableName, chain: string, line: number): void {
    if (!CHAIN_NAME.test(chain)) return this.malformed(line, `invalid chain name "${chain}"`);
    const t = this.table(table);
    if (!t.chains.has(chain)) t.chains.set(chain, { name: chain, rules: [] });
    if (!this.chainLines.has(chainKey(table, chain))) this.chainLines.set(chainKey(table, chain), line);
  }

  /** The chain `-A` appends to, created (and reported once) when the dump never declared it. */
  private chainFor(table: TableName, name: string, line: number): Chain | undefined {
    const t = this.table(table);
    const existing = t.chains.get(name);
    if (existing) return existing;
    if (!CHAIN_NAME.test(name)) return undefined;
    const chain: Chain = { name, rules: [] };
    t.chains.set(name, chain);
    this.chainLines.set(chainKey(table, name), line);
    if (!this.undeclared.has(chainKey(table, name))) {
      this.undeclared.add(chainKey(table, name));
      this.log.add({
        line,
        severity: 'info',
        kind: 'undeclared-chain',
        subject: name,
        message: `line ${line}: ${name} gets rules but the dump never declares it (-N / :${name}); the paste seems cut — it is created here`,
      });
    }
    return chain;
  }

  /**
   * `-A CHAIN args…` (args as tokens with their columns in the source line). `target`, when given, is the
   * rule's target whatever the args say (an iptables-nft `xt target` the text does not describe).
   */
  append(table: TableName, chainName: string, args: readonly Token[], counters: Counters, line: number, extraMatches: readonly Match[] = [], target?: Target): void {
    const chain = this.chainFor(table, chainName, line);
    if (!chain) return this.malformed(line, `invalid chain name "${chainName}"`);
    try {
      const parsed = parseRuleArgs(args);
      const rule: Rule = { ip: parsed.ip, matches: extraMatches.length ? [...parsed.matches, ...extraMatches] : parsed.matches, target: target ?? parsed.target, counters };
      chain.rules.push(rule);
      this.ruleLines.set(rule, line);
      for (const u of parsed.unknown) this.log.unsimulatedUse(u, line);
      if (rule.target.kind === 'jump' || rule.target.kind === 'goto') this.jumps.push({ table, chain, index: chain.rules.length - 1, rule, to: rule.target.chain, line });
    } catch (e) {
      if (e instanceof RuleSyntaxError) return this.malformed(line, `column ${e.col}: ${e.message}`);
      return this.malformed(line, `cannot read this rule (${e instanceof Error ? e.message : String(e)})`);
    }
  }

  finish(): BuiltRuleset {
    const missingChains = new Set<string>();
    for (const j of this.jumps) {
      const t = this.ruleset.tables.get(j.table)!;
      if (t.chains.has(j.to)) continue;
      const key = chainKey(j.table, j.to);
      if (!missingChains.has(key)) {
        missingChains.add(key);
        this.log.add({
          line: j.line,
          severity: 'warning',
          kind: 'missing-chain',
          subject: j.to,
          message: `line ${j.line}: jumps to ${j.to}, which the dump does not hold (cut from the paste?); a trace that goes there stops and says so`,
        });
      }
      // Kept as a target the walk does not follow: it prints back as `-j CHAIN` and stops the packet there.
      const stop: Rule = { ...j.rule, target: { kind: 'unknown', name: j.to, tokens: [] } };
      j.chain.rules[j.index] = stop;
      this.ruleLines.set(stop, j.line);
      this.ruleLines.delete(j.rule);
    }
    return { ruleset: this.ruleset, ruleLines: this.ruleLines, chainLines: this.chainLines, missingChains };
  }
}
