/**
 * Collects chain declarations and rules per table the way kube-proxy's LineBuffers do
 * (proxier.go `filterChains`/`filterRules`/`natChains`/`natRules`), keeping each rule's explanation
 * and sources beside it, and renders them as iptables-restore input (`writeLine`: words joined by
 * single spaces).
 */
import type { SourceRef } from '../cluster/model';
import type { Explanation, GeneratedRule, GeneratedTable } from './types';

interface PendingRule {
  readonly chain: string;
  readonly args: readonly string[];
  readonly explanation: Explanation;
  readonly sources: readonly SourceRef[];
  readonly service?: string;
}

interface TableBuffer {
  /** Chain lines in write order: `[name, policy]`, policy `-` for user chains. */
  readonly chains: [string, string][];
  readonly rules: PendingRule[];
}

/** Tables in the order kube-proxy restores them (filter, then nat). */
const TABLE_ORDER: readonly GeneratedTable[] = ['filter', 'nat'];

export class RuleBuffer {
  private readonly tables = new Map<GeneratedTable, TableBuffer>(TABLE_ORDER.map((t) => [t, { chains: [], rules: [] }]));

  /** `:CHAIN - [0:0]` (or `:INPUT ACCEPT [0:0]` for a built-in chain); a chain is declared once. */
  declare(table: GeneratedTable, chain: string, policy = '-'): void {
    const t = this.table(table);
    if (!t.chains.some(([name]) => name === chain)) t.chains.push([chain, policy]);
  }

  /** `-A CHAIN args…`. */
  write(table: GeneratedTable, chain: string, args: readonly string[], explanation: Explanation, sources: readonly SourceRef[] = [], service?: string): void {
    this.table(table).rules.push(service === undefined ? { chain, args, explanation, sources } : { chain, args, explanation, sources, service });
  }

  render(): { restoreText: string; rules: GeneratedRule[] } {
    const lines: string[] = [];
    const rules: GeneratedRule[] = [];
    for (const name of TABLE_ORDER) {
      const t = this.table(name);
      lines.push(`*${name}`);
      for (const [chain, policy] of t.chains) lines.push(`:${chain} ${policy} [0:0]`);
      const counts = new Map<string, number>();
      for (const r of t.rules) {
        const text = ['-A', r.chain, ...r.args].join(' ');
        const index = counts.get(r.chain) ?? 0;
        counts.set(r.chain, index + 1);
        lines.push(text);
        const rule: GeneratedRule = { table: name, chain: r.chain, index, text, explanation: r.explanation, sources: r.sources };
        rules.push(r.service === undefined ? rule : { ...rule, service: r.service });
      }
      lines.push('COMMIT');
    }
    return { restoreText: `${lines.join('\n')}\n`, rules };
  }

  private table(name: GeneratedTable): TableBuffer {
    const t = this.tables.get(name);
    if (t === undefined) throw new Error(`unknown table ${name}`);
    return t;
  }
}
