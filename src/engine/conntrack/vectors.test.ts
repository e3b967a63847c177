/**
 * Golden reproduction of the real conntrack-tools 1.4.8 recordings in test-vectors/conntrack/: the same
 * connections, driven packet by packet through conntrack and NAT on a simulated clock, must print the
 * same `conntrack -E` events and `conntrack -L` listings, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { parseIpv4, type Ipv4 } from '../ipv4';
import { createRandom } from '../random';
import { readVector } from '../test-support/vectors';
import { crossNode, type NatDecision } from './crossing';
import { createConntrackTable } from './model';
import { countListed, printConntrackList, printEventLog, printEventsSummary } from './print';
import type { TcpFlag, TrackedPacket } from '../packet';

const ip = (s: string): Ipv4 => parseIpv4(s) ?? (() => { throw new Error(s); })();

function tcp(src: string, sport: number, dst: string, dport: number, ...flags: TcpFlag[]): TrackedPacket {
  return { src: ip(src), dst: ip(dst), protocol: 'tcp', sport, dport, tcpFlags: flags, mark: 0, length: 60 };
}
/** The answer to a packet as the server received it. */
const answer = (p: TrackedPacket, flags: TcpFlag[], tcpPayload = 0): TrackedPacket =>
  ({ ...p, src: p.dst, dst: p.src, sport: p.dport, dport: p.sport, tcpFlags: flags, tcpPayload });

function recordSession() {
  const table = createConntrackTable();
  const rng = createRandom(7);
  const random32 = (): number => rng.next32();
  const send = (p: TrackedPacket, now: number, nat: NatDecision = {}): TrackedPacket => {
    const r = crossNode(table, p, now, { nat, random32 });
    if (!r.out) throw new Error('dropped');
    return r.out;
  };
  // Handshake, one request and its response (data leaves segments unacknowledged until the peer ACKs).
  const handshake = (syn: TrackedPacket, now: number, nat: NatDecision): TrackedPacket => {
    const atServer = send(syn, now, nat);
    send(answer(atServer, ['SYN', 'ACK']), now + 1);
    send({ ...syn, tcpFlags: ['ACK'] }, now + 2);
    send({ ...syn, tcpFlags: ['PSH', 'ACK'], tcpPayload: 80 }, now + 3);
    send(answer(atServer, ['PSH', 'ACK'], 200), now + 4);
    send({ ...syn, tcpFlags: ['ACK'] }, now + 5);
    return atServer;
  };
  // Client closes; the server answers with FIN+ACK at once (no separate ACK, so no CLOSE_WAIT); client ACKs.
  const close = (syn: TrackedPacket, atServer: TrackedPacket, now: number): void => {
    send({ ...syn, tcpFlags: ['FIN', 'ACK'] }, now);
    send(answer(atServer, ['FIN', 'ACK']), now + 1);
    send({ ...syn, tcpFlags: ['ACK'] }, now + 2);
  };

  // NodePort 3003 on 192.168.0.2 from outside: DNAT to the pod, MASQUERADE to the node's pod-side address.
  const nodePortSyn = tcp('203.0.113.2', 39053, '192.168.0.2', 3003, 'SYN');
  const nodePortServer = handshake(nodePortSyn, 0, {
    dnat: { minIp: ip('10.180.0.3'), minPort: 80 },
    snat: { minIp: ip('10.180.0.254') },
  });
  // ClusterIP from a pod in the cluster CIDR: DNAT only, no masquerade (null SRC binding).
  const clusterIpSyn = tcp('10.0.0.2', 38233, '172.30.0.41', 80, 'SYN');
  const clusterIpServer = handshake(clusterIpSyn, 100, { dnat: { minIp: ip('10.180.0.1'), minPort: 80 } });
  // A UDP datagram nobody answers.
  send({ src: ip('10.0.0.2'), dst: ip('10.180.0.1'), protocol: 'udp', sport: 40000, dport: 5353, mark: 0, length: 40 }, 200);
  // A SYN to a closed port: the pod answers RST, which kills the unreplied entry at once.
  const refused = send(tcp('10.0.0.2', 36479, '10.180.0.1', 81, 'SYN'), 300);
  send(answer(refused, ['RST', 'ACK']), 300);

  const listedAt = 1900;
  const established = printConntrackList(table, listedAt);
  const establishedCount = countListed(table, listedAt);
  close(nodePortSyn, nodePortServer, 3000);
  close(clusterIpSyn, clusterIpServer, 3100);
  const afterClose = printConntrackList(table, 4500);
  const events = table.events ?? [];
  return { eventsText: printEventLog(table) + printEventsSummary(events.length), established, establishedCount, afterClose };
}

describe('conntrack vectors (conntrack-tools 1.4.8 on a real node)', () => {
  const session = recordSession();
  it('conntrack -E: every event line and the summary', () => {
    expect(session.eventsText).toBe(readVector('conntrack/conntrack-E-events.txt'));
  });
  it('conntrack -L while established', () => {
    expect(session.established).toBe(readVector('conntrack/conntrack-L-established.txt'));
    expect(session.establishedCount).toBe(3);
  });
  it('conntrack -L after close', () => {
    expect(session.afterClose).toBe(readVector('conntrack/conntrack-L-after-close.txt'));
  });
});
