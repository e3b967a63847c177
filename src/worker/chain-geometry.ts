/**
 * The chain graph's node sizes, shared by the layout (in the worker) and the view (on the page). Node
 * width follows the full chain name (names are never truncated), measured from the text length in the
 * 12px monospace font the nodes use.
 */
import type { ChainGraphNode } from '../engine/netfilter/chain-graph';

export const CHAR_WIDTH = 7.3;
export const NODE_HEIGHT = 46;

export function nodeWidth(n: ChainGraphNode): number {
  const text = Math.max(n.chain.length, (n.service ?? '').length * 0.85, 10);
  return Math.round(text * CHAR_WIDTH + 28);
}
