/**
 * The editor's schema and the loader must agree on which fields exist: every field the schema offers
 * is accepted by the loader (no "unknown field"), and a field the schema lacks is refused by both.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenario } from './load';
import { SCENARIO_KINDS, kindSchema } from './schema';
import type { JsonSchema } from './schema';

type Step = string | '[]';

/** Every field under a map the schema closes (`additionalProperties: false`), with a value of its type. */
function closedFields(s: JsonSchema, path: Step[] = []): { path: Step[]; schema: JsonSchema }[] {
  const out: { path: Step[]; schema: JsonSchema }[] = [];
  for (const [k, p] of Object.entries(s.properties ?? {})) {
    if (s.additionalProperties === false) out.push({ path: [...path, k], schema: p });
    out.push(...closedFields(p, [...path, k]));
    if (p.items) out.push(...closedFields(p.items, [...path, k, '[]']));
  }
  return out;
}

function sample(s: JsonSchema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum !== undefined) return s.enum[0];
  const t = typeof s.type === 'string' ? s.type : s.type?.[0];
  if (t === 'string') return 'x';
  if (t === 'integer') return s.minimum ?? 1;
  if (t === 'boolean') return true;
  if (t === 'array') return [];
  return {};
}

function build(path: readonly Step[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  if (head === '[]') return [build(rest, leaf)];
  return { [head as string]: build(rest, leaf) };
}

function unknownFieldMessages(doc: Record<string, unknown>): string[] {
  return loadScenario(stringify(doc)).diagnostics.filter((d) => d.message.startsWith('unknown field')).map((d) => d.message);
}

const display = (p: readonly Step[]): string => p.join('.').replace(/\.\[\]/g, '[0]');

describe('schema and loader list the same fields', () => {
  for (const { apiVersion, kind } of SCENARIO_KINDS) {
    it(`${apiVersion} ${kind}: every schema field is accepted`, () => {
      const schema = kindSchema(apiVersion, kind)!;
      const refused: string[] = [];
      for (const f of closedFields(schema)) {
        if (f.path.length === 1 && (f.path[0] === 'apiVersion' || f.path[0] === 'kind')) continue;
        const doc = { apiVersion, kind, ...(build(f.path, sample(f.schema)) as Record<string, unknown>) };
        const msgs = unknownFieldMessages(doc);
        if (msgs.length > 0) refused.push(`${display(f.path)}: ${msgs.join('; ')}`);
      }
      expect(refused).toEqual([]);
    });

    it(`${apiVersion} ${kind}: an unknown top-level field is refused by both`, () => {
      const hasMetadata = kindSchema(apiVersion, kind)?.properties?.['metadata'] !== undefined;
      const doc = { apiVersion, kind, ...(hasMetadata ? { metadata: { name: 'a' } } : {}), specz: 1 };
      expect(unknownFieldMessages(doc)).toEqual(['unknown field "specz"']);
      expect(kindSchema(apiVersion, kind)?.properties?.['specz']).toBeUndefined();
      expect(kindSchema(apiVersion, kind)?.additionalProperties).toBe(false);
    });
  }
});
