/**
 * Who listens where in the real cluster the check builds. Pods listen on the ports their endpoints name
 * and on their declared container ports. Nodes listen where a kind node's components do (issue 14's list,
 * with the addresses kubeadm binds them to), on the health-check node ports kube-proxy serves, and on the
 * ports of endpoints that are the node's own address (`default/kubernetes` → the control plane's :6443).
 */
import type { ClusterModel, ClusterNode, PodModel, ServiceProtocol } from '../../engine/cluster/model';
import type { Listener } from './agent-protocol';

const l4 = (p: ServiceProtocol): 'tcp' | 'udp' | undefined => (p === 'TCP' ? 'tcp' : p === 'UDP' ? 'udp' : undefined);

function unique(listeners: readonly Listener[]): Listener[] {
  const seen = new Map<string, Listener>();
  for (const l of listeners) seen.set(`${l.protocol}/${l.address ?? '0.0.0.0'}/${l.port}`, l);
  // A wildcard bind takes the port for every address: drop specific binds it covers.
  return [...seen.values()].filter((l) => l.address === undefined || !seen.has(`${l.protocol}/0.0.0.0/${l.port}`));
}

/** Ports the EndpointSlices name for `address`. */
function endpointPorts(cluster: ClusterModel, address: string): Listener[] {
  const out: Listener[] = [];
  for (const slice of cluster.endpointSlices) {
    if (!slice.endpoints.some((e) => e.addresses.includes(address))) continue;
    for (const p of slice.ports) {
      const protocol = l4(p.protocol);
      if (protocol && p.port > 0) out.push({ protocol, port: p.port });
    }
  }
  return out;
}

export function podListeners(cluster: ClusterModel, pod: PodModel): Listener[] {
  const declared = pod.ports.flatMap((p): Listener[] => {
    const protocol = l4(p.protocol);
    return protocol ? [{ protocol, port: p.containerPort }] : [];
  });
  return unique([...declared, ...endpointPorts(cluster, pod.ip)]);
}

export function nodeListeners(cluster: ClusterModel, node: ClusterNode): Listener[] {
  const loopback = '127.0.0.1';
  const everyNode: Listener[] = [
    { protocol: 'tcp', port: 10250 }, // kubelet
    { protocol: 'tcp', port: 10248, address: loopback }, // kubelet healthz
    { protocol: 'tcp', port: 10249, address: loopback }, // kube-proxy metrics (kubeadm's metricsBindAddress)
    { protocol: 'tcp', port: 10256 }, // kube-proxy healthz
  ];
  const controlPlane: Listener[] =
    node.role === 'control-plane'
      ? [
          { protocol: 'tcp', port: 6443 }, // kube-apiserver
          { protocol: 'tcp', port: 2379, address: loopback }, // etcd clients
          { protocol: 'tcp', port: 2379, address: node.internalIP },
          { protocol: 'tcp', port: 2380, address: node.internalIP }, // etcd peers
          { protocol: 'tcp', port: 2381, address: loopback }, // etcd metrics
          { protocol: 'tcp', port: 10257, address: loopback }, // kube-controller-manager
          { protocol: 'tcp', port: 10259, address: loopback }, // kube-scheduler
        ]
      : [];
  const healthChecks: Listener[] = cluster.services
    .filter((s) => s.healthCheckNodePort > 0)
    .map((s) => ({ protocol: 'tcp', port: s.healthCheckNodePort }));
  return unique([...everyNode, ...controlPlane, ...healthChecks, ...endpointPorts(cluster, node.internalIP)]);
}
