/**
 * Where the current hop's rule sits in the rules panel's text, for each way iptables prints it.
 * `-S` and `iptables-save` print every rule as its `-A` line, so the hop's `rule` text is found as is
 * (the n-th `-A CHAIN` line first, in case two rules of a chain read the same); `-L -n -v` prints rows
 * under a `Chain NAME` header, so the rule is the chain's n-th row. A built-in chain's policy is its
 * `-P` / `:CHAIN POLICY` / `Chain … (policy …)` line.
 */
import type { RuleFormat } from '../../worker/api';

export interface RuleRef {
  readonly chain: string;
  /** 0-based; −1 for the chain's policy. */
  readonly index: number;
  /** The `-A` text, or `policy ACCEPT`. */
  readonly rule: string;
}

function policyLine(lines: readonly string[], format: RuleFormat, chain: string): number | undefined {
  const i = lines.findIndex((l) =>
    format === 'L' ? l.startsWith(`Chain ${chain} (`) : format === 'S' ? l.startsWith(`-P ${chain} `) : l.startsWith(`:${chain} `),
  );
  return i >= 0 ? i : undefined;
}

/** The 0-based line of one rule, or undefined when the text does not hold it (another node or table). */
export function ruleLine(lines: readonly string[], format: RuleFormat, ref: RuleRef): number | undefined {
  if (ref.index < 0) return policyLine(lines, format, ref.chain);
  if (format === 'L') {
    const header = lines.findIndex((l) => l.startsWith(`Chain ${ref.chain} (`));
    if (header < 0) return undefined;
    // The chain's rows follow its header and the column titles, until the blank line.
    const i = header + 2 + ref.index;
    return i < lines.length && lines[i] !== '' ? i : undefined;
  }
  const prefix = `-A ${ref.chain} `;
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.startsWith(prefix) && l !== `-A ${ref.chain}`) continue;
    if (n === ref.index) {
      if (ref.rule === '' || l === ref.rule) return i;
      const exact = lines.indexOf(ref.rule);
      return exact >= 0 ? exact : i;
    }
    n++;
  }
  const exact = ref.rule === '' ? -1 : lines.indexOf(ref.rule);
  return exact >= 0 ? exact : undefined;
}

/**
 * Lines of a folded run of rules (`fromIndex`..`toIndex` of one chain). Every format prints a chain's
 * rules together, so the run is consecutive lines from its first rule.
 */
export function ruleRange(lines: readonly string[], format: RuleFormat, chain: string, fromIndex: number, toIndex: number): number[] {
  const first = ruleLine(lines, format, { chain, index: fromIndex, rule: '' });
  if (first === undefined) return [];
  const out: number[] = [];
  for (let i = first; i <= first + (toIndex - fromIndex) && i < lines.length && lines[i] !== ''; i++) out.push(i);
  return out;
}
