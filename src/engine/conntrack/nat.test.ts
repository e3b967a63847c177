/** NAT bindings (nf_nat_core.c) and per-hook translation (nf_nat_packet), both directions. */
import { describe, expect, it } from 'vitest';
import { formatIpv4, parseIpv4, type Ipv4 } from '../ipv4';
import { createRandom } from '../random';
import { classify } from './classify';
import { crossNode } from './crossing';
import { IPS, createConntrackTable, type ConntrackEntry, type ConntrackTable } from './model';
import { applyDnat, applySnat, ensureNatBinding, hookManip, needsNatLookup } from './nat';
import { printConntrackEntry } from './print';
import { confirm } from './table';
import { translate, translatesAt } from './translate';
import type { Hook, TrackedPacket } from '../packet';

const ip = (s: string): Ipv4 => parseIpv4(s)!;
const CLIENT = ip('203.0.113.2');
const NODE = ip('192.168.0.2');
const POD = ip('10.180.0.3');
const MASQ = ip('10.180.0.254');
const syn = (src: Ipv4, sport: number, dst: Ipv4, dport: number): TrackedPacket =>
  ({ src, dst, protocol: 'tcp', sport, dport, tcpFlags: ['SYN'], mark: 0, length: 60 });
const show = (p: TrackedPacket): string => `${formatIpv4(p.src)}:${p.sport} > ${formatIpv4(p.dst)}:${p.dport}`;
const noRandom = (): number => 0;

/** The NodePort connection of the vectors, confirmed: DNAT to the pod and MASQUERADE. */
function nodePortEntry(table: ConntrackTable = createConntrackTable()): ConntrackEntry {
  const r = crossNode(table, syn(CLIENT, 39053, NODE, 3003), 0, {
    random32: noRandom,
    nat: { dnat: { minIp: POD, minPort: 80 }, snat: { minIp: MASQ } },
  });
  return r.classification.entry!;
}

describe('HOOK2MANIP', () => {
  it.each<[Hook, string | undefined]>([
    ['PREROUTING', 'DST'],
    ['OUTPUT', 'DST'],
    ['POSTROUTING', 'SRC'],
    ['INPUT', 'SRC'],
    ['FORWARD', undefined],
  ])('%s → %s', (hook, manip) => expect(hookManip(hook)).toBe(manip));
});

describe('bindings rewrite the reply tuple', () => {
  it('DNAT then MASQUERADE: reply comes from the pod to the masquerade address, source port kept', () => {
    const e = nodePortEntry();
    expect(printConntrackEntry(e, 0)).toBe(
      'tcp      6 120 SYN_SENT src=203.0.113.2 dst=192.168.0.2 sport=39053 dport=3003 [UNREPLIED] src=10.180.0.3 dst=10.180.0.254 sport=80 dport=39053 mark=0 use=1',
    );
    const bits = IPS.SRC_NAT | IPS.DST_NAT | IPS.SRC_NAT_DONE | IPS.DST_NAT_DONE | IPS.CONFIRMED;
    expect(e.status & bits).toBe(bits);
  });

  it('no NAT target: null bindings keep the reply the inverse of the original, and set only the DONE bits', () => {
    const table = createConntrackTable();
    const e = crossNode(table, syn(ip('10.0.0.2'), 1234, POD, 80), 0, { random32: noRandom }).classification.entry!;
    expect(e.reply).toEqual({ src: POD, dst: ip('10.0.0.2'), protocol: 'tcp', sport: 80, dport: 1234 });
    expect(e.status & (IPS.SRC_NAT | IPS.DST_NAT)).toBe(0);
    expect(e.status & (IPS.SRC_NAT_DONE | IPS.DST_NAT_DONE)).toBe(IPS.SRC_NAT_DONE | IPS.DST_NAT_DONE);
  });

  it('DNAT without a port keeps the destination port', () => {
    const table = createConntrackTable();
    const c = classify(table, syn(CLIENT, 5000, NODE, 8080), 0);
    applyDnat(table, c.entry!, { minIp: POD }, noRandom, 0);
    expect([formatIpv4(c.entry!.reply.src), c.entry!.reply.sport]).toEqual(['10.180.0.3', 8080]);
  });

  it('the nat table is consulted only for the first packet, once per manip type', () => {
    const table = createConntrackTable();
    const c = classify(table, syn(CLIENT, 39053, NODE, 3003), 0);
    expect(needsNatLookup(c, 'PREROUTING')).toBe(true);
    expect(needsNatLookup(c, 'FORWARD')).toBe(false);
    applyDnat(table, c.entry!, { minIp: POD, minPort: 80 }, noRandom, 0);
    expect(needsNatLookup(c, 'PREROUTING')).toBe(false);
    expect(needsNatLookup(c, 'POSTROUTING')).toBe(true);
    ensureNatBinding(table, c.entry!, 'POSTROUTING', noRandom, 0);
    confirm(table, c.entry!, 0);
    const reply = classify(table, { ...syn(POD, 80, CLIENT, 39053), tcpFlags: ['SYN', 'ACK'] }, 1);
    for (const hook of ['PREROUTING', 'POSTROUTING', 'INPUT', 'OUTPUT'] as const) expect(needsNatLookup(reply, hook)).toBe(false);
    const retransmit = classify(table, syn(CLIENT, 39053, NODE, 3003), 2);
    expect(retransmit.ctstate).toBe('ESTABLISHED');
    expect(needsNatLookup(retransmit, 'PREROUTING')).toBe(false);
  });

  it('a binding on a confirmed entry is ignored (nf_nat_setup_info on a confirmed ct)', () => {
    const table = createConntrackTable();
    const e = nodePortEntry(table);
    const before = e.reply;
    expect(applySnat(table, e, { minIp: ip('1.2.3.4') }, noRandom, 0)).toEqual({ reply: before, changed: false });
  });
});

