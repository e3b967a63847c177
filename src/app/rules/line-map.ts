/**
 * Which rule a printed line of the rules panel is, and where its options sit in the line.
 * `-S` and `iptables-save` print each rule as its `-A CHAIN …` line in chain order, so a line's index in
 * its chain is the number of `-A CHAIN` lines above it. `iptables -L -n -v` prints a chain's rows under
 * its `Chain NAME (…)` header and one line of column titles, up to the blank line that ends the chain.
 * Pure (no DOM), so it runs in unit tests.
 */
import type { RuleFormat, RulePart } from '../../worker/api';
import { indexNftLines } from './nft-line-map';

/** A rule of the printed table: its chain and 0-based position in it. */
export interface LineRule {
  readonly chain: string;
  readonly index: number;
  /**
   * A line of `nft list ruleset` (nftables mode, see nft-line-map.ts): `chain` is a chain, or `@name` for a
   * set or map; `index` -1 is its declaration line.
   */
  readonly nft?: true;
  /** An nft line of elements: how many it holds, from the `index`-th. */
  readonly count?: number;
}

/** The worker heads an nftables node's rules text with this line, and the iptables tables after it with `# iptables (…)`. */
const NFT_HEAD = '# nft list ruleset';

/** line → rule, for one printed text; undefined for lines that are not rules (policies, headers, COMMIT). */
export type RuleLineIndex = (line: number) => LineRule | undefined;

function chainOfAppend(line: string): string | undefined {
  if (!line.startsWith('-A ')) return undefined;
  const end = line.indexOf(' ', 3);
  const chain = end < 0 ? line.slice(3) : line.slice(3, end);
  return chain === '' ? undefined : chain;
}

/**
 * Indexes every line once (one pass; a 100,000-line ruleset takes a few milliseconds), so hovering
 * is a lookup, not a scan.
 */
export function indexRuleLines(lines: readonly string[], format: RuleFormat): RuleLineIndex {
  const chains: (string | undefined)[] = new Array<string | undefined>(lines.length);
  const positions = new Int32Array(lines.length);
  const nft = new Map<number, LineRule>();
  if (lines[0] === NFT_HEAD) {
    const end = lines.findIndex((l) => l.startsWith('# iptables ('));
    indexNftLines(lines, 1, end < 0 ? lines.length : end, (i, rule) => nft.set(i, rule));
  }
  if (format === 'L') {
    let chain: string | undefined;
    let firstRow = 0;
    lines.forEach((l, i) => {
      const header = /^Chain (\S+) \(/.exec(l);
      if (header) {
        chain = header[1];
        firstRow = i + 2;
      } else if (l === '') chain = undefined;
      else if (chain !== undefined && i >= firstRow) {
        chains[i] = chain;
        positions[i] = i - firstRow;
      }
    });
  } else {
    const seen = new Map<string, number>();
    lines.forEach((l, i) => {
      const chain = chainOfAppend(l);
      if (chain === undefined) return;
      const n = seen.get(chain) ?? 0;
      seen.set(chain, n + 1);
      chains[i] = chain;
      positions[i] = n;
    });
  }
  return (line) => {
    const n = nft.get(line);
    if (n) return n;
    const chain = chains[line];
    return chain === undefined ? undefined : { chain, index: positions[line]! };
  };
}

/** A part of a rule as it sits in one printed line: 0-based, end exclusive. */
export interface PlacedPart {
  readonly part: RulePart;
  readonly start: number;
  readonly end: number;
}

/**
 * Where each option of a rule sits in the printed line. The worker's columns are into the rule's `-S`
 * text, which `-S` and `iptables-save` print as is; if a line ever reads differently, each part is looked
 * up in order instead, and parts the line does not hold are left out. `-L` rows re-word every option
 * (`dpt:9000`, `statistic mode random …`), so nothing there can be underlined.
 */
export function placeParts(line: string, text: string, parts: readonly RulePart[], format: RuleFormat): PlacedPart[] {
  if (format === 'L') return [];
  if (line === text) return parts.map((part) => ({ part, start: part.col - 1, end: part.endCol }));
  const out: PlacedPart[] = [];
  let from = 0;
  for (const part of parts) {
    const at = line.indexOf(part.text, from);
    if (at < 0) continue;
    out.push({ part, start: at, end: at + part.text.length });
    from = at + part.text.length;
  }
  return out;
}

/** The part at a 0-based character offset of the line, if any (the spaces between parts belong to none). */
export function partAt(placed: readonly PlacedPart[], offset: number): number | undefined {
  const i = placed.findIndex((p) => offset >= p.start && offset < p.end);
  return i >= 0 ? i : undefined;
}

/**
 * The 1-based YAML lines a source range covers as whole lines: a range that ends at column 1 of a line
 * (how a YAML node's end is reported) stops on the line before it.
 */
export function wholeLines(range: { readonly line: number; readonly endLine: number; readonly endCol: number }): { readonly first: number; readonly last: number } {
  const last = range.endCol <= 1 && range.endLine > range.line ? range.endLine - 1 : range.endLine;
  return { first: range.line, last: Math.max(range.line, last) };
}
