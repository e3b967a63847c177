/**
 * Traversal, table-driven in kube-proxy's style (pkg/proxy/iptables/proxier_test.go's packet-flow tests):
 * each case is a ruleset, a packet and what the kernel would do with it — verdict, DNAT, masquerade, the
 * rules that matched — so a change to walk order, NAT or conntrack shows up as a named case failing.
 */
import { describe, expect, it } from 'vitest';
import { createConntrackTable, printConntrackList } from '../conntrack';
import { cidrContains, formatIpv4, parseCidr, parseIpv4, type Ipv4 } from '../ipv4';
import { createRandom } from '../random';
import { parseIptables } from '../netfilter/parse';
import type { TcpFlag, TrackedPacket } from '../packet';
import type { RouteDecision, RuleHop } from './hops';
import type { Arrival, Traversal } from './model';
import { traversePacket, type NetfilterNode } from './netfilter-node';

const ip = (s: string): Ipv4 => parseIpv4(s)!;

const NODE_IP = '172.18.0.3';
const GATEWAY = '10.10.1.1';

/** A kind worker's routes: its pods behind veths, other pod CIDRs and everything else out of eth0. */
function route(dst: Ipv4): RouteDecision | undefined {
  if (dst === ip(NODE_IP) || dst === ip(GATEWAY) || cidrContains(parseCidr('127.0.0.0/8')!, dst)) return { kind: 'local' };
  if (cidrContains(parseCidr('10.10.1.0/24')!, dst)) return { kind: 'unicast', device: 'veth-pod', source: ip(GATEWAY) };
  if (cidrContains(parseCidr('192.0.2.0/24')!, dst)) return undefined;
  return { kind: 'unicast', device: 'eth0', via: ip('172.18.0.1'), source: ip(NODE_IP) };
}

function makeNode(dump: string, seed = 1): { node: NetfilterNode; random32: () => number } {
  const parsed = parseIptables(dump);
  expect(parsed.errors).toEqual([]);
  const random = createRandom(seed);
  return {
    node: {
      name: 'node',
      ruleset: parsed.ruleset,
      conntrack: createConntrackTable(),
      localAddresses: new Set([ip(NODE_IP), ip(GATEWAY), ip('127.0.0.1')]),
      recent: new Map(),
      nthCounters: new Map(),
      nfacct: new Map(),
      ipsets: new Map(),
      route,
    },
    random32: () => random.next32(),
  };
}

interface PacketSpec {
  readonly src: string;
  readonly dst: string;
  readonly sport?: number;
  readonly dport?: number;
  readonly protocol?: 'tcp' | 'udp';
  readonly flags?: readonly TcpFlag[];
}

const packet = (s: PacketSpec): TrackedPacket => ({
  src: ip(s.src),
  dst: ip(s.dst),
  protocol: s.protocol ?? 'tcp',
  sport: s.sport ?? 40000,
  dport: s.dport ?? 80,
  ...((s.protocol ?? 'tcp') === 'tcp' ? { tcpFlags: s.flags ?? ['SYN'] } : {}),
  mark: 0,
  length: 60,
});

const fromPod: Arrival = { from: 'network', interface: 'veth-pod' };
const fromWire: Arrival = { from: 'network', interface: 'eth0' };
const local: Arrival = { from: 'local' };

const ruleHops = (t: Traversal): RuleHop[] => t.hops.filter((h): h is RuleHop => h.kind === 'rule');
/** `hook table chain#index→target` for every matched rule: the "rules hit" column. */
const hits = (t: Traversal): string[] =>
  ruleHops(t)
    .filter((h) => h.matched)
    .map((h) => `${h.hook} ${h.table} ${h.chain}#${h.ruleIndex}${h.target ? `→${h.target}` : ''}`);
const endpoint = (p: TrackedPacket): string => `${formatIpv4(p.src)}:${p.sport} → ${formatIpv4(p.dst)}:${p.dport}`;
const verdict = (t: Traversal): string => {
  const o = t.outcome;
  switch (o.kind) {
    case 'local':
      return `local ${endpoint(o.packet)}`;
    case 'sent':
      return `sent ${o.route.device} ${endpoint(o.packet)}`;
    case 'dropped':
      return `dropped ${o.hook} ${o.table}${o.byPolicy ? ' (policy)' : ''}`;
    case 'rejected':
      return `rejected ${o.hook} ${o.table} ${o.rejectWith}`;
    case 'stopped':
      return `stopped ${o.target}`;
    case 'no-route':
      return `no-route ${o.hook}`;
    case 'clash':
      return `clash ${o.hook}`;
    case 'ipvs-unreachable':
      return `ipvs-unreachable ${o.hook}`;
  }
};

