/** UDP and ICMP tracking, RELATED icmp errors, NOTRACK, expiry and confirm. */
import { describe, expect, it } from 'vitest';
import { parseIpv4, type Ipv4 } from '../ipv4';
import { classify, ctstatesOf } from './classify';
import { crossNode } from './crossing';
import { IPS, createConntrackTable } from './model';
import { printConntrackEvent, printConntrackList, remainingSeconds } from './print';
import { confirm, expire, lookup } from './table';
import { headerOf, tupleOf } from './tuple';
import type { TrackedPacket } from '../packet';

const ip = (s: string): Ipv4 => parseIpv4(s)!;
const C = ip('10.0.0.2');
const S = ip('10.180.0.1');
const udp = (src: Ipv4, sport: number, dst: Ipv4, dport: number): TrackedPacket =>
  ({ src, dst, protocol: 'udp', sport, dport, mark: 0, length: 40 });
const icmp = (src: Ipv4, dst: Ipv4, icmpType: number, icmpId: number, extra: Partial<TrackedPacket> = {}): TrackedPacket =>
  ({ src, dst, protocol: 'icmp', sport: 0, dport: 0, icmpType, icmpCode: 0, icmpId, mark: 0, length: 84, ...extra });
const noRandom = (): number => 0;

describe('udp (nf_conntrack_proto_udp.c)', () => {
  it('unreplied 30 s; a reply within 2 s keeps 30 s and no ASSURED; traffic after 2 s: stream 120 s + ASSURED', () => {
    const table = createConntrackTable();
    const first = classify(table, udp(C, 40000, S, 53), 0);
    expect([first.ctstate, first.isNew]).toEqual(['NEW', true]);
    confirm(table, first.entry!, 0);
    const again = classify(table, udp(C, 40000, S, 53), 500);
    expect([again.ctstate, remainingSeconds(again.entry!, 500)]).toEqual(['NEW', 30]);
    const reply = classify(table, udp(S, 53, C, 40000), 1000);
    expect([reply.ctstate, reply.direction, remainingSeconds(reply.entry!, 1000)]).toEqual(['ESTABLISHED', 'reply', 30]);
    const early = classify(table, udp(C, 40000, S, 53), 1900);
    expect([early.ctstate, remainingSeconds(early.entry!, 1900), early.entry!.status & IPS.ASSURED]).toEqual(['ESTABLISHED', 30, 0]);
    const late = classify(table, udp(C, 40000, S, 53), 2500);
    expect([remainingSeconds(late.entry!, 2500), late.entry!.status & IPS.ASSURED]).toEqual([120, IPS.ASSURED]);
    const kinds = table.events!.map((e) => printConntrackEvent(e.kind, e.entry, e.atMs, { protoinfo: e.protoinfo }));
    expect(kinds).toEqual([
      '    [NEW] udp      17 30 src=10.0.0.2 dst=10.180.0.1 sport=40000 dport=53 [UNREPLIED] src=10.180.0.1 dst=10.0.0.2 sport=53 dport=40000',
      ' [UPDATE] udp      17 30 src=10.0.0.2 dst=10.180.0.1 sport=40000 dport=53 src=10.180.0.1 dst=10.0.0.2 sport=53 dport=40000',
      ' [UPDATE] udp      17 120 src=10.0.0.2 dst=10.180.0.1 sport=40000 dport=53 src=10.180.0.1 dst=10.0.0.2 sport=53 dport=40000 [ASSURED]',
    ]);
  });

  it('expires lazily on lookup and by expire(); an expired entry is neither listed nor found', () => {
    const table = createConntrackTable();
    crossNode(table, udp(C, 40000, S, 53), 0, { random32: noRandom });
    expect(printConntrackList(table, 29_999)).toContain('udp      17 0 ');
    expect(printConntrackList(table, 30_000)).toBe('');
    expect(expire(table, 29_999)).toBe(0);
    expect(expire(table, 30_000)).toBe(1);
    expect(table.entries.size).toBe(0);
    // expired DESTROY: no timeout field (ctnetlink skips a zero timeout on destroy)
    const destroy = table.events!.at(-1)!;
    expect(printConntrackEvent(destroy.kind, destroy.entry, destroy.atMs)).toBe(
      '[DESTROY] udp      17 src=10.0.0.2 dst=10.180.0.1 sport=40000 dport=53 [UNREPLIED] src=10.180.0.1 dst=10.0.0.2 sport=53 dport=40000',
    );
    const table2 = createConntrackTable();
    crossNode(table2, udp(C, 40000, S, 53), 0, { random32: noRandom });
    expect(lookup(table2, tupleOf(headerOf(udp(C, 40000, S, 53))), 31_000)).toBeUndefined();
    expect(table2.events!.map((e) => e.kind)).toEqual(['NEW', 'DESTROY']);
  });

  it('a packet dropped before confirm leaves no entry and no event', () => {
    const table = createConntrackTable();
    const r = crossNode(table, udp(C, 40000, S, 53), 0, { random32: noRandom, dropBeforeConfirm: true });
    expect(r.out).toBeUndefined();
    expect(r.classification.isNew).toBe(true);
    expect(table.entries.size).toBe(0);
    expect(table.events).toEqual([]);
    expect(classify(table, udp(C, 40000, S, 53), 10).isNew).toBe(true);
  });

  it('confirm refuses a second entry for the same tuple (the later packet is dropped)', () => {
    const table = createConntrackTable();
    const a = classify(table, udp(C, 40000, S, 53), 0);
    const b = classify(table, udp(C, 40000, S, 53), 0);
    expect(confirm(table, a.entry!, 0)).toEqual({ ok: true });
    expect(confirm(table, b.entry!, 0)).toEqual({ ok: false, reason: 'clash' });
  });
});

