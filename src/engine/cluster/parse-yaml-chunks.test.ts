import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChunkedYamlParser } from './parse-yaml-chunks';
import { keepLastYamlParse, parseScenarioYaml, wholeYamlParse } from './parse-yaml';
import { outlineScenario } from '../scenario-outline';
import { loadScenario } from './load';

const BASE = `# three documents and a comment
apiVersion: v1
kind: Pod
metadata:
  name: a   # the first
  labels: {app: web}
spec:
  containers: [{name: c, image: i}]
---
apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    note: |
      a block scalar
      of two lines
spec:
  selector: &sel
    app: web
  ports:
  - port: 80
    targetPort: 8080
# between documents
---
apiVersion: v1
kind: Service
metadata:
  name: web2
spec:
  selector:
    app: web
  ports:
  - port: 81
    targetPort: "8080"
`;

/** Everything a reader can see of a parse, offsets included (the CST tokens, which no reader reads, left out). */
function dump(value: unknown, seen = new Set<unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => dump(v, seen));
  const out: Record<string, unknown> = { ctor: value.constructor?.name };
  for (const [k, v] of Object.entries(value)) {
    if (k === 'srcToken' || k === 'schema' || k === 'options') continue;
    out[k] = dump(v, new Set(seen));
  }
  return out;
}

const parseDump = (p: { documents: unknown; lineCounter: { lineStarts: number[] } }): unknown => ({ docs: dump(p.documents), lines: [...p.lineCounter.lineStarts] });

/** An edit: a few characters (YAML's own among them) put in at a place, or a stretch taken out. */
const edit: fc.Arbitrary<Edit> = fc.oneof<fc.Arbitrary<Edit>[]>(
  // Most edits are typing (a text that stays valid YAML, mostly); some bring YAML's own characters.
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(fc.constantFrom('a', 'b', '1', '9', ' ', 'x'), { minLength: 1, maxLength: 3 }).map((xs) => xs.join('')) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(fc.constantFrom('a', 'b', '1', '9', ' ', 'x'), { minLength: 1, maxLength: 3 }).map((xs) => xs.join('')) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(fc.constantFrom('a', '1', ' ', '\n', ':', '-', '---\n', '\n---\n', '...\n', '#', '"', "'", '|', '[', '{', '&x', '*x', '%', '\t', '\r\n', '  - b\n', 'port: 9\n', '? ', '!t ', '{a: 1}', ']', '}', ','), { minLength: 1, maxLength: 4 }).map((xs) => xs.join('')) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
);

type Edit = { readonly kind: 'insert'; readonly at: number; readonly text: string } | { readonly kind: 'delete'; readonly at: number; readonly length: number };

function apply(text: string, e: Edit): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  return e.kind === 'insert' ? text.slice(0, at) + e.text + text.slice(at) : text.slice(0, at) + text.slice(at + e.length);
}

describe('ChunkedYamlParser', () => {
  afterEach(() => keepLastYamlParse(false));

  it('gives the documents and lines of a whole parse, over a run of random edits', () => {
    let chunkedTexts = 0;
    let texts = 0;
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), (edits) => {
        const parser = new ChunkedYamlParser();
        let text = BASE;
        for (const e of edits) {
          text = apply(text, e);
          const chunked = parser.parse(text);
          texts += 1;
          if (chunked) chunkedTexts += 1;
          if (chunked) expect(parseDump(chunked)).toEqual(parseDump(wholeYamlParse(text)));
        }
      }),
      { numRuns: 300, seed: 4242 },
    );
    // The edits leave most texts valid YAML: the property is about the chunked path, not the fallback.
    expect(chunkedTexts / texts).toBeGreaterThan(0.2);
  });

  it('gives the outline and the loader the answers of a whole parse, over a run of random edits', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const texts: string[] = [];
        let text = BASE;
        for (const e of edits) texts.push((text = apply(text, e)));
        keepLastYamlParse(false);
        const whole = texts.map((t) => ({ outline: outlineScenario(t), load: loadScenario(t) }));
        keepLastYamlParse(true);
        texts.forEach((t, i) => expect({ outline: outlineScenario(t), load: loadScenario(t) }).toEqual(whole[i]));
      }),
      { numRuns: 100 },
    );
  });

  it('re-parses only the documents an edit changed, and takes the path of a whole parse when it must', () => {
    keepLastYamlParse(true);
    const first = parseScenarioYaml(BASE).documents as unknown[];
    const edited = BASE.replace('port: 81', 'port: 8');
    const second = parseScenarioYaml(edited).documents as unknown[];
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]).not.toBe(first[2]);
    // One character less before them: the kept documents' offsets moved with their text.
    const shorter = edited.replace('name: a ', 'name: a');
    expect(parseDump(parseScenarioYaml(shorter))).toEqual(parseDump(wholeYamlParse(shorter)));
    const parser = new ChunkedYamlParser();
    expect(parser.parse(`%YAML 1.2\n---\n${BASE}`)).toBeUndefined();
    expect(parser.parse('a: [1,\n---\nb: 2\n')).toBeUndefined();
    expect(parser.parse('a: 1\n...\nb: 2\n')).toBeUndefined();
    expect(parser.parse('# only a comment\n---\nb: 2\n')).toBeUndefined();
    expect(parser.parse(BASE)).toBeDefined();
  });
});