const clock = (random32: () => number, nowMs = 0) => ({ nowMs, random32 });

/** A small kube-proxy-like ruleset: one ClusterIP with one endpoint elsewhere, masquerade for off-cluster sources. */
const SERVICE = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SEP-A - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-X - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SEP-A -s 10.10.2.2/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-A -p tcp -m tcp -j DNAT --to-destination 10.10.2.2:80
-A KUBE-SERVICES -d 10.200.1.100/32 -p tcp -m tcp --dport 9000 -j KUBE-SVC-X
-A KUBE-SVC-X ! -s 10.10.0.0/16 -d 10.200.1.100/32 -p tcp -m tcp --dport 9000 -j KUBE-MARK-MASQ
-A KUBE-SVC-X -j KUBE-SEP-A
COMMIT
`;

describe('traversePacket: verdicts, DNAT, masquerade, rules hit', () => {
  const cases: ReadonlyArray<{
    name: string;
    dump: string;
    packet: PacketSpec;
    arrival: Arrival;
    verdict: string;
    hits: readonly string[];
    masqueraded?: boolean;
  }> = [
    {
      name: 'pod → ClusterIP: DNAT in PREROUTING, no masquerade (source is in the cluster CIDR)',
      dump: SERVICE,
      packet: { src: '10.10.1.5', dst: '10.200.1.100', dport: 9000 },
      arrival: fromPod,
      verdict: 'sent eth0 10.10.1.5:40000 → 10.10.2.2:80',
      hits: [
        'PREROUTING nat PREROUTING#0→KUBE-SERVICES',
        'PREROUTING nat KUBE-SERVICES#0→KUBE-SVC-X',
        'PREROUTING nat KUBE-SVC-X#1→KUBE-SEP-A',
        'PREROUTING nat KUBE-SEP-A#1→DNAT',
        'POSTROUTING nat POSTROUTING#0→KUBE-POSTROUTING',
        'POSTROUTING nat KUBE-POSTROUTING#0→RETURN',
        'POSTROUTING nat POSTROUTING#-1→policy ACCEPT',
      ],
    },
    {
      name: 'external → ClusterIP: KUBE-MARK-MASQ, DNAT, then MASQUERADE to the node address',
      dump: SERVICE,
      packet: { src: '203.0.113.10', dst: '10.200.1.100', dport: 9000 },
      arrival: fromWire,
      verdict: 'sent eth0 172.18.0.3:* → 10.10.2.2:80',
      masqueraded: true,
      hits: [
        'PREROUTING nat PREROUTING#0→KUBE-SERVICES',
        'PREROUTING nat KUBE-SERVICES#0→KUBE-SVC-X',
        'PREROUTING nat KUBE-SVC-X#0→KUBE-MARK-MASQ',
        'PREROUTING nat KUBE-MARK-MASQ#0→MARK',
        'PREROUTING nat KUBE-SVC-X#1→KUBE-SEP-A',
        'PREROUTING nat KUBE-SEP-A#1→DNAT',
        'POSTROUTING nat POSTROUTING#0→KUBE-POSTROUTING',
        'POSTROUTING nat KUBE-POSTROUTING#1→MARK',
        'POSTROUTING nat KUBE-POSTROUTING#2→MASQUERADE',
      ],
    },
    {
      name: 'node process → ClusterIP: OUTPUT path, masqueraded',
      dump: SERVICE,
      packet: { src: NODE_IP, dst: '10.200.1.100', dport: 9000 },
      arrival: local,
      verdict: 'sent eth0 172.18.0.3:* → 10.10.2.2:80',
      masqueraded: true,
      hits: [
        'OUTPUT nat OUTPUT#0→KUBE-SERVICES',
        'OUTPUT nat KUBE-SERVICES#0→KUBE-SVC-X',
        'OUTPUT nat KUBE-SVC-X#0→KUBE-MARK-MASQ',
        'OUTPUT nat KUBE-MARK-MASQ#0→MARK',
        'OUTPUT nat KUBE-SVC-X#1→KUBE-SEP-A',
        'OUTPUT nat KUBE-SEP-A#1→DNAT',
        'POSTROUTING nat POSTROUTING#0→KUBE-POSTROUTING',
        'POSTROUTING nat KUBE-POSTROUTING#1→MARK',
        'POSTROUTING nat KUBE-POSTROUTING#2→MASQUERADE',
      ],
    },
    {
      name: 'hairpin: the endpoint calls its own service and is masqueraded to the veth gateway',
      dump: SERVICE.replace('10.10.2.2/32', '10.10.1.5/32').replace('10.10.2.2:80', '10.10.1.5:80'),
      packet: { src: '10.10.1.5', dst: '10.200.1.100', dport: 9000 },
      arrival: fromPod,
      verdict: 'sent veth-pod 10.10.1.1:* → 10.10.1.5:80',
      masqueraded: true,
      hits: [
        'PREROUTING nat PREROUTING#0→KUBE-SERVICES',
        'PREROUTING nat KUBE-SERVICES#0→KUBE-SVC-X',
        'PREROUTING nat KUBE-SVC-X#1→KUBE-SEP-A',
        'PREROUTING nat KUBE-SEP-A#0→KUBE-MARK-MASQ',
        'PREROUTING nat KUBE-MARK-MASQ#0→MARK',
        'PREROUTING nat KUBE-SEP-A#1→DNAT',
        'POSTROUTING nat POSTROUTING#0→KUBE-POSTROUTING',
        'POSTROUTING nat KUBE-POSTROUTING#1→MARK',
        'POSTROUTING nat KUBE-POSTROUTING#2→MASQUERADE',
      ],
    },
    {
      name: 'filter REJECT with icmp-port-unreachable (a service without endpoints)',
      dump: `*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