describe('translate at each hook, both directions', () => {
  const e = nodePortEntry();
  const original = syn(CLIENT, 39053, NODE, 3003);
  const reply: TrackedPacket = { ...syn(POD, 80, MASQ, 39053), tcpFlags: ['SYN', 'ACK'] };
  it.each<[string, TrackedPacket, 'original' | 'reply', Hook, string]>([
    ['original at PREROUTING: DNAT', original, 'original', 'PREROUTING', '203.0.113.2:39053 > 10.180.0.3:80'],
    ['original at OUTPUT: DNAT', original, 'original', 'OUTPUT', '203.0.113.2:39053 > 10.180.0.3:80'],
    ['original at POSTROUTING: SNAT', original, 'original', 'POSTROUTING', '10.180.0.254:39053 > 192.168.0.2:3003'],
    ['original at INPUT: SNAT', original, 'original', 'INPUT', '10.180.0.254:39053 > 192.168.0.2:3003'],
    ['original at FORWARD: nothing', original, 'original', 'FORWARD', '203.0.113.2:39053 > 192.168.0.2:3003'],
    ['reply at PREROUTING: undo SNAT', reply, 'reply', 'PREROUTING', '10.180.0.3:80 > 203.0.113.2:39053'],
    ['reply at OUTPUT: undo SNAT', reply, 'reply', 'OUTPUT', '10.180.0.3:80 > 203.0.113.2:39053'],
    ['reply at POSTROUTING: undo DNAT', reply, 'reply', 'POSTROUTING', '192.168.0.2:3003 > 10.180.0.254:39053'],
    ['reply at INPUT: undo DNAT', reply, 'reply', 'INPUT', '192.168.0.2:3003 > 10.180.0.254:39053'],
  ])('%s', (_name, packet, dir, hook, expected) => expect(show(translate(e, packet, dir, hook))).toBe(expected));

  it('forward path: PREROUTING then POSTROUTING gives the wire packets both ways', () => {
    const there = translate(e, translate(e, original, 'original', 'PREROUTING'), 'original', 'POSTROUTING');
    expect(show(there)).toBe('10.180.0.254:39053 > 10.180.0.3:80');
    const back = translate(e, translate(e, reply, 'reply', 'PREROUTING'), 'reply', 'POSTROUTING');
    expect(show(back)).toBe('192.168.0.2:3003 > 203.0.113.2:39053');
  });

  it('a DNAT-only connection is not touched where only SNAT would apply', () => {
    const table = createConntrackTable();
    const only = crossNode(table, syn(ip('10.0.0.2'), 38233, ip('172.30.0.41'), 80), 0, {
      random32: noRandom,
      nat: { dnat: { minIp: ip('10.180.0.1'), minPort: 80 } },
    }).classification.entry!;
    expect(translatesAt(only, 'original', 'POSTROUTING')).toBe(false);
    expect(translatesAt(only, 'reply', 'PREROUTING')).toBe(false);
    expect(translatesAt(only, 'reply', 'POSTROUTING')).toBe(true);
  });

  it('an icmp error from the pod is rewritten outside and inside, so the client recognises its own packet', () => {
    const table = createConntrackTable();
    const conn = nodePortEntry(table);
    const err: TrackedPacket = {
      src: POD, dst: MASQ, protocol: 'icmp', sport: 0, dport: 0, icmpType: 3, icmpCode: 3, mark: 0, length: 88,
      icmpEmbedded: { src: MASQ, dst: POD, protocol: 'tcp', sport: 39053, dport: 80 },
    };
    const c = classify(table, err, 1);
    expect([c.ctstate, c.direction, c.entry]).toEqual(['RELATED', 'reply', conn]);
    const out = translate(conn, translate(conn, err, 'reply', 'PREROUTING'), 'reply', 'POSTROUTING');
    expect([formatIpv4(out.src), formatIpv4(out.dst)]).toEqual(['192.168.0.2', '203.0.113.2']);
    expect(show(out.icmpEmbedded as TrackedPacket)).toBe('203.0.113.2:39053 > 192.168.0.2:3003');
  });
});

