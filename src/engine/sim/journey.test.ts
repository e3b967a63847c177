/**
 * Whole connections through the simulated cluster, table-driven like kube-proxy's own packet-flow tests
 * (pkg/proxy/iptables/proxier_test.go `runPacketFlowTests`): who sends, to what, and what the kernel
 * does — outcome, endpoint, the source address the pod sees, masquerade, the rule that stopped it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import type { ClusterModel } from '../cluster/model';
import { formatIpv4 } from '../ipv4';
import { runConnection, type ConnectionRequest, type Journey } from './journey';
import { createNetwork } from './network';
import { runSpread } from './spread';
import type { RuleHop } from '../node/hops';

function load(file: string): ClusterModel {
  const { cluster, diagnostics } = loadScenario(readFileSync(join(import.meta.dirname, file), 'utf8'));
  if (!cluster) throw new Error(diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n'));
  return cluster;
}

const flows = load('flows.scenario.yaml');
const podIP = (prefix: string, node: string): string => flows.pods.find((p) => p.name.startsWith(prefix) && p.nodeName === node)!.ip;
const WEB = { worker: podIP('webpod', 'myk8s-worker'), worker2: podIP('webpod', 'myk8s-worker2'), worker3: podIP('webpod', 'myk8s-worker3') };
const webIPs = Object.values(WEB);

const trace = (request: ConnectionRequest, seed = 1): Journey => runConnection(createNetwork(flows, { seed }), request);
const rules = (j: Journey, packet = 0): RuleHop[] => j.packets[packet]!.hops.filter((h): h is RuleHop => h.kind === 'rule');
const matchedTargets = (j: Journey, packet = 0): string[] => rules(j, packet).filter((h) => h.matched && h.target).map((h) => h.target!);
const seen = (j: Journey): string => (j.seenSource ? formatIpv4(j.seenSource.ip) : '');
const endpointIP = (j: Journey): string => (j.endpoint ? formatIpv4(j.endpoint.ip) : '');

describe('packet flows (kube-proxy style)', () => {
  const cases: ReadonlyArray<{
    name: string;
    request: ConnectionRequest;
    outcome: Journey['outcome'];
    /** Endpoint IPs any of which is right (the 1/n cascade chooses). */
    endpoints?: readonly string[];
    /** The source address the endpoint sees. */
    seenBy?: string | 'masqueraded-to-node';
    masquerade?: boolean;
    stoppedBy?: RegExp;
  }> = [
    {
      name: 'pod → ClusterIP: DNAT, no masquerade, the pod sees the client pod IP',
      request: { from: 'net-pod', to: 'svc-clusterip' },
      outcome: 'delivered',
      endpoints: webIPs,
      seenBy: '10.10.0.4',
      masquerade: false,
    },
    {
      name: 'pod → its own Service (hairpin): masqueraded to its node’s veth gateway',
      request: { from: flows.pods.find((p) => p.ip === WEB.worker)!.name, to: 'svc-clusterip' },
      outcome: 'delivered',
      endpoints: webIPs,
    },
    {
      name: 'node process → ClusterIP: masqueraded to the node IP',
      request: { from: 'myk8s-worker', to: 'svc-clusterip' },
      outcome: 'delivered',
      endpoints: webIPs,
      seenBy: '172.18.0.3',
      masquerade: true,
    },
    {
      name: 'external → NodePort on a node: DNAT + MASQUERADE, the pod sees the node IP',
      request: { from: 'external', to: 'myk8s-worker:30080' },
      outcome: 'delivered',
      endpoints: webIPs,
      seenBy: '172.18.0.3',
      masquerade: true,
    },
    {
      name: 'eTP Local → NodePort on a node with a local endpoint: client IP preserved',
      request: { from: 'external', to: 'myk8s-worker2:30081' },
      outcome: 'delivered',
      endpoints: [WEB.worker2],
      seenBy: '203.0.113.10',
      masquerade: false,
    },
    {
      name: 'eTP Local → NodePort on the control-plane (no local endpoint): dropped',
      request: { from: 'external', to: 'myk8s-control-plane:30081' },
      outcome: 'dropped',
      stoppedBy: /^-A KUBE-EXTERNAL-SERVICES .*svc-local has no local endpoints.*--dport 30081 -j DROP /,
    },
    {
      name: 'iTP Local from a node with a local endpoint: that endpoint only',
      request: { from: 'myk8s-worker3', to: 'svc-itp' },
      outcome: 'delivered',
      endpoints: [WEB.worker3],
    },
    {
      name: 'iTP Local from a pod on a node without endpoints: dropped (no local endpoints)',
      request: { from: 'net-pod', to: 'svc-itp' },
      outcome: 'dropped',
      stoppedBy: /^-A KUBE-SERVICES .*svc-itp has no local endpoints.*-j DROP /,
    },
    {
      name: 'LoadBalancer from an allowed source range',
      request: { from: 'external:198.51.100.7', to: '192.168.200.10:80' },
      outcome: 'delivered',
      endpoints: webIPs,
    },
    {
      name: 'LoadBalancer from outside loadBalancerSourceRanges: dropped by the firewall chain',
      request: { from: 'external', to: '192.168.200.10:80' },
      outcome: 'dropped',
      stoppedBy: /^-A KUBE-PROXY-FIREWALL -d 192\.168\.200\.10\/32 .*svc-lb traffic not accepted by KUBE-FW-\w+.*-j DROP /,
    },
    {
      name: 'Service without endpoints: REJECT, and the ICMP error reaches the client',
      request: { from: 'net-pod', to: 'svc-empty' },
      outcome: 'rejected',
      stoppedBy: /^-A KUBE-SERVICES .*svc-empty has no endpoints.*-j REJECT --reject-with icmp-port-unreachable /,
    },
    {
      name: 'UDP DNS to kube-dns: query and response',
      request: { from: 'net-pod', to: 'kube-dns.kube-system:53', protocol: 'udp' },
      outcome: 'delivered',
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const j = trace(c.request);
      expect(j.outcome, j.packets.map((p) => p.fate.kind).join(',')).toBe(c.outcome);
      if (c.endpoints) expect(c.endpoints).toContain(endpointIP(j));
      if (c.seenBy) expect(seen(j)).toBe(c.seenBy);
      if (c.masquerade !== undefined) expect(matchedTargets(j).includes('MASQUERADE')).toBe(c.masquerade);
      if (c.stoppedBy) {
        const fate = j.packets[0]!.fate;
        const rule = (fate.kind === 'dropped' || fate.kind === 'rejected') && fate.hop?.kind === 'rule' ? fate.hop.rule : '';
        expect(`${rule} ${fate.kind === 'dropped' ? fate.reason : ''}`).toMatch(c.stoppedBy);
      }
      if (c.outcome === 'delivered') {
        // Every reply arrives de-NATed: the client sees the address it sent to.
        for (const p of j.packets.filter((x) => x.direction === 'reply')) {
          expect(p.fate.kind).toBe('delivered');
          expect(p.delivered && formatIpv4(p.delivered.src)).toBe(formatIpv4(j.destination.ip));
          expect(p.delivered?.sport).toBe(j.destination.port);
        }
      }
    });
  }

  it('hairpin: the endpoint itself sees the connection from the node side of its veth', () => {
    const self = flows.pods.find((p) => p.ip === WEB.worker)!;
    for (let seed = 1; seed <= 30; seed++) {
      const j = trace({ from: self.name, to: 'svc-clusterip' }, seed);
      if (endpointIP(j) !== WEB.worker) continue;
      expect(seen(j)).toBe('10.10.1.1');
      expect(matchedTargets(j)).toContain('MASQUERADE');
      return;
    }
    throw new Error('no seed in 1..30 sent the pod to itself');
  });

  it('a pod to its own address: the packets stay on the pod\'s lo, no node sees them (the real-kernel journey check found this)', () => {
    const self = flows.pods.find((p) => p.ip === WEB.worker)!;
    const j = trace({ from: self.name, to: `${WEB.worker}:80` });
    expect(j.outcome).toBe('delivered');
    expect(seen(j)).toBe(WEB.worker);
    for (const p of j.packets) expect(p.hops.map((h) => h.kind)).toEqual(['send', 'deliver']);
    expect(Object.values(j.conntrack).flat()).toEqual([]);
  });

  it('the second packet of a connection never traverses the nat table; replies are de-NATed by conntrack', () => {
    const j = trace({ from: 'net-pod', to: 'svc-clusterip' });
    expect(j.packets.map((p) => p.label)).toEqual(['SYN', 'SYN-ACK', 'ACK', 'request', 'response', 'FIN', 'FIN-ACK', 'last ACK']);
    expect(rules(j, 0).some((h) => h.table === 'nat')).toBe(true);
    for (let i = 1; i < j.packets.length; i++) expect(rules(j, i).some((h) => h.table === 'nat'), j.packets[i]!.label).toBe(false);
    const synAck = j.packets[1]!;
    expect(synAck.hops.some((h) => h.kind === 'nat-from-entry' && h.direction === 'reply')).toBe(true);
  });

  it('conntrack ends in TIME_WAIT on the client’s node after FIN both ways', () => {
    const j = trace({ from: 'net-pod', to: 'svc-clusterip' });
    expect(j.conntrack['myk8s-control-plane']?.[0]).toMatch(/^tcp +6 \d+ TIME_WAIT src=10\.10\.0\.4 dst=10\.200\.1\.\d+ .* \[ASSURED\] mark=0 use=1$/);
    expect(j.packets[0]!.conntrack['myk8s-control-plane']?.[0]).toMatch(/SYN_SENT .* \[UNREPLIED\]/);
    expect(j.packets[1]!.conntrack['myk8s-control-plane']?.[0]).toMatch(/SYN_RECV/);
    expect(j.packets[2]!.conntrack['myk8s-control-plane']?.[0]).toMatch(/ESTABLISHED .* \[ASSURED\]/);
  });

  it('conntrack and confirm hops carry the entry as conntrack -L prints it at that moment', () => {
    const j = trace({ from: 'net-pod', to: 'svc-clusterip' });
    const confirm = j.packets[0]!.hops.find((h) => h.kind === 'confirm' && h.node === 'myk8s-control-plane');
    expect(confirm && confirm.kind === 'confirm' && confirm.entryLine).toMatch(/^tcp +6 120 SYN_SENT src=10\.10\.0\.4 .* \[UNREPLIED\] src=10\.10\.\d\.2 dst=10\.10\.0\.4 /);
    const lookup = j.packets[1]!.hops.find((h) => h.kind === 'conntrack' && h.node === 'myk8s-control-plane');
    expect(lookup && lookup.kind === 'conntrack' && lookup.entryLine).toMatch(/ SYN_RECV /);
  });

  it('UDP DNS: the reply turns the entry from UNREPLIED to a replied flow on the client node', () => {
    const j = trace({ from: 'net-pod', to: 'kube-dns.kube-system:53', protocol: 'udp' });
    expect(j.packets.map((p) => p.label)).toEqual(['query', 'response']);
    expect(j.packets[0]!.conntrack['myk8s-control-plane']?.[0]).toMatch(/^udp +17 30 src=10\.10\.0\.4 dst=10\.200\.1\.10 sport=\d+ dport=53 \[UNREPLIED\] src=10\.10\.0\.[23] /);
    expect(j.packets[1]!.conntrack['myk8s-control-plane']?.[0]).not.toContain('UNREPLIED');
  });

  it('REJECT answers with ICMP port unreachable, RELATED to the rejected (never confirmed) connection, delivered to the client', () => {
    const j = trace({ from: 'net-pod', to: 'svc-empty' });
    expect(j.packets.map((p) => p.label)).toEqual(['SYN', 'ICMP port unreachable']);
    const icmp = j.packets[1]!;
    expect(icmp.fate).toMatchObject({ kind: 'delivered', to: { kind: 'pod', name: 'net-pod' } });
    // The rejected SYN never left PREROUTING's conntrack unconfirmed entry in the table.
    expect(j.conntrack['myk8s-control-plane'] ?? []).toEqual([]);
    // The ICMP error is RELATED to the rejected connection (REJECT attaches its conntrack), not INVALID.
    expect(icmp.hops.filter((h) => h.kind === 'conntrack').map((h) => h.ctstate)).toContain('RELATED');
    expect(icmp.hops.filter((h) => h.kind === 'conntrack').map((h) => h.ctstate)).not.toContain('INVALID');
  });

  it('sessionAffinity: the same endpoint for every new connection from one client', () => {
    const network = createNetwork(flows, { seed: 11 });
    const endpoints = new Set<string>();
    for (let i = 0; i < 20; i++) endpoints.add(endpointIP(runConnection(network, { from: 'net-pod', to: 'svc-affinity', sport: 40000 + i })));
    expect(endpoints.size).toBe(1);
    // Without affinity, twenty connections spread over more than one endpoint.
    const plain = createNetwork(flows, { seed: 11 });
    const spread = new Set<string>();
    for (let i = 0; i < 20; i++) spread.add(endpointIP(runConnection(plain, { from: 'net-pod', to: 'svc-clusterip', sport: 40000 + i })));
    expect(spread.size).toBeGreaterThan(1);
  });

  it('sessionAffinity lasts until its timeout (10800 s) passes without a new connection', () => {
    const network = createNetwork(flows, { seed: 11 });
    const first = endpointIP(runConnection(network, { from: 'net-pod', to: 'svc-affinity', sport: 40000 }));
    const after = new Set<string>();
    for (let i = 1; i <= 12; i++) {
      network.nowMs += 10_800_001;
      after.add(endpointIP(runConnection(network, { from: 'net-pod', to: 'svc-affinity', sport: 40000 + i })));
    }
    expect(after.size).toBeGreaterThan(1);
    expect(webIPs).toContain(first);
  });

  it('the same scenario and seed give the same journey', () => {
    const a = trace({ from: 'external', to: 'myk8s-worker:30080' }, 42);
    const b = trace({ from: 'external', to: 'myk8s-worker:30080' }, 42);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe('spread', () => {
  it('10,000 connections over 3 endpoints: each 33% ± 2%, identical for a fixed seed', () => {
    const run = (seed: number) => runSpread(createNetwork(flows, { seed, recordEvents: false }), { from: 'net-pod', to: 'svc-clusterip', connections: 10_000 });
    const r = run(3);
    expect(r.failed).toBe(0);
    expect(Object.keys(r.endpoints).sort()).toEqual(webIPs.map((ip) => `${ip}:80`).sort());
    for (const n of Object.values(r.endpoints)) expect(Math.abs(n / 10_000 - 1 / 3)).toBeLessThanOrEqual(0.02);
    expect(run(3)).toEqual(r);
  });

  it('eTP Local through one node: every connection reaches that node’s own endpoint', () => {
    const r = runSpread(createNetwork(flows, { seed: 1, recordEvents: false }), { from: 'external', to: 'myk8s-worker3:30081', connections: 200 });
    expect(r.endpoints).toEqual({ [`${WEB.worker3}:80`]: 200 });
  });

  it('sessionAffinity: one endpoint takes everything', () => {
    const r = runSpread(createNetwork(flows, { seed: 1, recordEvents: false }), { from: 'net-pod', to: 'svc-affinity', connections: 300 });
    expect(Object.values(r.endpoints)).toEqual([300]);
  });

  it('no endpoints: every connection fails as rejected', () => {
    const r = runSpread(createNetwork(flows, { seed: 1, recordEvents: false }), { from: 'net-pod', to: 'svc-empty', connections: 50 });
    expect(r).toMatchObject({ connections: 50, failed: 50, failures: { rejected: 50 }, endpoints: {} });
  });
});
