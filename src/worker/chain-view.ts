/**
 * What the chain graph region shows, cut from a node's whole jump graph in the worker: the list of
 * Services, and either one Service's chains (with the way in and the packet's chains) or the "All
 * services" overview. The page never receives the whole graph: a shared link's table has 30,000 chains
 * and 60,000 jumps (a ~10 MB message whose reading and garbage froze the page), while what is drawn is a
 * dozen chains or the overview's rows.
 */
import type { ChainGraph, ChainGraphNode } from '../engine/netfilter/chain-graph';
import { filterByService } from '../app/graph/filter';
import { serviceOverview, type ServiceEntry } from '../app/graph/overview';
import { serviceOfPort } from '../app/graph/service-port';

export type { ServiceEntry };

export interface ChainViewRequest {
  /** The Service the learner picked (`''`: All services); undefined while nothing was picked. */
  readonly pick?: string;
  /** The pick was made under the packet now shown: it holds over the packet's own Service. */
  readonly pickHolds?: boolean;
  /**
   * Every chain the packet on screen walks in this table (and the chains its matched rules jump to), in
   * the order it meets them: the first that belongs to a Service is the packet's Service, and all of them
   * join the chains sent, so the packet's way is drawn whatever Service is shown.
   */
  readonly walk?: readonly string[];
}

export interface ChainView {
  readonly table: ChainGraph['table'];
  /** Every Service (`namespace/name`) with chains in the table, sorted. */
  readonly services: readonly string[];
  /** The Service shown (`''`: all of them, or a table without Services' chains). */
  readonly service: string;
  /** The Service the packet's chains lead to, when the packet meets one in this table. */
  readonly packetService?: string;
  /** The chains to draw: the Service's with their way in and the packet's; the whole table when it has no Services. */
  readonly graph: ChainGraph;
  /** "All services": one entry per Service, and KUBE-SERVICES (the row above them). */
  readonly overview?: { readonly entries: readonly ServiceEntry[]; readonly root?: ChainGraphNode };
}

/** The Service (`namespace/name`) the walk meets first, in `serviceOf`'s terms. */
function walkService(walk: readonly string[], serviceOf: ReadonlyMap<string, string>): string | undefined {
  for (const chain of walk) {
    const s = serviceOf.get(chain);
    if (s) return serviceOfPort(s);
  }
  return undefined;
}

/** `shown` plus the chains of `walk` that `graph` has, with every jump between the chains kept. */
function withChains(graph: ChainGraph, shown: ChainGraph, walk: readonly string[]): ChainGraph {
  const keep = new Set(shown.nodes.map((n) => n.chain));
  const before = keep.size;
  const known = new Set(graph.nodes.map((n) => n.chain));
  for (const c of walk) if (known.has(c)) keep.add(c);
  if (keep.size === before) return shown;
  return { table: graph.table, nodes: graph.nodes.filter((n) => keep.has(n.chain)), edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
}

/**
 * The view of `graph` for a request, as the region chooses it: a pick made under the packet shown wins;
 * otherwise the packet's own Service, else the last pick, else the scenario's first own Service (not
 * kube-dns or kubernetes). A pick the table does not have shows all Services.
 */
export function chainView(graph: ChainGraph, request: ChainViewRequest = {}): ChainView {
  const serviceOf = new Map<string, string>();
  const set = new Set<string>();
  for (const n of graph.nodes) {
    if (!n.service) continue;
    serviceOf.set(n.chain, n.service);
    set.add(serviceOfPort(n.service));
  }
  const services = [...set].sort();
  const walk = request.walk ?? [];
  const packetService = walkService(walk, serviceOf);
  const { pick } = request;
  const wanted = pick !== undefined && (request.pickHolds || packetService === undefined) ? pick : (packetService ?? pick);
  const firstOwn = services.find((s) => !s.startsWith('kube-system/') && s !== 'default/kubernetes') ?? '';
  const service = wanted === undefined ? firstOwn : set.has(wanted) ? wanted : '';
  const base = { table: graph.table, services, service, ...(packetService ? { packetService } : {}) };
  // A table without Services' chains (filter) is small: drawn whole.
  if (services.length === 0) return { ...base, graph };
  if (service === '') {
    // nftables mode: the way in is one verdict map, @service-ips, whose elements lead to every Service.
    const root = graph.nodes.find((n) => n.chain === 'KUBE-SERVICES' || n.chain === '@service-ips');
    return { ...base, graph: { table: graph.table, nodes: [], edges: [] }, overview: { entries: serviceOverview(graph), ...(root ? { root } : {}) } };
  }
  return { ...base, graph: withChains(graph, filterByService(graph, service), walk) };
}
