import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenario } from './load';
import { MAX_DOCUMENTS } from './yaml-docs';
import type { ScenarioResult } from './model';

/** The contract every input must keep: never throw, and either a cluster or at least one error (never both). */
function wellFormed(r: ScenarioResult): boolean {
  const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
  const located = r.diagnostics.every((d) => d.line >= 1 && d.col >= 1 && d.endLine >= d.line);
  return located && (r.cluster !== undefined ? errors === 0 : errors > 0);
}

describe('YAML problems', () => {
  it('reports a syntax error at its line:col and builds no cluster', () => {
    const r = loadScenario('apiVersion: v1\nkind: Service\nmetadata:\n  name: web: x\nspec: {}\n');
    expect(r.cluster).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', doc: 0, line: 4, col: 9 });
  });

  it('refuses duplicate keys, as the API server does', () => {
    const r = loadScenario('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n');
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', line: 5, col: 3 });
    expect(r.diagnostics[0]!.message).toMatch(/unique/);
  });

  it('refuses an alias bomb quickly, at its document', () => {
    const bomb = ['apiVersion: v1', 'kind: Pod', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const text = `apiVersion: kube-packet-lab/v1\nkind: Lab\n---\n${bomb.join('\n')}\n`;
    const start = performance.now();
    const r = loadScenario(text);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(r.cluster).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', doc: 1, line: 4 })]);
    expect(r.diagnostics[0]!.message).toMatch(/alias/i);
  });

  it('refuses a text over 1 MB and more than MAX_DOCUMENTS documents before parsing them', () => {
    const start = performance.now();
    const big = loadScenario('#'.repeat(1_000_001));
    expect(big.diagnostics).toEqual([expect.objectContaining({ severity: 'error', line: 1, col: 1, message: 'scenario is too large (1000001 characters; the limit is 1000000)' })]);
    const many = loadScenario('a: 1\n---\n'.repeat(MAX_DOCUMENTS + 100));
    expect(many.cluster).toBeUndefined();
    expect(many.diagnostics[0]!.message).toMatch(/too many documents/);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('skips comment-only documents but keeps counting them for document indices', () => {
    const r = loadScenario('apiVersion: kube-packet-lab/v1\nkind: Lab\n---\n# only a comment\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 0\n');
    expect(r.diagnostics).toEqual([expect.objectContaining({ doc: 2, line: 12, col: 11 })]);
  });

  it('a document that is not a map, or has no kind, is an error', () => {
    expect(loadScenario('- a\n- b\n').diagnostics[0]!.message).toBe('a scenario document must be a Kubernetes object (a map with apiVersion and kind)');
    expect(loadScenario('apiVersion: v1\nmetadata: {}\n').diagnostics[0]!.message).toBe('kind: Required value');
  });
});

/** Random documents over the scenario vocabulary: right keys with wrong shapes is where validators crash. */
const scalar = fc.oneof(fc.integer({ min: -70000, max: 70000 }), fc.string({ maxLength: 12 }), fc.boolean(), fc.constant(null),
  fc.constantFrom('TCP', 'UDP', 'HTTP', 'None', 'Local', 'Cluster', 'ClientIP', 'LoadBalancer', 'NodePort', '10.96.0.1', '10.244.1.1', '010.1.1.1', 'web', 'kind-worker', '10.0.0.0/8'));
const key = fc.constantFrom(
  'metadata', 'name', 'namespace', 'labels', 'spec', 'status', 'ports', 'port', 'targetPort', 'nodePort', 'protocol', 'type', 'clusterIP', 'selector',
  'externalTrafficPolicy', 'healthCheckNodePort', 'sessionAffinity', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds', 'externalIPs',
  'containers', 'containerPort', 'nodeName', 'podIP', 'addresses', 'endpoints', 'addressType', 'conditions', 'ready', 'replicas', 'template',
  'matchLabels', 'nodes', 'role', 'networking', 'podSubnet', 'serviceSubnet', 'mode', 'iptables', 'masqueradeBit', 'systemServices', 'app', 'portz',
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 5 })),
}));
const kinds = fc.constantFrom(
  ['v1', 'Service'], ['v1', 'Pod'], ['apps/v1', 'Deployment'], ['discovery.k8s.io/v1', 'EndpointSlice'], ['v1', 'Node'],
  ['kind.x-k8s.io/v1alpha4', 'Cluster'], ['kubeproxy.config.k8s.io/v1alpha1', 'KubeProxyConfiguration'], ['kube-packet-lab/v1', 'Lab'], ['v1', 'Secret'],
);
const document = fc.tuple(kinds, fc.dictionary(key, value, { maxKeys: 6 })).map(([[apiVersion, kind], body]) => ({ apiVersion, kind, ...body }));

describe('never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => wellFormed(loadScenario(text))), { numRuns: 1000 });
  });

  it('on arbitrary YAML-ish text (YAML punctuation, indentation, anchors)', () => {
    const piece = fc.constantFrom('\n', '  ', '- ', ': ', '---\n', '&a ', '*a ', '{', '}', '[', ']', ',', '"', "'", '#', 'kind: Service\n', 'apiVersion: v1\n', 'ports:', 'port: 0', '? ', '|', '>', '!!str ', 'name: x');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (parts) => wellFormed(loadScenario(parts.join('')))), { numRuns: 1000 });
  });

  it('on random scenario documents of every kind', () => {
    fc.assert(
      fc.property(fc.array(document, { minLength: 1, maxLength: 4 }), (docs) => wellFormed(loadScenario(docs.map((d) => stringify(d)).join('---\n')))),
      { numRuns: 1000 },
    );
  });
});
