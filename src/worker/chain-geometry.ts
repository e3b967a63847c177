/**
 * The chain graph's sizes, shared by the layout (in the worker) and the view (on the page). Widths are
 * measured from text lengths in the fonts the view uses, so nothing is truncated: chain names in 12px
 * monospace, the line under them (an endpoint's `rule N` badge, service or policy, and the rule count) in
 * 12px sans-serif, edge labels (the match, e.g. `10.200.1.100:9000/tcp`, `p=0.33333333349`) in 12px
 * monospace. 12px is the smallest text the view draws, so a zoom of 1 is the least that keeps every word
 * readable (READABLE_PX on screen; classroom mode asks for more).
 */
import type { ChainGraphEdge, ChainGraphNode } from '../engine/netfilter/chain-graph';

export const CHAR_WIDTH = 7.3;
/** An average character of 12px sans-serif (digits and lower case; a little generous). */
export const META_CHAR_WIDTH = 6.3;
export const LABEL_CHAR_WIDTH = 7.3;
export const NODE_HEIGHT = 48;
export const LABEL_HEIGHT = 18;
/** The smallest font size the view uses, in px at zoom 1. */
export const SMALLEST_FONT_PX = 12;
/** An endpoint's `rule NN` badge and the gap after it, in meta characters. */
const BADGE_CHARS = 9;

/** Padding and border of a node, left and right together. */
const NODE_PADDING = 28;
/** The gap between the service and the rule count. */
const META_GAP = 8;

export function nodeWidth(n: ChainGraphNode): number {
  const meta = `${n.service ?? (n.policy ? `policy ${n.policy}` : '')}${n.ruleCount} ${n.kind === 'nft-map' ? 'elements' : 'rules'}`;
  const badge = n.kind === 'endpoint' ? BADGE_CHARS : 0;
  const text = Math.max(n.chain.length * CHAR_WIDTH, (meta.length + badge) * META_CHAR_WIDTH + META_GAP, 10 * CHAR_WIDTH);
  return Math.round(text + NODE_PADDING);
}

/** The room an edge's label takes along the edge (its background padding included). */
export function labelWidth(e: ChainGraphEdge): number {
  return e.label ? Math.round(e.label.length * LABEL_CHAR_WIDTH + 10) : 0;
}
