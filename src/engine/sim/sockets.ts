/**
 * Who listens where (DESIGN §3): the sockets a kind cluster's nodes and pods really have open, so that a
 * packet to a port nothing listens on is refused by the receiving stack as the kernel refuses it
 * (tcp_v4_send_reset for TCP, icmp_send port unreachable for UDP) instead of being "delivered".
 *
 * - Every node: kubelet (10250 on every address, its healthz 10248 on 127.0.0.1), kube-proxy (healthz 10256 on
 *   every address; metrics 10249 on 127.0.0.1, kube-proxy's default `metricsBindAddress`, which kind's kubeadm
 *   config leaves alone), the health-check node ports kube-proxy serves for `externalTrafficPolicy: Local`
 *   Services, and the ports of hostNetwork pods.
 * - The control plane (kubeadm's static pods as kind runs them): kube-apiserver 6443 on every address; etcd
 *   clients 2379 on 127.0.0.1 and the node's address, peers 2380 on the node's address, metrics 2381 on
 *   127.0.0.1; kube-controller-manager 10257 and kube-scheduler 10259 on 127.0.0.1 (kubeadm's `--bind-address`).
 * - Pods: their declared container ports, and every port an EndpointSlice names for their address (a Service's
 *   target port counts even when the pod does not declare it, as a container need not declare what it serves).
 * - Whatever the scenario's `Lab.listeners` add.
 */
import type { ClusterModel, ClusterNode, PodModel, ServiceProtocol } from '../cluster/model';
import { formatIpv4, type Ipv4 } from '../ipv4';
import type { L4Protocol } from '../packet';
import type { Party } from './party';

export interface Listener {
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  /** The bound address; absent: every address of the host (0.0.0.0). */
  readonly address?: string;
  /** Who opened it, in the words `ss -lntp` would name the process: `kubelet`, `etcd`, `pod webpod1`, `Lab.listeners[0]`. */
  readonly owner: string;
}

const l4 = (p: ServiceProtocol): 'tcp' | 'udp' | undefined => (p === 'TCP' ? 'tcp' : p === 'UDP' ? 'udp' : undefined);
const LOOPBACK = '127.0.0.1';

/** Every port the EndpointSlices name, by endpoint address: one pass over the slices, however many hosts ask. */
export type EndpointPorts = ReadonlyMap<string, readonly { readonly protocol: 'tcp' | 'udp'; readonly port: number }[]>;

export function endpointPortsByAddress(cluster: ClusterModel): EndpointPorts {
  const out = new Map<string, { protocol: 'tcp' | 'udp'; port: number }[]>();
  for (const slice of cluster.endpointSlices) {
    const ports = slice.ports.flatMap((p) => {
      const protocol = l4(p.protocol);
      return protocol && p.port > 0 ? [{ protocol, port: p.port }] : [];
    });
    if (ports.length === 0) continue;
    for (const e of slice.endpoints) for (const a of e.addresses) {
      const list = out.get(a);
      if (list) list.push(...ports);
      else out.set(a, [...ports]);
    }
  }
  return out;
}

const endpointPorts = (ports: EndpointPorts, address: string, owner: string): Listener[] => (ports.get(address) ?? []).map((p) => ({ ...p, owner }));

function labListeners(cluster: ClusterModel, matches: (l: { node?: string; pod?: string }) => boolean): Listener[] {
  return (cluster.lab.listeners ?? []).flatMap((l, i): Listener[] =>
    matches(l) ? [{ protocol: l.protocol === 'UDP' ? 'udp' : 'tcp', port: l.port, ...(l.address !== undefined ? { address: l.address } : {}), owner: `Lab.listeners[${i}]` }] : [],
  );
}

const podMatches = (pod: PodModel) => (l: { pod?: string }): boolean =>
  l.pod !== undefined && (l.pod === `${pod.namespace}/${pod.name}` || (!l.pod.includes('/') && l.pod === pod.name));

export function podListeners(cluster: ClusterModel, pod: PodModel, ports: EndpointPorts = endpointPortsByAddress(cluster)): Listener[] {
  const owner = `pod ${pod.name}`;
  const declared = pod.ports.flatMap((p): Listener[] => {
    const protocol = l4(p.protocol);
    return protocol ? [{ protocol, port: p.containerPort, owner }] : [];
  });
  return [...declared, ...endpointPorts(ports, pod.ip, owner), ...labListeners(cluster, podMatches(pod))];
}