-A FORWARD -m conntrack --ctstate NEW -j KUBE-SERVICES
-A KUBE-SERVICES -d 10.200.1.100/32 -p tcp -m tcp --dport 9000 -j REJECT --reject-with icmp-port-unreachable
COMMIT
`,
      packet: { src: '10.10.1.5', dst: '10.200.1.100', dport: 9000 },
      arrival: fromPod,
      verdict: 'rejected FORWARD filter icmp-port-unreachable',
      hits: ['FORWARD filter FORWARD#0→KUBE-SERVICES', 'FORWARD filter KUBE-SERVICES#0→REJECT'],
    },
    {
      name: 'policy DROP at FORWARD after a user chain RETURNs',
      dump: `*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:CHECK - [0:0]
-A FORWARD -j CHECK
-A CHECK -s 10.10.1.5/32 -j RETURN
-A CHECK -j ACCEPT
COMMIT
`,
      packet: { src: '10.10.1.5', dst: '10.10.2.2' },
      arrival: fromPod,
      verdict: 'dropped FORWARD filter (policy)',
      hits: ['FORWARD filter FORWARD#0→CHECK', 'FORWARD filter CHECK#0→RETURN', 'FORWARD filter FORWARD#-1→policy DROP'],
    },
    {
      name: 'goto: RETURN from a goto-ed chain returns past the chain that jumped',
      dump: `*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:A - [0:0]
:B - [0:0]
-A FORWARD -j A
-A FORWARD -j DROP
-A A -g B
-A A -j DROP
-A B -j RETURN
COMMIT
`,
      packet: { src: '10.10.1.5', dst: '10.10.2.2' },
      arrival: fromPod,
      verdict: 'dropped FORWARD filter',
      hits: ['FORWARD filter FORWARD#0→A', 'FORWARD filter A#0→B', 'FORWARD filter B#0→RETURN', 'FORWARD filter FORWARD#1→DROP'],
    },
    {
      name: 'mark: --set-xmark then --xor-mark, tested by -m mark',
      dump: `*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -j MARK --set-xmark 0x4001/0xffffffff
