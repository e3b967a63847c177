/**
 * The matcher on rules exactly as kube-proxy writes them on a real node (the shared "overall" vector,
 * parsed by our own parser), for the packets those rules exist for.
 */
import { describe, expect, it } from 'vitest';
import { parseIpv4, type Ipv4 } from '../ipv4';
import { readVector } from '../test-support/vectors';
import type { Rule, TableName } from './model';
import type { MatchContext } from './match-context';
import { parseIptables } from './parse';
import { evaluateMatches } from './matches';
import type { ConntrackStateName, Packet } from '../packet';

const ip = (s: string): Ipv4 => parseIpv4(s)!;
const parsed = parseIptables(readVector('k8s-overall/iptables-save'));

/** The rule of `chain` whose jump/target or printed options identify it. */
function ruleIn(table: TableName, chain: string, pick: (r: Rule) => boolean): Rule {
  const rules = parsed.ruleset.tables.get(table)?.chains.get(chain)?.rules ?? [];
  const found = rules.filter(pick);
  expect(found).toHaveLength(1);
  return found[0]!;
}
const has = (kind: string) => (r: Rule) => r.matches.some((m) => m.kind === kind);

const NODE_IP = '192.168.0.2';
const packet = (src: string, dst: string, over: Partial<Packet> = {}): Packet => ({
  src: ip(src),
  dst: ip(dst),
  protocol: 'tcp',
  sport: 40000,
  dport: 80,
  mark: 0,
  length: 60,
  ...over,
});
const node = (states: ConntrackStateName[] = ['NEW'], over: Partial<MatchContext> = {}): MatchContext => ({
  ctstates: new Set(states),
  ctmark: 0,
  localAddresses: new Set([ip(NODE_IP)]),
  nowMs: 0,
  random32: () => 0,
  recent: new Map(),
  nthCounters: new Map(),
  nfacct: new Map(),
  ipsets: new Map(),
  ...over,
});

describe('kube-proxy rules from a real node', () => {
  it('parses the vector cleanly', () => {
    expect(parsed.errors).toEqual([]);
  });

  it('KUBE-FIREWALL drops new connections to 127/8 from elsewhere unless DNATed (route_localnet)', () => {
    const r = ruleIn('filter', 'KUBE-FIREWALL', has('conntrack'));
    expect(evaluateMatches(r, packet('10.0.0.5', '127.0.0.1'), node(['NEW'])).matched).toBe(true);
    expect(evaluateMatches(r, packet('10.0.0.5', '127.0.0.1'), node(['NEW', 'DNAT'])).matched).toBe(false);
    expect(evaluateMatches(r, packet('10.0.0.5', '127.0.0.1'), node(['ESTABLISHED'])).matched).toBe(false);
    expect(evaluateMatches(r, packet('127.0.0.1', '127.0.0.1'), node(['NEW'])).matched).toBe(false);
  });

  it('the nodeports rule catches only traffic to the node’s own addresses', () => {
    const r = ruleIn('nat', 'KUBE-SERVICES', has('addrtype'));
    expect(evaluateMatches(r, packet('10.0.0.5', NODE_IP), node()).matched).toBe(true);
    expect(evaluateMatches(r, packet('10.0.0.5', '127.0.0.1'), node()).matched).toBe(true);
    const clusterIp = evaluateMatches(r, packet('10.0.0.5', '172.30.0.44'), node());
    expect(clusterIp.matched).toBe(false);
    expect(clusterIp.notes).toEqual(['addrtype --dst-type LOCAL ∌ 172.30.0.44 (UNICAST)']);
  });

  it('KUBE-POSTROUTING returns early for packets without the masquerade mark', () => {
    const r = ruleIn('nat', 'KUBE-POSTROUTING', (x) => x.target.kind === 'RETURN');
    expect(evaluateMatches(r, packet('10.0.0.5', '10.180.0.3'), node()).matched).toBe(true);
    expect(evaluateMatches(r, packet('10.0.0.5', '10.180.0.3', { mark: 0x4000 }), node()).matched).toBe(false);
  });

  it('KUBE-FORWARD counts INVALID drops in nfacct, and only those', () => {
    const r = ruleIn('filter', 'KUBE-FORWARD', has('nfacct'));
    const ctx = node(['INVALID']);
    expect(evaluateMatches(r, packet('10.0.0.5', '10.180.0.3'), ctx).matched).toBe(true);
    const established = node(['ESTABLISHED'], { nfacct: ctx.nfacct });
    expect(evaluateMatches(r, packet('10.0.0.5', '10.180.0.3'), established).matched).toBe(false);
    expect([...ctx.nfacct]).toEqual([['ct_state_invalid_dropped_pkts', { packets: 1, bytes: 60 }]]);
  });

  it('a two-endpoint service splits 50/50 on the top bit-masked draw', () => {
    const r = ruleIn('nat', 'KUBE-SVC-4SW47YFZTEDKD3PK', has('statistic'));
    expect(evaluateMatches(r, packet('10.0.0.5', '172.30.0.44'), node(['NEW'], { random32: () => 0xbfffffff })).matched).toBe(true);
    expect(evaluateMatches(r, packet('10.0.0.5', '172.30.0.44'), node(['NEW'], { random32: () => 0x40000000 })).matched).toBe(false);
  });

  it('ClientIP affinity: --set in the endpoint chain, --rcheck --seconds 10800 --reap in the service chain', () => {
    const check = ruleIn('nat', 'KUBE-SVC-NUKIZ6OKUXPJNT4C', has('recent'));
    const set = ruleIn('nat', 'KUBE-SEP-I77PXRDZVX7PMWMN', has('recent'));
    const recent = new Map();
    const at = (seconds: number) => node(['NEW'], { recent, nowMs: seconds * 1000 });
    const client = packet('10.0.0.5', '172.30.0.45');
    expect(evaluateMatches(check, client, at(0)).matched).toBe(false);
    expect(evaluateMatches(set, client, at(0)).matched).toBe(true);
    expect(evaluateMatches(check, client, at(3600)).matched).toBe(true);
    expect(evaluateMatches(check, packet('10.0.0.6', '172.30.0.45'), at(3600)).matched).toBe(false);
    expect(evaluateMatches(check, client, at(10800)).matched).toBe(true);
    expect(evaluateMatches(check, client, at(10801)).matched).toBe(false);
    // --reap dropped the stale client.
    expect(recent.get('KUBE-SEP-I77PXRDZVX7PMWMN')?.size).toBe(0);
  });
});
