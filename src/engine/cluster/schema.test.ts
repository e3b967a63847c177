import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { readVector } from '../test-support/vectors';
import { SCENARIO_KINDS, kindSchema, scenarioJsonSchema } from './schema';
import type { JsonSchema } from './schema';

/**
 * The draft-07 keywords the scenario schema uses, checked the way monaco-yaml (ajv-like) checks
 * them: enough to see that real scenarios pass and broken ones do not.
 */
function schemaErrors(schema: JsonSchema, value: unknown, path = ''): string[] {
  const errors: string[] = [];
  const typeOf = (v: unknown): string =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) return [`${path}: expected ${types.join('|')}, got ${t}`];
  }
  if (schema.const !== undefined && value !== schema.const) errors.push(`${path}: expected ${String(schema.const)}`);
  if (schema.enum !== undefined && !schema.enum.includes(value as string)) errors.push(`${path}: not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (typeOf(value) === 'object') {
    const o = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in o)) errors.push(`${path}.${r}: required`);
    for (const [k, v] of Object.entries(o)) {
      const p = schema.properties?.[k];
      if (p !== undefined) errors.push(...schemaErrors(p, v, `${path}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${path}.${k}: unknown field`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...schemaErrors(schema.additionalProperties, v, `${path}.${k}`));
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) value.forEach((v, i) => errors.push(...schemaErrors(schema.items!, v, `${path}[${i}]`)));
  for (const sub of schema.allOf ?? []) {
    if (sub.if !== undefined && schemaErrors(sub.if, value, path).length === 0) {
      if (sub.then !== undefined) errors.push(...schemaErrors(sub.then, value, path));
    } else if (sub.if === undefined) errors.push(...schemaErrors(sub, value, path));
  }
  return errors;
}

function docs(text: string): unknown[] {
  return parseAllDocuments(text).map((d) => d.toJS() as unknown).filter((v) => v !== null && v !== undefined);
}

/** The YAML code blocks of a study note that hold Kubernetes or kind objects. */
function yamlBlocks(note: string): string[] {
  return [...note.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').filter((b) => /^(apiVersion|kind):/m.test(b) && !b.includes('iptables'));
}

describe('scenario JSON schema', () => {
  it('is draft-07 with one if/then branch per kind of DESIGN §2', () => {
    expect(scenarioJsonSchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(SCENARIO_KINDS.map((k) => `${k.apiVersion} ${k.kind}`)).toEqual([
      'v1 Service', 'v1 Pod', 'apps/v1 Deployment', 'discovery.k8s.io/v1 EndpointSlice', 'v1 Node',
      'kind.x-k8s.io/v1alpha4 Cluster', 'kubeproxy.config.k8s.io/v1alpha1 KubeProxyConfiguration', 'kube-packet-lab/v1 Lab',
    ]);
    expect(scenarioJsonSchema.allOf).toHaveLength(SCENARIO_KINDS.length);
    expect(JSON.parse(JSON.stringify(scenarioJsonSchema))).toEqual(scenarioJsonSchema);
  });

  it('accepts every document of the k8s-overall vector', () => {
    for (const d of docs(readVector('k8s-overall/scenario.yaml'))) expect(schemaErrors(scenarioJsonSchema, d)).toEqual([]);
  });

  it("accepts the study note's kind config, pods and service", () => {
    const blocks = yamlBlocks(readVector('seeds/002_fb9801a7f3e9dc4c.txt'));
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const b of blocks) for (const d of docs(b)) expect(schemaErrors(scenarioJsonSchema, d)).toEqual([]);
  });

  it.each([
    ['unknown spec field', 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {portz: []}', '.spec.portz: unknown field'],
    ['port out of range', 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 0}]}', '.spec.ports[0].port: below 1'],
    ['bad protocol', 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80, protocol: HTTP}]}', '.spec.ports[0].protocol: not one of TCP, UDP, SCTP'],
    ['ports not a list', 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: "80"}', '.spec.ports: expected array, got string'],
    ['masqueradeBit', 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\niptables: {masqueradeBit: 32}', '.iptables.masqueradeBit: above 31'],
    ['kind role', 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes: [{role: master}]', '.nodes[0].role: not one of control-plane, worker'],
    ['Lab field', 'apiVersion: kube-packet-lab/v1\nkind: Lab\nsystemService: false', '.systemService: unknown field'],
    ['unknown kind', 'apiVersion: v1\nkind: ConfigMap', '.kind: not one of Service, Pod, Deployment, EndpointSlice, Node, Cluster, KubeProxyConfiguration'],
    ['affinity timeout', 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {sessionAffinityConfig: {clientIP: {timeoutSeconds: 86401}}}', '.spec.sessionAffinityConfig.clientIP.timeoutSeconds: above 86400'],
  ])('rejects %s', (_name, text, expected) => {
    const [d] = docs(text);
    expect(schemaErrors(scenarioJsonSchema, d).some((e) => e.startsWith(expected))).toBe(true);
  });

  it('describes every property in English and Korean', () => {
    const missing: string[] = [];
    const walk = (s: JsonSchema, path: string): void => {
      for (const [k, p] of Object.entries(s.properties ?? {})) {
        const text = p.description ?? '';
        if (!/ — /.test(text) || !/[\uac00-\ud7a3]/.test(text)) missing.push(`${path}.${k}`);
        walk(p, `${path}.${k}`);
        if (p.items) walk(p.items, `${path}.${k}[]`);
      }
    };
    for (const k of SCENARIO_KINDS) walk(kindSchema(k.apiVersion, k.kind) ?? {}, `${k.kind}`);
    expect(missing).toEqual([]);
  });
});
