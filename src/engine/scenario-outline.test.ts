import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { outlineScenario, MAX_SCENARIO_BYTES } from './scenario-outline';

describe('outlineScenario', () => {
  it('lists documents with kind, name and start line', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\n# only a comment\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n';
    const o = outlineScenario(text);
    expect(o.errors).toEqual([]);
    expect(o.documents.map((d) => [d.index, d.kind, d.name, d.line])).toEqual([
      [0, 'Service', 'a', 1],
      [2, 'Pod', 'p', 8],
    ]);
  });

  it('reports YAML errors at line:col', () => {
    const o = outlineScenario('apiVersion: v1\nkind: Service\nmetadata:\n  name: [a\n');
    expect(o.errors.length).toBeGreaterThan(0);
    expect(o.errors[0]!.line).toBeGreaterThanOrEqual(4);
  });

  it('refuses oversized text without parsing it', () => {
    const o = outlineScenario('#'.repeat(MAX_SCENARIO_BYTES + 1));
    expect(o.errors[0]!.message).toMatch(/too large/);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const o = outlineScenario(s);
        expect(Array.isArray(o.documents)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
