/**
 * The cluster changed (a Deployment scaled, an endpoint removed, any edit of the scenario) while the nodes
 * kept running. On a real node nothing restarts: kube-proxy's next sync rewrites the rules
 * (`iptables-restore --noflush`, counters start again), the conntrack table and the `-m recent` lists stay
 * as they are, and then kube-proxy's reconciler deletes the stale UDP entries (conntrack-cleanup.ts).
 * TCP entries stay: their next packets still follow the entry's DNAT to the old endpoint.
 */
import type { ClusterModel } from '../cluster/model';
import { cleanStaleEntries, type ConntrackCleanup } from '../kubeproxy/conntrack-cleanup';
import { servicePorts } from '../kubeproxy/service-ports';
import { createNetwork, type NetworkOptions, type SimNetwork, type SimNode } from './network';

export interface NetworkReload {
  /** The network over the new cluster, with the old one's conntrack tables, `recent` lists, clock and random stream. */
  readonly network: SimNetwork;
  /** Per node that kept its table (only nodes where the reconciler deleted something). */
  readonly cleanups: Readonly<Record<string, ConntrackCleanup>>;
}

export interface ReloadOptions extends Pick<NetworkOptions, 'rulesets'> {
  /** Run kube-proxy's conntrack reconciler after the sync. @default true */
  readonly cleanup?: boolean;
}

/**
 * `old`'s nodes running on with `cluster`'s rules and routes. A node the new cluster no longer has is gone
 * with its table; a new node starts with an empty one.
 */
export function reloadNetwork(old: SimNetwork, cluster: ClusterModel, options: ReloadOptions = {}): NetworkReload {
  const fresh = createNetwork(cluster, { ...(options.rulesets ? { rulesets: options.rulesets } : {}), recordEvents: true });
  const nodes = new Map<string, SimNode>();
  const cleanups: Record<string, ConntrackCleanup> = {};
  for (const [name, node] of fresh.nodes) {
    const before = old.nodes.get(name);
    if (!before) {
      nodes.set(name, node);
      continue;
    }
    const kept: SimNode = { ...node, conntrack: before.conntrack, recent: before.recent };
    nodes.set(name, kept);
    if (options.cleanup === false) continue;
    const cleanup = cleanStaleEntries(kept.conntrack, servicePorts(cluster, name), old.nowMs);
    if (cleanup.deleted.length > 0) cleanups[name] = cleanup;
  }
  return { network: { ...fresh, nodes, random: old.random, nowMs: old.nowMs }, cleanups };
}
