/**
 * A port nothing listens on: the receiving stack answers by itself. TCP: tcp_v4_rcv finds no socket and
 * tcp_v4_send_reset answers a SYN with RST+ACK from the address and port the SYN was sent to. UDP:
 * __udp4_lib_rcv finds no socket and icmp_send answers port unreachable, from the address the datagram was
 * sent to (a local destination: __icmp_send keeps iph->daddr as the source), quoting the datagram's header.
 * The answer leaves its host like any packet of its own: a node's through OUTPUT, a pod's over its veth into
 * its node's PREROUTING, where conntrack sees the RST as the connection's reply and the ICMP error as RELATED.
 */
import type { Ipv4 } from '../ipv4';
import { headerView, type TrackedPacket } from '../packet';
import { carry, startOf, type Carried, type PacketFate, type Refusal } from './carry';
import { IP_HEADER } from './conversation';
import type { SimNetwork } from './network';
import type { Party } from './party';
import { hasSockets, listenerFor } from './sockets';

/** Whether `to` refuses `delivered` (no socket of its protocol on its address and port); undefined when it takes it. */
export function refusalOf(network: SimNetwork, to: Party, delivered: TrackedPacket): Refusal | undefined {
  const { protocol } = delivered;
  if (!hasSockets(to, protocol) || (protocol !== 'tcp' && protocol !== 'udp')) return undefined;
  if (listenerFor(network.cluster, to, protocol, delivered.dst, delivered.dport)) return undefined;
  return { by: to, address: delivered.dst, port: delivered.dport, protocol };
}

/** The fate of the refused packet: rejected by the stack of `refusal.by` (a pod's or a node's), on its node. */
export function refusedFate(refusal: Refusal): PacketFate {
  const node = refusal.by.kind === 'external' ? '' : refusal.by.node;
  return { kind: 'rejected', node, rejectWith: refusal.protocol === 'tcp' ? 'tcp-reset' : 'icmp-port-unreachable', refused: refusal };
}

export interface StackAnswer {
  readonly label: string;
  readonly packet: TrackedPacket;
  readonly carried: Carried;
}

/** The receiver's answer to a refused packet, carried back toward its sender. */
export function answerRefusal(network: SimNetwork, refusal: Refusal, refused: TrackedPacket, gatewayNode: string, externals: ReadonlySet<Ipv4>, recordHops: boolean): StackAnswer {
  const at = refused;
  const answer: TrackedPacket =
    refusal.protocol === 'tcp'
      ? { src: at.dst, dst: at.src, protocol: 'tcp', sport: at.dport, dport: at.sport, tcpFlags: ['RST', 'ACK'], mark: 0, length: IP_HEADER + 20 }
      : {
          src: at.dst,
          dst: at.src,
          protocol: 'icmp',
          sport: 0,
          dport: 0,
          icmpType: 3,
          icmpCode: 3,
          icmpEmbedded: { src: at.src, dst: at.dst, protocol: at.protocol, sport: at.sport, dport: at.dport },
          mark: 0,
          length: IP_HEADER + 8 + IP_HEADER + 8,
        };
  const carried = carry(network, answer, startOf(network, refusal.by, answer.dst, gatewayNode), externals, recordHops);
  carried.hops.unshift({ kind: 'send', from: refusal.by, packet: headerView(answer) });
  return { label: refusal.protocol === 'tcp' ? 'RST' : 'ICMP port unreachable', packet: answer, carried };
}
