/**
 * Table-driven checks of each match module against the kernel's semantics (net/netfilter/xt_*.c).
 * `-m recent` and `-m set` have their own files.
 */
import { describe, expect, it } from 'vitest';
import { parseCidr, parseIpv4, type Ipv4 } from '../ipv4';
import type { IpHeaderMatch, Match, Rule } from './model';
import type { MatchContext } from './match-context';
import { evaluateMatch, evaluateMatches, interfaceMatches, matchesIpHeader } from './matches';
import { rejectsQuietly, ruleMatches } from './match-quiet';
import type { ConntrackStateName, Packet } from '../packet';

const ip = (s: string): Ipv4 => parseIpv4(s)!;
const cidr = (s: string, invert = false) => ({ value: parseCidr(s)!, invert });
const packet = (over: Partial<Packet> = {}): Packet => ({
  src: ip('10.244.1.5'),
  dst: ip('10.96.0.10'),
  protocol: 'tcp',
  sport: 40000,
  dport: 80,
  tcpFlags: ['SYN'],
  inInterface: 'eth0',
  mark: 0,
  length: 60,
  ...over,
});
const context = (over: Partial<MatchContext> = {}): MatchContext => ({
  ctstates: new Set<ConntrackStateName>(['NEW']),
  ctmark: 0,
  localAddresses: new Set([ip('192.168.1.10')]),
  nowMs: 0,
  random32: () => {
    throw new Error('no random draw expected');
  },
  recent: new Map(),
  nthCounters: new Map(),
  nfacct: new Map(),
  ipsets: new Map(),
  ...over,
});
const rule = (matches: Match[], header: IpHeaderMatch = {}): Rule => ({ ip: header, matches, target: { kind: 'ACCEPT' }, counters: { packets: 0, bytes: 0 } });
const evalOne = (m: Match, p: Packet = packet(), c: MatchContext = context()) => evaluateMatch(m, p, c, {});

