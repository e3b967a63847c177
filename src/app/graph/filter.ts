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
 * jumps: at 500 Services the graph has thousands of both, and this runs on the page's thread.
 */
export function filterByService(graph: ChainGraph, service: string | undefined): ChainGraph {
  if (!service) return graph;
  const byChain = new Map<string, ChainGraphNode>();
  for (const n of graph.nodes) byChain.set(n.chain, n);
  const ours = (n: ChainGraphNode | undefined): boolean => n?.service !== undefined && serviceOfPort(n.service) === service;
  const keep = new Set(graph.nodes.filter(ours).map((n) => n.chain));
  const into = new Map<string, string[]>();
  for (const e of graph.edges) {
    const list = into.get(e.to);
    if (list) list.push(e.from);
    else into.set(e.to, [e.from]);
  }
  // Walk edges backwards from the service's chains to keep the way in (PREROUTING → KUBE-SERVICES → …);
  // other services' chains are never on the way in to this one.
  const queue = [...keep];
  while (queue.length > 0) {
    for (const from of into.get(queue.pop()!) ?? []) {
      const node = byChain.get(from);
      if (keep.has(from) || !node || node.service !== undefined) continue;
      keep.add(from);
      queue.push(from);
    }
  }
  // Chains the service's chains jump to that belong to no service (KUBE-MARK-MASQ).
  for (const e of graph.edges) {
    if (!ours(byChain.get(e.from))) continue;
    const to = byChain.get(e.to);
    if (to && (to.service === undefined || ours(to))) keep.add(e.to);
  }
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
  for (const [chain, f] of folded) nodes.push({ chain: `${chain} (${f.count} KUBE-SEP)`, kind: 'endpoint', ruleCount: f.count, ...(f.service ? { service: f.service } : {}) });
  const renamed = new Map([...folded].map(([id, f]) => [id, `${id} (${f.count} KUBE-SEP)`]));
  return { table: graph.table, nodes, edges: edges.map((e) => (renamed.has(e.to) ? { ...e, to: renamed.get(e.to)! } : e)) };
}
