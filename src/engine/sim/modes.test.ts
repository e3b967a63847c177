/**
 * The three kube-proxy modes, flow by flow: what kube-proxy promises (which endpoints, whether the source
 * is masqueraded, what the endpoint sees, the outcome) is the same in iptables, nftables and IPVS mode,
 * except where the modes truly differ — each such row says which and why (kube-proxy's own sources).
 * Each flow runs many connections so every endpoint the mode can pick shows up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import type { ClusterModel } from '../cluster/model';
import { formatIpv4 } from '../ipv4';
import { withMode, type ProxyMode } from './data-planes';
import { runConnection, type ConnectionRequest } from './journey';
import { createNetwork } from './network';

function load(file: string): ClusterModel {
  const { cluster, diagnostics } = loadScenario(readFileSync(join(import.meta.dirname, file), 'utf8'));
  if (!cluster) throw new Error(diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n'));
  return cluster;
}

const flows = load('flows.scenario.yaml');
const CONNECTIONS = 24;

/** Every distinct result of `CONNECTIONS` connections: `outcome endpoint seen-source`. */
function results(mode: ProxyMode, request: ConnectionRequest): string[] {
  // One network, many connections: IPVS's rr walks its real servers, the other modes draw at random.
  const network = createNetwork(withMode(flows, mode), { seed: 7 });
  const out = new Set<string>();
  for (let i = 0; i < CONNECTIONS; i++) {
    const j = runConnection(network, request);
    const endpoint = j.endpoint ? `${formatIpv4(j.endpoint.ip)}:${j.endpoint.port}` : '-';
    const seen = j.seenSource ? formatIpv4(j.seenSource.ip) : '-';
    out.add(`${j.outcome} ${endpoint} seen-from ${seen}`);
  }
  return [...out].sort();
}

const SAME: readonly (readonly [string, ConnectionRequest])[] = [
  ['pod → ClusterIP', { from: 'net-pod', to: 'svc-clusterip' }],
  ['node process → ClusterIP', { from: 'myk8s-worker', to: 'svc-clusterip' }],
  ['external → NodePort', { from: 'external', to: 'myk8s-worker:30080' }],
  ['external → NodePort, eTP Local, node with an endpoint', { from: 'external', to: 'myk8s-worker2:30081' }],
  ['node process → ClusterIP, iTP Local', { from: 'myk8s-worker3', to: 'svc-itp' }],
  ['LB IP from an allowed source', { from: 'external:198.51.100.7', to: '192.168.200.10:80' }],
  ['pod → DNS over UDP', { from: 'net-pod', to: 'kube-dns.kube-system:53', protocol: 'udp' }],
];

describe('the same flows in iptables, nftables and IPVS mode', () => {
  it.each(SAME)('%s: same endpoints, masquerade and outcome in all three modes', (_name, request) => {
    const iptables = results('iptables', request);
    expect({ nftables: results('nftables', request), ipvs: results('ipvs', request) }).toEqual({ nftables: iptables, ipvs: iptables });
  });
});

/** The first connection's outcome and endpoint, and where it stopped. */
function first(mode: ProxyMode, request: ConnectionRequest): { outcome: string; endpoint: string; seen: string; stoppedBy: string } {
  const j = runConnection(createNetwork(withMode(flows, mode), { seed: 3 }), request);
  const fate = j.packets[0]!.fate;
  const stoppedBy = fate.kind === 'rejected' || fate.kind === 'dropped' ? (fate.hop ? (fate.hop.kind === 'ipvs' ? `ipvs ${fate.hop.action}` : `${fate.hop.table} ${fate.hop.chain}`) : fate.kind === 'dropped' ? fate.reason : `refused by the stack`) : '';
  return { outcome: j.outcome, endpoint: j.endpoint ? formatIpv4(j.endpoint.ip) : '-', seen: j.seenSource ? formatIpv4(j.seenSource.ip) : '-', stoppedBy };
}

