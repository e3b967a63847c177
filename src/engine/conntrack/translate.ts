/**
 * Rewriting a packet from its connection's NAT bindings, as nf_nat_packet / nf_nat_manip_pkt and
 * nf_nat_icmp_reply_translation do at each nat hook (net/netfilter/nf_nat_core.c, nf_nat_proto.c).
 *
 * A hook's manip type is fixed (PREROUTING/OUTPUT rewrite the destination, POSTROUTING/INPUT the source).
 * In the original direction a hook applies the binding of its own type; in the reply direction the
 * status bit is inverted (IPS_NAT_MASK), so the destination hooks undo SNAT and the source hooks undo DNAT.
 * The new addresses come from the inverse of the other direction's tuple.
 */
import { IPS, type ConntrackEntry, type Direction } from './model';
import { hookManip, type ManipType } from './nat';
import { ICMP_ERROR_TYPES, invertTuple, type ConntrackTuple } from './tuple';
import type { Hook, EmbeddedHeader, TrackedPacket } from '../packet';

/** Whether the hook rewrites this packet (nf_nat_packet's status-bit test). */
export function translatesAt(entry: ConntrackEntry, direction: Direction, hook: Hook): boolean {
  const manip = hookManip(hook);
  if (!manip) return false;
  const own = manip === 'SRC' ? IPS.SRC_NAT : IPS.DST_NAT;
  const bit = direction === 'reply' ? own ^ (IPS.SRC_NAT | IPS.DST_NAT) : own;
  return (entry.status & bit) !== 0;
}

/**
 * The packet as it leaves the nat stage of `hook`. Unchanged when the hook has no nat or the
 * connection has no binding to apply here. ICMP errors RELATED to the connection get their outer header
 * rewritten like any packet of that direction and their quoted header rewritten back (the opposite manip),
 * so the client sees the error about the packet it sent.
 */
export function translate<P extends TrackedPacket>(entry: ConntrackEntry, packet: P, direction: Direction, hook: Hook): P {
  const manip = hookManip(hook);
  if (!manip || !translatesAt(entry, direction, hook)) return packet;
  const otherTuple = direction === 'original' ? entry.reply : entry.original;
  const target = invertTuple(otherTuple);
  if (!target) return packet;
  const isError = packet.protocol === 'icmp' && ICMP_ERROR_TYPES.has(packet.icmpType ?? -1);
  if (isError) {
    // The outer header of an icmp error has no ports: only the address is rewritten.
    const outer = manip === 'SRC' ? { ...packet, src: target.src } : { ...packet, dst: target.dst };
    const inner = packet.icmpEmbedded;
    if (!inner) return outer;
    return { ...outer, icmpEmbedded: manipHeader(inner, otherTuple, manip === 'SRC' ? 'DST' : 'SRC') };
  }
  return manipHeader(packet, target, manip) as P;
}

/** nf_nat_ipv4_manip_pkt: set the address and port (or icmp id) of one side from `target`. */
function manipHeader<H extends EmbeddedHeader>(h: H, target: ConntrackTuple, manip: ManipType): H {
  if (h.protocol === 'icmp') {
    // icmp_manip_pkt writes the echo id from the source part of the target, whatever the manip type.
    const ip = manip === 'SRC' ? { src: target.src } : { dst: target.dst };
    return { ...h, ...ip, icmpId: target.icmpId ?? h.icmpId };
  }
  return manip === 'SRC' ? { ...h, src: target.src, sport: target.sport } : { ...h, dst: target.dst, dport: target.dport };
}