describe('source port choice', () => {
  /** Two clients behind the same MASQUERADE using the same source port to the same pod. */
  function clash(options: { randomFully?: boolean; seed?: number } = {}) {
    const table = createConntrackTable();
    const rng = createRandom(options.seed ?? 1);
    const random32 = (): number => rng.next32();
    const nat = { dnat: { minIp: POD, minPort: 80 }, snat: { minIp: MASQ, randomFully: options.randomFully } };
    const a = crossNode(table, syn(ip('203.0.113.2'), 40000, NODE, 3003), 0, { random32, nat });
    const b = crossNode(table, syn(ip('203.0.113.3'), 40000, NODE, 3003), 0, { random32, nat });
    return { a: a.out!, b: b.out!, table };
  }

  it('keeps the client port while the resulting tuple is unique', () => {
    expect(clash().a.sport).toBe(40000);
  });

  it('a clash moves the second connection to another port in 1024–65535, and both replies stay distinct', () => {
    const { a, b, table } = clash();
    expect(b.sport).not.toBe(40000);
    expect(b.sport).toBeGreaterThanOrEqual(1024);
    expect(b.sport).toBeLessThanOrEqual(65535);
    expect(table.entries.size).toBe(2);
    expect(show(a)).not.toBe(show(b));
  });

  it('--random-fully always draws a port, reproducibly from the seed', () => {
    const first = clash({ randomFully: true, seed: 42 });
    const again = clash({ randomFully: true, seed: 42 });
    const other = clash({ randomFully: true, seed: 43 });
    expect(first.a.sport).toBe(again.a.sport);
    expect(first.b.sport).toBe(again.b.sport);
    expect([first.a.sport, first.b.sport]).not.toEqual([other.a.sport, other.b.sport]);
    expect(first.a.sport).not.toBe(40000);
  });

  it('low ports stay in their class: <512 → 1–511, 512–1023 → 600–1023', () => {
    for (const [port, lo, hi] of [[80, 1, 511], [700, 600, 1023]] as const) {
      const table = createConntrackTable();
      const rng = createRandom(port);
      const random32 = (): number => rng.next32();
      const nat = { snat: { minIp: MASQ } };
      crossNode(table, syn(ip('10.1.0.1'), port, POD, 80), 0, { random32, nat });
      const b = crossNode(table, syn(ip('10.1.0.2'), port, POD, 80), 0, { random32, nat }).out!;
      expect(b.sport).not.toBe(port);
      expect(b.sport).toBeGreaterThanOrEqual(lo);
      expect(b.sport).toBeLessThanOrEqual(hi);
    }
  });

  it('--to-ports range: the port is chosen inside it', () => {
    const table = createConntrackTable();
    const rng = createRandom(3);
    const random32 = (): number => rng.next32();
    const out = crossNode(table, syn(CLIENT, 40000, POD, 80), 0, { random32, nat: { snat: { minIp: MASQ, minPort: 2000, maxPort: 2009 } } }).out!;
    expect(out.sport).toBeGreaterThanOrEqual(2000);
    expect(out.sport).toBeLessThanOrEqual(2009);
  });

  it('even a null binding moves the port when the reply tuple is taken (two clients via DNAT to one pod)', () => {
    const table = createConntrackTable();
    const rng = createRandom(9);
    const random32 = (): number => rng.next32();
    // A pod-to-pod connection already holds 10.0.0.2:40000 <-> 10.180.0.3:80 ...
    crossNode(table, syn(ip('10.0.0.2'), 40000, POD, 80), 0, { random32 });
    // ... then the same client port to the service IP is DNATed to the same pod: the reply tuple would clash.
    const r = crossNode(table, syn(ip('10.0.0.2'), 40000, ip('172.30.0.43'), 80), 0, { random32, nat: { dnat: { minIp: POD, minPort: 80 } } });
    expect(r.out!.sport).not.toBe(40000);
    expect(table.entries.size).toBe(2);
    expect(r.classification.entry!.status & IPS.SRC_NAT).toBe(IPS.SRC_NAT);
  });

  it('find_appropriate_src: a client keeps its SNAT address and port toward another destination', () => {
    const table = createConntrackTable();
    const snat = { minIp: ip('10.9.0.1'), maxIp: ip('10.9.0.200') };
    const go = (sport: number, dst: string) => crossNode(table, syn(CLIENT, sport, ip(dst), 80), 0, { random32: noRandom, nat: { snat } }).out!;
    const first = go(5000, '10.180.0.3');
    const sameSource = go(5000, '10.180.0.4');
    const otherPort = go(5001, '10.180.0.4');
    // the address choice hashes the destination too, so without the reuse the second would move
    expect(otherPort.src).not.toBe(first.src);
    expect([formatIpv4(sameSource.src), sameSource.sport]).toEqual([formatIpv4(first.src), 5000]);
  });
});
