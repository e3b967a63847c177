/**
 * Which part of kube-proxy's table a line of `nft list ruleset` is (nft 1.0.6's layout, print-list.ts):
 * inside `chain NAME {`, its `type … hook …` line and then one rule a line; inside `set NAME {` /
 * `map NAME {`, its `type` line and the `elements = { … }` lines, wrapped as nft wraps them. Pure.
 */
import type { LineRule } from './line-map';

/** How many elements a line of `elements = { … }` holds: nft separates them with `, ` (keys never hold one). */
function elementsOn(line: string): number {
  const body = line.replace(/^\t+(elements = \{ )?\s*/, '').replace(/ \}$/, '').replace(/,$/, '');
  return body === '' ? 0 : body.split(', ').length;
}

/**
 * Indexes the lines of the nft listing that lies between `from` and `to` (exclusive) of `lines`:
 * chains' rules as `{ chain, index }`, a base chain's declaration as index -1, a set or map as `@name`
 * (its `type` line -1, its element lines by the first element's index and their count).
 */
export function indexNftLines(lines: readonly string[], from: number, to: number, set: (line: number, rule: LineRule) => void): void {
  let block: { kind: 'chain' | 'set'; name: string } | undefined;
  let rules = 0;
  let elements = 0;
  let inElements = false;
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    const open = /^\t(chain|set|map) (\S+) \{$/.exec(l);
    if (open) {
      block = { kind: open[1] === 'chain' ? 'chain' : 'set', name: open[2]! };
      rules = 0;
      elements = 0;
      inElements = false;
      continue;
    }
    if (!block) continue;
    if (l === '\t}') {
      block = undefined;
      continue;
    }
    if (block.kind === 'chain') {
      if (!l.startsWith('\t\t') || l.startsWith('\t\tcomment "')) continue;
      if (/^\t\ttype \S+ hook /.test(l)) set(i, { chain: block.name, index: -1, nft: true });
      else set(i, { chain: block.name, index: rules++, nft: true });
      continue;
    }
    const name = `@${block.name}`;
    if (l.startsWith('\t\telements = { ') || (inElements && l.startsWith('\t\t\t'))) {
      inElements = !l.endsWith(' }');
      const count = elementsOn(l);
      set(i, { chain: name, index: elements, count, nft: true });
      elements += count;
    } else if (l.startsWith('\t\ttype ')) set(i, { chain: name, index: -1, nft: true });
  }
}

/** `chain#index` → the line of that rule, for the nft listing at the head of a rules text (empty when there is none). */
export function nftRuleLines(lines: readonly string[]): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  if (lines[0] !== '# nft list ruleset') return out;
  const end = lines.findIndex((l) => l.startsWith('# iptables ('));
  indexNftLines(lines, 1, end < 0 ? lines.length : end, (i, rule) => {
    if (rule.index >= 0 && !rule.chain.startsWith('@')) out.set(`${rule.chain}#${rule.index}`, i);
  });
  return out;
}
