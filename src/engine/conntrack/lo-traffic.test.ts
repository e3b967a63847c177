/**
 * Golden test against a real kernel + conntrack-tools recording (`__golden__/lo-traffic.*`, see README there):
 * the same packets, at the same times on the simulated clock, must print the same `conntrack -E` and
 * `conntrack -L` lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIpv4, type Ipv4 } from '../ipv4';
import { classify } from './classify';
import { crossNode } from './crossing';
import { createConntrackTable } from './model';
import { countListed, printConntrackList, printEventLog, printEventsSummary, printListSummary } from './print';
import type { TcpFlag, TrackedPacket } from '../packet';

const golden = (name: string): string => readFileSync(join(import.meta.dirname, '__golden__', name), 'utf8');
/** The recording's tool is 1.4.7; the format is identical to 1.4.8 apart from this string. */
const as148 = (text: string): string => text.replaceAll('conntrack v1.4.7 ', 'conntrack v1.4.8 ');
const LO: Ipv4 = parseIpv4('127.0.0.1')!;
const times = new Map(
  golden('lo-traffic.times')
    .trim()
    .split('\n')
    .map((l) => {
      const [ms, ...what] = l.split(' ');
      return [what.join(' '), Number(ms)] as const;
    }),
);
const at = (step: string): number => times.get(step) ?? Number.NaN;
const udp = (sport: number, dport: number): TrackedPacket => ({ src: LO, dst: LO, protocol: 'udp', sport, dport, mark: 0, length: 29 });
const tcp = (sport: number, dport: number, flags: TcpFlag[]): TrackedPacket =>
  ({ src: LO, dst: LO, protocol: 'tcp', sport, dport, tcpFlags: flags, mark: 0, length: 60 });

function replay() {
  const table = createConntrackTable();
  const random32 = (): number => 0;
  // Locally generated and delivered over lo: OUTPUT → POSTROUTING (confirm) → PREROUTING → INPUT, conntrack
  // runs once (the skb keeps its conntrack across the loopback).
  const send = (p: TrackedPacket, now: number) => crossNode(table, p, now, { random32, path: 'local-out' });

  const echo = at('icmp echo');
  send({ src: LO, dst: LO, protocol: 'icmp', sport: 0, dport: 0, icmpType: 8, icmpCode: 0, icmpId: 4660, mark: 0, length: 32 }, echo);
  send({ src: LO, dst: LO, protocol: 'icmp', sport: 0, dport: 0, icmpType: 0, icmpCode: 0, icmpId: 4660, mark: 0, length: 32 }, echo);

  // CONNMARK --set-mark 7 in mangle OUTPUT, before confirm: the NEW event already carries the mark.
  crossNode(table, udp(7000, 7001), at('udp 7000->7001'), {
    random32,
    path: 'local-out',
    beforeConfirm: (c) => {
      if (c.entry) c.entry.mark = 7;
    },
  });
  send(udp(7001, 7000), at('udp reply'));
  send(udp(7000, 7001), at('udp again'));
  send(udp(7000, 7001), at('udp after 2s'));

  const closed = at('udp to closed 9999');
  send(udp(7002, 9999), closed);
  const unreachable = classify(table, {
    src: LO, dst: LO, protocol: 'icmp', sport: 0, dport: 0, icmpType: 3, icmpCode: 3, mark: 0, length: 57,
    icmpEmbedded: { src: LO, dst: LO, protocol: 'udp', sport: 7002, dport: 9999 },
  }, closed);

  const refused = at('tcp to closed 81');
  send(tcp(36000, 81, ['SYN']), refused);
  send(tcp(81, 36000, ['RST', 'ACK']), refused);

  const listAt = at('list');
  return {
    events: printEventLog(table) + printEventsSummary(table.events?.length ?? 0),
    list: printConntrackList(table, listAt),
    summary: printListSummary(countListed(table, listAt)),
    unreachable,
  };
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '').sort();

describe('real lo traffic (kernel 6.18, conntrack-tools)', () => {
  const r = replay();
  it('conntrack -E', () => expect(r.events).toBe(as148(golden('lo-traffic.E'))));
  it('conntrack -L (as a set of lines) and its summary', () => {
    expect(lines(r.list)).toEqual(lines(golden('lo-traffic.L')));
    expect(r.summary).toBe('conntrack v1.4.8 (conntrack-tools): 3 flow entries have been shown.\n');
  });
  it('the port unreachable is RELATED to the datagram that caused it', () => {
    expect([r.unreachable.ctstate, r.unreachable.direction]).toEqual(['RELATED', 'reply']);
  });
});
