/**
 * A rule of an IPVS-mode node, hovered in the rules panel: the rule the node holds at that position (the
 * IPVS proxier's tables, not the iptables proxier's, which has other rules at the same positions) and why
 * kube-proxy's IPVS proxier writes it, from the role its writer recorded.
 */
import { explain } from '../engine/explain/catalog';
import { ipvsRuleWords } from '../engine/explain/ipvs-roles';
import { explainRuleParts } from '../engine/netfilter/explain-tokens';
import { ruleText } from '../engine/netfilter/print-rule';
import type { NodeDataPlanes } from '../engine/sim/data-planes';
import type { RuleDetails } from './api';

export function ipvsRuleDetails(planes: NodeDataPlanes, table: 'nat' | 'filter', chain: string, index: number): RuleDetails | undefined {
  const rule = planes.ruleset.tables.get(table)?.chains.get(chain)?.rules[index];
  if (!rule) return undefined;
  const text = ruleText(chain, rule);
  const found = planes.ipvsMeanings?.ruleAt(table, chain, index);
  // kindnet's masq agent rules keep their iptables-mode meaning (the same rules in every mode).
  const explanation =
    found?.kind === 'ipvs'
      ? ipvsRuleWords(found.meaning)
      : found?.kind === 'iptables'
        ? { en: explain(found.meaning.key, found.meaning.params, 'en'), ko: explain(found.meaning.key, found.meaning.params, 'ko') }
        : undefined;
  return {
    text,
    parts: explainRuleParts(text),
    ...(explanation ? { explanation } : {}),
    ...(found?.kind === 'iptables' ? { meaning: found.meaning } : {}),
    sources: [],
  };
}
