/**
 * The writer hands its rules straight to the kernel model (nodeRuleset, loadNodeRules) instead of printing
 * the restore text and parsing it again. That is only allowed because both give the same ruleset: checked
 * here on random clusters (every Service type and policy the journey check draws: ClusterIP, NodePort,
 * LoadBalancer, eTP/iTP Local, ClientIP affinity, source ranges, external IPs, UDP ports, not-ready pods),
 * with and without kindnet's masq agent, and on a synthetic cluster large enough for kube-proxy's
 * large-cluster mode (no per-endpoint comments). toStrictEqual compares every field, chain order included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticCluster } from '../../bench/synthetic-cluster';
import { randomClusterArb, randomScenario } from './kernel-journeys/random-scenarios';
import { loadScenario } from '../engine/cluster/load';
import type { ClusterModel } from '../engine/cluster/model';
import type { Ruleset } from '../engine/netfilter/model';
import { parseIptables } from '../engine/netfilter/parse';
import { generateNodeRules, loadNodeRules } from '../engine/kubeproxy/generate';
import { nodeRuleset } from '../engine/kubeproxy/node-ruleset';

/** The old path: print the restore text, parse it, list nat before filter. */
function parsedRuleset(text: string): Ruleset {
  const parsed = parseIptables(text, { maxChars: Number.POSITIVE_INFINITY });
  expect(parsed.errors).toEqual([]);
  return { tables: new Map([...parsed.ruleset.tables].sort(([a], [b]) => (a === 'nat' ? -1 : b === 'nat' ? 1 : 0))) };
}

function expectSameRulesets(cluster: ClusterModel, nodes = cluster.nodes.map((n) => n.name)): void {
  for (const name of nodes) {
    const direct = nodeRuleset(cluster, name);
    expect(direct.ruleset, name).toStrictEqual(parsedRuleset(direct.generated.restoreText));
    expect(loadNodeRules(cluster, name), name).toStrictEqual(parsedRuleset(generateNodeRules(cluster, name).restoreText));
  }
}

describe('loading the generated rules directly', () => {
  it('gives the ruleset parsing the restore text gives, on random clusters', () => {
    fc.assert(
      fc.property(randomClusterArb, fc.boolean(), fc.boolean(), (r, kindnet, masqueradeAll) => {
        const loaded = loadScenario(randomScenario(r).yaml);
        expect(loaded.cluster).toBeDefined();
        const base = loaded.cluster!;
        expectSameRulesets({ ...base, kindnet, kubeProxy: { ...base.kubeProxy, masqueradeAll } });
      }),
      { numRuns: 60, seed: 1607 },
    );
  });

  it('gives the same ruleset in large-cluster mode (more than 1,000 endpoints: no per-endpoint comments)', () => {
    const cluster = syntheticCluster(120);
    expect(generateNodeRules(cluster, 'bench-worker').largeClusterMode).toBe(true);
    // Every node of the synthetic cluster has the same rules (no Local policies): one is enough.
    expectSameRulesets(cluster, ['bench-worker']);
  });
});
