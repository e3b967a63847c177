/**
 * The chain graph's sizes, shared by the layout (in the worker) and the view (on the page). Widths are
 * measured from text lengths in the fonts the view uses, so nothing is truncated: chain names in 12px
 * monospace, the line under them (service or policy, and the rule count) in 11px sans-serif, edge labels
 * (the match, e.g. `10.200.1.100:9000/tcp`, `p=0.33333333349`) in 10px monospace.
 */
import type { ChainGraphEdge, ChainGraphNode } from '../engine/netfilter/chain-graph';

export const CHAR_WIDTH = 7.3;
/** An average character of 11px sans-serif (digits and lower case; a little generous). */
export const META_CHAR_WIDTH = 5.7;
export const LABEL_CHAR_WIDTH = 6.1;
export const NODE_HEIGHT = 46;
export const LABEL_HEIGHT = 14;

/** Padding and border of a node, left and right together. */
const NODE_PADDING = 28;
/** The gap between the service and the rule count. */
const META_GAP = 8;

export function nodeWidth(n: ChainGraphNode): number {
  const meta = `${n.service ?? (n.policy ? `policy ${n.policy}` : '')}${n.ruleCount} rules`;
  const text = Math.max(n.chain.length * CHAR_WIDTH, meta.length * META_CHAR_WIDTH + META_GAP, 10 * CHAR_WIDTH);
  return Math.round(text + NODE_PADDING);
}

/** The room an edge's label takes along the edge (its background padding included). */
export function labelWidth(e: ChainGraphEdge): number {
  return e.label ? Math.round(e.label.length * LABEL_CHAR_WIDTH + 10) : 0;
}
