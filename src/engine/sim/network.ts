/**
 * The simulated cluster network: every node's netfilter (kube-proxy's rules loaded, an empty conntrack
 * table, `recent` lists, counters) plus its routes, a seeded random stream and a simulated clock.
 * Journeys and spreads mutate it as packets would mutate real nodes, so counters and conntrack entries
 * accumulate until the network is rebuilt.
 */
import type { ClusterModel } from '../cluster/model';
import { createConntrackTable } from '../conntrack';
import { nodeDataPlanes, type NodeDataPlanes } from './data-planes';
import { kubeProxyConntrackTimeouts } from '../kubeproxy/conntrack-sysctls';
import { createRandom, type Random } from '../random';
import { buildTopology, lookupRoute, type ClusterTopology, type NodeTopology } from './topology';
import type { Ipv4 } from '../ipv4';
import type { NetfilterNode } from '../node/netfilter-node';
import type { RouteDecision } from '../node/hops';

export interface SimNode extends NetfilterNode {
  readonly topology: NodeTopology;
  /** What kube-proxy's mode hooked into the node (nftables' table, IPVS's virtual servers). */
  readonly dataPlanes: NodeDataPlanes;
}

export interface SimNetwork {
  readonly cluster: ClusterModel;
  readonly topology: ClusterTopology;
  readonly nodes: ReadonlyMap<string, SimNode>;
  /** The stream every random choice of the network draws from (statistic, NAT ports, client ports). */
  readonly random: Random;
  /** Simulated time in ms; journeys advance it. */
  nowMs: number;
}

export function routeFor(node: NodeTopology): (destination: Ipv4) => RouteDecision | undefined {
  return (destination) => {
    const r = lookupRoute(node, destination);
    if (!r) return undefined;
    if (r.type === 'local') return { kind: 'local' };
    return { kind: 'unicast', device: r.device, ...(r.via !== undefined ? { via: r.via } : {}), source: r.source ?? node.internalIP };
  };
}

export interface NetworkOptions {
  /** @default 1 */
  readonly seed?: number;
  /** Keep conntrack event logs (`conntrack -E`); spreads turn them off to save memory. @default true */
  readonly recordEvents?: boolean;
  /** Rulesets already generated for this cluster (the worker caches them); generated here otherwise. */
  readonly rulesets?: (node: string) => SimNode['ruleset'] | undefined;
  /** Data planes already built for a node (the scale sweep builds and times them once); built here otherwise. */
  readonly dataPlanes?: (node: string) => NodeDataPlanes | undefined;
}

export function createNetwork(cluster: ClusterModel, options: NetworkOptions = {}): SimNetwork {
  const topology = buildTopology(cluster);
  const nodes = new Map<string, SimNode>();
  // Every node runs kube-proxy, which sets its namespace's conntrack timeouts from its configuration.
  const timeouts = kubeProxyConntrackTimeouts(cluster.kubeProxy.conntrack);
  for (const [name, t] of topology.nodes) {
    const dp = options.dataPlanes?.(name) ?? nodeDataPlanes(cluster, name, options.rulesets?.(name));
    const vips = new Set(dp.extraLocalAddresses);
    const route = routeFor(t);
    nodes.set(name, {
      name,
      topology: t,
      ruleset: dp.ruleset,
      conntrack: createConntrackTable({ recordEvents: options.recordEvents ?? true, timeouts }),
      localAddresses: vips.size === 0 ? t.localAddresses : new Set([...t.localAddresses, ...vips]),
      recent: new Map(),
      nthCounters: new Map(),
      nfacct: new Map(),
      ipsets: dp.ipsets,
      // kube-ipvs0 holds every Service IP: the kernel's local table has a route for each.
      route: vips.size === 0 ? route : (dst) => (vips.has(dst) ? { kind: 'local' } : route(dst)),
      planes: dp.planes,
      dataPlanes: dp,
    });
  }
  return { cluster, topology, nodes, random: createRandom(options.seed ?? 1), nowMs: 0 };
}