-A PREROUTING -j MARK --xor-mark 0x1
-A PREROUTING -m mark --mark 0x1/0x1 -j DROP
-A PREROUTING -m mark --mark 0x4000 -j ACCEPT
COMMIT
`,
      packet: { src: '10.10.1.5', dst: '10.10.2.2' },
      arrival: fromPod,
      verdict: 'sent eth0 10.10.1.5:40000 → 10.10.2.2:80',
      hits: [
        'PREROUTING mangle PREROUTING#0→MARK',
        'PREROUTING mangle PREROUTING#1→MARK',
        'PREROUTING mangle PREROUTING#3→ACCEPT',
        'FORWARD mangle FORWARD#-1→policy ACCEPT',
        'POSTROUTING mangle POSTROUTING#-1→policy ACCEPT',
      ],
    },
    {
      name: 'addrtype --dst-type LOCAL: a NodePort to the node address, not to another host',
      dump: `*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -m addrtype --dst-type LOCAL -p tcp -m tcp --dport 30080 -j REJECT --reject-with tcp-reset
COMMIT
`,
      packet: { src: '203.0.113.10', dst: NODE_IP, dport: 30080 },
      arrival: fromWire,
      verdict: 'rejected INPUT filter tcp-reset',
      hits: ['INPUT filter INPUT#0→REJECT'],
    },
    {
      name: 'no route: nothing is sent, FORWARD is never reached',
      dump: SERVICE,
      packet: { src: '10.10.1.5', dst: '192.0.2.7' },
      arrival: fromPod,
      verdict: 'no-route PREROUTING',
      hits: ['PREROUTING nat PREROUTING#0→KUBE-SERVICES', 'PREROUTING nat PREROUTING#-1→policy ACCEPT'],
    },
    {
      name: 'raw NOTRACK: untracked packets skip the nat table entirely',
      dump: `*raw
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A PREROUTING -d 10.200.1.100/32 -j NOTRACK
COMMIT
${SERVICE}`,
      packet: { src: '10.10.1.5', dst: '10.200.1.100', dport: 9000 },
      arrival: fromPod,
      verdict: 'sent eth0 10.10.1.5:40000 → 10.200.1.100:9000',
      hits: ['PREROUTING raw PREROUTING#0→NOTRACK', 'PREROUTING raw PREROUTING#-1→policy ACCEPT'],
    },
    {
      name: 'unknown target stops the walk and says so',
      dump: `*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -j NFQUEUE --queue-num 3
