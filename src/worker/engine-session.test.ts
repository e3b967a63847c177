import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from './engine-session';

const scenario = readFileSync(join(import.meta.dirname, '../scenarios/default.yaml'), 'utf8');

describe('EngineSession', () => {
  it('loads the default scenario and serves rules and the chain graph per node', () => {
    const s = new EngineSession();
    const summary = s.load(scenario);
    expect(summary.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(summary.defaultNode).toBe('myk8s-worker');
    expect(s.rules('myk8s-worker', 'nat', 'S')).toContain('-A KUBE-SERVICES -d 10.200.1.100/32 -p tcp');
    const graph = s.chainGraph('myk8s-worker', 'nat');
    expect(graph.nodes.map((n) => n.chain)).toContain('KUBE-SVC-KBDEBIL6IU6WL7RF');
    expect(graph.edges.find((e) => e.from === 'KUBE-SERVICES' && e.to === 'KUBE-SVC-KBDEBIL6IU6WL7RF')?.label).toBe('10.200.1.100:9000/tcp');
  });

  it('keeps the last valid cluster while the text is broken', () => {
    const s = new EngineSession();
    const first = s.load(scenario);
    const broken = s.load(scenario.replace('port: 9000', 'port: 0'));
    expect(broken.showingLastValid).toBe(true);
    expect(broken.revision).toBe(first.revision);
    expect(broken.diagnostics.some((d) => d.severity === 'error' && d.path === 'spec.ports[0].port')).toBe(true);
    expect(s.rules('myk8s-worker', 'nat', 'S')).toContain('--dport 9000');
    const changed = s.load(scenario.replace('port: 9000', 'port: 9090'));
    expect(changed.showingLastValid).toBe(false);
    expect(s.rules('myk8s-worker', 'nat', 'S')).toContain('--dport 9090');
  });
});
