/**
 * Builds kube-proxy's transaction line by line, the way knftables writes its objects
 * (`add table|set|map|chain|rule|element <family> <table> …`), keeping each rule's place in its
 * chain and what each rule and element is for.
 */
import type { NftElementRole, NftGeneratedElement, NftGeneratedRule, NftRuleMeaning } from './meaning';

/** kube-proxy's table, family `ip` (the IPv4 proxier). */
export const TABLE = 'ip kube-proxy';

/** knftables' `{ type … ; flags … ; timeout …s ; comment "…" ; }` property block (empty string when there is none). */
export function properties(props: readonly (string | undefined)[]): string {
  const set = props.filter((p): p is string => p !== undefined);
  return set.length === 0 ? '' : ` { ${set.map((p) => `${p} ;`).join(' ')} }`;
}

export const quoted = (text: string): string => `"${text}"`;

export class TransactionWriter {
  readonly lines: string[] = [];
  /**
   * Without `keep`, only the lines are written: each rule's and element's record (and its meaning) is made
   * when first read, by running the writer again (for 10,000 Services, 220,000 records the text never needs).
   */
  constructor(private readonly keep: boolean) {}

  readonly rules: NftGeneratedRule[] = [];
  readonly elements: NftGeneratedElement[] = [];
  private readonly ruleCounts = new Map<string, number>();
  /** `set key` of every element added: kube-proxy adds an element once per sync (nftElementStorage.ensureElem). */
  private readonly elementKeys = new Set<string>();

  /** A blank line or a `# …` comment, as kube-proxy's goldens separate services (nft -f ignores both). */
  note(text = ''): void {
    this.lines.push(text === '' ? '' : `# ${text}`);
  }

  table(comment: string): void {
    this.lines.push(`add table ${TABLE}${properties([`comment ${quoted(comment)}`])}`);
  }

  set(name: string, props: readonly (string | undefined)[]): void {
    this.lines.push(`add set ${TABLE} ${name}${properties(props)}`);
  }

  map(name: string, props: readonly (string | undefined)[]): void {
    this.lines.push(`add map ${TABLE} ${name}${properties(props)}`);
  }

  chain(name: string, props: readonly (string | undefined)[] = []): void {
    this.lines.push(`add chain ${TABLE} ${name}${properties(props)}`);
  }

  rule(chain: string, text: string, meaning: NftRuleMeaning, comment?: string): void {
    const body = comment === undefined ? text : `${text} comment ${quoted(comment)}`;
    const line = `add rule ${TABLE} ${chain} ${body}`;
    this.lines.push(line);
    if (!this.keep) return;
    const index = this.ruleCounts.get(chain) ?? 0;
    this.ruleCounts.set(chain, index + 1);
    this.rules.push({ chain, index, text: body, line, meaning });
  }

  /**
   * `add element … SET { KEY [comment "…"] [: VERDICT] }`, once per key: a multi-port Service's ClusterIP goes into
   * cluster-ips once. (Two Services claiming the same address, protocol and port is a conflict kube-proxy resolves
   * by its map order; here the first in the canonical order keeps it.)
   */
  element(set: string, key: string, role: NftElementRole, opts: { readonly verdict?: string; readonly comment?: string; readonly service?: string } = {}): void {
    const id = `${set} ${key}`;
    if (this.elementKeys.has(id)) return;
    this.elementKeys.add(id);
    const comment = opts.comment === undefined ? '' : ` comment ${quoted(opts.comment)}`;
    const verdict = opts.verdict === undefined ? '' : ` : ${opts.verdict}`;
    const line = `add element ${TABLE} ${set} { ${key}${comment}${verdict} }`;
    this.lines.push(line);
    if (!this.keep) return;
    this.elements.push({
      set,
      key,
      role,
      line,
      ...(opts.verdict === undefined ? {} : { verdict: opts.verdict }),
      ...(opts.service === undefined ? {} : { service: opts.service }),
    });
  }
}
