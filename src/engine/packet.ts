/**
 * The packet vocabulary every layer shares: a packet's header as the kernel's hooks see it, the five
 * netfilter hooks, TCP flags and conntrack states. netfilter (iptables), conntrack and the node layer
 * build on these side by side; none of them owns them.
 */
import type { Ipv4 } from './ipv4';

export type L4Protocol = 'tcp' | 'udp' | 'icmp' | 'sctp';

/** The five netfilter hooks, which are also iptables' built-in chains' names. */
export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** TCP flag names as `--tcp-flags` takes them. */
export type TcpFlag = 'FIN' | 'SYN' | 'RST' | 'PSH' | 'ACK' | 'URG' | 'ECE' | 'CWR';

/** The ctstate of one packet, as conntrack decides it (what `--ctstate` tests, without the SNAT/DNAT pseudo-states). */
export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';

/** The names `-m conntrack --ctstate` / `-m state` take: a packet's ctstate plus the SNAT/DNAT pseudo-states of a NATed connection. */
export type ConntrackStateName = CtState | 'SNAT' | 'DNAT';

/** A packet as the hooks see it. */
export interface Packet {
  readonly src: Ipv4;
  readonly dst: Ipv4;
  readonly protocol: L4Protocol;
  /** 0 for icmp. */
  readonly sport: number;
  readonly dport: number;
  /** tcp only: the flags set on this segment. */
  readonly tcpFlags?: readonly TcpFlag[];
  /** icmp only. */
  readonly icmpType?: number;
  readonly icmpCode?: number;
  /** Interface the packet arrived on (PREROUTING, INPUT, FORWARD); undefined for locally generated packets. */
  readonly inInterface?: string;
  /** Interface chosen by routing (FORWARD, OUTPUT, POSTROUTING). */
  readonly outInterface?: string;
  /** skb->mark */
  readonly mark: number;
  /** IP total length in bytes (what counters add). */
  readonly length: number;
}

/**
 * The header an ICMP error quotes: the packet that caused it, as the sender of the error saw it
 * (RFC 792: IP header + first 8 bytes of the datagram, which hold the ports or the icmp id).
 */
export interface EmbeddedHeader {
  readonly src: Ipv4;
  readonly dst: Ipv4;
  readonly protocol: L4Protocol;
  readonly sport: number;
  readonly dport: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
  readonly icmpId?: number;
}

/**
 * A packet with the few header fields conntrack reads beyond what a match reads.
 * Every field is optional, so a plain `Packet` is a valid `TrackedPacket`.
 */
export interface TrackedPacket extends Packet {
  /** icmp echo (and timestamp/info/address) identifier. @default 0 */
  readonly icmpId?: number;
  /** icmp errors (types 3, 4, 5, 11, 12): the quoted header that makes the error RELATED to a connection. */
  readonly icmpEmbedded?: EmbeddedHeader;
  /** tcp payload bytes; a segment with data leaves it unacknowledged until the peer ACKs (UNACK timeout). @default 0 */
  readonly tcpPayload?: number;
}

/** The header fields a trace shows before and after each step of a packet's path. */
export interface HeaderView {
  readonly src: Ipv4;
  readonly sport: number;
  readonly dst: Ipv4;
  readonly dport: number;
  readonly mark: number;
}

export const headerView = (p: Packet): HeaderView => ({ src: p.src, sport: p.sport, dst: p.dst, dport: p.dport, mark: p.mark });
