/**
 * What a packet can be sent from and to in a cluster, as the values `resolveSource`/`resolveDestination`
 * accept — so the UI's pickers offer exactly what the simulation understands.
 */
import type { ClusterModel } from '../cluster/model';

export interface Choice {
  /** Accepted by resolveSource / resolveDestination. */
  readonly value: string;
  readonly label: string;
  readonly group: 'pod' | 'node' | 'external' | 'service' | 'nodePort' | 'loadBalancer' | 'externalIP' | 'podIP';
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
    sources.push({ value: p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}`, label: `${p.name} (${p.ip}, ${p.nodeName})`, group: 'pod' });
  }
  for (const n of cluster.nodes) sources.push({ value: n.name, label: `${n.name} (${n.internalIP}, a process on the node)`, group: 'node' });
  sources.push({ value: 'external', label: 'external client (203.0.113.10)', group: 'external' });

  const destinations: Choice[] = [];
  const later: Choice[] = [];
  for (const s of cluster.services) {
    if (s.type === 'ExternalName' || s.clusterIP === 'None' || !s.clusterIP) continue;
    for (const port of s.ports) {
      const protocol = proto(port.protocol);
      destinations.push({
        value: `${s.name}.${s.namespace}:${port.port}`,
        label: `${s.name}${s.namespace === 'default' ? '' : `.${s.namespace}`}:${port.port} (${s.clusterIP}, ${port.protocol})`,
        group: 'service',
        protocol,
      });
      if (port.nodePort > 0) {
        for (const n of cluster.nodes) {
          later.push({ value: `${n.name}:${port.nodePort}`, label: `${n.name}:${port.nodePort} (NodePort of ${s.name}, ${port.protocol})`, group: 'nodePort', protocol });
        }
      }
      for (const ip of s.loadBalancerIngressIPs) later.push({ value: `${ip}:${port.port}`, label: `${ip}:${port.port} (LoadBalancer ${s.name}, ${port.protocol})`, group: 'loadBalancer', protocol });
      for (const ip of s.externalIPs) later.push({ value: `${ip}:${port.port}`, label: `${ip}:${port.port} (externalIP of ${s.name}, ${port.protocol})`, group: 'externalIP', protocol });
    }
  }
  for (const p of cluster.pods) {
    if (p.hostNetwork || !p.ip) continue;
    const port = p.ports[0];
    later.push({ value: `${p.ip}:${port?.containerPort ?? 80}`, label: `${p.ip}:${port?.containerPort ?? 80} (pod ${p.name}, no Service)`, group: 'podIP', protocol: proto(port?.protocol ?? 'TCP') });
  }
  return { sources, destinations: [...destinations, ...later] };
}
