import { describe, expect, test } from 'vitest';
import type { ClusterModel, EndpointModel, EndpointSliceModel, ServiceModel } from '../cluster/model';
import { loadScenario } from '../cluster/load';
import { readVector } from '../test-support/vectors';
import { explain } from '../explain/catalog';
import { generateNodeRules, masqueradeMark } from './generate';

const overall = loadScenario(readVector('k8s-overall/scenario.yaml')).cluster!;

describe('rules and their explanations', () => {
  const g = generateNodeRules(overall, 'test-node');

  test('rules are the -A lines of restoreText, in order, with 0-based indexes within each chain', () => {
    const lines = g.restoreText.split('\n').filter((l) => l.startsWith('-A '));
    expect(g.rules.map((r) => r.text)).toEqual(lines);
    const seen = new Map<string, number>();
    for (const r of g.rules) {
      const key = `${r.table}/${r.chain}`;
      expect(r.index).toBe(seen.get(key) ?? 0);
      seen.set(key, r.index + 1);
      expect(r.text.startsWith(`-A ${r.chain} `)).toBe(true);
    }
  });

  test('every rule explains itself in English and Korean, every placeholder of its sentence filled', () => {
    for (const r of g.rules) {
      for (const lang of ['en', 'ko'] as const) {
        const text = explain(r.meaning.key, r.meaning.params, lang);
        expect(text.trim(), r.text).not.toBe('');
        expect(text, r.text).not.toMatch(/\{[A-Za-z]+(:[^}]+)?\}/);
      }
      expect(explain(r.meaning.key, r.meaning.params, 'ko'), r.text).toMatch(/[가-힣]/);
    }
  });

  test('roles say what kube-proxy\'s comments say', () => {
    const role = (pred: (text: string) => boolean) => new Set(g.rules.filter((r) => pred(r.text)).map((r) => r.meaning.role));
    expect(role((t) => t.includes(' cluster IP" ') && t.startsWith('-A KUBE-SERVICES '))).toEqual(new Set(['cluster-ip']));
    expect(role((t) => t.includes(' has no endpoints"'))).toEqual(new Set(['no-endpoints']));
    expect(role((t) => t.includes(' has no local endpoints"'))).toEqual(new Set(['no-local-endpoints']));
    expect(role((t) => t.includes('--probability'))).toEqual(new Set(['endpoint-pick']));
    expect(role((t) => t.includes('-j DNAT'))).toEqual(new Set(['endpoint-dnat']));
    expect(role((t) => t.includes('-j MASQUERADE'))).toEqual(new Set(['masquerade']));
    const pick = g.rules.find((r) => r.meaning.role === 'endpoint-pick')!;
    expect(pick.meaning.endpoint).toMatch(/^\d+\.\d+\.\d+\.\d+:\d+$/);
    expect(pick.meaning.probability).toBeGreaterThan(0);
    expect(pick.text).toContain(`-> ${pick.meaning.endpoint}`);
  });

  test('meaningAt finds a rule\'s meaning by table, chain and index, as a hop records them', () => {
    for (const r of g.rules) expect(g.meaningAt(r.table, r.chain, r.index)).toBe(r.meaning);
    expect(g.meaningAt('nat', 'PREROUTING', 99)).toBeUndefined();
  });

  test('every service-derived rule names its service port and points at the YAML that produced it', () => {
    const serviceRules = g.rules.filter((r) => !r.text.includes('"kubernetes ') && /KUBE-(SVC|SVL|EXT|FW|SEP)-|cluster IP|external IP|loadbalancer IP|endpoints|health check/.test(r.text));
    expect(serviceRules.length).toBeGreaterThan(40);
    for (const r of serviceRules) {
      expect(r.meaning.service, r.text).toMatch(/^ns\d\/svc\d:p80$/);
      expect(r.sources.length, r.text).toBeGreaterThan(0);
      for (const s of r.sources) expect(s.doc, r.text).toBeGreaterThanOrEqual(0);
    }
  });

  test('the endpoint rules point at the EndpointSlice endpoint, the cluster IP rule at spec.clusterIP', () => {
    const dnat = g.rules.find((r) => r.text.includes('--to-destination 10.180.0.5:80'))!;
    const sliceDoc = overall.endpointSlices.find((s) => s.name === 'svc4-1')!.source.doc;
    expect(dnat.sources).toContainEqual({ doc: sliceDoc, path: 'endpoints[1]' });
    const clusterIP = g.rules.find((r) => r.chain === 'KUBE-SERVICES' && r.text.includes('ns1/svc1:p80 cluster IP'))!;
    const svcDoc = overall.services.find((s) => s.name === 'svc1')!.source.doc;
    expect(clusterIP.sources).toContainEqual({ doc: svcDoc, path: 'spec.clusterIP' });
    expect(clusterIP.sources).toContainEqual({ doc: svcDoc, path: 'spec.ports[0]' });
  });
});

