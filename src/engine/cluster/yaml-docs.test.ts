import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_DOCUMENTS, MAX_SCENARIO_CHARS, documentLocator, findNode, plainValue, readYamlDocuments, textRange } from './yaml-docs';

function billionLaughs(levels: number): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

describe('readYamlDocuments', () => {
  it('splits documents, keeps indices of comment-only documents, and converts values', () => {
    const y = readYamlDocuments('# a comment\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\n# only a comment\n---\nkind: Node\n');
    expect(y.problems).toEqual([]);
    expect(y.documents.map((d) => [d.index, d.root === undefined])).toEqual([[0, false], [1, true], [2, false]]);
    expect(plainValue(y.documents[0]!.root!)).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } });
  });

  it('reports YAML syntax errors at their line:col and leaves that document out', () => {
    const y = readYamlDocuments('apiVersion: v1\nkind: Service\n---\nkind: Pod\nmetadata: {name: a\n');
    expect(y.documents.map((d) => d.index)).toEqual([0]);
    expect(y.problems.length).toBeGreaterThan(0);
    expect(y.problems[0]?.doc).toBe(1);
    expect(y.problems[0]?.message).toMatch(/^YAML: /);
    expect(textRange(y.lineCounter, y.problems[0]!.span).line).toBeGreaterThanOrEqual(5);
  });

  it('reports duplicate keys, as strict decoding does', () => {
    const y = readYamlDocuments('kind: Pod\nkind: Service\n');
    expect(y.problems.map((p) => [p.message, textRange(y.lineCounter, p.span).line])).toEqual([['YAML: Map keys must be unique', 2]]);
  });

  it('refuses an alias bomb quickly, located at the document', () => {
    const text = `apiVersion: v1\nkind: Pod\n---\n${billionLaughs(9)}`;
    const t0 = performance.now();
    const y = readYamlDocuments(text);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(y.documents.map((d) => d.index)).toEqual([0]);
    expect(y.problems).toHaveLength(1);
    expect(y.problems[0]?.message).toBe('YAML: Excessive alias count indicates a resource exhaustion attack');
    expect(textRange(y.lineCounter, y.problems[0]!.span).line).toBe(4);
  });

  it('expands a few aliases, reporting them where they are used', () => {
    const y = readYamlDocuments('a: &x {app: web}\nb: *x\n');
    const root = y.documents[0]!.root!;
    expect(plainValue(root)).toEqual({ a: { app: 'web' }, b: { app: 'web' } });
    expect(textRange(y.lineCounter, findNode(root, ['b', 'app']).node.span).line).toBe(2);
  });

  it('refuses a text over 1 MB before parsing', () => {
    const y = readYamlDocuments(`# ${'x'.repeat(MAX_SCENARIO_CHARS)}`);
    expect(y.documents).toEqual([]);
    expect(y.problems[0]?.message).toBe(`scenario is too large (${MAX_SCENARIO_CHARS + 2} characters; the limit is ${MAX_SCENARIO_CHARS})`);
  });

  it('refuses more than 500 documents, pointing at the first one too many', () => {
    const y = readYamlDocuments(Array.from({ length: MAX_DOCUMENTS + 1 }, (_, i) => `n: ${i}`).join('\n---\n'));
    expect(y.documents).toEqual([]);
    expect(y.problems.map((p) => [p.doc, p.message, textRange(y.lineCounter, p.span).line])).toEqual([
      [MAX_DOCUMENTS, `too many documents (${MAX_DOCUMENTS + 1}; the limit is ${MAX_DOCUMENTS})`, MAX_DOCUMENTS * 2 + 1],
    ]);
  });

  it('keeps __proto__ keys as plain own data', () => {
    const y = readYamlDocuments('__proto__: {polluted: true}\n');
    const v = plainValue(y.documents[0]!.root!) as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('documentLocator', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 0\n    portz: 1\n';
  const y = readYamlDocuments(text);
  const locate = documentLocator(y.documents[0]!, y.lineCounter);

  it('points at a value', () => {
    expect(locate(['spec', 'ports', 0, 'port'], 'value')).toEqual({ line: 7, col: 11, endLine: 7, endCol: 12 });
  });
  it('points at a key for unknown fields', () => {
    expect(locate(['spec', 'ports', 0, 'portz'], 'key')).toEqual({ line: 8, col: 5, endLine: 8, endCol: 10 });
  });
  it('falls back to the nearest written ancestor', () => {
    expect(locate(['spec', 'ports', 0, 'name'], 'value').line).toBe(7);
    expect(locate(['metadata', { key: 'missing' }], 'key').line).toBe(4);
  });
});

describe('readYamlDocuments never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const y = readYamlDocuments(s);
        for (const d of y.documents) if (d.root) plainValue(d.root);
      }),
      { numRuns: 1000 },
    );
  });
  it('on YAML-ish fragments', () => {
    const token = fc.constantFrom('a: ', '- ', '&x ', '*x ', '[', ']', '{', '}', ',', ':', '\n', '  ', '---\n', '"q', "'", '? ', '!!str ', '|\n', '>\n', '#c', 'null', '1', '-1.5e3');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (parts) => {
        const y = readYamlDocuments(parts.join(''));
        for (const d of y.documents) if (d.root) plainValue(d.root);
      }),
      { numRuns: 1000 },
    );
  });
});
