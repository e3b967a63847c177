/**
 * REJECT answers the sender (ipt_REJECT.c): an ICMP destination-unreachable quoting the offending header,
 * from the node's address toward the sender (nf_send_unreach → icmp_send), or a TCP reset from the
 * address the packet was sent to (nf_send_reset), which the node then sends like any packet of its own.
 */
import type { Ipv4 } from '../ipv4';
import type { TrackedPacket } from '../packet';
import { carry, type Carried } from './carry';
import { IP_HEADER } from './conversation';
import type { SimNetwork } from './network';
import type { Party } from './party';

const ICMP_UNREACH_CODES: Readonly<Record<string, number>> = {
  'icmp-net-unreachable': 0,
  'icmp-host-unreachable': 1,
  'icmp-proto-unreachable': 2,
  'icmp-port-unreachable': 3,
  'icmp-net-prohibited': 9,
  'icmp-host-prohibited': 10,
  'icmp-admin-prohibited': 13,
};

export interface RejectAnswer {
  /** The node that rejected, and answers. */
  readonly node: string;
  /** `RST`, or `ICMP port unreachable` etc. */
  readonly label: string;
  readonly packet: TrackedPacket;
  readonly carried: Carried;
}

/** The answer to a packet a node rejected, carried back toward `sender`; undefined when `rejected` was not a REJECT. */
export function answerReject(network: SimNetwork, rejected: Carried, offending: TrackedPacket, sender: Party, externals: ReadonlySet<Ipv4>, recordHops: boolean): RejectAnswer | undefined {
  if (rejected.fate.kind !== 'rejected' || !rejected.last || !rejected.fate.hop) return undefined;
  const { node } = rejected.last;
  const at = rejected.fate.hop.before;
  let answer: TrackedPacket;
  let label: string;
  if (rejected.fate.rejectWith === 'tcp-reset' && offending.protocol === 'tcp') {
    answer = { src: at.dst, dst: at.src, protocol: 'tcp', sport: at.dport, dport: at.sport, tcpFlags: ['RST', 'ACK'], mark: 0, length: IP_HEADER + 20 };
    label = 'RST';
  } else {
    const code = ICMP_UNREACH_CODES[rejected.fate.rejectWith] ?? 3;
    const r = node.route(at.src);
    const src = r?.kind === 'unicast' ? r.source : node.topology.internalIP;
    answer = {
      src,
      dst: at.src,
      protocol: 'icmp',
      sport: 0,
      dport: 0,
      icmpType: 3,
      icmpCode: code,
      icmpEmbedded: { src: at.src, dst: at.dst, protocol: offending.protocol, sport: at.sport, dport: at.dport },
      mark: 0,
      length: IP_HEADER + 8 + IP_HEADER + 8,
    };
    label = `ICMP ${rejected.fate.rejectWith.replace(/^icmp-/, '').replace(/-/g, ' ')}`;
  }
  const to = new Set([...externals, ...(sender.kind === 'external' ? [sender.ip] : [])]);
  const carried = carry(network, answer, { node, arrival: { from: 'local' } }, to, recordHops, rejected.last);
  return { node: node.name, label, packet: answer, carried };
}
