/**
 * What of an imported node's chain graph the page draws. A node's table can hold 30,000 chains: sent
 * whole, the graph alone takes the page's thread for hundreds of milliseconds to receive and sort, and
 * laying it out takes the worker past its deadline. So a large graph is cut here, in the worker, to one
 * Service's chains and the way into them, or to the chains around one chain (else the built-in ones).
 */
import type { ChainGraph } from '../netfilter/chain-graph';

/** Up to this many chains, the graph goes to the page whole (the page filters it by Service itself). */
export const WHOLE_GRAPH_CHAINS = 1500;
/** At most this many chains around one chain. */
export const AROUND_CHAINS = 250;
/** Services listed at once for the picker of a large graph; the others are found by `serviceQuery`. */
export const LISTED_SERVICES = 500;

/** What the page asks of a large graph: a Service's chains, the chains around one chain, Services by name. */
export interface GraphFocus {
  readonly service?: string;
  readonly chain?: string;
  /** Lists the Services whose name contains it (any case), so every Service of a large table is reachable. */
  readonly serviceQuery?: string;
}

export interface GraphView {
  readonly graph: ChainGraph;
  /**
   * `namespace/name` of the Services the table's chains belong to: of a large graph, the first
   * LISTED_SERVICES of those matching `serviceQuery` (and the focused one), never thousands at once.
   */
  readonly services: readonly string[];
  /** How many Services the table has, and how many match `serviceQuery`. */
  readonly serviceCount: number;
  readonly matchingServices: number;
  readonly totalChains: number;
  /** The graph is a cut of the table's (see above). */
  readonly partial: boolean;
}

const serviceOf = (servicePort: string): string => servicePort.split(':')[0]!;

function sub(graph: ChainGraph, keep: ReadonlySet<string>): ChainGraph {
  return { table: graph.table, nodes: graph.nodes.filter((n) => keep.has(n.chain)), edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
}

/** The chains around `center` (else the built-in chains): what jumps to them and where they jump. */
export function aroundChain(graph: ChainGraph, center: string | undefined, cap = AROUND_CHAINS): ChainGraph {
  const start = center && graph.nodes.some((n) => n.chain === center) ? [center] : graph.nodes.filter((n) => n.kind === 'builtin').map((n) => n.chain);
  const from = new Set(start);
  const keep = new Set(start);
  for (const e of graph.edges) {
    if (keep.size >= cap) break;
    if (from.has(e.from)) keep.add(e.to);
    else if (from.has(e.to)) keep.add(e.from);
  }
  return sub(graph, keep);
}

/** One Service's chains and every chain on a way into them (its callers, up to the built-in chains). */
export function serviceChains(graph: ChainGraph, service: string): ChainGraph {
  const keep = new Set(graph.nodes.filter((n) => n.service !== undefined && serviceOf(n.service) === service).map((n) => n.chain));
  const callers = new Map<string, string[]>();
  for (const e of graph.edges) callers.set(e.to, [...(callers.get(e.to) ?? []), e.from]);
  const owned = new Map(graph.nodes.map((n) => [n.chain, n.service]));
  for (let frontier = [...keep]; frontier.length > 0; ) {
    const next: string[] = [];
    for (const c of frontier)
      for (const f of callers.get(c) ?? []) {
        // Another Service's chain is never on the way in.
        const s = owned.get(f);
        if (keep.has(f) || (s !== undefined && serviceOf(s) !== service)) continue;
        keep.add(f);
        next.push(f);
      }
    frontier = next;
  }
  return sub(graph, keep);
}

export function graphView(graph: ChainGraph, focus: GraphFocus = {}): GraphView {
  const all = [...new Set(graph.nodes.flatMap((n) => (n.service ? [serviceOf(n.service)] : [])))].sort();
  const query = focus.serviceQuery?.trim().toLowerCase() ?? '';
  const matching = query ? all.filter((s) => s.toLowerCase().includes(query)) : all;
  if (graph.nodes.length <= WHOLE_GRAPH_CHAINS) return { graph, services: matching, serviceCount: all.length, matchingServices: matching.length, totalChains: graph.nodes.length, partial: false };
  const chainService = focus.chain ? graph.nodes.find((n) => n.chain === focus.chain)?.service : undefined;
  const service = focus.service ?? (chainService ? serviceOf(chainService) : undefined);
  const cut = service ? serviceChains(graph, service) : aroundChain(graph, focus.chain);
  const listed = matching.slice(0, LISTED_SERVICES);
  // The Service drawn stays in the picker whatever the query lists.
  if (service && all.includes(service) && !listed.includes(service)) listed.unshift(service);
  return { graph: cut, services: listed, serviceCount: all.length, matchingServices: matching.length, totalChains: graph.nodes.length, partial: true };
}
