/**
 * What a packet can be sent from and to in a cluster, as the values `resolveSource`/`resolveDestination`
 * accept — so the UI's pickers offer exactly what the simulation understands.
 */
import type { ClusterModel } from '../cluster/model';

/**
 * What a choice is, as data: the UI names it in its own language (a process on a node, the outside
 * client, a pod's IP with no Service…). `protocol` is the Service port's, as the API spells it (TCP).
 */
export type ChoiceWhat =
  | { readonly kind: 'pod'; readonly name: string; readonly ip: string; readonly node: string }
  | { readonly kind: 'node'; readonly name: string; readonly ip: string }
  | { readonly kind: 'external'; readonly ip: string }
  | { readonly kind: 'service'; readonly name: string; readonly namespace: string; readonly port: number; readonly clusterIP: string; readonly protocol: string }
  | { readonly kind: 'nodePort'; readonly node: string; readonly port: number; readonly service: string; readonly protocol: string }
  | { readonly kind: 'loadBalancer'; readonly ip: string; readonly port: number; readonly service: string; readonly protocol: string }
  | { readonly kind: 'externalIP'; readonly ip: string; readonly port: number; readonly service: string; readonly protocol: string }
  | { readonly kind: 'podIP'; readonly ip: string; readonly port: number; readonly pod: string };

export interface Choice {
  /** Accepted by resolveSource / resolveDestination. */
  readonly value: string;
  /** `typed`: a destination the learner typed (`IP:PORT`, `NODE:PORT`, an address to ping), not one the cluster offers. */
  readonly group: 'pod' | 'node' | 'external' | 'service' | 'nodePort' | 'loadBalancer' | 'externalIP' | 'podIP' | 'typed';
  /** What the value stands for; absent for a value given as typed (a CLI spelling), which is shown as is. */
  readonly what?: ChoiceWhat;
  /** Destinations only. */
  readonly protocol?: 'tcp' | 'udp' | 'sctp';
}

export interface PacketChoices {
  readonly sources: readonly Choice[];
  readonly destinations: readonly Choice[];
}

const proto = (p: string): 'tcp' | 'udp' | 'sctp' => (p === 'UDP' ? 'udp' : p === 'SCTP' ? 'sctp' : 'tcp');

export function packetChoices(cluster: ClusterModel): PacketChoices {
  const sources: Choice[] = [];
  for (const p of cluster.pods) {
    if (p.hostNetwork || !p.ip) continue;
    sources.push({ value: p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}`, group: 'pod', what: { kind: 'pod', name: p.name, ip: p.ip, node: p.nodeName } });
  }
  for (const n of cluster.nodes) sources.push({ value: n.name, group: 'node', what: { kind: 'node', name: n.name, ip: n.internalIP } });
  sources.push({ value: 'external', group: 'external', what: { kind: 'external', ip: '203.0.113.10' } });

  const destinations: Choice[] = [];
  const later: Choice[] = [];
  for (const s of cluster.services) {
    if (s.type === 'ExternalName' || s.clusterIP === 'None' || !s.clusterIP) continue;
    for (const port of s.ports) {
      const protocol = proto(port.protocol);
      destinations.push({
        value: `${s.name}.${s.namespace}:${port.port}`,
        group: 'service',
        what: { kind: 'service', name: s.name, namespace: s.namespace, port: port.port, clusterIP: s.clusterIP, protocol: port.protocol },
        protocol,
      });
      if (port.nodePort > 0) {
        for (const n of cluster.nodes) {
          later.push({ value: `${n.name}:${port.nodePort}`, group: 'nodePort', what: { kind: 'nodePort', node: n.name, port: port.nodePort, service: s.name, protocol: port.protocol }, protocol });
        }
      }
      for (const ip of s.loadBalancerIngressIPs) later.push({ value: `${ip}:${port.port}`, group: 'loadBalancer', what: { kind: 'loadBalancer', ip, port: port.port, service: s.name, protocol: port.protocol }, protocol });
      for (const ip of s.externalIPs) later.push({ value: `${ip}:${port.port}`, group: 'externalIP', what: { kind: 'externalIP', ip, port: port.port, service: s.name, protocol: port.protocol }, protocol });
    }
  }
  for (const p of cluster.pods) {
    if (p.hostNetwork || !p.ip) continue;
    const port = p.ports[0];
    const at = port?.containerPort ?? 80;
    later.push({ value: `${p.ip}:${at}`, group: 'podIP', what: { kind: 'podIP', ip: p.ip, port: at, pod: p.name }, protocol: proto(port?.protocol ?? 'TCP') });
  }
  return { sources, destinations: [...destinations, ...later] };
}
