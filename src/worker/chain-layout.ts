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
  // What dagre is given: each chain's box, and each jump (once per pair of chains) with its label's room.
  const nodes = graph.nodes.map((n) => ({ chain: n.chain, width: nodeWidth(n) }));
  const known = new Set(nodes.map((n) => n.chain));
  const edges = new Map<string, { readonly from: string; readonly to: string; width: number }>();
  for (const e of graph.edges) {
    if (!known.has(e.from) || !known.has(e.to)) continue;
    const key = `${e.from} ${e.to}`;
    const edge = edges.get(key);
    if (edge) edge.width = Math.max(edge.width, labelWidth(e));
    else edges.set(key, { from: e.from, to: e.to, width: labelWidth(e) });
  }
  const centres = dagreCentres(nodes, [...edges.values()]);
  const rules = endpointRules(graph);
  const centreY = inRuleOrder(rules, new Map(graph.nodes.map((n) => [n.chain, centres.get(n.chain)!.y])));
  return nodes.map(({ chain, width }) => {
    const rule = rules.get(chain);
    return { chain, x: centres.get(chain)!.x - width / 2, y: centreY.get(chain)! - NODE_HEIGHT / 2, width, ...(rule ? { rule } : {}) };
  });
}

/** Dagre's centres for the last few inputs: typing a port changes an edge's label, rarely its length, never the chains. */
const kept = new Map<string, ReadonlyMap<string, { readonly x: number; readonly y: number }>>();
const KEPT_LAYOUTS = 8;

/** Each chain's centre as dagre places it; the same inputs (in the same order) always give the same places. */
function dagreCentres(nodes: readonly { chain: string; width: number }[], edges: readonly { from: string; to: string; width: number }[]): ReadonlyMap<string, { readonly x: number; readonly y: number }> {
  const key = JSON.stringify([nodes.map((n) => [n.chain, n.width]), edges.map((e) => [e.from, e.to, e.width])]);
  const known = kept.get(key);
  if (known) return known;
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 70, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.chain, { width: n.width, height: NODE_HEIGHT });
  // Labelled edges get room of their own between the ranks (dagre puts each label in a rank of its own),
  // so `10.200.1.100:9000/tcp` no longer runs under the chains on either side.
  for (const e of edges) g.setEdge(e.from, e.to, e.width > 0 ? { width: e.width, height: LABEL_HEIGHT, labelpos: 'c' } : {});
  dagre.layout(g);
  const centres = new Map(nodes.map((n) => {
    const p = g.node(n.chain);
    return [n.chain, { x: p.x, y: p.y }] as const;
  }));
  if (kept.size >= KEPT_LAYOUTS) kept.delete(kept.keys().next().value!);
  kept.set(key, centres);
  return centres;
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

/** Drops the kept layouts (tests compare a kept layout with one made afresh). */
export function forgetChainLayouts(): void {
  kept.clear();
}
