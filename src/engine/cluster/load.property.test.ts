/**
 * `loadScenario` on valid scenarios broken in one place (any value, at any depth, replaced by any
 * JSON value): it never throws, and answers with a cluster (and no error) or with at least one
 * located error (and no cluster). Arbitrary text and random documents are in `load.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { readVector } from '../test-support/vectors';
import { loadScenario } from './load';
import type { ScenarioResult } from './model';

function checkResult(r: ScenarioResult, text: string): void {
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (r.cluster === undefined) expect(errors.length).toBeGreaterThan(0);
  else expect(errors).toEqual([]);
  const lines = text.split('\n').length;
  for (const d of r.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.col).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines + 1);
    expect(d.endLine).toBeGreaterThanOrEqual(d.line);
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
  }
}

const anything = fc.jsonValue({ maxDepth: 3 });

/** Every path to a value in a JSON tree. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function replaceAt(v: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? replaceAt(x, rest, value) : x));
  const o = v as Record<string, unknown>;
  return { ...o, [String(head)]: replaceAt(o[String(head)], rest, value) };
}

function jsDocuments(text: string): unknown[] {
  return parseAllDocuments(text).map((d) => d.toJS() as unknown).filter((d) => d !== null && d !== undefined);
}

/** Two valid scenarios to break: the kube-proxy fixture, and study note 002's lab on a kind cluster named myk8s. */
const baseScenarios: unknown[][] = [
  jsDocuments(readVector('k8s-overall/scenario.yaml')),
  jsDocuments(
    [...readVector('seeds/002_fb9801a7f3e9dc4c.txt').matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1] ?? '')
      .filter((b) => /^(apiVersion|kind):/m.test(b) && !b.includes('iptables'))
      .map((b) => b.replace('kind: Cluster\n', 'kind: Cluster\nname: myk8s\n'))
      .join('---\n'),
  ),
];

describe('loadScenario never throws', () => {
  it('on real scenarios with one value anywhere replaced by an arbitrary JSON value', () => {
    for (const base of baseScenarios) {
      const text = base.map((d) => stringify(d)).join('---\n');
      const r = loadScenario(text);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
    const targets = baseScenarios.flatMap((docs, b) => docs.flatMap((doc, i) => paths(doc).map((p) => ({ b, i, p }))));
    fc.assert(
      fc.property(fc.constantFrom(...targets), anything, ({ b, i, p }, value) => {
        const docs = (baseScenarios[b] ?? []).map((d, j) => (j === i ? replaceAt(d, p, value) : d));
        const text = docs.map((d) => stringify(d)).join('---\n');
        checkResult(loadScenario(text), text);
      }),
      { numRuns: 1000 },
    );
  });
});
