/** The cluster strip's text in English and Korean. Kubernetes terms (control-plane, worker, pod) stay as kubectl prints them. */
import type { Lang } from '../i18n';

export interface HooksMessages {
  /** Accessible name of the strip while a packet is shown. */
  readonly path: string;
  /** Accessible name of the strip before any packet. */
  readonly nodes: string;
  readonly external: string;
  /** The outside client's chip. */
  readonly externalName: string;
  /** Title of a node chip: clicking it shows that node's hooks, chains and rules. */
  readonly showNode: (node: string) => string;
  /** Title of a pod chip. */
  readonly podOn: (pod: string, node: string) => string;
  /** Title of a link between two stops. */
  readonly link: (device: string) => string;
  /** Accessible name of the diagram's scrolling view. */
  readonly diagram: string;
  /** Accessible name of the outline that shows which part of the diagram is on screen. */
  readonly overview: string;
  /** Which node's hooks the diagram shows. */
  readonly onNode: (node: string) => string;
}

const en: HooksMessages = {
  path: 'Cluster path',
  nodes: 'Cluster nodes',
  external: 'outside the cluster',
  externalName: 'external',
  showNode: (node) => `Show ${node}'s hooks, chains and rules`,
  podOn: (pod, node) => `${pod}, a pod on ${node}`,
  link: (device) => `across ${device}`,
  diagram: 'Hook diagram (scrolls when it does not fit)',
  overview: 'Where the view is in the whole hook diagram',
  onNode: (node) => `The hooks of ${node}`,
};

const ko: HooksMessages = {
  path: '클러스터 경로',
  nodes: '클러스터 노드',
  external: '클러스터 외부',
  externalName: '외부',
  showNode: (node) => `${node} 노드의 훅, 체인, 규칙 보기`,
  podOn: (pod, node) => `${pod}: ${node} 노드의 파드`,
  link: (device) => `${device} 경유`,
  diagram: '훅 다이어그램 (다 보이지 않으면 스크롤됩니다)',
  overview: '전체 훅 다이어그램에서 지금 보이는 부분',
  onNode: (node) => `${node} 노드의 훅`,
};

const MESSAGES: Readonly<Record<Lang, HooksMessages>> = { en, ko };

export function hooksMessages(lang: Lang): HooksMessages {
  return MESSAGES[lang];
}
