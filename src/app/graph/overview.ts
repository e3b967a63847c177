/**
 * "All services" as an overview: KUBE-SERVICES (and KUBE-NODEPORTS) lead to one entry per Service,
 * with how many chains and rules kube-proxy wrote for it, instead of every KUBE-SVC/KUBE-SEP chain of
 * hundreds of Services at once. Pure: derived from the chain graph alone, in O(chains + jumps).
 */
import type { ChainGraph, ChainGraphNode } from '../../engine/netfilter/chain-graph';
import { serviceOfPort } from './service-port';

export { serviceOfPort };

export interface ServiceEntry {
  /** `namespace/name`. */
  readonly service: string;
  /** Its ports as kube-proxy names them (`namespace/name:port`), in the graph's order. */
  readonly ports: readonly string[];
  /** The conditions that lead into the Service's chains from the shared chains (`10.96.0.10:53/udp`, `:30080/tcp`). */
  readonly entries: readonly string[];
  /** Its chains, the one jumped to first (KUBE-SVC-, KUBE-EXT-, …) first. */
  readonly chains: readonly string[];
  /** Rules in all of its chains together. */
  readonly ruleCount: number;
  /** KUBE-SEP chains: one per endpoint. */
  readonly endpoints: number;
}

/** Every Service port that has chains in the graph, sorted by name (kube-proxy's canonical order). */
export function serviceOverview(graph: ChainGraph): ServiceEntry[] {
  const byChain = new Map<string, ChainGraphNode>();
  for (const n of graph.nodes) byChain.set(n.chain, n);
  const groups = new Map<string, { ports: string[]; entries: string[]; chains: string[]; ruleCount: number; endpoints: number }>();
  for (const n of graph.nodes) {
    if (!n.service) continue;
    const service = serviceOfPort(n.service);
    let g = groups.get(service);
    if (!g) groups.set(service, (g = { ports: [], entries: [], chains: [], ruleCount: 0, endpoints: 0 }));
    if (!g.ports.includes(n.service)) g.ports.push(n.service);
    g.chains.push(n.chain);
    g.ruleCount += n.ruleCount;
    if (n.kind === 'endpoint') g.endpoints += 1;
  }
  // A jump from a chain of no Service into a Service's chain is the way in: its condition is how to find it.
  const first = new Map<string, string>();
  for (const e of graph.edges) {
    const from = byChain.get(e.from);
    const to = byChain.get(e.to);
    if (!from || !to?.service || from.service !== undefined) continue;
    const service = serviceOfPort(to.service);
    const g = groups.get(service)!;
    if (e.label && !g.entries.includes(e.label)) g.entries.push(e.label);
    if (!first.has(service)) first.set(service, to.chain);
  }
  return [...groups]
    .map(([service, g]) => {
      const lead = first.get(service);
      const chains = lead ? [lead, ...g.chains.filter((c) => c !== lead)] : g.chains;
      return { service, ports: g.ports, entries: g.entries, chains, ruleCount: g.ruleCount, endpoints: g.endpoints };
    })
    .sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}

/**
 * The entries a search finds: every word of the query (case-insensitive) in the Service's name, an entry
 * condition (IP, port, protocol) or a chain name. `10.96.0.1` finds `10.96.0.1:443/tcp` and `10.96.0.100:…`.
 */
export function searchServices(entries: readonly ServiceEntry[], query: string): ServiceEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...entries];
  return entries.filter((s) => {
    const text = `${s.ports.join(' ')} ${s.entries.join(' ')} ${s.chains.join(' ')}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
