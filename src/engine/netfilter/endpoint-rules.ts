/**
 * The order of a Service's endpoints in the chain graph. Its own module, with nothing but types from the
 * chain graph: the page draws with it, and importing chain-graph.ts itself would bring the rule printers
 * (and their tables) to the page's first screen.
 */
import type { ChainGraph } from './chain-graph';

/** Where an endpoint chain sits in the Service chain that picks it: that chain and the rule's 1-based position. */
export interface EndpointRule {
  readonly from: string;
  /** 1-based, as `iptables -L --line-numbers` counts: the order in which the kernel tries the endpoints. */
  readonly rule: number;
}

/**
 * The rule of a KUBE-SVC-/KUBE-SVL- chain that jumps to each KUBE-SEP- chain. The kernel tries those rules
 * top to bottom (each `statistic --probability` of what is left), so this is the order to draw them in. An
 * endpoint reached from two Service chains (eTP Local: KUBE-SVC- and KUBE-SVL-) keeps the first one's rule.
 * An nft verdict map's branches share their rule (import/nft-graph.ts numbers them between it and the next).
 */
export function endpointRules(graph: ChainGraph): Map<string, EndpointRule> {
  const kind = new Map(graph.nodes.map((n) => [n.chain, n.kind]));
  const out = new Map<string, EndpointRule>();
  for (const e of graph.edges) {
    const from = kind.get(e.from);
    // nftables picks endpoints with one rule (`numgen … vmap { … }`), not one rule each: no rule order to show.
    if (e.key !== undefined) continue;
    if ((from === 'service' || from === 'service-local') && kind.get(e.to) === 'endpoint' && !out.has(e.to)) out.set(e.to, { from: e.from, rule: Math.floor(e.ruleIndex) + 1 });
  }
  return out;
}
