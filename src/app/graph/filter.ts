/**
 * Which part of the chain graph to show: all of it, or one Service's chains with everything that
 * leads to them. Beyond ~500 chains the endpoint chains are folded into one node per service chain,
 * so the graph stays readable and fast.
 */
import type { ChainGraph, ChainGraphEdge, ChainGraphNode } from '../../engine/netfilter/chain-graph';
import { serviceOfPort } from './service-port';

export const FOLD_THRESHOLD = 500;

/**
 * The chains of one Service (all its ports) and every chain on a path into them. Linear in chains and
 * jumps, and light on allocation: a shared link can hold 30,000 chains and 60,000 jumps, and this runs
 * on the page's thread. The way in is a few jumps deep (PREROUTING → KUBE-SERVICES → KUBE-SVC-…), so it
 * is found with one pass over the jumps per step back, not with an index of every chain's callers
 * (building that index alone took most of this function's time at that size).
 */
export function filterByService(graph: ChainGraph, service: string | undefined): ChainGraph {
  if (!service) return graph;
  const ours = new Set<string>();
  /** Chains that belong to no Service: the only ones that can be on the way in (other Services' never are). */
  const serviceless = new Set<string>();
  for (const n of graph.nodes) {
    if (n.service === undefined) serviceless.add(n.chain);
    else if (serviceOfPort(n.service) === service) ours.add(n.chain);
  }
  const keep = new Set(ours);
  for (let frontier = ours; frontier.size > 0; ) {
    const callers = new Set<string>();
    for (const e of graph.edges) {
      if (frontier.has(e.to) && serviceless.has(e.from) && !keep.has(e.from)) {
        keep.add(e.from);
        callers.add(e.from);
      }
    }
    frontier = callers;
  }
  // Chains the service's chains jump to that belong to no service (KUBE-MARK-MASQ).
  for (const e of graph.edges) if (ours.has(e.from) && (serviceless.has(e.to) || ours.has(e.to))) keep.add(e.to);
  return {
    table: graph.table,
    nodes: graph.nodes.filter((n) => keep.has(n.chain)),
    edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
  };
}

/** Folds endpoint chains into one node per jumping chain when the graph is too big to draw node by node. */
export function foldEndpoints(graph: ChainGraph): ChainGraph {
  if (graph.nodes.length <= FOLD_THRESHOLD) return graph;
  const endpoint = new Set(graph.nodes.filter((n) => n.kind === 'endpoint').map((n) => n.chain));
  const byChain = new Map(graph.nodes.map((n) => [n.chain, n]));
  const folded = new Map<string, { count: number; service?: string }>();
  const edges: ChainGraphEdge[] = [];
  for (const e of graph.edges) {
    if (endpoint.has(e.from)) continue;
    if (!endpoint.has(e.to)) {
      edges.push(e);
      continue;
    }
    const id = `${e.from} endpoints`;
    const f = folded.get(id);
    if (f) f.count += 1;
    else {
      const service = byChain.get(e.from)?.service;
      folded.set(id, { count: 1, ...(service ? { service } : {}) });
      edges.push({ from: e.from, to: id, ruleIndex: e.ruleIndex, goto: false, label: '' });
    }
  }
  const nodes: ChainGraphNode[] = graph.nodes.filter((n) => !endpoint.has(n.chain));
  // nftables' endpoint chains are `endpoint-…` (its table is named `family name`).
  const sep = graph.table.includes(' ') ? 'endpoint-' : 'KUBE-SEP';
  for (const [chain, f] of folded) nodes.push({ chain: `${chain} (${f.count} ${sep})`, kind: 'endpoint', ruleCount: f.count, ...(f.service ? { service: f.service } : {}) });
  const renamed = new Map([...folded].map(([id, f]) => [id, `${id} (${f.count} ${sep})`]));
  return { table: graph.table, nodes, edges: edges.map((e) => (renamed.has(e.to) ? { ...e, to: renamed.get(e.to)! } : e)) };
}
