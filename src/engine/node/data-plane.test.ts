/**
 * A second data plane beside iptables, registered as nftables base chains and IPVS will be: a toy
 * whose entries record what they see. It must run where its priority puts it relative to conntrack
 * (−200), the iptables tables (raw −300, mangle −150, nat −100/100, filter 0) and confirm; and its
 * `nat` entry must be asked only when no earlier nat entry bound the connection (nf_nat_inet_fn).
 */
import { describe, expect, it } from 'vitest';
import { createConntrackTable } from '../conntrack';
import { formatIpv4, parseIpv4, type Ipv4 } from '../ipv4';
import { parseIptables } from '../netfilter/parse';
import type { Hook, TrackedPacket } from '../packet';
import { UNCHANGED, type DataPlane, type HookEntry, type NatChoice } from './data-plane';
import type { Hop, RouteDecision } from './hops';
import { traversePacket, type NetfilterNode } from './netfilter-node';
import type { NodeTraversal } from './state';

const ip = (s: string): Ipv4 => parseIpv4(s)!;
const NODE_IP = '172.18.0.3';

const RULES = `*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -j MARK --set-xmark 0x1/0xffffffff
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 172.18.0.3:8080
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
COMMIT
`;

interface Seen {
  readonly entry: string;
  readonly hook: Hook;
  readonly ctstate: string;
  readonly mark: number;
  readonly dst: string;
  /** The node's and iptables' stages that ran before, as `hook table` / `hook conntrack`. */
  readonly before: readonly string[];
}

function toyPlane(seen: Seen[], nat?: NatChoice): DataPlane {
  const entry = (name: string, hook: Hook, priority: number, type: HookEntry['type'] = 'filter'): HookEntry => ({
    hook,
    priority,
    type,
    name,
    run: (t: NodeTraversal, h: Hook) => {
      const before = [...new Set(t.hops.filter((x) => x.hook === h).map((x) => (x.kind === 'rule' ? `${x.hook} ${x.table}` : `${x.hook} ${x.kind}`)))];
      seen.push({ entry: name, hook: h, ctstate: t.classification?.ctstate ?? '(none)', mark: t.packet.mark, dst: `${formatIpv4(t.packet.dst)}:${t.packet.dport}`, before });
      return type === 'nat' && nat ? { ...UNCHANGED, nat } : UNCHANGED;
    },
  });
  return {
    name: 'toy',
    entries: [
      entry('before conntrack', 'PREROUTING', -250),
      entry('before dnat', 'PREROUTING', -110),
      entry('toy dstnat', 'PREROUTING', -90, 'nat'),
      entry('local in', 'INPUT', 98),
    ],
  };
}

function node(plane: DataPlane): NetfilterNode {
  const parsed = parseIptables(RULES);
  expect(parsed.errors).toEqual([]);
  const route = (dst: Ipv4): RouteDecision => (dst === ip(NODE_IP) ? { kind: 'local' } : { kind: 'unicast', device: 'eth0', source: ip(NODE_IP) });
  return {
    name: 'node',
    ruleset: parsed.ruleset,
    conntrack: createConntrackTable(),
    localAddresses: new Set([ip(NODE_IP)]),
    recent: new Map(),
    nthCounters: new Map(),
    nfacct: new Map(),
    ipsets: new Map(),
    route,
    planes: [plane],
  };
}

const syn = (dst: string, dport: number): TrackedPacket => ({ src: ip('10.244.1.5'), dst: ip(dst), protocol: 'tcp', sport: 40000, dport, tcpFlags: ['SYN'], mark: 0, length: 60 });
const clock = { nowMs: 0, random32: () => 0 };

/** The stages that left hops at `hook`, in order, each once. */
const stagesAt = (hops: readonly Hop[], hook: Hook): string[] =>
  hops.filter((h) => h.hook === hook).map((h) => (h.kind === 'rule' ? h.table : h.kind)).filter((x, i, xs) => xs[i - 1] !== x);

describe('a second data plane registered beside iptables', () => {
  it('runs each entry at its priority: before conntrack, between mangle and nat, after filter INPUT and before nat SRC and confirm', () => {
    const seen: Seen[] = [];
    const t = traversePacket(node(toyPlane(seen)), syn('10.96.0.10', 80), { from: 'network', interface: 'eth0' }, clock);
    expect(t.outcome.kind).toBe('local');
    expect(seen).toEqual([
      { entry: 'before conntrack', hook: 'PREROUTING', ctstate: '(none)', mark: 0, dst: '10.96.0.10:80', before: [] },
      { entry: 'before dnat', hook: 'PREROUTING', ctstate: 'NEW', mark: 1, dst: '10.96.0.10:80', before: ['PREROUTING conntrack', 'PREROUTING mangle'] },
      // No 'toy dstnat': the iptables nat table (−100) bound the connection first.
      { entry: 'local in', hook: 'INPUT', ctstate: 'NEW', mark: 1, dst: '172.18.0.3:8080', before: ['INPUT mangle', 'INPUT filter'] },
    ]);
    // What ran after the toy's INPUT entry: the nat table's SRC stage, then confirm.
    expect(stagesAt(t.hops, 'INPUT')).toEqual(['mangle', 'filter', 'nat', 'confirm']);
  });

  it('its nat entry is asked when the iptables nat table chose nothing, and its binding rewrites the packet', () => {
    const seen: Seen[] = [];
    const nat: NatChoice = { manip: 'DST', range: { minIp: ip('10.0.0.9'), minPort: 80, maxPort: 80 } };
    const t = traversePacket(node(toyPlane(seen, nat)), syn('10.96.0.20', 80), { from: 'network', interface: 'eth0' }, clock);
    expect(seen.map((s) => s.entry)).toEqual(['before conntrack', 'before dnat', 'toy dstnat']);
    // The nat table's walk is in the trace before the binding it did not make (its hops are emitted with the translation).
    expect(stagesAt(t.hops, 'PREROUTING')).toEqual(['conntrack', 'mangle', 'nat', 'routing']);
    expect(t.outcome.kind).toBe('sent');
    if (t.outcome.kind === 'sent') expect(`${formatIpv4(t.outcome.packet.dst)}:${t.outcome.packet.dport}`).toBe('10.0.0.9:80');
  });

  it('a later packet of the connection (a retransmitted SYN) is translated from the entry: no nat entry is asked', () => {
    const seen: Seen[] = [];
    const n = node(toyPlane(seen, { manip: 'DST', range: { minIp: ip('10.0.0.9'), minPort: 80, maxPort: 80 } }));
    traversePacket(n, syn('10.96.0.20', 80), { from: 'network', interface: 'eth0' }, clock);
    seen.length = 0;
    const again = traversePacket(n, syn('10.96.0.20', 80), { from: 'network', interface: 'eth0' }, { ...clock, nowMs: 1 });
    expect(seen.map((s) => s.entry)).toEqual(['before conntrack', 'before dnat']);
    expect(again.hops.some((h) => h.kind === 'nat-from-entry' && h.hook === 'PREROUTING')).toBe(true);
    expect(again.outcome.kind === 'sent' && formatIpv4(again.outcome.packet.dst)).toBe('10.0.0.9');
  });
});
