/** Its own module, with nothing but types from the chain graph: the page draws with it. */
import type { ChainGraphEdge } from '../engine/netfilter/chain-graph';

/**
 * An edge's id in the drawn graph (and in a packet's focus): `FROM#ruleIndex` for a jump, `FROM#ruleIndex=KEY`
 * for an element of a rule's anonymous verdict map, `@MAP=KEY` for a named map's element.
 */
export const edgeId = (e: Pick<ChainGraphEdge, 'from' | 'ruleIndex' | 'key'>): string =>
  e.key === undefined ? `${e.from}#${e.ruleIndex}` : e.ruleIndex < 0 ? `${e.from}=${e.key}` : `${e.from}#${e.ruleIndex}=${e.key}`;
