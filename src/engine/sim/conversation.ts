/**
 * What a connection says, packet by packet: a TCP connection is SYN, SYN-ACK, ACK, a request, a
 * response, FIN, FIN-ACK and the last ACK; UDP is a query and its response. Each conversation packet
 * becomes a header addressed from what each side sees of the other.
 */
import type { Ipv4 } from '../ipv4';
import type { L4Protocol, TcpFlag, TrackedPacket } from '../packet';

/** One packet of the conversation, before it has addresses. */
export interface ConversationPacket {
  readonly label: string;
  /** `original`: the client sends it; `reply`: the server does. */
  readonly direction: 'original' | 'reply';
  readonly flags?: readonly TcpFlag[];
  /** Payload bytes. */
  readonly payload: number;
}

const TCP_CONVERSATION: readonly ConversationPacket[] = [
  { label: 'SYN', direction: 'original', flags: ['SYN'], payload: 0 },
  { label: 'SYN-ACK', direction: 'reply', flags: ['SYN', 'ACK'], payload: 0 },
  { label: 'ACK', direction: 'original', flags: ['ACK'], payload: 0 },
  { label: 'request', direction: 'original', flags: ['PSH', 'ACK'], payload: 120 },
  { label: 'response', direction: 'reply', flags: ['PSH', 'ACK'], payload: 480 },
  { label: 'FIN', direction: 'original', flags: ['FIN', 'ACK'], payload: 0 },
  { label: 'FIN-ACK', direction: 'reply', flags: ['FIN', 'ACK'], payload: 0 },
  { label: 'last ACK', direction: 'original', flags: ['ACK'], payload: 0 },
];

const UDP_CONVERSATION: readonly ConversationPacket[] = [
  { label: 'query', direction: 'original', payload: 40 },
  { label: 'response', direction: 'reply', payload: 120 },
];

/** `ping -c 1`: an echo request and the kernel's echo reply (icmp_echo; no socket is needed to answer it). */
const ICMP_CONVERSATION: readonly ConversationPacket[] = [
  { label: 'echo request', direction: 'original', payload: 56 },
  { label: 'echo reply', direction: 'reply', payload: 56 },
];

/** The client acknowledging the response (on a connection that stays open; closing, its FIN carries the ACK). */
const RESPONSE_ACK: ConversationPacket = { label: 'ACK', direction: 'original', flags: ['ACK'], payload: 0 };

/**
 * A TCP connection that stays open: the handshake, a request, its response and the client's ACK, no FIN, so the
 * entry rests in ESTABLISHED with nothing unacknowledged (the full established timeout, not the 300 s UNACK cap).
 */
export const TCP_OPEN: readonly ConversationPacket[] = [...TCP_CONVERSATION.slice(0, 5), RESPONSE_ACK];

/** One more request, its response and the ACK on a TCP connection already open (no SYN: conntrack finds the entry). */
export const TCP_MORE: readonly ConversationPacket[] = [...TCP_CONVERSATION.slice(3, 5), RESPONSE_ACK];

/** The conversation a connection of `protocol` has (SCTP is sent as a query and a response). */
export function conversationOf(protocol: L4Protocol): readonly ConversationPacket[] {
  return protocol === 'tcp' ? TCP_CONVERSATION : protocol === 'icmp' ? ICMP_CONVERSATION : UDP_CONVERSATION;
}

/** ICMP echo types (RFC 792): request 8, reply 0. */
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_ECHO_REPLY = 0;

export const IP_HEADER = 20;
const L4_HEADER: Readonly<Record<L4Protocol, number>> = { tcp: 32, udp: 8, sctp: 12, icmp: 8 };

/**
 * The header of one conversation packet from `src:sport` to `dst:dport`, as its sender puts it on the wire.
 * ICMP has no ports: an echo carries its identifier instead (`icmpId`), which NAT rewrites as it would a port.
 */
export function wirePacket(c: ConversationPacket, protocol: L4Protocol, src: Ipv4, sport: number, dst: Ipv4, dport: number, icmpId = 0): TrackedPacket {
  if (protocol === 'icmp') {
    const icmpType = c.direction === 'original' ? ICMP_ECHO_REQUEST : ICMP_ECHO_REPLY;
    return { src, dst, protocol, sport: 0, dport: 0, icmpType, icmpCode: 0, icmpId, mark: 0, length: IP_HEADER + L4_HEADER.icmp + c.payload };
  }
  return {
    src,
    dst,
    protocol,
    sport,
    dport,
    ...(c.flags ? { tcpFlags: c.flags, tcpPayload: c.payload } : {}),
    mark: 0,
    length: IP_HEADER + L4_HEADER[protocol] + c.payload,
  };
}
