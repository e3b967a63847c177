import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateNodeRules } from '../kubeproxy';
import { loadScenario } from './load';
import { locateSources, parseFieldPath } from './locate-source';

describe('locateSources', () => {
  it('parses field paths with indexes', () => {
    expect(parseFieldPath('spec.ports[0].port')).toEqual(['spec', 'ports', 0, 'port']);
    expect(parseFieldPath('nodes[2]')).toEqual(['nodes', 2]);
    expect(parseFieldPath('')).toEqual([]);
  });

  it('points a KUBE-SERVICES rule back at the Service port that produced it', () => {
    const text = readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8');
    const cluster = loadScenario(text).cluster!;
    const rule = generateNodeRules(cluster, 'myk8s-worker').rules.find((r) => r.chain === 'KUBE-SERVICES' && r.text.includes('10.200.1.100'))!;
    const ranges = locateSources(text, rule.sources);
    expect(ranges.length).toBeGreaterThan(0);
    const lines = text.split('\n');
    const covered = ranges.flatMap((r) => lines.slice(r.line - 1, r.endLine)).join('\n');
    expect(covered).toMatch(/svc-clusterip|port: 9000|svc-webport/);
  });

  it('has no ranges for implicit objects', () => {
    expect(locateSources('kind: Service\n', [{ doc: -1, path: '' }])).toEqual([]);
  });
});
