/**
 * kube-proxy's conntrack reconciler (pkg/proxy/conntrack/cleanup.go, v1.33) after an endpoint change:
 * which entries it deletes (UDP to a service frontend or NodePort whose reply source is no longer a
 * serving endpoint) and which it leaves (TCP, entries already addressed to the pod, services left
 * without any serving endpoint).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeEndpoint } from '../cluster/edit';
import { loadScenario } from '../cluster/load';
import type { ClusterModel } from '../cluster/model';
import { printConntrackList } from '../conntrack/print';
import { formatIpv4 } from '../ipv4';
import { runConnection } from '../sim/journey';
import { createNetwork, type SimNetwork } from '../sim/network';
import { reloadNetwork } from '../sim/reload';
import { filterCommand, staleEntryFilters } from './conntrack-cleanup';
import { servicePorts } from './service-ports';

const fromText = (text: string): ClusterModel => {
  const { cluster, diagnostics } = loadScenario(text);
  if (!cluster) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return cluster;
};
const stale = fromText(readFileSync(join(import.meta.dirname, '..', '..', 'scenarios', 'lessons', '13-stale-udp.yaml'), 'utf8'));
const flows = fromText(readFileSync(join(import.meta.dirname, '..', 'sim', 'flows.scenario.yaml'), 'utf8'));
const CP = 'myk8s-control-plane';
const list = (n: SimNetwork, node: string): string[] => printConntrackList(n.nodes.get(node)!.conntrack, n.nowMs).split('\n').filter(Boolean);

/** The UDP flow the lesson's client opens (seed 1 sends it to udp-echo2, 10.10.2.2). */
function asked(): SimNetwork {
  const n = createNetwork(stale);
  const j = runConnection(n, { from: 'dns-client', to: 'udp-echo:5353', protocol: 'udp', sport: 40000 });
  expect(j.endpoint?.pod).toBe('udp-echo2');
  return n;
}

describe('kube-proxy conntrack cleanup', () => {
  it('deletes the UDP entry from the ClusterIP to a removed endpoint, as `conntrack -D --orig-dst VIP --orig-port-dst PORT --reply-src EP` would', () => {
    const { network, cleanups } = reloadNetwork(asked(), removeEndpoint(stale, '10.10.2.2'));
    expect(Object.keys(cleanups)).toEqual([CP]);
    expect(cleanups[CP]!.commands).toEqual(['conntrack -D -p udp --orig-dst 10.200.1.100 --orig-port-dst 5353 --reply-src 10.10.2.2']);
    expect(cleanups[CP]!.deleted).toHaveLength(1);
    expect(list(network, CP)).toEqual([]);
    expect(network.nodes.get(CP)!.conntrack.events!.at(-1)!.kind).toBe('DESTROY');
  });

  it('leaves the entry on the endpoint’s own node: its original destination is the pod, not a Service frontend', () => {
    const { network } = reloadNetwork(asked(), removeEndpoint(stale, '10.10.2.2'));
    expect(list(network, 'myk8s-worker2')).toHaveLength(1);
  });

  it('the next datagram from the same port is NEW and reaches the endpoint that is left', () => {
    const { network } = reloadNetwork(asked(), removeEndpoint(stale, '10.10.2.2'));
    const j = runConnection(network, { from: 'dns-client', to: 'udp-echo:5353', protocol: 'udp', sport: 40000 });
    expect([j.outcome, j.endpoint?.pod]).toEqual(['delivered', 'udp-echo1']);
  });

  it('without the cleanup the stale entry sends the datagram to the removed address, where nothing answers', () => {
    const { network } = reloadNetwork(asked(), removeEndpoint(stale, '10.10.2.2'), { cleanup: false });
    const j = runConnection(network, { from: 'dns-client', to: 'udp-echo:5353', protocol: 'udp', sport: 40000 });
    expect(j.outcome).not.toBe('delivered');
    expect(j.packets[0]!.hops.some((h) => h.kind === 'nat-from-entry')).toBe(true);
  });

  it('keeps entries whose endpoint still serves, and entries of other services', () => {
    const { cleanups } = reloadNetwork(asked(), removeEndpoint(stale, '10.10.1.2'));
    expect(cleanups).toEqual({});
  });

  it('skips a service left without serving endpoints (v1.33: "a Service without endpoints does not require to clean"): the stale entry stays', () => {
    const one = reloadNetwork(asked(), removeEndpoint(stale, '10.10.1.2')).network;
    const { network, cleanups } = reloadNetwork(one, removeEndpoint(one.cluster, '10.10.2.2'));
    expect(cleanups).toEqual({});
    const j = runConnection(network, { from: 'dns-client', to: 'udp-echo:5353', protocol: 'udp', sport: 40000 });
    expect(j.outcome).toBe('no-route');
    expect(list(network, CP)[0]).toContain('src=10.10.2.2');
  });

  it('never deletes TCP entries: a connection to a removed endpoint keeps its entry', () => {
    const n = createNetwork(flows);
    const j = runConnection(n, { from: 'net-pod', to: 'svc-clusterip' });
    const { network, cleanups } = reloadNetwork(n, removeEndpoint(flows, formatIpv4(j.endpoint!.ip)));
    expect(cleanups).toEqual({});
    expect(list(network, CP)).toHaveLength(1);
  });

  it('NodePort: deletes entries to the node port on any address whose reply source is not serving (filterForPortNAT)', () => {
    const text = `${readFileSync(join(import.meta.dirname, '..', '..', 'scenarios', 'lessons', '13-stale-udp.yaml'), 'utf8')}---
apiVersion: v1
kind: Service
metadata:
  name: udp-node
spec:
  type: NodePort
  selector:
    app: udp-echo
  ports:
  - protocol: UDP
    port: 5354
    targetPort: 5353
    nodePort: 30053
`;
    const cluster = fromText(text);
    const n = createNetwork(cluster);
    const j = runConnection(n, { from: 'external', to: 'myk8s-worker:30053', protocol: 'udp', sport: 41000 });
    expect(j.outcome).toBe('delivered');
    const gone = `10.10.${j.endpoint!.node === 'myk8s-worker' ? 1 : 2}.2`;
    const filters = staleEntryFilters(n.nodes.get('myk8s-worker')!.conntrack, servicePorts(removeEndpoint(cluster, gone), 'myk8s-worker'), n.nowMs);
    expect(filters.map(filterCommand)).toEqual([`conntrack -D -p udp --orig-port-dst 30053 --reply-src ${gone}`]);
    const { network } = reloadNetwork(n, removeEndpoint(cluster, gone));
    expect(list(network, 'myk8s-worker').filter((l) => l.includes('dport=30053'))).toEqual([]);
  });
});
