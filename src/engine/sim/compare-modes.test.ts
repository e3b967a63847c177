/**
 * The comparison of one connection across the three modes: the decisive facts each summary reads from the
 * hops and the nodes' structures (where the DNAT happened, what chose the endpoint, among which endpoints),
 * and the differences it reports — the same flows modes.test.ts pins as agreeing or truly differing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import type { ClusterModel } from '../cluster/model';
import { compareModes, type ModeComparison, type ModeSummary } from './compare-modes';
import type { ConnectionRequest } from './journey';

function load(path: string): ClusterModel {
  const { cluster, diagnostics } = loadScenario(readFileSync(path, 'utf8'));
  if (!cluster) throw new Error(diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n'));
  return cluster;
}

const flows = load(join(import.meta.dirname, 'flows.scenario.yaml'));
const defaultScenario = load(join(import.meta.dirname, '..', '..', 'scenarios', 'default.yaml'));

const compare = (request: ConnectionRequest, cluster = flows): ModeComparison => compareModes(cluster, request, 1);
const byMode = (c: ModeComparison): Record<string, ModeSummary> => Object.fromEntries(c.modes.map((m) => [m.mode, m]));
const kinds = (c: ModeComparison): string[] => c.differences.map((d) => d.kind);

describe('compareModes: a ClusterIP flow', () => {
  const c = compare({ from: 'net-pod', to: 'svc-clusterip:9000' }, defaultScenario);
  const m = byMode(c);

  it('reads the same endpoint set from three different structures', () => {
    const endpoints = ['10.10.1.2:80', '10.10.2.2:80', '10.10.3.2:80'];
    expect(c.modes.map((s) => s.endpointSet)).toEqual([endpoints, endpoints, endpoints]);
    expect(c.modes.map((s) => s.chooser?.kind)).toEqual(['statistic', 'numgen', 'scheduler']);
  });

  it('iptables: a statistic cascade in KUBE-SVC-…, 1/3 then 1/2 then the rest (as iptables-save prints them after quantization)', () => {
    const chooser = m.iptables!.chooser;
    expect(chooser?.kind).toBe('statistic');
    if (chooser?.kind !== 'statistic') return;
    expect(chooser.chain).toMatch(/^KUBE-SVC-/);
    expect(chooser.candidates.map((x) => x.probability?.toFixed(11))).toEqual(['0.33333333349', '0.50000000000', '1.00000000000']);
    // the rule that matched is the endpoint's: its DNAT chain rewrote to that very endpoint
    expect(chooser.candidates[chooser.matched - 1]!.endpoint).toBe(m.iptables!.dnat?.to);
  });

  it('nftables: numgen random mod 3, the drawn value naming the endpoint DNATed to', () => {
    const chooser = m.nftables!.chooser;
    expect(chooser).toMatchObject({ kind: 'numgen', modulus: 3 });
    if (chooser?.kind !== 'numgen') return;
    expect(chooser.candidates[Number(chooser.value)]!.endpoint).toBe(m.nftables!.dnat?.to);
    expect(m.nftables!.mapLookups).toBeGreaterThan(0);
  });

  it('IPVS: the rr scheduler, DNAT at LOCAL_IN after filter INPUT; the others in nat PREROUTING', () => {
    expect(m.ipvs!.chooser).toMatchObject({ kind: 'scheduler', scheduler: 'rr', persistent: false });
    expect(m.ipvs!.dnat).toMatchObject({ kind: 'ipvs', stage: 'LOCAL_IN', hook: 'INPUT', from: '10.200.1.100:9000' });
    expect(m.iptables!.dnat).toMatchObject({ kind: 'rule', hook: 'PREROUTING', table: 'nat' });
    expect(m.nftables!.dnat).toMatchObject({ kind: 'rule', hook: 'PREROUTING', table: 'ip kube-proxy' });
    expect(m.ipvs!.ipvsLookups).toBe(1);
  });

  it('the path marks the hook where the DNAT happened, and its rule counts add up to the packet\'s', () => {
    for (const s of c.modes) {
      const hooks = s.path.filter((p) => p.kind === 'hook');
      expect(hooks.filter((p) => p.marks.includes('dnat')), s.mode).toHaveLength(1);
      expect(hooks.reduce((n, p) => n + p.rules, 0), s.mode).toBe(s.rulesEvaluated);
      expect(s.path.at(-1), s.mode).toEqual({ kind: 'receive', by: s.endpoint?.pod });
    }
    expect(m.ipvs!.path.find((p) => p.kind === 'hook' && p.marks.includes('dnat'))).toMatchObject({ hook: 'INPUT' });
  });

  it('differences: where the DNAT happens and what chose; same outcome, same endpoints, same source seen', () => {
    expect(kinds(c)).toEqual(expect.arrayContaining(['dnat-site', 'chooser', 'work']));
    expect(kinds(c)).not.toContain('outcome');
    expect(kinds(c)).not.toContain('endpoint-set');
    expect(kinds(c)).not.toContain('seen-source');
    expect(c.differences.find((d) => d.kind === 'dnat-site')).toMatchObject({ modes: ['ipvs'] });
    expect(c.differences.find((d) => d.kind === 'dnat-site')?.en).toContain('LOCAL_IN');
  });
});

describe('compareModes: flows where the modes truly differ', () => {
  it('ping to a ClusterIP: iptables routes it out unanswered, nftables and IPVS reject it', () => {
    const c = compare({ from: 'net-pod', to: 'svc-clusterip', protocol: 'icmp' });
    const m = byMode(c);
    expect(m.iptables!.end).toMatchObject({ kind: 'unanswered', clusterIP: true });
    expect(m.nftables!.end).toMatchObject({ kind: 'rejected', by: { table: 'ip kube-proxy', chain: 'cluster-ips-check' } });
    expect(m.ipvs!.end).toMatchObject({ kind: 'rejected', by: { table: 'filter', chain: 'KUBE-IPVS-FILTER' } });
    expect(c.modes.every((s) => s.chooser === undefined && s.dnat === undefined)).toBe(true);
    // the hook the packet left the cluster from, and the verdicts that stopped it
    expect(m.iptables!.path.filter((p) => p.kind === 'hook' && p.marks.includes('out'))).toMatchObject([{ node: 'myk8s-control-plane', hook: 'POSTROUTING' }]);
    expect(m.nftables!.path.filter((p) => p.kind === 'hook' && p.marks.includes('stop'))).toMatchObject([{ hook: 'FORWARD' }]);
    expect(m.ipvs!.path.filter((p) => p.kind === 'hook' && p.marks.includes('stop'))).toMatchObject([{ hook: 'INPUT' }]);
    expect(c.differences[0]).toMatchObject({ kind: 'outcome', modes: ['iptables'] });
    expect(c.differences[0]!.en).toContain('cluster-ips-check');
  });

  it('a NodePort on 127.0.0.1: only iptables DNATs it (localhostNodePorts)', () => {
    const c = compare({ from: 'myk8s-worker', to: '127.0.0.1:30080' });
    const m = byMode(c);
    expect(m.iptables!.dnat).toMatchObject({ hook: 'OUTPUT', from: '127.0.0.1:30080' });
    expect(m.nftables!.end).toMatchObject({ kind: 'refused', address: '127.0.0.1:30080' });
    expect(m.ipvs!.end).toMatchObject({ kind: 'refused', address: '127.0.0.1:30080' });
    const site = c.differences.find((d) => d.kind === 'dnat-site');
    expect(site).toMatchObject({ modes: ['iptables'] });
    expect(site?.en).toContain('localhostNodePorts');
  });

  it('a Service without endpoints: rejected in every mode (no outcome difference), by three different structures', () => {
    const c = compare({ from: 'net-pod', to: 'svc-empty' });
    const m = byMode(c);
    expect(kinds(c)).not.toContain('outcome');
    expect(m.iptables!.end).toMatchObject({ kind: 'rejected', by: { table: 'filter', chain: 'KUBE-SERVICES' } });
    expect(m.nftables!.end).toMatchObject({ kind: 'rejected', by: { chain: 'reject-chain' } });
    expect(m.ipvs!.end).toMatchObject({ kind: 'rejected', by: { kind: 'ipvs' } });
  });

  it('iTP Local without a local endpoint: iptables and nftables drop it for want of a local endpoint; IPVS has a virtual server without real servers', () => {
    const c = compare({ from: 'net-pod', to: 'svc-itp' });
    const m = byMode(c);
    expect(m.iptables!.end).toMatchObject({ kind: 'dropped', by: { chain: 'KUBE-SERVICES' } });
    expect(m.nftables!.end).toMatchObject({ kind: 'dropped', by: { chain: 'service-endpoints-check' } });
    expect(m.ipvs!.end).toMatchObject({ kind: 'rejected', by: { kind: 'ipvs' } });
    const outcome = c.differences.find((d) => d.kind === 'outcome');
    expect(outcome).toMatchObject({ modes: ['ipvs'] });
    expect(outcome?.en).toContain('`Local` traffic policy');
  });

  it('eTP Local on a node without a local endpoint: IPVS alone forwards it (to a remote endpoint, unmasqueraded)', () => {
    const c = compare({ from: 'external', to: 'myk8s-control-plane:30081' });
    expect(c.differences.find((d) => d.kind === 'outcome')).toMatchObject({ modes: ['ipvs'] });
    expect(byMode(c).ipvs!.seenSource).toMatch(/^203\.0\.113\.10:/);
  });

  it('masquerade: the source the endpoint sees is compared only when every mode delivered', () => {
    const c = compare({ from: 'external', to: 'myk8s-worker:30080' });
    expect(c.modes.every((s) => s.outcome === 'delivered' && s.snat !== undefined)).toBe(true);
    expect(kinds(c)).not.toContain('seen-source');
  });
});

describe('the sentences', () => {
  const requests: readonly ConnectionRequest[] = [
    { from: 'net-pod', to: 'svc-clusterip' },
    { from: 'net-pod', to: 'svc-clusterip', protocol: 'icmp' },
    { from: 'myk8s-worker', to: '127.0.0.1:30080' },
    { from: 'net-pod', to: 'svc-empty' },
    { from: 'external', to: 'myk8s-control-plane:30081' },
    { from: 'net-pod', to: 'svc-affinity' },
    { from: 'net-pod', to: '10.200.1.222:80' },
    { from: 'net-pod', to: 'svc-itp' },
  ];
  // What Korean writers keep in Latin letters outside code: terms of art and API names (cf. e2e/korean-text.ts).
  const ALLOWED = new Set(['ClusterIP', 'NodePort', 'REJECT', 'DROP', 'MASQUERADE', 'IPVS', 'TTL', 'kube-ipvs0', 'kube-proxy', 'filter', 'nat', 'sessionAffinity', 'localhostNodePorts', 'route_localnet']);

  it.each(requests)('$from → $to $protocol: every placeholder filled, Korean without English outside code', (request) => {
    for (const d of compare(request).differences) {
      for (const text of [d.en, d.ko]) expect(text).not.toMatch(/\{[A-Za-z]+(:[^}]+)?\}/);
      const words = d.ko.replace(/`[^`]*`/g, ' ').match(/[A-Za-z][\w-]*/g) ?? [];
      expect(words.filter((w) => w.length >= 3 && !ALLOWED.has(w) && !/^[A-Z][A-Z0-9_-]+$/.test(w)), d.ko).toEqual([]);
      // a particle is written straight after its word
      expect(d.ko).not.toMatch(/` (을|를|은|는|이|가|와|과) /);
    }
  });
});
