/**
 * What the chain graph follows while a packet plays: the Service the packet is going to (so the graph can
 * select it by itself) and the chains of the walk the packet is in, from its first chain to its last, so
 * the camera can frame the whole way and not only the chain of the moment. Pure, from the trace alone.
 */
import type { ChainGraph } from '../../engine/netfilter/chain-graph';
import type { HopView, PacketView, TraceView } from '../../worker/api';
import { serviceOfPort } from './service-port';

type WalkHop = Extract<HopView, { kind: 'rule' | 'skipped' | 'map-lookup' }>;
const inWalk = (h: HopView | undefined): h is WalkHop => h !== undefined && (h.kind === 'rule' || h.kind === 'skipped' || h.kind === 'map-lookup');
/** The chain a rule's target names (nft says `goto X`). */
const targetChain = (target: string): string => target.replace(/^(jump|goto) /, '');

/**
 * The Service (`namespace/name`) whose chains the connection's first packet walks in `graph`'s table:
 * the first chain it enters or jumps to that belongs to a Service. Undefined when it meets none
 * (a packet to a pod's own address, or the filter table).
 */
export function packetService(trace: TraceView, graph: ChainGraph): string | undefined {
  const serviceOf = new Map<string, string>();
  for (const n of graph.nodes) if (n.service) serviceOf.set(n.chain, n.service);
  for (const packet of trace.packets) {
    for (const h of packet.hops) {
      if (!inWalk(h) || h.table !== graph.table) continue;
      const s = serviceOf.get(h.chain) ?? (h.kind === 'rule' && h.matched && h.target ? serviceOf.get(targetChain(h.target)) : undefined);
      if (s) return serviceOfPort(s);
    }
  }
  return undefined;
}

/**
 * The chains of the walk (one node, hook and table) that hop `hopIndex` belongs to, in the order the packet
 * enters them, all of it: the chains before the hop and those after it.
 */
export function walkChains(packet: PacketView, hopIndex: number): string[] {
  const hop = packet.hops[hopIndex];
  if (!inWalk(hop)) return [];
  const same = (h: HopView | undefined): h is WalkHop => inWalk(h) && h.node === hop.node && h.hook === hop.hook && h.table === hop.table;
  let first = hopIndex;
  while (same(packet.hops[first - 1])) first--;
  let last = hopIndex;
  while (same(packet.hops[last + 1])) last++;
  const chains: string[] = [];
  for (let i = first; i <= last; i++) {
    const h = packet.hops[i] as WalkHop;
    if (!chains.includes(h.chain)) chains.push(h.chain);
    // A named map's node is on the way too (`@service-ips`).
    if (h.kind === 'map-lookup' && h.map !== '{…}' && !chains.includes(`@${h.map}`)) chains.push(`@${h.map}`);
  }
  return chains;
}
