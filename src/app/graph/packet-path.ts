/**
 * What the chain graph follows while a packet plays: the chains the trace walks in a table (from which the
 * worker picks the packet's Service, so the graph selects it by itself) and the chains of the walk the packet is in, from its first chain to its last, so
 * the camera can frame the whole way and not only the chain of the moment. Pure, from the trace alone.
 */
import type { HopView, PacketView, TraceView } from '../../worker/api';

type WalkHop = Extract<HopView, { kind: 'rule' | 'skipped' | 'map-lookup' }>;
const inWalk = (h: HopView | undefined): h is WalkHop => h !== undefined && (h.kind === 'rule' || h.kind === 'skipped' || h.kind === 'map-lookup');
/** The chain a rule's target names (nft says `goto X`). */
const targetChain = (target: string): string => target.replace(/^(jump|goto) /, '');
/** An nftables table (`ip kube-proxy`): its chains of every type are one graph's candidates (chain-view.ts keeps those it has). */
const isNftTable = (table: string): boolean => table.includes(' ');

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

/**
 * Every chain the trace's packets walk in `table` (any node: chain names are the node's kube-proxy's, the
 * same on every node), and the chains their matched rules jump to, in the order they are met. The worker
 * cuts the chain graph's view with it: the first chain of a Service is the packet's Service, and all of
 * them are drawn whatever Service is shown.
 */
export function tableWalk(trace: TraceView, table: string): string[] {
  const chains = new Set<string>();
  for (const packet of trace.packets) {
    for (const h of packet.hops) {
      if (!inWalk(h) || (h.table !== table && !isNftTable(h.table))) continue;
      chains.add(h.chain);
      if (h.kind === 'map-lookup' && h.map !== '{…}') chains.add(`@${h.map}`);
      if (h.kind === 'rule' && h.matched && h.target) chains.add(targetChain(h.target));
    }
  }
  return [...chains];
}
