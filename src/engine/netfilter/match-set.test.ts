/**
 * `-m set --match-set` against the ipsets kube-proxy's IPVS mode fills (ipset(8), xt_set.c).
 */
import { describe, expect, it } from 'vitest';
import { parseIpv4, type Ipv4 } from '../ipv4';
import type { Match } from './model';
import type { IpSet, MatchContext } from './match-context';
import { evaluateMatch } from './matches';
import type { Packet } from '../packet';

const ip = (s: string): Ipv4 => parseIpv4(s)!;
const packet = (over: Partial<Packet> = {}): Packet => ({
  src: ip('10.244.1.5'),
  dst: ip('10.96.0.10'),
  protocol: 'tcp',
  sport: 40000,
  dport: 53,
  mark: 0,
  length: 60,
  ...over,
});
const SETS: IpSet[] = [
  { name: 'KUBE-CLUSTER-IP', type: 'hash:ip,port', members: ['10.96.0.1,tcp:443', '10.96.0.10,udp:53', '10.96.0.10,tcp:53'] },
  { name: 'KUBE-LOOP-BACK', type: 'hash:ip,port,ip', members: ['10.244.1.5,tcp:80,10.244.1.5'] },
  { name: 'KUBE-NODE-PORT-TCP', type: 'bitmap:port', members: ['30080', '31000-31010'] },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-CIDR', type: 'hash:ip,port,net', members: ['203.0.113.7,tcp:80,198.51.100.0/24'] },
  { name: 'PODS', type: 'hash:net', members: ['10.244.0.0/16', '10.244.9.0/24 nomatch', '10.244.9.128/25'] },
  { name: 'NODES', type: 'hash:ip', members: ['192.168.1.10', '192.168.1.11 timeout 300'] },
  { name: 'MACS', type: 'hash:mac', members: ['aa:bb:cc:dd:ee:ff'] },
];
const ctx: MatchContext = {
  ctstates: new Set(['NEW']),
  ctmark: 0,
  localAddresses: new Set(),
  nowMs: 0,
  random32: () => 0,
  recent: new Map(),
  nthCounters: new Map(),
  nfacct: new Map(),
  ipsets: new Map(SETS.map((s) => [s.name, s])),
};
const set = (setName: string, flags: ('src' | 'dst')[], invert = false): Match => ({ kind: 'set', setName, flags, invert });
const run = (m: Match, p: Packet = packet()) => evaluateMatch(m, p, ctx, {});

describe('set --match-set', () => {
  it.each<[string, Match, Partial<Packet>, boolean]>([
    ['hash:ip,port dst,dst on a listed ClusterIP:port', set('KUBE-CLUSTER-IP', ['dst', 'dst']), {}, true],
    ['hash:ip,port: the protocol is part of the key (udp:53)', set('KUBE-CLUSTER-IP', ['dst', 'dst']), { protocol: 'udp' }, true],
    ['hash:ip,port: sctp:53 is not listed', set('KUBE-CLUSTER-IP', ['dst', 'dst']), { protocol: 'sctp' }, false],
    ['hash:ip,port: wrong port', set('KUBE-CLUSTER-IP', ['dst', 'dst']), { dport: 80 }, false],
    ['hash:ip,port: src,dst looks up the source address', set('KUBE-CLUSTER-IP', ['src', 'dst']), {}, false],
    ['hash:ip,port with one flag is refused (fewer flags than dimensions)', set('KUBE-CLUSTER-IP', ['dst']), {}, false],
    ['! hash:ip,port dst,dst on a listed ClusterIP:port', set('KUBE-CLUSTER-IP', ['dst', 'dst'], true), {}, false],
    ['! hash:ip,port dst,dst on an unlisted one', set('KUBE-CLUSTER-IP', ['dst', 'dst'], true), { dport: 80 }, true],
    ['hash:ip,port,ip dst,dst,src hairpin', set('KUBE-LOOP-BACK', ['dst', 'dst', 'src']), { src: ip('10.244.1.5'), dst: ip('10.244.1.5'), dport: 80 }, true],
    ['hash:ip,port,ip: a different client', set('KUBE-LOOP-BACK', ['dst', 'dst', 'src']), { src: ip('10.244.1.6'), dst: ip('10.244.1.5'), dport: 80 }, false],
    ['bitmap:port dst on 30080', set('KUBE-NODE-PORT-TCP', ['dst']), { dport: 30080 }, true],
    ['bitmap:port dst inside 31000-31010', set('KUBE-NODE-PORT-TCP', ['dst']), { dport: 31010 }, true],
    ['bitmap:port dst on 30081', set('KUBE-NODE-PORT-TCP', ['dst']), { dport: 30081 }, false],
    ['bitmap:port ignores the protocol', set('KUBE-NODE-PORT-TCP', ['dst']), { protocol: 'udp', dport: 30080 }, true],
    ['bitmap:port skips packets without ports', set('KUBE-NODE-PORT-TCP', ['dst']), { protocol: 'icmp', dport: 0, icmpType: 8, icmpCode: 0 }, false],
    ['hash:ip,port,net: source inside the allowed CIDR', set('KUBE-LOAD-BALANCER-SOURCE-CIDR', ['dst', 'dst', 'src']), { src: ip('198.51.100.9'), dst: ip('203.0.113.7'), dport: 80 }, true],
    ['hash:ip,port,net: source outside it', set('KUBE-LOAD-BALANCER-SOURCE-CIDR', ['dst', 'dst', 'src']), { src: ip('198.51.101.9'), dst: ip('203.0.113.7'), dport: 80 }, false],
    ['hash:net src inside 10.244.0.0/16', set('PODS', ['src']), {}, true],
    ['hash:net dst outside', set('PODS', ['dst']), {}, false],
    ['hash:net: a nomatch entry carves out 10.244.9.0/24', set('PODS', ['src']), { src: ip('10.244.9.1') }, false],
    ['hash:net: a more specific entry inside the nomatch range wins', set('PODS', ['src']), { src: ip('10.244.9.200') }, true],
    ['hash:ip src on a listed node (member options ignored)', set('NODES', ['src']), { src: ip('192.168.1.11') }, true],
    ['hash:ip dst on an unlisted address', set('NODES', ['dst']), {}, false],
    ['extra flags beyond the dimensions are fine', set('NODES', ['src', 'dst']), { src: ip('192.168.1.10') }, true],
  ])('%s', (_name, m, over, expected) => {
    expect(run(m, packet(over)).matched).toBe(expected);
  });

  it('an unknown set name does not match, with a note', () => {
    expect(run(set('NOPE', ['dst']))).toEqual({ matched: false, note: 'set NOPE ∄' });
  });

  it('a set type that is not simulated is flagged', () => {
    expect(run(set('MACS', ['src']))).toMatchObject({ matched: false, unknown: true });
  });

  it('explains the lookup', () => {
    expect(run(set('KUBE-CLUSTER-IP', ['dst', 'dst'])).note).toBe('set KUBE-CLUSTER-IP ∋ 10.96.0.10,tcp:53 (dst,dst)');
    expect(run(set('KUBE-CLUSTER-IP', ['dst', 'dst']), packet({ dport: 80 })).note).toBe('set KUBE-CLUSTER-IP ∌ 10.96.0.10,tcp:80 (dst,dst)');
  });
});
