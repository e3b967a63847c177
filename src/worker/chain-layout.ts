/**
 * Left-to-right layout of the chain graph with dagre. It runs in the engine worker: at a thousand
 * services dagre takes long enough to freeze the page, and the page's first load stays lighter.
 */
import dagre from '@dagrejs/dagre';
import type { ChainGraph } from '../engine/netfilter/chain-graph';
import { endpointRules, type EndpointRule } from '../engine/netfilter/endpoint-rules';
import { LABEL_HEIGHT, NODE_HEIGHT, labelWidth, nodeWidth } from './chain-geometry';

/** Where a chain's node goes: its top-left corner and its width (the height is NODE_HEIGHT). */
export interface ChainPosition {
  readonly chain: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** An endpoint chain: the Service chain that picks it and that rule's 1-based position (the `rule N` badge). */
  readonly rule?: EndpointRule;
}

export function layoutChainGraph(graph: ChainGraph): ChainPosition[] {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 70, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.chain, { width: nodeWidth(n), height: NODE_HEIGHT });
  // Labelled edges get room of their own between the ranks (dagre puts each label in a rank of its own),
  // so `10.200.1.100:9000/tcp` no longer runs under the chains on either side.
  for (const e of graph.edges) {
    if (!g.hasNode(e.from) || !g.hasNode(e.to)) continue;
    const width = Math.max(labelWidth(e), (g.edge(e.from, e.to) as { width?: number } | undefined)?.width ?? 0);
    g.setEdge(e.from, e.to, width > 0 ? { width, height: LABEL_HEIGHT, labelpos: 'c' } : {});
  }
  dagre.layout(g);
  const rules = endpointRules(graph);
  const centreY = inRuleOrder(rules, new Map(graph.nodes.map((n) => [n.chain, g.node(n.chain).y])));
  return graph.nodes.map((node) => {
    const p = g.node(node.chain);
    const width = nodeWidth(node);
    const rule = rules.get(node.chain);
    return { chain: node.chain, x: p.x - width / 2, y: centreY.get(node.chain)! - NODE_HEIGHT / 2, width, ...(rule ? { rule } : {}) };
  });
}

/**
 * Dagre orders a column to cross as few edges as it can, not by rule: the endpoints of a Service chain
 * then stand in any order. They take the same places, top to bottom in the order the kernel tries their
 * rules, so `rule 2` stands above `rule 3` and each probability reads next to its own endpoint.
 */
function inRuleOrder(rules: ReadonlyMap<string, EndpointRule>, y: Map<string, number>): Map<string, number> {
  const children = new Map<string, { chain: string; rule: number }[]>();
  for (const [chain, r] of rules) {
    const list = children.get(r.from) ?? [];
    list.push({ chain, rule: r.rule });
    children.set(r.from, list);
  }
  for (const list of children.values()) {
    const places = list.map((c) => y.get(c.chain)!).sort((a, b) => a - b);
    [...list].sort((a, b) => a.rule - b.rule).forEach((c, i) => y.set(c.chain, places[i]!));
  }
  return y;
}
