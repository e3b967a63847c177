/**
 * IPVS as a data plane, on myk8s-worker of the notes' kind cluster in IPVS mode (kube-proxy's generated
 * rules, ipsets and virtual servers): a request is DNATed only after routing delivered it locally (kube-ipvs0
 * holds the VIP) and filter INPUT passed it, then leaves again through OUTPUT and POSTROUTING; the reply is
 * ESTABLISHED in conntrack (its reply tuple altered to the real server) and rewritten back by IPVS at FORWARD.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import { createConntrackTable } from '../conntrack';
import { printConntrackEntry } from '../conntrack/print';
import { formatIpv4, parseCidr, cidrContains, parseIpv4, type Ipv4 } from '../ipv4';
import { createIpvsRuntime, ipvsTable, type IpvsRuntime } from '../ipvs/runtime';
import { printIpvsadmList } from '../ipvs/print-ipvsadm';
import { generateIpvsNode } from '../kubeproxy/ipvs/generate';
import type { TcpFlag, TrackedPacket } from '../packet';
import type { RouteDecision } from './hops';
import { ipvsPlane } from './ipvs';
import { traversePacket, type NetfilterNode } from './netfilter-node';
import type { Traversal } from './model';

const ip = (s: string): Ipv4 => parseIpv4(s)!;
const NODE_IP = '172.18.0.3';
const GATEWAY = '10.10.1.1';
const SCENARIO = join(import.meta.dirname, '../kubeproxy/ipvs/__golden__/kind-default.yaml');
const EMPTY_SERVICE = '\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: empty\nspec:\n  selector:\n    app: nobody\n  ports:\n  - port: 8080\n';

function worker(): { node: NetfilterNode; rt: IpvsRuntime } {
  const loaded = loadScenario(readFileSync(SCENARIO, 'utf8') + EMPTY_SERVICE);
  if (!loaded.cluster) throw new Error(JSON.stringify(loaded.diagnostics));
  const n = generateIpvsNode(loaded.cluster, 'myk8s-worker');
  const rt = createIpvsRuntime(n.ipvs.virtualServers);
  const local = new Set([ip(NODE_IP), ip(GATEWAY), ip('127.0.0.1'), ...n.dummy.addresses.map(ip)]);
  const ownPods = parseCidr('10.10.1.0/24')!;
  const route = (dst: Ipv4): RouteDecision => {
    if (local.has(dst)) return { kind: 'local' };
    if (cidrContains(ownPods, dst)) return { kind: 'unicast', device: 'veth-webpod1', source: ip(GATEWAY) };
    return { kind: 'unicast', device: 'eth0', source: ip(NODE_IP) };
  };
  const node: NetfilterNode = {
    name: 'myk8s-worker',
    ruleset: n.ruleset,
    conntrack: createConntrackTable(),
    localAddresses: local,
    recent: new Map(),
    nthCounters: new Map(),
    nfacct: new Map(),
    ipsets: new Map(n.ipsets.map((s) => [s.name, s])),
    route,
    planes: [ipvsPlane(rt)],
  };
  return { node, rt };
}

const tcp = (src: string, sport: number, dst: string, dport: number, flags: TcpFlag[]): TrackedPacket => ({ src: ip(src), sport, dst: ip(dst), dport, protocol: 'tcp', tcpFlags: flags, mark: 0, length: 60 });
const clock = (nowMs = 0) => ({ nowMs, random32: () => 0 });
const where = (t: Traversal): string => (t.outcome.kind === 'sent' ? `${t.outcome.route.device} ${formatIpv4(t.outcome.packet.src)}:${t.outcome.packet.sport} → ${formatIpv4(t.outcome.packet.dst)}:${t.outcome.packet.dport}` : t.outcome.kind);
/** The hooks the packet crossed, each once in order, with IPVS's steps (hops of their own) where they happened. */
function path(t: Traversal): string[] {
  const out: string[] = [];
  for (const h of t.hops) {
    const label = h.kind === 'ipvs' ? `${h.hook} ipvs ${h.action}` : `${h.hook} ${h.kind === 'rule' ? h.table : h.kind}`;
    if (out[out.length - 1] !== label) out.push(label);
  }
  expect(t.ipvs ?? []).toEqual(t.hops.filter((h) => h.kind === 'ipvs'));
  return out;
}

