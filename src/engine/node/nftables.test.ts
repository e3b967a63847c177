/**
 * kube-proxy's nftables ruleset (its own test golden, parsed) as the only data plane of the test's node
 * (test-node, 192.168.0.2; pods in 10.0.0.0/8, endpoints 10.180.0.x behind cni0): packets walked
 * through the base chains at their hooks, with conntrack between them, table-driven.
 */
import { describe, expect, it } from 'vitest';
import { createConntrackTable } from '../conntrack';
import { cidrContains, formatIpv4, parseCidr, parseIpv4, type Ipv4 } from '../ipv4';
import { parseIptables } from '../netfilter/parse';
import { parseTransaction } from '../nftables/parse-transaction';
import { printNftList } from '../nftables/print-list';
import { rulesetNow } from '../nftables/runtime';
import type { TrackedPacket } from '../packet';
import { createRandom } from '../random';
import { readVector } from '../test-support/vectors';
import type { Hop, MapLookupHop, RouteDecision, RuleHop } from './hops';
import type { Arrival, Traversal } from './model';
import { traversePacket, type NetfilterNode } from './netfilter-node';
import { nftablesPlane, type NftablesPlane } from './nftables';

const ip = (s: string): Ipv4 => parseIpv4(s)!;
const NODE_IP = '192.168.0.2';
const CNI_GW = '10.180.0.254';

function route(dst: Ipv4): RouteDecision | undefined {
  if (dst === ip(NODE_IP) || dst === ip(CNI_GW) || cidrContains(parseCidr('127.0.0.0/8')!, dst)) return { kind: 'local' };
  if (cidrContains(parseCidr('10.180.0.0/24')!, dst)) return { kind: 'unicast', device: 'cni0', source: ip(CNI_GW) };
  return { kind: 'unicast', device: 'eth0', via: ip('192.168.0.1'), source: ip(NODE_IP) };
}

function makeNode(seed = 1): { node: NetfilterNode; plane: NftablesPlane; clock: (nowMs: number) => { nowMs: number; random32: () => number } } {
  const parsed = parseTransaction(readVector('nftables/TestOverallNFTablesRules.expected.txt'));
  expect(parsed.errors).toEqual([]);
  const plane = nftablesPlane(parsed.ruleset);
  const random = createRandom(seed);
  const node: NetfilterNode = {
    name: 'test-node',
    ruleset: parseIptables('').ruleset,
    conntrack: createConntrackTable(),
    localAddresses: new Set([ip(NODE_IP), ip(CNI_GW), ip('127.0.0.1')]),
    recent: new Map(),
    nthCounters: new Map(),
    nfacct: new Map(),
    ipsets: new Map(),
    route,
    planes: [plane],
  };
  return { node, plane, clock: (nowMs) => ({ nowMs, random32: () => random.next32() }) };
}

const syn = (src: string, dst: string, dport: number, sport = 40000): TrackedPacket => ({ src: ip(src), dst: ip(dst), protocol: 'tcp', sport, dport, tcpFlags: ['SYN'], mark: 0, length: 60 });
const fromPod: Arrival = { from: 'network', interface: 'cni0' };
const fromOutside: Arrival = { from: 'network', interface: 'eth0' };
const fromNode: Arrival = { from: 'local' };

const addr = (p: { dst: number; dport: number }): string => `${formatIpv4(p.dst)}:${p.dport}`;
const rules = (hops: readonly Hop[]): RuleHop[] => hops.filter((h): h is RuleHop => h.kind === 'rule');
const lookups = (hops: readonly Hop[]): string[] => hops.filter((h): h is MapLookupHop => h.kind === 'map-lookup').map((h) => h.text);

function outcomeOf(t: Traversal): string {
  const o = t.outcome;
  switch (o.kind) {
    case 'sent':
      return `sent ${formatIpv4(o.packet.src)}:${o.packet.sport} → ${addr(o.packet)} via ${o.route.device}`;
    case 'local':
      return `local ${formatIpv4(o.packet.src)} → ${addr(o.packet)}`;
    case 'dropped':
      return `dropped at ${o.hook} by ${o.table} ${o.hop.chain}: ${o.hop.rule}`;
    case 'rejected':
      return `rejected (${o.rejectWith}) at ${o.hook} by ${o.table} ${o.hop.chain}: ${o.hop.rule}`;
    default:
      return o.kind;
  }
}