COMMIT
`,
      packet: { src: '10.10.1.5', dst: '10.10.2.2' },
      arrival: fromPod,
      verdict: 'stopped NFQUEUE',
      hits: ['FORWARD filter FORWARD#0→NFQUEUE'],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const { node, random32 } = makeNode(c.dump);
      const t = traversePacket(node, packet(c.packet), c.arrival, clock(random32));
      // MASQUERADE --random-fully draws the source port from the seeded RNG: any port, never the client's own by design.
      expect(c.masqueraded ? verdict(t).replace(/:\d+ →/, ':* →') : verdict(t)).toBe(c.verdict);
      expect(hits(t)).toEqual(c.hits);
      if (c.masqueraded !== undefined) {
        const out = t.outcome.kind === 'sent' ? t.outcome.packet : undefined;
        expect(out !== undefined && (out.src !== ip(c.packet.src) || out.sport !== (c.packet.sport ?? 40000))).toBe(c.masqueraded);
        if (out && c.masqueraded) expect(out.sport).toBeGreaterThanOrEqual(1024);
      }
    });
  }
});

describe('traversePacket: conntrack and the nat table', () => {
  it('walks the nat table for the first packet only; the second packet is translated from the entry', () => {
    const { node, random32 } = makeNode(SERVICE);
    const syn = traversePacket(node, packet({ src: '10.10.1.5', dst: '10.200.1.100', dport: 9000 }), fromPod, clock(random32, 0));
    expect(ruleHops(syn).some((h) => h.table === 'nat')).toBe(true);
    const synAck = traversePacket(
      node,
      packet({ src: '10.10.2.2', sport: 80, dst: '10.10.1.5', dport: 40000, flags: ['SYN', 'ACK'] }),
      fromWire,
      clock(random32, 1),
    );
    // Reply de-NAT at the source's node: the pod sees the ClusterIP answer.
    expect(verdict(synAck)).toBe('sent veth-pod 10.200.1.100:9000 → 10.10.1.5:40000');
    expect(ruleHops(synAck).some((h) => h.table === 'nat')).toBe(false);
    const ack = traversePacket(node, packet({ src: '10.10.1.5', dst: '10.200.1.100', dport: 9000, flags: ['ACK'] }), fromPod, clock(random32, 2));
    expect(verdict(ack)).toBe('sent eth0 10.10.1.5:40000 → 10.10.2.2:80');
    expect(ruleHops(ack).some((h) => h.table === 'nat')).toBe(false);
    const fromEntry = ack.hops.filter((h) => h.kind === 'nat-from-entry');
    expect(fromEntry.map((h) => h.kind === 'nat-from-entry' && `${h.hook} ${h.manip}`)).toEqual(['PREROUTING DST', 'POSTROUTING SRC']);
    expect(ack.classification?.ctstate).toBe('ESTABLISHED');
    expect(printConntrackList(node.conntrack, 1002)).toBe(
      'tcp      6 431999 ESTABLISHED src=10.10.1.5 dst=10.200.1.100 sport=40000 dport=9000 src=10.10.2.2 dst=10.10.1.5 sport=80 dport=40000 [ASSURED] mark=0 use=1\n',
    );
  });

  it('undoes MASQUERADE on replies at the node that masqueraded', () => {
    const { node, random32 } = makeNode(SERVICE);
    const syn = traversePacket(node, packet({ src: '203.0.113.10', dst: '10.200.1.100', dport: 9000 }), fromWire, clock(random32));
    expect(syn.outcome.kind).toBe('sent');
    const sent = (syn.outcome as { packet: TrackedPacket }).packet;
    const reply = traversePacket(
      node,
      packet({ src: '10.10.2.2', sport: 80, dst: NODE_IP, dport: sent.sport, flags: ['SYN', 'ACK'] }),
      fromWire,
      clock(random32, 1),
    );
    // The reply is addressed to the node, yet conntrack turns it back into ClusterIP → client before routing.
    expect(verdict(reply)).toBe('sent eth0 10.200.1.100:9000 → 203.0.113.10:40000');
  });

  it('the DNAT hop shows the packet before and after the binding', () => {
    const { node, random32 } = makeNode(SERVICE);
    const t = traversePacket(node, packet({ src: '10.10.1.5', dst: '10.200.1.100', dport: 9000 }), fromPod, clock(random32));
    const dnat = ruleHops(t).find((h) => h.target === 'DNAT')!;
    expect([formatIpv4(dnat.before.dst), dnat.before.dport, formatIpv4(dnat.after.dst), dnat.after.dport]).toEqual(['10.200.1.100', 9000, '10.10.2.2', 80]);
    const mark = ruleHops(makeAndSend('203.0.113.10')).find((h) => h.target === 'MARK')!;
    expect([mark.before.mark, mark.after.mark]).toEqual([0, 0x4000]);
  });

  it('counts packets and bytes on every matched rule and policy', () => {
    const { node, random32 } = makeNode(SERVICE);
    for (let i = 0; i < 3; i++) traversePacket(node, packet({ src: '10.10.1.5', sport: 40000 + i, dst: '10.200.1.100', dport: 9000 }), fromPod, clock(random32, i));
    const nat = node.ruleset.tables.get('nat')!;
    expect(nat.chains.get('KUBE-SEP-A')!.rules[1]!.counters).toEqual({ packets: 3, bytes: 180 });
    expect(nat.chains.get('KUBE-SEP-A')!.rules[0]!.counters).toEqual({ packets: 0, bytes: 0 });
    expect(nat.chains.get('POSTROUTING')!.policyCounters).toEqual({ packets: 3, bytes: 180 });
  });

  it('a locally generated packet to the node itself loops over lo: OUTPUT, POSTROUTING, PREROUTING, INPUT', () => {
    const { node, random32 } = makeNode(SERVICE);
    const t = traversePacket(node, packet({ src: '127.0.0.1', dst: '127.0.0.1', dport: 10250 }), local, clock(random32));
    expect(verdict(t)).toBe('local 127.0.0.1:40000 → 127.0.0.1:10250');
    const hooks = [...new Set(t.hops.map((h) => h.hook))];
    expect(hooks).toEqual(['OUTPUT', 'POSTROUTING', 'PREROUTING', 'INPUT']);
    // Conntrack ran once (OUTPUT); the looped packet keeps it, so PREROUTING's nat is not walked again.
    expect(t.hops.filter((h) => h.kind === 'conntrack')).toHaveLength(1);
    expect(ruleHops(t).some((h) => h.hook === 'PREROUTING' && h.table === 'nat')).toBe(false);
  });

  function makeAndSend(src: string): Traversal {
    const { node, random32 } = makeNode(SERVICE);
    return traversePacket(node, packet({ src, dst: '10.200.1.100', dport: 9000 }), fromWire, clock(random32));
  }
});

describe('traversePacket: statistic and recent', () => {
  const CASCADE = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:SVC - [0:0]
-A PREROUTING -d 10.200.1.100/32 -j SVC
-A SVC -m statistic --mode random --probability 0.33333333349 -j DNAT --to-destination 10.10.1.2:80
-A SVC -m statistic --mode random --probability 0.50000000000 -j DNAT --to-destination 10.10.2.2:80
-A SVC -j DNAT --to-destination 10.10.3.2:80
COMMIT
`;

  function spread(seed: number, n: number): Map<string, number> {
    const { node, random32 } = makeNode(CASCADE, seed);
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const t = traversePacket(node, packet({ src: '10.10.0.4', sport: 1024 + i, dst: '10.200.1.100', dport: 9000 }), fromPod, clock(random32, i));
      if (t.outcome.kind !== 'sent') throw new Error(verdict(t));
      const key = formatIpv4(t.outcome.packet.dst);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  it('the 1/n cascade splits evenly, and a seed reproduces every choice', () => {
    const counts = spread(7, 3000);
    for (const endpoint of ['10.10.1.2', '10.10.2.2', '10.10.3.2']) expect(Math.abs(counts.get(endpoint)! / 3000 - 1 / 3)).toBeLessThan(0.03);
    expect([...spread(7, 300)]).toEqual([...spread(7, 300)]);
    expect([...spread(7, 300)]).not.toEqual([...spread(8, 300)]);
  });

  it('recent: sessionAffinity keeps a client on the endpoint it first reached, until the timeout', () => {
    const AFFINITY = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:SEP-1 - [0:0]
:SEP-2 - [0:0]
:SVC - [0:0]
-A PREROUTING -d 10.200.1.100/32 -j SVC
-A SEP-1 -p tcp -m recent --set --name SEP-1 --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.10.1.2:80
-A SEP-2 -p tcp -m recent --set --name SEP-2 --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.10.2.2:80
-A SVC -m recent --rcheck --seconds 10800 --reap --name SEP-1 --mask 255.255.255.255 --rsource -j SEP-1
-A SVC -m recent --rcheck --seconds 10800 --reap --name SEP-2 --mask 255.255.255.255 --rsource -j SEP-2
-A SVC -m statistic --mode random --probability 0.50000000000 -j SEP-1
-A SVC -j SEP-2
COMMIT
`;
    const { node, random32 } = makeNode(AFFINITY, 3);
    const send = (sport: number, nowMs: number): string => {
      const t = traversePacket(node, packet({ src: '10.10.0.4', sport, dst: '10.200.1.100', dport: 9000 }), fromPod, clock(random32, nowMs));
      return t.outcome.kind === 'sent' ? formatIpv4(t.outcome.packet.dst) : verdict(t);
    };
    const first = send(2000, 0);
    for (let i = 1; i <= 20; i++) expect(send(2000 + i, i * 1000)).toBe(first);
    // After 10800 s without a new connection the recent entry is too old: the cascade chooses again.
    const later = new Set<string>();
    for (let i = 0; i < 20; i++) later.add(send(3000 + i, 20_000 + 10_800_001 * (i + 1)));
    expect(later.size).toBe(2);
  });

  it('is deterministic for a given seed (property over random sources and ports)', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.array(fc.integer({ min: 1024, max: 65535 }), { minLength: 1, maxLength: 8 }), (seed, ports) => {
        const run = (): string[] => {
          const { node, random32 } = makeNode(CASCADE, seed);
          return ports.map((sport, i) => {
            const t = traversePacket(node, packet({ src: '10.10.0.4', sport, dst: '10.200.1.100', dport: 9000 }), fromPod, clock(random32, i));
            return `${verdict(t)} ${hits(t).join(',')}`;
          });
        };
        expect(run()).toEqual(run());
      }),
      { numRuns: 1000 },
    );
  });
});
