/**
 * Left-to-right layout of the chain graph with dagre. Node width follows the full chain name
 * (names are never truncated), so it is measured from the text length in the monospace font.
 */
import dagre from '@dagrejs/dagre';
import type { ChainGraph, ChainGraphNode } from '../../engine/netfilter/chain-graph';

export const CHAR_WIDTH = 7.3; // 12px monospace
export const NODE_HEIGHT = 46;

export interface Positioned {
  readonly node: ChainGraphNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

export function nodeWidth(n: ChainGraphNode): number {
  const text = Math.max(n.chain.length, (n.service ?? '').length * 0.85, 10);
  return Math.round(text * CHAR_WIDTH + 28);
}

export function layoutChainGraph(graph: ChainGraph): Positioned[] {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 70, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.chain, { width: nodeWidth(n), height: NODE_HEIGHT });
  for (const e of graph.edges) if (g.hasNode(e.from) && g.hasNode(e.to)) g.setEdge(e.from, e.to);
  dagre.layout(g);
  return graph.nodes.map((node) => {
    const p = g.node(node.chain);
    const width = nodeWidth(node);
    return { node, x: p.x - width / 2, y: p.y - NODE_HEIGHT / 2, width };
  });
}
