/**
 * Who listens where in the real cluster the check builds: exactly the sockets the lab's nodes and pods have
 * (engine/sim/sockets.ts: a kind node's components at the addresses kubeadm binds them to, the health-check
 * node ports, hostNetwork pods, pods on their container and target ports, and the scenario's Lab.listeners),
 * so that a port the lab calls closed is closed in the kernel too, and the kernel's RST or ICMP port
 * unreachable is compared with the lab's.
 */
import type { ClusterModel, ClusterNode, PodModel } from '../../engine/cluster/model';
import { nodeListeners as labNodeListeners, podListeners as labPodListeners, type Listener as LabListener } from '../../engine/sim/sockets';
import type { Listener } from './agent-protocol';

/** One socket per protocol, address and port (a container port that is also a target port is one socket). */
function unique(listeners: readonly LabListener[]): Listener[] {
  const seen = new Map<string, Listener>();
  for (const l of listeners) seen.set(`${l.protocol}/${l.address ?? '0.0.0.0'}/${l.port}`, { protocol: l.protocol, port: l.port, ...(l.address ? { address: l.address } : {}) });
  // A wildcard bind takes the port for every address: drop specific binds it covers.
  return [...seen.values()].filter((l) => l.address === undefined || !seen.has(`${l.protocol}/0.0.0.0/${l.port}`));
}

export const podListeners = (cluster: ClusterModel, pod: PodModel): Listener[] => unique(labPodListeners(cluster, pod));

export const nodeListeners = (cluster: ClusterModel, node: ClusterNode): Listener[] => unique(labNodeListeners(cluster, node));
