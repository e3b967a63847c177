/** The cluster strip's text in English and Korean. Kubernetes terms (control-plane, worker, pod) stay as kubectl prints them. */
import type { Lang } from '../i18n';

export interface HooksMessages {
  /** Accessible name of the strip while a packet is shown. */
  readonly path: string;
  /** Accessible name of the strip before any packet. */
  readonly nodes: string;
  readonly external: string;
  /** Title of a node chip: clicking it shows that node's hooks, chains and rules. */
  readonly showNode: (node: string) => string;
  /** Title of a pod chip. */
  readonly podOn: (pod: string, node: string) => string;
  /** Title of a link between two stops. */
  readonly link: (device: string) => string;
}

const en: HooksMessages = {
  path: 'Cluster path',
  nodes: 'Cluster nodes',
  external: 'outside the cluster',
  showNode: (node) => `Show ${node}'s hooks, chains and rules`,
  podOn: (pod, node) => `${pod}, a pod on ${node}`,
  link: (device) => `across ${device}`,
};

const ko: HooksMessages = {
  path: '클러스터 경로',
  nodes: '클러스터 노드',
  external: '클러스터 외부',
  showNode: (node) => `${node} 노드의 훅, 체인, 규칙 보기`,
  podOn: (pod, node) => `${pod}: ${node} 노드의 파드`,
  link: (device) => `${device} 경유`,
};

const MESSAGES: Readonly<Record<Lang, HooksMessages>> = { en, ko };

export function hooksMessages(lang: Lang): HooksMessages {
  return MESSAGES[lang];
}
