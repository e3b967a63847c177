/**
 * The import's report, bounded: a 100,000-line paste of garbage yields the first 500 problems of each kind
 * and one line saying how many more there were, not a list longer than the dump. Unsimulated modules and
 * targets are reported once each, with how many rules use them and where the first one is.
 */
import type { ImportIssue } from './model';

const MAX_PER_KIND = 500;

export class IssueLog {
  private readonly list: ImportIssue[] = [];
  private readonly perKind = new Map<ImportIssue['kind'], number>();
  /** module or target → its first line and how many rules use it */
  private readonly unsimulated = new Map<string, { line: number; count: number; kind: 'unknown-match' | 'unknown-target' }>();

  add(issue: ImportIssue): void {
    const n = (this.perKind.get(issue.kind) ?? 0) + 1;
    this.perKind.set(issue.kind, n);
    if (n <= MAX_PER_KIND) this.list.push(issue);
  }

  /** `-m bpf` / `-j NFQUEUE` used on `line`. */
  unsimulatedUse(what: string, line: number): void {
    const seen = this.unsimulated.get(what);
    if (seen) seen.count++;
    else this.unsimulated.set(what, { line, count: 1, kind: what.startsWith('-j ') || what.startsWith('xt target ') ? 'unknown-target' : 'unknown-match' });
  }

  get errorCount(): number {
    return this.perKind.get('malformed') ?? 0;
  }

  finish(): ImportIssue[] {
    const out = [...this.list];
    for (const [what, u] of this.unsimulated) {
      const where = u.count === 1 ? `line ${u.line}` : `${u.count} rules, the first on line ${u.line}`;
      const effect =
        u.kind === 'unknown-match'
          ? 'the lab treats it as not matching: results after it may differ from your node'
          : 'the lab stops the packet there: results after it may differ from your node';
      out.push({ line: u.line, severity: 'warning', kind: u.kind, subject: what, message: `this dump uses \`${what}\` (${where}); ${effect}` });
    }
    for (const [kind, n] of this.perKind) {
      if (n > MAX_PER_KIND) out.push({ line: 0, severity: 'warning', kind, subject: String(n - MAX_PER_KIND), message: `${n - MAX_PER_KIND} more problems of this kind (${kind}) are not listed` });
    }
    return out.sort((a, b) => (a.line || Number.MAX_SAFE_INTEGER) - (b.line || Number.MAX_SAFE_INTEGER));
  }
}
