/** Who sends and receives in a journey: a pod, a process on a node, or a host outside the cluster. */
import { formatIpv4, type Ipv4 } from '../ipv4';
import type { Source } from './addresses';

export type Party =
  | { readonly kind: 'pod'; readonly name: string; readonly namespace: string; readonly node: string; readonly ip: Ipv4 }
  | { readonly kind: 'node'; readonly node: string }
  | { readonly kind: 'external'; readonly ip: Ipv4 };

export function partyName(p: Party): string {
  switch (p.kind) {
    case 'pod':
      return p.name;
    case 'node':
      return p.node;
    case 'external':
      return `external ${formatIpv4(p.ip)}`;
  }
}

export function sourceParty(source: Source): Party {
  switch (source.kind) {
    case 'pod':
      return { kind: 'pod', name: source.pod.name, namespace: source.pod.namespace, node: source.node, ip: source.ip };
    case 'node':
      return { kind: 'node', node: source.node };
    case 'external':
      return { kind: 'external', ip: source.ip };
  }
}
