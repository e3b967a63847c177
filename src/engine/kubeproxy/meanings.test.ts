import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import { CATALOG, explain } from '../explain/catalog';
import { generateNodeRules } from './generate';

describe('the meanings the generator writes', () => {
  it('fills every placeholder of every rule the generator writes for the built-in scenarios, lessons and goldens', () => {
    const root = join(import.meta.dirname, '../..');
    const files = [
      join(root, 'scenarios/default.yaml'),
      ...readdirSync(join(root, 'scenarios/lessons')).filter((f) => f.endsWith('.yaml')).map((f) => join(root, 'scenarios/lessons', f)),
      ...readdirSync(join(root, 'engine/kubeproxy/__golden__')).filter((f) => f.endsWith('.yaml')).map((f) => join(root, 'engine/kubeproxy/__golden__', f)),
    ];
    const used = new Set<string>();
    for (const file of files) {
      const cluster = loadScenario(readFileSync(file, 'utf8')).cluster;
      if (!cluster) continue;
      for (const node of cluster.nodes) {
        for (const r of generateNodeRules(cluster, node.name).rules) {
          used.add(r.meaning.key);
          for (const lang of ['en', 'ko'] as const) expect(explain(r.meaning.key, r.meaning.params, lang), `${file} ${r.text}`).not.toMatch(/\{[A-Za-z]+/);
        }
      }
    }
    // Most keys show up in these scenarios; the rest are variants (interface detectors, nodePortAddresses lists).
    expect(used.size).toBeGreaterThan(Object.keys(CATALOG).length * 0.7);
  });
});
