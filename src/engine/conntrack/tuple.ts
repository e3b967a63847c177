/**
 * Conntrack tuples: what the kernel hashes a connection by (include/net/netfilter/nf_conntrack_tuple.h).
 * A tuple is one direction of a connection as seen on the wire; an entry holds two of them.
 */
import type { Ipv4 } from '../ipv4';
import type { EmbeddedHeader, L4Protocol, TrackedPacket } from '../packet';

/**
 * One direction of a connection.
 * For icmp the kernel keeps `type`/`code` in the destination part and the echo `id` in the source part
 * (nf_conntrack_tuple.h `u.icmp`); here they are separate fields and `sport`/`dport` are 0.
 */
export interface ConntrackTuple {
  readonly src: Ipv4;
  readonly dst: Ipv4;
  readonly protocol: L4Protocol;
  /** tcp/udp/sctp source port; 0 for icmp. */
  readonly sport: number;
  /** tcp/udp/sctp destination port; 0 for icmp. */
  readonly dport: number;
  /** icmp only. */
  readonly icmpType?: number;
  /** icmp only. */
  readonly icmpCode?: number;
  /** icmp only: the echo/timestamp/info/address request identifier. */
  readonly icmpId?: number;
}

/** Request ↔ reply icmp types the kernel can invert (nf_conntrack_proto_icmp.c `invmap`). */
const ICMP_INVERSE: ReadonlyMap<number, number> = new Map([
  [8, 0],
  [0, 8],
  [13, 14],
  [14, 13],
  [15, 16],
  [16, 15],
  [17, 18],
  [18, 17],
]);

/** icmp types that may open a connection (nf_conntrack_proto_icmp.c `valid_new`): echo, timestamp, info, address mask requests. */
export const ICMP_REQUEST_TYPES: ReadonlySet<number> = new Set([8, 13, 15, 17]);

/** icmp error types (`icmp_is_err`): unreachable, source quench, redirect, time exceeded, parameter problem. */
export const ICMP_ERROR_TYPES: ReadonlySet<number> = new Set([3, 4, 5, 11, 12]);

/** The tuple of a packet as nf_ct_get_tuple builds it. */
export function tupleOf(h: EmbeddedHeader): ConntrackTuple {
  if (h.protocol === 'icmp') {
    return {
      src: h.src,
      dst: h.dst,
      protocol: 'icmp',
      sport: 0,
      dport: 0,
      icmpType: h.icmpType ?? 0,
      icmpCode: h.icmpCode ?? 0,
      icmpId: h.icmpId ?? 0,
    };
  }
  return { src: h.src, dst: h.dst, protocol: h.protocol, sport: h.sport, dport: h.dport };
}

/**
 * The tuple the other direction will carry (nf_ct_invert_tuple), or undefined when the kernel cannot
 * invert it (an icmp type with no reply type), in which case no connection is created.
 */
export function invertTuple(t: ConntrackTuple): ConntrackTuple | undefined {
  if (t.protocol === 'icmp') {
    const type = ICMP_INVERSE.get(t.icmpType ?? -1);
    if (type === undefined) return undefined;
    return { ...t, src: t.dst, dst: t.src, icmpType: type };
  }
  return { src: t.dst, dst: t.src, protocol: t.protocol, sport: t.dport, dport: t.sport };
}

const PROTOCOL_CODES: Readonly<Record<L4Protocol, number>> = { tcp: 6, udp: 17, sctp: 132, icmp: 1 };

/**
 * A string that is equal exactly when the kernel's nf_ct_tuple_equal says the tuples are equal (zone 0).
 * Every lookup builds one, so it is compact rather than readable: one UTF-16 code unit per 16 bits of
 * the protocol, addresses and ports (or icmp type, code and id).
 */
export function tupleKey(t: ConntrackTuple): string {
  const { src, dst } = t;
  if (t.protocol === 'icmp') {
    return String.fromCharCode(1, src >>> 16, src & 0xffff, dst >>> 16, dst & 0xffff, (t.icmpType ?? 0) & 0xffff, (t.icmpCode ?? 0) & 0xffff, (t.icmpId ?? 0) & 0xffff);
  }
  return String.fromCharCode(PROTOCOL_CODES[t.protocol], src >>> 16, src & 0xffff, dst >>> 16, dst & 0xffff, t.sport & 0xffff, t.dport & 0xffff);
}

/** Whether the tuples are equal as nf_ct_tuple_equal compares them (what `tupleKey` encodes), field by field. */
export function tuplesEqual(a: ConntrackTuple, b: ConntrackTuple): boolean {
  if (a.protocol !== b.protocol || a.src !== b.src || a.dst !== b.dst) return false;
  if (a.protocol === 'icmp') return (a.icmpType ?? 0) === (b.icmpType ?? 0) && (a.icmpCode ?? 0) === (b.icmpCode ?? 0) && (a.icmpId ?? 0) === (b.icmpId ?? 0);
  return a.sport === b.sport && a.dport === b.dport;
}

/** The packet's own header, as an embedded header (the fields a tuple is built from). */
export function headerOf(p: TrackedPacket): EmbeddedHeader {
  return {
    src: p.src,
    dst: p.dst,
    protocol: p.protocol,
    sport: p.sport,
    dport: p.dport,
    icmpType: p.icmpType,
    icmpCode: p.icmpCode,
    icmpId: p.icmpId,
  };
}