describe('node-wide settings', () => {
  test('the masquerade mark is %#08x of 1<<masqueradeBit', () => {
    expect(masqueradeMark(14)).toBe('0x004000');
    expect(masqueradeMark(15)).toBe('0x008000');
    expect(masqueradeMark(0)).toBe('0x000001');
    expect(masqueradeMark(31)).toBe('0x80000000');
  });

  test('ClusterCIDR mode without a clusterCIDR writes no off-cluster masquerade and no pod short-circuit', () => {
    const cluster: ClusterModel = { ...overall, kubeProxy: { ...overall.kubeProxy, clusterCIDR: '' } };
    const text = generateNodeRules(cluster, 'test-node').restoreText;
    expect(text).not.toContain('-s 10.0.0.0/8');
    expect(text).not.toContain('pod traffic for');
    expect(text).toContain('masquerade LOCAL traffic for ns2/svc2:p80 external destinations');
  });
});

describe('large-cluster mode (more than 1000 endpoints in total)', () => {
  const svc: ServiceModel = { ...overall.services.find((s) => s.name === 'svc1')! };
  const endpoints = (n: number): EndpointModel[] =>
    Array.from({ length: n }, (_, i) => ({ addresses: [`10.180.${i >> 8}.${i & 255}`], ready: true, serving: true, terminating: false }));
  const withEndpoints = (n: number): ClusterModel => {
    const slice: EndpointSliceModel = { ...overall.endpointSlices.find((s) => s.name === 'svc1-1')!, endpoints: endpoints(n) };
    return { ...overall, services: [svc], endpointSlices: [slice] };
  };

  test('1000 endpoints keep every comment', () => {
    const g = generateNodeRules(withEndpoints(1000), 'test-node');
    expect(g.largeClusterMode).toBe(false);
    expect(g.rules.filter((r) => r.chain.startsWith('KUBE-SEP-')).every((r) => r.text.includes('--comment ns1/svc1:p80'))).toBe(true);
  });

  test('1001 endpoints drop the KUBE-SEP comments and the per-endpoint KUBE-SVC comments, nothing else', () => {
    const g = generateNodeRules(withEndpoints(1001), 'test-node');
    expect(g.largeClusterMode).toBe(true);
    const sep = g.rules.filter((r) => r.chain.startsWith('KUBE-SEP-'));
    expect(sep).toHaveLength(2002);
    expect(sep.some((r) => r.text.includes('--comment'))).toBe(false);
    const svcRules = g.rules.filter((r) => r.chain.startsWith('KUBE-SVC-'));
    expect(svcRules[0]!.text).toContain('"ns1/svc1:p80 cluster IP"');
    expect(svcRules.slice(1).some((r) => r.text.includes('--comment'))).toBe(false);
    expect(g.restoreText).toContain('-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP"');
    // The cascade: 1/1001 first, 1/2 for the second-to-last, the last unconditional.
    expect(svcRules[1]!.text).toContain('--probability 0.0009990010 ');
    expect(svcRules[1000]!.text).toContain('--probability 0.5000000000 ');
    expect(svcRules[1001]!.text).not.toContain('--probability');
  });
});

describe('other nodes', () => {
  test('an endpoint is local only on its own node (eTP Local)', () => {
    const text = loadScenario(readVector('k8s-overall/scenario.yaml').replace('- addresses: ["10.180.0.2"]', '- addresses: ["10.180.0.2"]\n  nodeName: test-node')).cluster!;
    const g = generateNodeRules(text, 'test-node');
    expect(g.restoreText).toContain(':KUBE-SVL-GNZBNJ2PO5MGZ6GT - [0:0]');
    expect(g.restoreText).toContain('-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -j KUBE-SVL-GNZBNJ2PO5MGZ6GT');
    expect(g.restoreText).not.toContain('has no local endpoints');
  });
});
