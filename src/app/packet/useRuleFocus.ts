import { useMemo } from 'react';
import type { RuleFormat } from '../../worker/api';
import { useLabStore } from '../store';
import { ruleLine, ruleRange } from './rule-lines';
import { hopEffect, type EffectKind } from './steps';
import { useDescribedStep } from './useCurrentStep';
import { nftRuleLines } from '../rules/nft-line-map';

export interface RuleFocus {
  /** 0-based lines of the rules text: the current rule, or a folded run of non-matching rules. */
  readonly lines: readonly number[];
  readonly kind: EffectKind;
}

/** The rules panel's line(s) for the current hop, when the panel shows the hop's node and table. */
export function useRuleFocus(text: string | undefined, format: RuleFormat, table: string): RuleFocus | undefined {
  const cur = useDescribedStep();
  const node = useLabStore((s) => s.selectedNode);
  // Split once per text, not once per step.
  const lines = useMemo(() => (text ?? '').split('\n'), [text]);
  // nftables mode: the text starts with `nft list ruleset`, whose rules are found by chain and index.
  const nft = useMemo(() => nftRuleLines(lines), [lines]);
  return useMemo(() => {
    if (!cur || lines.length === 0) return undefined;
    const h = cur.hop;
    if ((h.kind === 'rule' || h.kind === 'skipped' || h.kind === 'map-lookup') && h.table.includes(' ')) {
      if (h.node !== node) return undefined;
      const from = h.kind === 'skipped' ? h.fromIndex : h.ruleIndex;
      const to = h.kind === 'skipped' ? h.toIndex : h.ruleIndex;
      const found: number[] = [];
      for (let i = from; i <= to; i++) {
        const l = nft.get(`${h.chain}#${i}`);
        if (l !== undefined) found.push(l);
      }
      return found.length > 0 ? { lines: found, kind: hopEffect(h).kind } : undefined;
    }
    if ((h.kind !== 'rule' && h.kind !== 'skipped') || h.node !== node || h.table !== table) return undefined;
    const found =
      h.kind === 'rule'
        ? [ruleLine(lines, format, { chain: h.chain, index: h.ruleIndex, rule: h.rule })].filter((l): l is number => l !== undefined)
        : ruleRange(lines, format, h.chain, h.fromIndex, h.toIndex);
    return found.length > 0 ? { lines: found, kind: hopEffect(h).kind } : undefined;
  }, [cur, lines, format, table, node, nft]);
}