describe('icmp (nf_conntrack_proto_icmp.c)', () => {
  it('echo request NEW, echo reply ESTABLISHED; both refresh 30 s; listed with type/code/id', () => {
    const table = createConntrackTable();
    const req = crossNode(table, icmp(C, S, 8, 4660), 0, { random32: noRandom });
    expect(req.classification.ctstate).toBe('NEW');
    const rep = classify(table, icmp(S, C, 0, 4660), 100);
    expect([rep.ctstate, rep.direction]).toEqual(['ESTABLISHED', 'reply']);
    expect(printConntrackList(table, 1000)).toBe(
      'icmp     1 29 src=10.0.0.2 dst=10.180.0.1 type=8 code=0 id=4660 src=10.180.0.1 dst=10.0.0.2 type=0 code=0 id=4660 mark=0 use=1\n',
    );
  });

  it('an echo reply with no request is INVALID (only requests may open: valid_new)', () => {
    expect(classify(createConntrackTable(), icmp(S, C, 0, 1), 0).ctstate).toBe('INVALID');
  });

  it('port unreachable quoting a tracked datagram is RELATED, in the reply direction', () => {
    const table = createConntrackTable();
    crossNode(table, udp(C, 40000, S, 5353), 0, { random32: noRandom });
    const err = icmp(S, C, 3, 0, { icmpCode: 3, icmpEmbedded: { src: C, dst: S, protocol: 'udp', sport: 40000, dport: 5353 } });
    const c = classify(table, err, 10);
    expect([c.ctstate, c.direction, c.isNew]).toEqual(['RELATED', 'reply', false]);
    expect([...ctstatesOf(c)]).toEqual(['RELATED']);
    // RELATED packets neither refresh nor mark the connection replied
    expect(c.entry!.status & IPS.SEEN_REPLY).toBe(0);
    expect(remainingSeconds(c.entry!, 10)).toBe(29);
  });

  it('an icmp error about an unknown connection, or addressed elsewhere, is INVALID', () => {
    const table = createConntrackTable();
    crossNode(table, udp(C, 40000, S, 5353), 0, { random32: noRandom });
    const unknown = icmp(S, C, 3, 0, { icmpEmbedded: { src: C, dst: S, protocol: 'udp', sport: 40001, dport: 5353 } });
    expect(classify(table, unknown, 1).ctstate).toBe('INVALID');
    const elsewhere = icmp(S, ip('10.0.0.99'), 3, 0, { icmpEmbedded: { src: C, dst: S, protocol: 'udp', sport: 40000, dport: 5353 } });
    expect(classify(table, elsewhere, 1).ctstate).toBe('INVALID');
    expect(classify(table, icmp(S, C, 11, 0), 1).ctstate).toBe('INVALID');
  });
});

describe('NOTRACK and packets the node answers with', () => {
  it('untracked packets get UNTRACKED and no entry', () => {
    const table = createConntrackTable();
    const c = classify(table, udp(C, 40000, S, 53), 0, { untracked: true });
    expect(c).toEqual({ direction: 'original', ctstate: 'UNTRACKED', isNew: false });
    expect(table.entries.size).toBe(0);
  });

  it('a RST the node sends for REJECT carries the rejected packet’s connection as RELATED, the other way', () => {
    const table = createConntrackTable();
    const syn = classify(table, { src: C, dst: S, protocol: 'tcp', sport: 1, dport: 2, tcpFlags: ['SYN'], mark: 0, length: 60 }, 0);
    const rst: TrackedPacket = { src: S, dst: C, protocol: 'tcp', sport: 2, dport: 1, tcpFlags: ['RST', 'ACK'], mark: 0, length: 40 };
    const c = classify(table, rst, 0, { answering: { entry: syn.entry!, direction: syn.direction } });
    expect([c.ctstate, c.direction, c.entry]).toEqual(['RELATED', 'reply', syn.entry]);
  });
});