describe('matchesIpHeader (ip_packet_match)', () => {
  it.each<[string, IpHeaderMatch, Partial<Packet>, boolean]>([
    ['-s CIDR containing the source', { source: cidr('10.244.0.0/16') }, {}, true],
    ['-s CIDR not containing the source', { source: cidr('10.245.0.0/16') }, {}, false],
    ['! -s CIDR containing the source', { source: cidr('10.244.0.0/16', true) }, {}, false],
    ['! -s CIDR not containing the source', { source: cidr('127.0.0.0/8', true) }, {}, true],
    ['-d /32 equal', { destination: cidr('10.96.0.10/32') }, {}, true],
    ['-d /32 different', { destination: cidr('10.96.0.11/32') }, {}, false],
    ['-d 0.0.0.0/0 matches everything', { destination: cidr('0.0.0.0/0') }, {}, true],
    ['! -d 0.0.0.0/0 matches nothing', { destination: cidr('0.0.0.0/0', true) }, {}, false],
    ['-p tcp on tcp', { protocol: { value: 'tcp', invert: false } }, {}, true],
    ['-p udp on tcp', { protocol: { value: 'udp', invert: false } }, {}, false],
    ['! -p udp on tcp', { protocol: { value: 'udp', invert: true } }, {}, true],
    ['-p 6 on tcp', { protocol: { value: 6, invert: false } }, {}, true],
    ['-p 17 on udp', { protocol: { value: 17, invert: false } }, { protocol: 'udp' }, true],
    ['-p 1 on icmp', { protocol: { value: 1, invert: false } }, { protocol: 'icmp' }, true],
    ['-p 132 on sctp', { protocol: { value: 132, invert: false } }, { protocol: 'sctp' }, true],
    ['-p sctp on udp', { protocol: { value: 'sctp', invert: false } }, { protocol: 'udp' }, false],
    ['-p all on udp', { protocol: { value: 'all', invert: false } }, { protocol: 'udp' }, true],
    ['-p 0 on icmp', { protocol: { value: 0, invert: false } }, { protocol: 'icmp' }, true],
    ['-i eth0 on eth0', { inInterface: { value: 'eth0', invert: false } }, {}, true],
    ['-i eth on eth0 (no +: exact name)', { inInterface: { value: 'eth', invert: false } }, {}, false],
    ['-i eth+ on eth0', { inInterface: { value: 'eth+', invert: false } }, {}, true],
    ['-i eth0+ on eth0 (prefix may be the whole name)', { inInterface: { value: 'eth0+', invert: false } }, {}, true],
    ['-i cali+ on eth0', { inInterface: { value: 'cali+', invert: false } }, {}, false],
    ['! -i cali+ on eth0', { inInterface: { value: 'cali+', invert: true } }, {}, true],
    ['-i + on eth0', { inInterface: { value: '+', invert: false } }, {}, true],
    ['-i + with no in-interface', { inInterface: { value: '+', invert: false } }, { inInterface: undefined }, true],
    ['-i eth0 with no in-interface', { inInterface: { value: 'eth0', invert: false } }, { inInterface: undefined }, false],
    ['! -i eth0 with no in-interface', { inInterface: { value: 'eth0', invert: true } }, { inInterface: undefined }, true],
    ['-o eth1 on eth1', { outInterface: { value: 'eth1', invert: false } }, { outInterface: 'eth1' }, true],
    ['-o eth1 on eth10', { outInterface: { value: 'eth1', invert: false } }, { outInterface: 'eth10' }, false],
    ['-o eth1+ on eth10', { outInterface: { value: 'eth1+', invert: false } }, { outInterface: 'eth10' }, true],
    ['! -o lo on lo', { outInterface: { value: 'lo', invert: true } }, { outInterface: 'lo' }, false],
    ['-f never matches an unfragmented packet', { fragment: { value: true, invert: false } }, {}, false],
    ['! -f matches an unfragmented packet', { fragment: { value: true, invert: true } }, {}, true],
    ['all fields at once', { source: cidr('10.244.1.0/24'), destination: cidr('10.96.0.0/12'), protocol: { value: 'tcp', invert: false }, inInterface: { value: 'eth+', invert: false } }, {}, true],
  ])('%s', (_name, header, over, expected) => {
    expect(matchesIpHeader(header, packet(over))).toBe(expected);
    expect(evaluateMatches(rule([], header), packet(over), context()).matched).toBe(expected);
  });

  it('says which field failed', () => {
    expect(evaluateMatches(rule([], { source: cidr('127.0.0.0/8', true), destination: cidr('127.0.0.0/8') }), packet(), context()).notes).toEqual([
      '-d 127.0.0.0/8 ∌ 10.96.0.10',
    ]);
    expect(evaluateMatches(rule([], { inInterface: { value: 'cali+', invert: false } }), packet({ inInterface: undefined }), context()).notes).toEqual([
      '-i cali+ ≠ ∅',
    ]);
  });

  it('interfaceMatches is a prefix compare only with a trailing +', () => {
    expect(interfaceMatches('veth+', 'veth1234')).toBe(true);
    expect(interfaceMatches('veth+', 'vet')).toBe(false);
    expect(interfaceMatches('veth1234', 'veth12345')).toBe(false);
    expect(interfaceMatches('', '')).toBe(true);
  });
});