export function nodeListeners(cluster: ClusterModel, node: ClusterNode, ports: EndpointPorts = endpointPortsByAddress(cluster)): Listener[] {
  const ip = node.internalIP;
  const everyNode: Listener[] = [
    { protocol: 'tcp', port: 10250, owner: 'kubelet' },
    { protocol: 'tcp', port: 10248, address: LOOPBACK, owner: 'kubelet (healthz)' },
    { protocol: 'tcp', port: 10249, address: LOOPBACK, owner: 'kube-proxy (metrics)' },
    { protocol: 'tcp', port: 10256, owner: 'kube-proxy (healthz)' },
  ];
  const controlPlane: Listener[] =
    node.role === 'control-plane'
      ? [
          { protocol: 'tcp', port: 6443, owner: 'kube-apiserver' },
          { protocol: 'tcp', port: 2379, address: LOOPBACK, owner: 'etcd' },
          { protocol: 'tcp', port: 2379, address: ip, owner: 'etcd' },
          { protocol: 'tcp', port: 2380, address: ip, owner: 'etcd (peers)' },
          { protocol: 'tcp', port: 2381, address: LOOPBACK, owner: 'etcd (metrics)' },
          { protocol: 'tcp', port: 10257, address: LOOPBACK, owner: 'kube-controller-manager' },
          { protocol: 'tcp', port: 10259, address: LOOPBACK, owner: 'kube-scheduler' },
        ]
      : [];
  const healthChecks = cluster.services
    .filter((s) => s.healthCheckNodePort > 0)
    .map((s): Listener => ({ protocol: 'tcp', port: s.healthCheckNodePort, owner: `kube-proxy (health check of ${s.namespace}/${s.name})` }));
  const hostNetwork = cluster.pods
    .filter((p) => p.hostNetwork && p.nodeName === node.name)
    .flatMap((p) => p.ports.flatMap((c): Listener[] => {
      const protocol = l4(c.protocol);
      return protocol ? [{ protocol, port: c.containerPort, owner: `pod ${p.name} (hostNetwork)` }] : [];
    }));
  const lab = labListeners(cluster, (l) => l.node === node.name);
  return [...everyNode, ...controlPlane, ...healthChecks, ...hostNetwork, ...endpointPorts(ports, ip, `endpoint ${ip}`), ...lab];
}

/** A cluster's sockets, by host (`node NAME`, `pod NAMESPACE/NAME`), each host's list made when first asked for. */
interface SocketTable {
  readonly ports: EndpointPorts;
  readonly hosts: Map<string, readonly Listener[]>;
}

const tables = new WeakMap<ClusterModel, SocketTable>();

function hostListeners(cluster: ClusterModel, host: Party): readonly Listener[] {
  let t = tables.get(cluster);
  if (!t) {
    t = { ports: endpointPortsByAddress(cluster), hosts: new Map() };
    tables.set(cluster, t);
  }
  if (host.kind === 'external') return [];
  const key = host.kind === 'node' ? `node ${host.node}` : `pod ${host.namespace}/${host.name}`;
  let list = t.hosts.get(key);
  if (!list) {
    const node = host.kind === 'node' ? cluster.nodes.find((n) => n.name === host.node) : undefined;
    const pod = host.kind === 'pod' ? cluster.pods.find((p) => p.namespace === host.namespace && p.name === host.name) : undefined;
    list = node ? nodeListeners(cluster, node, t.ports) : pod ? podListeners(cluster, pod, t.ports) : [];
    t.hosts.set(key, list);
  }
  return list;
}

/** The socket that takes a packet for `dst:dport` on `host`, if one does (a specific bind or a wildcard one). */
export function listenerFor(cluster: ClusterModel, host: Party, protocol: L4Protocol, dst: Ipv4, dport: number): Listener | undefined {
  if (protocol !== 'tcp' && protocol !== 'udp') return undefined;
  const address = formatIpv4(dst);
  return hostListeners(cluster, host).find((l) => l.protocol === protocol && l.port === dport && (l.address === undefined || l.address === address));
}

/** Whether the receiving stack answers on its own: a node's or pod's TCP/UDP port, not an outside host's. */
export function hasSockets(host: Party, protocol: L4Protocol): boolean {
  return host.kind !== 'external' && (protocol === 'tcp' || protocol === 'udp');
}
