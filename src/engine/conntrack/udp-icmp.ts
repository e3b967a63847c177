/**
 * The UDP, ICMP and generic trackers (net/netfilter/nf_conntrack_proto_udp.c, nf_conntrack_proto_icmp.c,
 * nf_conntrack_proto_generic.c, Linux 6.x). They have no states; they only refresh the timeout and, for
 * UDP, decide when a flow is ASSURED.
 */
import { IPCT, IPS, isConfirmed, type ConntrackEntry, type ConntrackTimeouts } from './model';
import { refresh } from './table';
import { KERNEL_TIMEOUTS, UDP_STREAM_AFTER_MS } from './timeouts';
import { ICMP_REQUEST_TYPES } from './tuple';

/**
 * nf_conntrack_udp_packet. A flow that has seen a reply gets the stream timeout and ASSURED only when a
 * packet comes more than 2 s after the first one (a quick DNS query/answer stays at 30 s and unassured);
 * SEEN_REPLY itself is set by the caller after this runs, so the first reply still refreshes to 30 s.
 * Returns the IPCT events raised.
 */
export function udpPacket(entry: ConntrackEntry, nowMs: number, timeouts: ConntrackTimeouts = KERNEL_TIMEOUTS): number {
  if (!isConfirmed(entry)) entry.udpStreamTsMs = nowMs + UDP_STREAM_AFTER_MS;
  if ((entry.status & IPS.SEEN_REPLY) === 0) {
    refresh(entry, timeouts.udp, nowMs);
    return 0;
  }
  let timeout = timeouts.udp;
  let stream = false;
  if (nowMs > (entry.udpStreamTsMs ?? 0)) {
    timeout = timeouts.udpStream;
    stream = (entry.status & IPS.ASSURED) === 0;
  }
  refresh(entry, timeout, nowMs);
  if (!stream) return 0;
  entry.status |= IPS.ASSURED;
  return IPCT.ASSURED;
}

/**
 * icmp_packet: only a request type may open a connection (`valid_new`); every tracked packet refreshes
 * the 30 s timeout. Returns false when the packet is invalid (no conntrack).
 */
export function icmpPacket(entry: ConntrackEntry, nowMs: number, timeouts: ConntrackTimeouts = KERNEL_TIMEOUTS): boolean {
  if (!isConfirmed(entry) && !ICMP_REQUEST_TYPES.has(entry.original.icmpType ?? -1)) return false;
  refresh(entry, timeouts.icmp, nowMs);
  return true;
}

/** The generic tracker (used here for sctp, whose own state machine is not modelled): a flat timeout. */
export function genericPacket(entry: ConntrackEntry, nowMs: number, timeouts: ConntrackTimeouts = KERNEL_TIMEOUTS): void {
  refresh(entry, timeouts.generic, nowMs);
}