describe('where the modes truly differ', () => {
  const clusterIP = flows.services.find((s) => s.name === 'svc-clusterip')!.clusterIP;

  it('sessionAffinity ClientIP: one endpoint takes every connection in every mode (which one is each mode\'s own draw)', () => {
    for (const mode of ['iptables', 'nftables', 'ipvs'] as const) {
      const r = results(mode, { from: 'net-pod', to: 'svc-affinity' });
      expect(r, mode).toHaveLength(1);
      expect(r[0], mode).toMatch(/^delivered \S+ seen-from 10\.10\.0\.4$/);
    }
  });

  it('an unallocated address of the Service range: nftables drops it (cluster-ips-check); iptables and IPVS have no rule for it', () => {
    expect(first('nftables', { from: 'net-pod', to: '10.200.1.222:80' })).toMatchObject({ outcome: 'dropped', stoppedBy: 'ip kube-proxy cluster-ips-check' });
    // No rule stops it: the node routes it out of the cluster by its default route, and no answer comes back.
    for (const mode of ['iptables', 'ipvs'] as const) expect(first(mode, { from: 'net-pod', to: '10.200.1.222:80' }).stoppedBy, mode).toMatch(/^nobody owns 10\.200\.1\.222/);
  });

  it('a port the ClusterIP does not serve: nftables rejects (cluster-ips-check), IPVS rejects (KUBE-IPVS-FILTER); iptables has no rule for it', () => {
    const to = `${clusterIP}:12345`;
    expect(first('nftables', { from: 'net-pod', to })).toMatchObject({ outcome: 'rejected', stoppedBy: 'ip kube-proxy cluster-ips-check' });
    expect(first('ipvs', { from: 'net-pod', to })).toMatchObject({ outcome: 'rejected', stoppedBy: 'filter KUBE-IPVS-FILTER' });
    expect(first('iptables', { from: 'net-pod', to }).outcome).not.toMatch(/rejected/);
  });

  it('ping to a ClusterIP: unanswered in iptables mode (no rule, routed out), rejected in nftables (cluster-ips-check) and IPVS (KUBE-IPVS-FILTER) mode', () => {
    const request = { from: 'net-pod', to: 'svc-clusterip', protocol: 'icmp' as const };
    expect(first('iptables', request).stoppedBy).toMatch(/^nobody owns /);
    expect(first('nftables', request)).toMatchObject({ outcome: 'rejected', stoppedBy: 'ip kube-proxy cluster-ips-check' });
    expect(first('ipvs', request)).toMatchObject({ outcome: 'rejected', stoppedBy: 'filter KUBE-IPVS-FILTER' });
  });

  it('a Service without endpoints is rejected in every mode: a REJECT rule, nftables\' no-endpoint-services, IPVS finding no real server', () => {
    expect(first('iptables', { from: 'net-pod', to: 'svc-empty' })).toMatchObject({ outcome: 'rejected', stoppedBy: 'filter KUBE-SERVICES' });
    expect(first('nftables', { from: 'net-pod', to: 'svc-empty' })).toMatchObject({ outcome: 'rejected', stoppedBy: 'ip kube-proxy reject-chain' });
    expect(first('ipvs', { from: 'net-pod', to: 'svc-empty' })).toMatchObject({ outcome: 'rejected', stoppedBy: 'ipvs no-destination' });
  });

  it('a NodePort on 127.0.0.1 from the node: only iptables mode serves it (localhostNodePorts); nftables and IPVS never DNAT it', () => {
    expect(first('iptables', { from: 'myk8s-worker', to: '127.0.0.1:30080' }).endpoint).toMatch(/^10\.10\./);
    for (const mode of ['nftables', 'ipvs'] as const) expect(first(mode, { from: 'myk8s-worker', to: '127.0.0.1:30080' }).endpoint, mode).not.toMatch(/^10\.10\./);
  });

  it('iTP Local from a node without a local endpoint: iptables and nftables drop; IPVS has a virtual server without real servers and answers ICMP port unreachable', () => {
    const request = { from: 'net-pod', to: 'svc-itp' };
    expect(first('iptables', request).outcome).toBe('dropped');
    expect(first('nftables', request).outcome).toBe('dropped');
    expect(first('ipvs', request)).toMatchObject({ outcome: 'rejected', stoppedBy: 'ipvs no-destination' });
  });

  it('eTP Local on a node without a local endpoint: iptables and nftables drop; IPVS forwards to a remote endpoint unmasqueraded (kubernetes#97081)', () => {
    const request = { from: 'external', to: 'myk8s-control-plane:30081' };
    expect(first('iptables', request).outcome).toBe('dropped');
    expect(first('nftables', request).outcome).toBe('dropped');
    // kube-proxy's IPVS proxier falls back to the cluster's endpoints so local pods can reach the Service; an
    // external client's packet is forwarded with its own source, so the pod's reply does not come back this way.
    const ipvs = first('ipvs', request);
    expect(ipvs.endpoint).toMatch(/^10\.10\./);
    expect(ipvs.seen).toBe('203.0.113.10');
  });
});