describe('kube-proxy nftables ruleset as the node data plane', () => {
  it.each([
    // A ClusterIP from a pod: one map lookup, then numgen picks the only endpoint; the pod's source is kept (in the pod CIDR).
    ['ClusterIP from a pod', '10.180.0.9', '172.30.0.41', 80, fromPod, 'sent 10.180.0.9:40000 → 10.180.0.1:80 via cni0'],
    // From the node itself: masqueraded (not from the pod CIDR) to the cni0 address.
    ['ClusterIP from the node', NODE_IP, '172.30.0.41', 80, fromNode, /^sent 10\.180\.0\.254:\d+ → 10\.180\.0\.1:80 via cni0$/],
    ['an unallocated ClusterIP in 172.30.0.0/16', '10.180.0.9', '172.30.0.99', 80, fromPod, 'dropped at FORWARD by ip kube-proxy cluster-ips-check: ip daddr 172.30.0.0/16 drop comment "Drop traffic to unallocated ClusterIPs"'],
    ['a closed port of a real ClusterIP', '10.180.0.9', '172.30.0.41', 81, fromPod, 'rejected (icmp-port-unreachable) at FORWARD by ip kube-proxy cluster-ips-check: ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"'],
    ['a closed port of a real ClusterIP, from the node', NODE_IP, '172.30.0.41', 81, fromNode, 'rejected (icmp-port-unreachable) at OUTPUT by ip kube-proxy cluster-ips-check: ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"'],
    ['a Service without endpoints', '10.180.0.9', '172.30.0.46', 80, fromPod, 'rejected (icmp-port-unreachable) at FORWARD by ip kube-proxy reject-chain: reject'],
    ['a NodePort on the node IP: DNATed and masqueraded', '203.0.113.7', NODE_IP, 3003, fromOutside, /^sent 10\.180\.0\.254:\d+ → 10\.180\.0\.3:80 via cni0$/],
    ['a NodePort whose Service has no local endpoint (no-endpoint-nodeports: drop)', '203.0.113.7', NODE_IP, 3001, fromOutside, 'dropped at INPUT by ip kube-proxy nodeport-endpoints-check: ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports'],
    ['an external IP with no local endpoint (no-endpoint-services: drop)', '203.0.113.7', '1.2.3.4', 80, fromOutside, 'dropped at FORWARD by ip kube-proxy service-endpoints-check: ip daddr . meta l4proto . th dport vmap @no-endpoint-services'],
    ['a LoadBalancer IP from outside LoadBalancerSourceRanges', '198.51.100.1', '5.6.7.8', 80, fromOutside, 'dropped at PREROUTING by ip kube-proxy firewall-HVFWP5L3-ns5/svc5/tcp/p80: ip saddr != 203.0.113.0/25 drop'],
    ['a LoadBalancer IP from inside LoadBalancerSourceRanges', '203.0.113.9', '5.6.7.8', 80, fromOutside, /^sent 10\.180\.0\.254:\d+ → 10\.180\.0\.3:80 via cni0$/],
    ['a port no Service uses on the node', '203.0.113.7', NODE_IP, 22, fromOutside, 'local 203.0.113.7 → 192.168.0.2:22'],
  ])('%s', (_name, src, dst, dport, arrival, expected) => {
    const { node, clock } = makeNode();
    const t = traversePacket(node, syn(src, dst, dport), arrival, clock(0));
    const text = outcomeOf(t);
    if (typeof expected === 'string') expect(text).toBe(expected);
    else expect(text).toMatch(expected);
  });

  it('a ClusterIP is one map lookup and a numgen draw, not a walk; the hops name the table, chain and rule as nft lists them', () => {
    const { node, clock } = makeNode();
    const t = traversePacket(node, syn('10.180.0.9', '172.30.0.44', 80), fromPod, clock(0));
    // PREROUTING: the firewall map first (filter −110, no element), then the Service map (nat −100), then numgen's anonymous map.
    const [firewall, service, pick] = lookups(t.hops);
    expect(firewall).toBe('firewall-ips: 172.30.0.44 . tcp . 80 → no element');
    expect(service).toBe('service-ips: 172.30.0.44 . tcp . 80 → goto service-LAUZTJTB-ns4/svc4/tcp/p80');
    expect(pick).toMatch(/^\{…\}: [01] → goto endpoint-(UNZV3OEC|5RFCDDV7)-ns4\/svc4\/tcp\/p80__10\.180\.0\.[45]\/80$/);
    const dnat = rules(t.hops).find((h) => h.target?.startsWith('dnat'))!;
    expect(dnat).toMatchObject({ table: 'ip kube-proxy', hook: 'PREROUTING', rule: expect.stringMatching(/^meta l4proto tcp dnat to 10\.180\.0\.[45]:80$/) });
    // What the kernel evaluated for this new connection, whatever the number of Services: PREROUTING 3 (pre-dnat
    // jump, firewall-ips lookup, policy) + 6 (jump services, service-ips lookup, masquerade check, numgen lookup,
    // endpoint source check, dnat); FORWARD 6 (two jumps, no-endpoint lookup, two cluster-ips checks, policy);
    // POSTROUTING 3 (jump masquerading, its mark test returns, policy).
    expect(t.rulesEvaluated).toBe(18);
  });

  it('numgen random mod 2 spreads connections over both endpoints (seeded)', () => {
    const { node, clock } = makeNode(7);
    const seen = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const t = traversePacket(node, syn('10.180.0.9', '172.30.0.44', 80, 20000 + i), fromPod, clock(i), { recordHops: false });
      const o = t.outcome;
      if (o.kind !== 'sent') throw new Error(outcomeOf(t));
      seen.set(addr(o.packet), (seen.get(addr(o.packet)) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(['10.180.0.4:80', '10.180.0.5:80']);
    for (const n of seen.values()) expect(Math.abs(n - 1000)).toBeLessThan(100);
  });

  it('session affinity: the client is sent back to its endpoint until the set element times out (3h)', () => {
    const { node, plane, clock } = makeNode();
    const affinityRule = 'ip saddr @affinity-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80 goto endpoint-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80';
    const hit = (t: Traversal): boolean => rules(t.hops).some((h) => h.rule === affinityRule && h.matched);
    const first = traversePacket(node, syn('10.180.0.9', '172.30.0.45', 80, 30001), fromPod, clock(0));
    expect(hit(first)).toBe(false);
    expect(printNftList(rulesetNow(plane.ruleset, plane.runtime, 1000))).toContain('\t\ttimeout 3h\n\t\telements = { 10.180.0.9 expires 2h59m59s }');
    const again = traversePacket(node, syn('10.180.0.9', '172.30.0.45', 80, 30002), fromPod, clock(3 * 3600_000 - 1));
    expect(hit(again)).toBe(true);
    // The second connection refreshed the element (`update`): 3h from its own time.
    const later = traversePacket(node, syn('10.180.0.9', '172.30.0.45', 80, 30003), fromPod, clock(6 * 3600_000 - 2));
    expect(hit(later)).toBe(true);
    const expired = traversePacket(node, syn('10.180.0.9', '172.30.0.45', 80, 30004), fromPod, clock(9 * 3600_000));
    expect(hit(expired)).toBe(false);
    expect(expired.outcome.kind === 'sent' && addr(expired.outcome.packet)).toBe('10.180.0.3:80');
  });

  it('nat chains are asked only for a connection’s first packet; the reply is de-NATed from the conntrack entry', () => {
    const { node, clock } = makeNode();
    const first = traversePacket(node, syn('10.180.0.9', '172.30.0.41', 80), fromPod, clock(0));
    expect(outcomeOf(first)).toBe('sent 10.180.0.9:40000 → 10.180.0.1:80 via cni0');
    const reply: TrackedPacket = { src: ip('10.180.0.1'), dst: ip('10.180.0.9'), protocol: 'tcp', sport: 80, dport: 40000, tcpFlags: ['SYN', 'ACK'], mark: 0, length: 60 };
    const back = traversePacket(node, reply, fromPod, clock(1));
    expect(back.outcome.kind === 'sent' && `${formatIpv4(back.outcome.packet.src)}:${back.outcome.packet.sport}`).toBe('172.30.0.41:80');
    expect(rules(back.hops).some((h) => h.chain === 'nat-prerouting' || h.chain === 'services')).toBe(false);
    expect(back.hops.some((h) => h.kind === 'nat-from-entry' && h.direction === 'reply')).toBe(true);
    const ack: TrackedPacket = { ...syn('10.180.0.9', '172.30.0.41', 80), tcpFlags: ['ACK'] };
    const second = traversePacket(node, ack, fromPod, clock(2));
    expect(outcomeOf(second)).toBe('sent 10.180.0.9:40000 → 10.180.0.1:80 via cni0');
    expect(lookups(second.hops)).toEqual([]);
  });

  it('marks: the masquerade mark is set in mark-for-masquerade and cleared by masquerading (xor)', () => {
    const { node, clock } = makeNode();
    const t = traversePacket(node, syn('203.0.113.7', NODE_IP, 3003), fromOutside, clock(0));
    const markSet = rules(t.hops).find((h) => h.chain === 'mark-for-masquerade')!;
    expect([markSet.rule, markSet.before.mark, markSet.after.mark]).toEqual(['meta mark set meta mark | 0x00004000', 0, 0x4000]);
    const masq = rules(t.hops).find((h) => h.chain === 'masquerading' && h.target === 'masquerade fully-random')!;
    expect(masq.before.mark).toBe(0);
    expect(t.outcome.kind === 'sent' && t.outcome.packet.mark).toBe(0);
  });

  it('base chains run at their priorities among the iptables tables and conntrack', () => {
    const { node, clock } = makeNode();
    const tables = parseIptables('*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n-A PREROUTING -j MARK --set-xmark 0x1/0x1\nCOMMIT\n*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n');
    expect(tables.errors).toEqual([]);
    const n: NetfilterNode = { ...node, ruleset: tables.ruleset };
    const t = traversePacket(n, syn('10.180.0.9', '172.30.0.41', 80), fromPod, clock(0));
    const order = t.hops
      .filter((h) => h.hook === 'PREROUTING' && h.kind !== 'map-lookup')
      .map((h) => (h.kind === 'rule' ? `${h.table}${h.table === 'ip kube-proxy' ? ` ${h.chain.split('/')[0]}` : ''}` : h.kind))
      .filter((x, i, xs) => xs[i - 1] !== x);
    // raw −300 (none) < conntrack −200 < mangle −150 < nft filter −110 < nat −100 (iptables nat registered first, then nft's nat chain, which binds).
    expect(order).toEqual(['conntrack', 'mangle', 'ip kube-proxy filter-prerouting-pre-dnat', 'ip kube-proxy firewall-check', 'ip kube-proxy filter-prerouting-pre-dnat', 'nat', 'ip kube-proxy nat-prerouting', 'ip kube-proxy services', 'ip kube-proxy service-ULMVA6XW-ns1', 'ip kube-proxy endpoint-5OJB2KTY-ns1', 'routing']);
    // The nft chains saw the mark the mangle table set before them.
    const pre = rules(t.hops).find((h) => h.table === 'ip kube-proxy')!;
    expect(pre.before.mark).toBe(1);
  });

  it('counters and the dynamic set show in the listing as the kernel keeps them', () => {
    const parsed = parseTransaction('add table ip t\nadd chain ip t in { type filter hook input priority 0 ; }\nadd rule ip t in tcp dport 22 counter accept\nadd rule ip t in counter\n');
    const plane = nftablesPlane(parsed.ruleset);
    const { node, clock } = makeNode();
    const n: NetfilterNode = { ...node, planes: [plane] };
    for (const port of [22, 22, 80]) traversePacket(n, syn('203.0.113.7', NODE_IP, port, 40000 + port), fromOutside, clock(0));
    expect(printNftList(rulesetNow(plane.ruleset, plane.runtime, 0))).toContain('\t\ttcp dport 22 counter packets 2 bytes 120 accept\n\t\tcounter packets 1 bytes 60\n');
  });
});
