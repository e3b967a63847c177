/** The rules panel's own text in English and Korean (the rule words themselves come from the worker). */
import type { Lang } from '../i18n';

export interface RulesMessages {
  /** Heading of the "why kube-proxy writes this rule" paragraph. */
  readonly why: string;
  /** Screen-reader name of the list of options. */
  readonly options: string;
  /** Where in the scenario the rule comes from. */
  readonly yamlLines: (lines: string) => string;
  readonly noYaml: string;
  readonly service: string;
  /** Shown for `-L` rows, whose options are re-worded: the same rule as `-S` prints it. */
  readonly asSPrints: string;
  readonly noDetails: string;
  /** The rules text's hint for keyboard users (title of the text area). */
  readonly keys: string;
  /** The toolbar's checkbox that wraps long rules. */
  readonly wrap: string;
  /** nftables / IPVS mode: what the caption before the tabs means (`nft list ruleset` first, then iptables). */
  readonly headHint: (command: string) => string;
}

const en: RulesMessages = {
  why: 'Why',
  options: 'Options',
  yamlLines: (lines) => `YAML lines ${lines}`,
  noYaml: 'no YAML behind it: a node-wide rule, or an implicit object',
  service: 'Service',
  asSPrints: 'as iptables -S prints it',
  noDetails: 'No explanation for this rule.',
  keys: 'Hover a rule, or focus one and use ↑ ↓ Home End, to see what it does; Esc hides it.',
  wrap: 'wrap',
  headHint: (command) => `First kube-proxy's ${command}, then the node's remaining iptables tables in the form chosen here`,
};

const ko: RulesMessages = {
  why: '이유',
  options: '옵션',
  yamlLines: (lines) => `YAML ${lines}번째 줄`,
  noYaml: 'YAML 출처 없음: 노드 전체 규칙이거나 암시적 객체',
  service: '서비스',
  asSPrints: 'iptables -S 출력 형식',
  noDetails: '이 규칙에 대한 설명이 없습니다.',
  keys: '규칙에 마우스를 올리거나, 포커스한 뒤 ↑ ↓ Home End로 이동하면 설명이 보입니다. Esc로 닫습니다.',
  wrap: '줄 바꿈',
  headHint: (command) => `먼저 kube-proxy의 ${command}, 이어서 노드에 남은 iptables 테이블을 여기서 고른 형식으로 보여 줍니다`,
};

const MESSAGES: Readonly<Record<Lang, RulesMessages>> = { en, ko };

export function rulesMessages(lang: Lang): RulesMessages {
  return MESSAGES[lang];
}
