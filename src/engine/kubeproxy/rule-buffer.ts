/**
 * Collects chain declarations and rules per table the way kube-proxy's LineBuffers do
 * (proxier.go `filterChains`/`filterRules`/`natChains`/`natRules`), keeping each rule's meaning
 * and sources beside it, and renders them as iptables-restore input (`writeLine`: words joined by
 * single spaces).
 */
import type { SourceRef } from '../cluster/model';
import type { RuleMeaning } from '../explain/meaning';
import type { GeneratedRule, GeneratedTable } from './types';

/** A rule's meaning, or a function that makes it (called only when rules are kept: the per-endpoint rules pass one). */
export type MeaningArg = RuleMeaning | (() => RuleMeaning);

/** One table's rules, written as proxier.go writes them: `natRules.write('-A', chain, …)` becomes `natRules.write(chain, args, meaning)`. */
export interface TableRules {
  write(chain: string, args: readonly string[], meaning: MeaningArg, sources?: readonly SourceRef[]): void;
}

interface TableBuffer {
  /** Chain lines in write order: `[name, policy]`, policy `-` for user chains. */
  readonly chains: [string, string][];
  /** The names in `chains`, so that declaring stays O(1) with 100,000 endpoint chains. */
  readonly declared: Set<string>;
  /** Every `-A` line in write order. */
  readonly texts: string[];
  /** The same rules with their explanations and sources, when kept. */
  readonly rules: GeneratedRule[];
  /** Rules written so far per chain (the next rule's index), when rules are kept. */
  readonly counts: Map<string, number>;
}

/** Tables in the order kube-proxy restores them (filter, then nat). */
const TABLE_ORDER: readonly GeneratedTable[] = ['filter', 'nat'];

export class RuleBuffer {
  private readonly tables = new Map<GeneratedTable, TableBuffer>(
    TABLE_ORDER.map((t) => [t, { chains: [], declared: new Set(), texts: [], rules: [], counts: new Map() }]),
  );

  /**
   * @param keepRules Keep each rule with its meaning and sources (`render().rules`); without, only the
   * restore text is made — a large cluster writes 300,000 rules whose meanings the simulation never reads.
   */
  constructor(private readonly keepRules = true) {}

  /** `:CHAIN - [0:0]` (or `:INPUT ACCEPT [0:0]` for a built-in chain); a chain is declared once. */
  declare(table: GeneratedTable, chain: string, policy = '-'): void {
    const t = this.table(table);
    if (t.declared.has(chain)) return;
    t.declared.add(chain);
    t.chains.push([chain, policy]);
  }

  /** The `filterRules` / `natRules` of proxier.go. */
  rules(table: GeneratedTable): TableRules {
    return { write: (chain, args, meaning, sources) => this.write(table, chain, args, meaning, sources) };
  }

  /** `-A CHAIN args…`, with what the rule is for. */
  write(table: GeneratedTable, chain: string, args: readonly string[], meaning: MeaningArg, sources: readonly SourceRef[] = []): void {
    const t = this.table(table);
    // The text is made now, so the argument arrays die young instead of living until render.
    const text = ['-A', chain, ...args].join(' ');
    t.texts.push(text);
    if (!this.keepRules) return;
    const index = t.counts.get(chain) ?? 0;
    t.counts.set(chain, index + 1);
    t.rules.push({ table, chain, index, text, meaning: typeof meaning === 'function' ? meaning() : meaning, sources });
  }

  /** The restore text, and the rules with their meanings (empty unless kept). */
  render(): { restoreText: string; rules: GeneratedRule[] } {
    const blocks: string[] = [];
    for (const name of TABLE_ORDER) {
      const t = this.table(name);
      const lines = [`*${name}`];
      for (const [chain, policy] of t.chains) lines.push(`:${chain} ${policy} [0:0]`);
      if (t.texts.length > 0) lines.push(t.texts.join('\n'));
      lines.push('COMMIT\n');
      blocks.push(lines.join('\n'));
    }
    const rules = TABLE_ORDER.flatMap((name) => this.table(name).rules);
    return { restoreText: blocks.join(''), rules };
  }

  private table(name: GeneratedTable): TableBuffer {
    const t = this.tables.get(name);
    if (t === undefined) throw new Error(`unknown table ${name}`);
    return t;
  }
}
