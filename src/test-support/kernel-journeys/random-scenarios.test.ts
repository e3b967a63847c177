import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { loadScenario } from '../../engine/cluster/load';
import { randomSuites } from './random-scenarios';

it('the journey check\'s 50 random scenarios are valid clusters of mixed Services, each with journeys', () => {
  const random = randomSuites(50, 20261207);
  try {
    expect(random.suites).toHaveLength(50);
    const types = new Set<string>();
    const policies = new Set<string>();
    for (const suite of random.suites) {
      const loaded = loadScenario(readFileSync(suite.file, 'utf8'));
      expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(suite.cases.length).toBeGreaterThan(0);
      for (const s of loaded.cluster!.services) {
        types.add(s.type);
        if (s.externalTrafficPolicy === 'Local') policies.add('eTP Local');
        if (s.internalTrafficPolicy === 'Local') policies.add('iTP Local');
        if (s.sessionAffinity === 'ClientIP') policies.add('affinity');
        if (s.loadBalancerSourceRanges.length > 0) policies.add('source ranges');
        if (s.externalIPs.length > 0) policies.add('externalIPs');
      }
    }
    expect([...types].sort()).toEqual(['ClusterIP', 'LoadBalancer', 'NodePort']);
    expect([...policies].sort()).toEqual(['affinity', 'eTP Local', 'externalIPs', 'iTP Local', 'source ranges']);
    // Sources of every kind: pods, node processes, external clients.
    const froms = random.suites.flatMap((s) => s.cases.map((c) => c.from));
    expect(froms.some((f) => f.startsWith('cli') || f.startsWith('srv'))).toBe(true);
    expect(froms.some((f) => f.startsWith('rnd-'))).toBe(true);
    expect(froms.some((f) => f.startsWith('external'))).toBe(true);
  } finally {
    random.dispose();
  }
});