describe('tcp / udp / sctp (xt_tcpudp, xt_sctp)', () => {
  const pr = (from: number, to = from, invert = false) => ({ value: { from, to }, invert });
  it.each<[string, Match, Partial<Packet>, boolean]>([
    ['--dport 80 on 80', { kind: 'tcp', destinationPort: pr(80) }, {}, true],
    ['--dport 81 on 80', { kind: 'tcp', destinationPort: pr(81) }, {}, false],
    ['! --dport 81 on 80', { kind: 'tcp', destinationPort: pr(81, 81, true) }, {}, true],
    ['--dport 80:90 at the low end', { kind: 'tcp', destinationPort: pr(80, 90) }, { dport: 80 }, true],
    ['--dport 80:90 at the high end', { kind: 'tcp', destinationPort: pr(80, 90) }, { dport: 90 }, true],
    ['--dport 80:90 just above', { kind: 'tcp', destinationPort: pr(80, 90) }, { dport: 91 }, false],
    ['--dport 80:90 just below', { kind: 'tcp', destinationPort: pr(80, 90) }, { dport: 79 }, false],
    ['! --dport 80:90 inside', { kind: 'tcp', destinationPort: pr(80, 90, true) }, { dport: 85 }, false],
    ['--sport 1024:65535 on 40000', { kind: 'tcp', sourcePort: pr(1024, 65535) }, {}, true],
    ['--sport 0:1023 on 40000', { kind: 'tcp', sourcePort: pr(0, 1023) }, {}, false],
    ['--sport and --dport both fit', { kind: 'tcp', sourcePort: pr(40000), destinationPort: pr(80) }, {}, true],
    ['--sport fits but --dport does not', { kind: 'tcp', sourcePort: pr(40000), destinationPort: pr(443) }, {}, false],
    ['udp --dport 53 on udp 53', { kind: 'udp', destinationPort: pr(53) }, { protocol: 'udp', dport: 53 }, true],
    ['udp match on a tcp packet', { kind: 'udp', destinationPort: pr(80) }, {}, false],
    ['sctp --dport 9000 on sctp 9000', { kind: 'sctp', destinationPort: pr(9000) }, { protocol: 'sctp', dport: 9000 }, true],
    ['tcp with no options matches any tcp', { kind: 'tcp' }, {}, true],
    ['--syn on SYN', { kind: 'tcp', tcpFlags: { value: { mask: ['FIN', 'SYN', 'RST', 'ACK'], compare: ['SYN'] }, invert: false } }, {}, true],
    ['--syn on SYN,ACK', { kind: 'tcp', tcpFlags: { value: { mask: ['FIN', 'SYN', 'RST', 'ACK'], compare: ['SYN'] }, invert: false } }, { tcpFlags: ['SYN', 'ACK'] }, false],
    ['! --syn on SYN,ACK', { kind: 'tcp', tcpFlags: { value: { mask: ['FIN', 'SYN', 'RST', 'ACK'], compare: ['SYN'] }, invert: true } }, { tcpFlags: ['SYN', 'ACK'] }, true],
    ['--syn ignores flags outside the mask (SYN,ECE,CWR)', { kind: 'tcp', tcpFlags: { value: { mask: ['FIN', 'SYN', 'RST', 'ACK'], compare: ['SYN'] }, invert: false } }, { tcpFlags: ['SYN', 'ECE', 'CWR'] }, true],
    ['--tcp-flags SYN,RST NONE on ACK', { kind: 'tcp', tcpFlags: { value: { mask: ['SYN', 'RST'], compare: [] }, invert: false } }, { tcpFlags: ['ACK'] }, true],
    ['--tcp-flags ALL NONE on a packet without flags', { kind: 'tcp', tcpFlags: { value: { mask: ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'], compare: [] }, invert: false } }, { tcpFlags: [] }, true],
    ['compare flag outside the mask never matches', { kind: 'tcp', tcpFlags: { value: { mask: ['ACK'], compare: ['SYN'] }, invert: false } }, { tcpFlags: ['SYN', 'ACK'] }, false],
  ])('%s', (_name, m, over, expected) => {
    expect(evalOne(m, packet(over)).matched).toBe(expected);
  });

  it('notes the ports it compared', () => {
    expect(evalOne({ kind: 'tcp', destinationPort: pr(80, 90) }, packet({ dport: 91 })).note).toBe('tcp --dport 80:90 ∌ 91');
  });
});

describe('icmp (xt_tcpudp icmp_match)', () => {
  const icmp = (type: number, code?: number, invert = false): Match => ({ kind: 'icmp', icmpType: { value: { type, ...(code === undefined ? {} : { code }) }, invert } });
  const echo = packet({ protocol: 'icmp', sport: 0, dport: 0, icmpType: 8, icmpCode: 0 });
  it.each<[string, Match, Packet, boolean]>([
    ['echo-request on echo-request', icmp(8), echo, true],
    ['echo-reply on echo-request', icmp(0), echo, false],
    ['! echo-reply on echo-request', icmp(0, undefined, true), echo, true],
    ['any (255) on echo-request', icmp(255), echo, true],
    ['! any matches nothing', icmp(255, undefined, true), echo, false],
    ['3/3 on port-unreachable', icmp(3, 3), packet({ protocol: 'icmp', icmpType: 3, icmpCode: 3 }), true],
    ['3/1 on port-unreachable', icmp(3, 1), packet({ protocol: 'icmp', icmpType: 3, icmpCode: 3 }), false],
    ['3 (any code) on port-unreachable', icmp(3), packet({ protocol: 'icmp', icmpType: 3, icmpCode: 3 }), true],
    ['no --icmp-type matches any icmp', { kind: 'icmp', icmpType: undefined }, echo, true],
    ['icmp match on a tcp packet', icmp(255), packet(), false],
  ])('%s', (_name, m, p, expected) => {
    expect(evalOne(m, p).matched).toBe(expected);
  });
});

describe('multiport (xt_multiport)', () => {
  const mp = (which: 'sports' | 'dports' | 'ports', ranges: [number, number][], invert = false): Match => ({
    kind: 'multiport',
    which,
    ports: { value: ranges.map(([from, to]) => ({ from, to })), invert },
  });
  it.each<[string, Match, Partial<Packet>, boolean]>([
    ['--dports 80,443 on 443', mp('dports', [[80, 80], [443, 443]]), { dport: 443 }, true],
    ['--dports 80,443 on 8080', mp('dports', [[80, 80], [443, 443]]), { dport: 8080 }, false],
    ['--dports 8000:8100 on 8100', mp('dports', [[8000, 8100]]), { dport: 8100 }, true],
    ['! --dports 80,443 on 8080', mp('dports', [[80, 80], [443, 443]], true), { dport: 8080 }, true],
    ['! --dports 80,443 on 80', mp('dports', [[80, 80], [443, 443]], true), { dport: 80 }, false],
    ['--sports 40000 on sport 40000', mp('sports', [[40000, 40000]]), {}, true],
    ['--sports 80 on dport 80 only', mp('sports', [[80, 80]]), {}, false],
    ['--ports 80 on dport 80', mp('ports', [[80, 80]]), {}, true],
    ['--ports 40000 on sport 40000', mp('ports', [[40000, 40000]]), {}, true],
    ['--ports 22 on neither', mp('ports', [[22, 22]]), {}, false],
    ['15 entries, the last one hits', mp('dports', Array.from({ length: 15 }, (_, i): [number, number] => [1000 + i, 1000 + i])), { dport: 1014 }, true],
    ['udp packet works too', mp('dports', [[53, 53]]), { protocol: 'udp', dport: 53 }, true],
  ])('%s', (_name, m, over, expected) => {
    expect(evalOne(m, packet(over)).matched).toBe(expected);
  });
});

describe('mark and connmark (xt_mark, xt_connmark)', () => {
  it.each<[string, Match, number, number, boolean]>([
    ['--mark 0x4000/0x4000 on 0x4000', { kind: 'mark', value: 0x4000, mask: 0x4000, invert: false }, 0x4000, 0, true],
    ['--mark 0x4000/0x4000 on 0x4001 (other bits masked off)', { kind: 'mark', value: 0x4000, mask: 0x4000, invert: false }, 0x4001, 0, true],
    ['--mark 0x4000/0x4000 on 0', { kind: 'mark', value: 0x4000, mask: 0x4000, invert: false }, 0, 0, false],
    ['! --mark 0x4000/0x4000 on 0', { kind: 'mark', value: 0x4000, mask: 0x4000, invert: true }, 0, 0, true],
    ['! --mark 0x4000/0x4000 on 0x4000', { kind: 'mark', value: 0x4000, mask: 0x4000, invert: true }, 0x4000, 0, false],
    ['--mark 0x1 (full mask) on 0x3', { kind: 'mark', value: 1, mask: 0xffffffff, invert: false }, 3, 0, false],
    ['--mark 0x80000000 on 0xffffffff/0x80000000 (sign bit)', { kind: 'mark', value: 0x80000000, mask: 0x80000000, invert: false }, 0xffffffff, 0, true],
    ['connmark looks at ct mark, not skb mark', { kind: 'connmark', value: 0x10, mask: 0xff, invert: false }, 0x10, 0, false],
    ['connmark 0x10/0xff on ct mark 0x110', { kind: 'connmark', value: 0x10, mask: 0xff, invert: false }, 0, 0x110, true],
    ['! connmark 0x10/0xff on ct mark 0x110', { kind: 'connmark', value: 0x10, mask: 0xff, invert: true }, 0, 0x110, false],
  ])('%s', (_name, m, mark, ctmark, expected) => {
    expect(evalOne(m, packet({ mark }), context({ ctmark })).matched).toBe(expected);
  });

  it('notes the arithmetic', () => {
    expect(evalOne({ kind: 'mark', value: 0x4000, mask: 0x4000, invert: true }, packet({ mark: 0x4000 })).note).toBe(
      '! mark 0x4000 & 0x4000 = 0x4000 = 0x4000',
    );
  });
});

describe('statistic --mode random (xt_statistic)', () => {
  const stat = (probabilityU32: number, invert = false): Match => ({ kind: 'statistic', mode: 'random', probabilityU32, invert });
  const drawing = (value: number) => context({ random32: () => value });
  const THIRD = 715827883; // what iptables stores for --probability 0.33333333349
  it.each<[string, number, number, boolean, boolean]>([
    ['p=1/3, draw u32−1', THIRD, THIRD - 1, false, true],
    ['p=1/3, draw u32 (boundary is strict)', THIRD, THIRD, false, false],
    ['p=1/3, draw u32+1', THIRD, THIRD + 1, false, false],
    ['p=1/3, draw with the top bit set is masked off', THIRD, (0x80000000 | (THIRD - 1)) >>> 0, false, true],
    ['p=1/3, draw 0x80000000|u32 is masked to u32', THIRD, (0x80000000 | THIRD) >>> 0, false, false],
    ['p=1/3 inverted, draw u32−1', THIRD, THIRD - 1, true, false],
    ['p=1/3 inverted, draw u32', THIRD, THIRD, true, true],
    ['p=1.0 on the largest draw', 0x80000000, 0xffffffff, false, true],
    ['p=1.0 on 0x7fffffff', 0x80000000, 0x7fffffff, false, true],
    ['p=1.0 on 0', 0x80000000, 0, false, true],
    ['p=0 on 0', 0, 0, false, false],
    ['p=0.5 on 0x3fffffff', 0x40000000, 0x3fffffff, false, true],
    ['p=0.5 on 0x40000000', 0x40000000, 0x40000000, false, false],
  ])('%s', (_name, u32, draw, invert, expected) => {
    expect(evalOne(stat(u32, invert), packet(), drawing(draw)).matched).toBe(expected);
  });

  it('p=1.0 matches every draw of a seeded stream', () => {
    let x = 0x9e3779b9;
    for (let i = 0; i < 10_000; i++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      const v = x;
      expect(evalOne(stat(0x80000000), packet(), drawing(v)).matched).toBe(true);
    }
  });

  it('draws exactly once per evaluation and explains the draw', () => {
    let draws = 0;
    const c = context({ random32: () => (draws++, 0x1a2b3c4d) });
    expect(evalOne(stat(THIRD), packet(), c)).toEqual({ matched: true, note: 'statistic 0x1a2b3c4d & 0x7fffffff = 439041101 < 715827883' });
    expect(draws).toBe(1);
    expect(evalOne(stat(THIRD), packet(), drawing(0xfedcba98)).note).toBe('statistic 0xfedcba98 & 0x7fffffff = 2128394904 ≥ 715827883');
  });
});

describe('statistic --mode nth (xt_statistic)', () => {
  const nth = (every: number, p = 0, invert = false): Match => ({ kind: 'statistic', mode: 'nth', every, packet: p, invert });
  const run = (m: Match, n: number, c = context(), r: object = {}): number[] =>
    Array.from({ length: n }, (_, i) => i).filter(() => evaluateMatch(m, packet(), c, r).matched);
  // Packet indices are 0-based: index k matches when k ≡ packet (mod every).
  it.each<[string, Match, number[]]>([
    ['--every 3: the 1st, 4th, 7th … packets', nth(3), [0, 3, 6, 9]],
    ['--every 3 --packet 1', nth(3, 1), [1, 4, 7, 10]],
    ['--every 3 --packet 2', nth(3, 2), [2, 5, 8, 11]],
    ['--every 1 matches every packet', nth(1), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
    ['! --every 2', nth(2, 0, true), [1, 3, 5, 7, 9, 11]],
  ])('%s', (_name, m, expected) => {
    expect(run(m, 12)).toEqual(expected);
  });

  it('keeps one counter per rule', () => {
    const c = context();
    const a = {};
    const b = {};
    expect(evaluateMatch(nth(2), packet(), c, a).matched).toBe(true);
    expect(evaluateMatch(nth(2), packet(), c, b).matched).toBe(true);
    expect(evaluateMatch(nth(2), packet(), c, a).matched).toBe(false);
    expect(c.nthCounters.get(a)).toBe(1);
    expect(c.nthCounters.get(b)).toBe(0);
  });
});

describe('addrtype (xt_addrtype)', () => {
  const at = (side: 'srcType' | 'dstType', types: string[], invert = false): Match =>
    ({ kind: 'addrtype', [side]: { value: types, invert } }) as Match;
  it.each<[string, Match, Partial<Packet>, boolean]>([
    ['--dst-type LOCAL on a node IP', at('dstType', ['LOCAL']), { dst: ip('192.168.1.10') }, true],
    ['--dst-type LOCAL on 127.0.0.1', at('dstType', ['LOCAL']), { dst: ip('127.0.0.1') }, true],
    ['--dst-type LOCAL on 127.1.2.3 (all of 127/8)', at('dstType', ['LOCAL']), { dst: ip('127.1.2.3') }, true],
    ['--dst-type LOCAL on a ClusterIP', at('dstType', ['LOCAL']), {}, false],
    ['! --dst-type LOCAL on a ClusterIP', at('dstType', ['LOCAL'], true), {}, true],
    ['--dst-type UNICAST on a ClusterIP', at('dstType', ['UNICAST']), {}, true],
    ['--dst-type UNICAST on a node IP (LOCAL, not UNICAST)', at('dstType', ['UNICAST']), { dst: ip('192.168.1.10') }, false],
    ['--dst-type MULTICAST on 224.0.0.251', at('dstType', ['MULTICAST']), { dst: ip('224.0.0.251') }, true],
    ['--dst-type MULTICAST on 239.255.255.255', at('dstType', ['MULTICAST']), { dst: ip('239.255.255.255') }, true],
    ['--dst-type MULTICAST on 240.0.0.1', at('dstType', ['MULTICAST']), { dst: ip('240.0.0.1') }, false],
    ['--dst-type BROADCAST on 255.255.255.255', at('dstType', ['BROADCAST']), { dst: ip('255.255.255.255') }, true],
    ['--dst-type LOCAL,BROADCAST on 255.255.255.255', at('dstType', ['LOCAL', 'BROADCAST']), { dst: ip('255.255.255.255') }, true],
    ['--src-type LOCAL on a pod IP', at('srcType', ['LOCAL']), {}, false],
    ['--src-type LOCAL on the node IP', at('srcType', ['LOCAL']), { src: ip('192.168.1.10') }, true],
    ['--dst-type BLACKHOLE (not modelled) on a ClusterIP', at('dstType', ['BLACKHOLE']), {}, false],
  ])('%s', (_name, m, over, expected) => {
    expect(evalOne(m, packet(over)).matched).toBe(expected);
  });

  it('needs both sides when both are given', () => {
    const both: Match = { kind: 'addrtype', srcType: { value: ['LOCAL'], invert: false }, dstType: { value: ['LOCAL'], invert: false } };
    expect(evalOne(both, packet({ src: ip('192.168.1.10'), dst: ip('127.0.0.1') })).matched).toBe(true);
    expect(evalOne(both, packet({ src: ip('192.168.1.10') })).matched).toBe(false);
  });

  it('explains the type it found', () => {
    expect(evalOne(at('dstType', ['LOCAL']), packet()).note).toBe('addrtype --dst-type LOCAL ∌ 10.96.0.10 (UNICAST)');
  });
});

describe('conntrack --ctstate and state --state', () => {
  const ct = (states: ConntrackStateName[], invert = false, extra?: string[]): Match => ({
    kind: 'conntrack',
    ctstate: { value: states, invert },
    ...(extra ? { extra } : {}),
  });
  const withStates = (...s: ConntrackStateName[]) => context({ ctstates: new Set(s) });
  const kubeFirewall = ct(['RELATED', 'ESTABLISHED', 'DNAT'], true);
  it.each<[string, Match, ConntrackStateName[], boolean]>([
    ['--ctstate NEW on NEW', ct(['NEW']), ['NEW'], true],
    ['--ctstate NEW on ESTABLISHED', ct(['NEW']), ['ESTABLISHED'], false],
    ['--ctstate RELATED,ESTABLISHED on ESTABLISHED', ct(['RELATED', 'ESTABLISHED']), ['ESTABLISHED'], true],
    ['--ctstate INVALID on INVALID', ct(['INVALID']), ['INVALID'], true],
    ['! --ctstate RELATED,ESTABLISHED,DNAT on NEW', kubeFirewall, ['NEW'], true],
    ['! --ctstate RELATED,ESTABLISHED,DNAT on NEW+DNAT', kubeFirewall, ['NEW', 'DNAT'], false],
    ['! --ctstate RELATED,ESTABLISHED,DNAT on ESTABLISHED', kubeFirewall, ['ESTABLISHED'], false],
    ['! --ctstate RELATED,ESTABLISHED,DNAT on NEW+SNAT', kubeFirewall, ['NEW', 'SNAT'], true],
    ['--ctstate DNAT on ESTABLISHED+DNAT', ct(['DNAT']), ['ESTABLISHED', 'DNAT'], true],
    ['--ctstate SNAT on NEW+DNAT', ct(['SNAT']), ['NEW', 'DNAT'], false],
    ['--ctstate UNTRACKED on UNTRACKED', ct(['UNTRACKED']), ['UNTRACKED'], true],
    ['state --state NEW on NEW+DNAT', { kind: 'state', state: { value: ['NEW'], invert: false } }, ['NEW', 'DNAT'], true],
    ['state --state ESTABLISHED on NEW', { kind: 'state', state: { value: ['ESTABLISHED'], invert: false } }, ['NEW'], false],
    ['state ! --state ESTABLISHED on NEW', { kind: 'state', state: { value: ['ESTABLISHED'], invert: true } }, ['NEW'], true],
    ['--ctstate INVALID on a packet with no conntrack state', ct(['INVALID']), [], true],
    ['--ctstate NEW on a packet with no conntrack state', ct(['NEW']), [], false],
    ['state --state INVALID on a packet with no conntrack state', { kind: 'state', state: { value: ['INVALID'], invert: false } }, [], true],
    ['state ignores the virtual DNAT bit', { kind: 'state', state: { value: ['DNAT'], invert: false } }, ['NEW', 'DNAT'], false],
  ])('%s', (_name, m, states, expected) => {
    expect(evalOne(m, packet(), withStates(...states)).matched).toBe(expected);
  });

  it('explains the comparison', () => {
    expect(evalOne(kubeFirewall, packet(), withStates('NEW', 'DNAT')).note).toBe('conntrack ! --ctstate RELATED,ESTABLISHED,DNAT ∋ DNAT');
  });

  it('flags options it does not simulate, after the state has matched', () => {
    const m = ct(['NEW'], false, ['--ctorigdstport', '80']);
    expect(evalOne(m, packet(), withStates('NEW'))).toMatchObject({ matched: true, unknown: true });
    expect(evalOne(m, packet(), withStates('ESTABLISHED'))).toMatchObject({ matched: false });
    expect(evalOne({ kind: 'conntrack' }, packet(), withStates('INVALID')).matched).toBe(true);
  });
});

describe('comment, nfacct, unknown modules', () => {
  it('comment always matches and says nothing', () => {
    expect(evalOne({ kind: 'comment', comment: 'ns/svc:p' })).toEqual({ matched: true });
  });

  it('nfacct creates the object on first use and adds the packet length', () => {
    const c = context();
    const m: Match = { kind: 'nfacct', name: 'ct_state_invalid_dropped_pkts' };
    expect(evalOne(m, packet({ length: 60 }), c).matched).toBe(true);
    expect(evalOne(m, packet({ length: 1500 }), c).matched).toBe(true);
    expect(c.nfacct.get('ct_state_invalid_dropped_pkts')).toEqual({ packets: 2, bytes: 1560 });
  });

  it('an unknown module matches, flagged as not simulated', () => {
    expect(evalOne({ kind: 'unknown', module: 'hashlimit', tokens: ['--hashlimit-upto', '5/sec'] })).toEqual({
      matched: true,
      unknown: true,
      note: '-m hashlimit: not simulated (assumed to match)',
    });
    const r = evaluateMatches(rule([{ kind: 'unknown', module: 'owner', tokens: [] }]), packet(), context());
    expect(r).toEqual({ matched: true, unknown: true, notes: ['-m owner: not simulated (assumed to match)'] });
  });

  it('an unknown module does not match where the node says so (an imported dump), in both evaluators', () => {
    const c = context({ unknownMatches: 'no-match' });
    expect(evalOne({ kind: 'unknown', module: 'bpf', tokens: [] }, packet(), c)).toEqual({ matched: false, unknown: true, note: '-m bpf: not simulated (treated as not matching)' });
    const r = rule([{ kind: 'unknown', module: 'bpf', tokens: [] }]);
    expect(evaluateMatches(r, packet(), c).matched).toBe(false);
    expect(ruleMatches(r, packet(), c)).toBe(false);
    expect(rejectsQuietly(r, packet(), c)).toBe(true);
    expect(ruleMatches(r, packet(), context())).toBe(true);
  });
});

describe('evaluateMatches short-circuits like ipt_do_table', () => {
  const recentSet: Match = { kind: 'recent', command: 'set', invert: false, name: 'KUBE-SEP-X', mask: 0xffffffff as Ipv4, side: 'source' };
  const nfacct: Match = { kind: 'nfacct', name: 'counted' };
  const nth: Match = { kind: 'statistic', mode: 'nth', every: 2, packet: 0, invert: false };

  it('a failing match stops evaluation before later side effects', () => {
    const c = context();
    const r = rule([{ kind: 'tcp', destinationPort: { value: { from: 443, to: 443 }, invert: false } }, recentSet, nfacct, nth]);
    const out = evaluateMatches(r, packet(), c);
    expect(out.matched).toBe(false);
    expect(out.notes).toEqual(['tcp --dport 443 ∌ 80']);
    expect(c.recent.get('KUBE-SEP-X')?.size ?? 0).toBe(0);
    expect(c.nfacct.has('counted')).toBe(false);
    expect(c.nthCounters.has(r)).toBe(false);
  });

  it('a failing ip header stops evaluation before any module', () => {
    const c = context();
    const out = evaluateMatches(rule([recentSet, nfacct], { protocol: { value: 'udp', invert: false } }), packet(), c);
    expect(out).toEqual({ matched: false, notes: ['-p udp ≠ tcp'], unknown: false });
    expect(c.nfacct.size).toBe(0);
  });

  it('a statistic draw is not taken when an earlier match fails', () => {
    let draws = 0;
    const c = context({ random32: () => (draws++, 0) });
    const stat: Match = { kind: 'statistic', mode: 'random', probabilityU32: 0x40000000, invert: false };
    evaluateMatches(rule([{ kind: 'mark', value: 1, mask: 1, invert: false }, stat]), packet(), c);
    expect(draws).toBe(0);
    evaluateMatches(rule([{ kind: 'mark', value: 0, mask: 1, invert: false }, stat]), packet(), c);
    expect(draws).toBe(1);
  });

  it('when every match passes, all side effects happen, in rule order, keyed by the rule', () => {
    const c = context();
    const r = rule([{ kind: 'comment', comment: 'x' }, recentSet, nfacct, nth]);
    const out = evaluateMatches(r, packet(), c);
    expect(out.matched).toBe(true);
    expect(out.notes).toEqual([
      'recent KUBE-SEP-X --set + 10.244.1.5',
      'nfacct counted: 1 pkts 60 bytes',
      'statistic --every 2 --packet 0: 1 → 0',
    ]);
    expect([...c.recent.get('KUBE-SEP-X')!.keys()]).toEqual([ip('10.244.1.5')]);
    expect(c.nthCounters.get(r)).toBe(0);
  });
});
