/**
 * A line of `nft list ruleset` in the rules panel, explained as the iptables lines are (RuleDetails): a
 * rule statement by statement with why kube-proxy writes it, a line of map or set elements with what each
 * element is for, a set's or map's `type` line, a base chain's `type … hook … priority` line. What is
 * explained is the very ruleset the rules panel printed (with the runtime's dynamic elements and counters).
 */
import type { ClusterModel } from '../engine/cluster/model';
import type { NftablesTransaction } from '../engine/kubeproxy/nftables';
import { nftElementWords, nftRuleWords, nftSetWords } from '../engine/kubeproxy/nftables/explain-roles';
import type { Words } from '../engine/netfilter/explain-tokens';
import { nftBaseChainParts, nftRuleParts, nftSetTypeParts } from '../engine/nftables/explain-parts';
import type { NftTable } from '../engine/nftables/model';
import { priorityText } from '../engine/nftables/print-list';
import { elementText, ruleText } from '../engine/nftables/print-rule';
import { formatValue } from '../engine/nftables/values';
import type { RuleDetails, RulePart } from './api';
import { elementOf } from './nft-meanings';

/**
 * Which line: a chain's rule (`chain`, 0-based `index`), its base chain line (`index` -1); a set's or map's
 * `type` line (`@name`, -1) or `count` of its elements from the `index`-th (a line of `elements = { … }`).
 */
export interface NftLineRef {
  readonly chain: string;
  readonly index: number;
  readonly count?: number;
}

/** The Service (`ns/name:port`) whose YAML lit up, as its document's range. */
type ServiceSources = (service: string | undefined) => RuleDetails['sources'];

export function serviceSources(cluster: ClusterModel | undefined, locate: (refs: readonly ClusterModel['services'][number]['source'][]) => RuleDetails['sources']): ServiceSources {
  return (service) => {
    if (!cluster || service === undefined) return [];
    const [nsName = ''] = service.split(':');
    const s = cluster.services.find((x) => `${x.namespace}/${x.name}` === nsName);
    return s ? locate([s.source]) : [];
  };
}

const details = (text: string, parts: readonly RulePart[], words: Words | undefined, service: string | undefined, sources: ServiceSources): RuleDetails => ({
  text,
  parts,
  ...(words ? { explanation: words } : {}),
  sources: sources(service),
  ...(service !== undefined ? { service } : {}),
});

export function nftLineDetails(table: NftTable, tx: NftablesTransaction, ref: NftLineRef, sources: ServiceSources): RuleDetails | undefined {
  if (ref.chain.startsWith('@')) {
    const set = table.sets.find((s) => s.name === ref.chain.slice(1));
    if (!set) return undefined;
    if (ref.index < 0) {
      const text = `type ${set.keyType.join(' . ')}${set.kind === 'map' ? ' : verdict' : ''}`;
      return details(text, nftSetTypeParts(set, text), nftSetWords(set.name), undefined, sources);
    }
    const elements = set.elements.slice(ref.index, ref.index + Math.max(1, ref.count ?? 1));
    if (elements.length === 0) return undefined;
    const texts = elements.map((e) => elementText(e, set.timeoutMs));
    const text = texts.join(', ');
    const generated = elements.map((e) => elementOf(tx, set.name, formatValue(e.key)));
    let at = 0;
    const parts: RulePart[] = texts.map((t, i) => {
      const g = generated[i];
      const words = g ? nftElementWords(g.role, g.service) : nftSetWords(set.name);
      const part: RulePart = { text: t, col: at + 1, endCol: at + t.length, ...(words ? { words } : {}) };
      at += t.length + 2;
      return part;
    });
    // One element on the line (a map's): its own words; several (a set of addresses): the set's.
    const only = generated.length === 1 ? generated[0] : undefined;
    const words = only ? nftElementWords(only.role, only.service) : nftSetWords(set.name);
    return details(text, parts, words, only?.service, sources);
  }
  const chain = table.chains.find((c) => c.name === ref.chain);
  if (!chain) return undefined;
  if (ref.index < 0) {
    if (!chain.base) return undefined;
    const b = chain.base;
    const text = `type ${b.type} hook ${b.hook} priority ${priorityText(b.priority, b.hook)}; policy ${b.policy};`;
    const words: Words = {
      en: `A base chain: kube-proxy's ${chain.name} hooks into netfilter at ${b.hook}, priority ${b.priority}, among iptables' tables and conntrack (the hook diagram shows where).`,
      ko: `베이스 체인: kube-proxy의 ${chain.name} 체인이 netfilter의 ${b.hook} 훅에 우선순위 ${b.priority}로 걸립니다. iptables 테이블과 conntrack 사이의 자리는 훅 다이어그램에 보입니다.`,
    };
    return details(text, nftBaseChainParts(b, text), words, undefined, sources);
  }
  const rule = chain.rules[ref.index];
  if (!rule) return undefined;
  const text = ruleText(rule);
  const meaning = tx.meaningAt(chain.name, ref.index);
  return details(text, nftRuleParts(rule, text), meaning ? nftRuleWords(meaning) : undefined, meaning?.service, sources);
}