describe('IPVS in the node layer', () => {
  it('a pod\'s SYN to the ClusterIP: nat PREROUTING accepts, routing delivers locally, filter INPUT, IPVS at LOCAL_IN rewrites to a real server and sends it again through OUTPUT and POSTROUTING', () => {
    const { node } = worker();
    const t = traversePacket(node, tcp('10.10.1.2', 40000, '10.200.1.100', 9000, ['SYN']), { from: 'network', interface: 'veth-webpod1' }, clock());
    expect(path(t)).toEqual([
      'PREROUTING conntrack', 'PREROUTING nat', 'PREROUTING routing',
      'INPUT filter', 'INPUT ipvs schedule',
      'OUTPUT routing', 'OUTPUT nat-from-entry', 'OUTPUT filter',
      'POSTROUTING nat', 'POSTROUTING confirm',
    ]);
    // rr walks the list, the reverse of the order kube-proxy added the endpoints: 10.10.3.2 first.
    expect(t.ipvs?.[0]).toMatchObject({ action: 'schedule', virtualServer: 'TCP  10.200.1.100:9000 rr', realServer: '10.10.3.2:80' });
    expect(where(t)).toBe('eth0 10.10.1.2:40000 → 10.10.3.2:80');
    // net.ipv4.vs.conntrack=1: the entry expects the reply from the real server.
    const entry = [...node.conntrack.entries.values()][0]!;
    expect(printConntrackEntry(entry, 0)).toContain('src=10.10.1.2 dst=10.200.1.100 sport=40000 dport=9000 [UNREPLIED] src=10.10.3.2 dst=10.10.1.2 sport=80 dport=40000');
  });

  it('the real server\'s SYN-ACK is ESTABLISHED in conntrack and IPVS at FORWARD gives it the VIP as source', () => {
    const { node } = worker();
    traversePacket(node, tcp('10.10.1.2', 40000, '10.200.1.100', 9000, ['SYN']), { from: 'network', interface: 'veth-webpod1' }, clock());
    const back = traversePacket(node, tcp('10.10.3.2', 80, '10.10.1.2', 40000, ['SYN', 'ACK']), { from: 'network', interface: 'eth0' }, clock(1));
    expect(back.classification).toMatchObject({ ctstate: 'ESTABLISHED', direction: 'reply' });
    expect(path(back)).toEqual(['PREROUTING conntrack', 'PREROUTING nat-from-entry', 'PREROUTING routing', 'FORWARD filter', 'FORWARD ipvs reply', 'POSTROUTING nat-from-entry']);
    expect(where(back)).toBe('veth-webpod1 10.200.1.100:9000 → 10.10.1.2:40000');
  });

  it('round robin over three connections; the third is the hairpin to the client itself, masqueraded by KUBE-LOOP-BACK', () => {
    const { node, rt } = worker();
    const sent = [40001, 40002, 40003].map((sport) => where(traversePacket(node, tcp('10.10.1.2', sport, '10.200.1.100', 9000, ['SYN']), { from: 'network', interface: 'veth-webpod1' }, clock())));
    expect(sent).toEqual(['eth0 10.10.1.2:40001 → 10.10.3.2:80', 'eth0 10.10.1.2:40002 → 10.10.2.2:80', expect.stringMatching(/^veth-webpod1 10\.10\.1\.1:\d+ → 10\.10\.1\.2:80$/)]);
    expect(printIpvsadmList(ipvsTable(rt, 0))).toContain([
      'TCP  10.200.1.100:9000 rr',
      '  -> 10.10.1.2:80                 Masq    1      0          1         ',
      '  -> 10.10.2.2:80                 Masq    1      0          1         ',
      '  -> 10.10.3.2:80                 Masq    1      0          1         ',
    ].join('\n'));
  });

  it('a process on the node: nat OUTPUT first, then IPVS at LOCAL_OUT; the VIP as source is masqueraded (KUBE-MARK-MASQ, ! -s podCIDR)', () => {
    const { node } = worker();
    // The route to a VIP is local through kube-ipvs0, so the kernel picks the VIP itself as the source address.
    const t = traversePacket(node, tcp('10.200.1.100', 50000, '10.200.1.100', 9000, ['SYN']), { from: 'local' }, clock());
    expect(path(t).slice(0, 4)).toEqual(['OUTPUT conntrack', 'OUTPUT nat', 'OUTPUT ipvs schedule', 'OUTPUT routing']);
    expect(where(t)).toMatch(/^eth0 172\.18\.0\.3:\d+ → 10\.10\.3\.2:80$/);
  });

  it('a service without endpoints: a virtual server with no real server — IPVS answers ICMP port unreachable', () => {
    const { node } = worker();
    const vip = [...node.localAddresses].map(formatIpv4).find((a) => a.startsWith('10.200.1.10') && a !== '10.200.1.100' && a !== '10.200.1.10')!;
    const t = traversePacket(node, tcp('10.10.1.2', 40000, vip, 8080, ['SYN']), { from: 'network', interface: 'veth-webpod1' }, clock());
    expect(t.outcome).toMatchObject({ kind: 'ipvs-unreachable', hook: 'INPUT', hop: { action: 'no-destination', virtualServer: `TCP  ${vip}:8080 rr` } });
  });

  it('a port the VIP does not serve is rejected by KUBE-IPVS-FILTER (kubernetes#72236), and so is ping: ICMP echo is NEW traffic to an address in KUBE-IPVS-IPS', () => {
    const { node } = worker();
    const other = traversePacket(node, tcp('10.10.1.2', 40000, '10.200.1.100', 22, ['SYN']), { from: 'network', interface: 'veth-webpod1' }, clock());
    expect(other.outcome).toMatchObject({ kind: 'rejected', hook: 'INPUT', table: 'filter', hop: { chain: 'KUBE-IPVS-FILTER', ruleIndex: 5 } });
    const ping: TrackedPacket = { src: ip('10.10.1.2'), dst: ip('10.200.1.100'), protocol: 'icmp', sport: 0, dport: 0, icmpType: 8, icmpCode: 0, icmpId: 7, mark: 0, length: 84 };
    const echo = traversePacket(node, ping, { from: 'network', interface: 'veth-webpod1' }, clock());
    expect(echo.outcome).toMatchObject({ kind: 'rejected', hook: 'INPUT', table: 'filter', hop: { chain: 'KUBE-IPVS-FILTER', ruleIndex: 5 } });
  });
});
