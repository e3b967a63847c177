/**
 * nodeRuleset loads the kernel without writing the restore text; the text, the rules with their meanings and
 * kindnet's rules are made when first read. Whatever is read first, they are what the text writer gives
 * (generateNodeRules, then kindnet's rules added to its text), on random clusters with and without kindnet; the
 * same when the text is asked for now (one run of the writer for text and kernel).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomClusterArb, randomScenario } from './kernel-journeys/random-scenarios';
import { loadScenario } from '../engine/cluster/load';
import { generateNodeRules } from '../engine/kubeproxy/generate';
import { kindMasqAgentRules, withKindRules } from '../engine/kubeproxy/kind-masq-agent';
import { nodeRuleset } from '../engine/kubeproxy/node-ruleset';

describe('nodeRuleset: the text and meanings made on first read', () => {
  it('are the text writer’s, in whatever order they are read', () => {
    fc.assert(
      fc.property(randomClusterArb, fc.boolean(), fc.boolean(), fc.boolean(), (r, kindnet, rulesFirst, textNow) => {
        const base = loadScenario(randomScenario(r).yaml).cluster!;
        const cluster = { ...base, kindnet };
        for (const node of cluster.nodes) {
          const eager = generateNodeRules(cluster, node.name);
          const kind = withKindRules(eager.restoreText, kindMasqAgentRules(cluster));
          const want = { restoreText: kind.restoreText, rules: [...eager.rules, ...kind.rules] };
          // With the text asked for now, the same run of the writer that loads the kernel writes it.
          const loaded = nodeRuleset(cluster, node.name, textNow ? { restoreText: 'now' } : {});
          const lazy = loaded.generated;
          const got = rulesFirst ? { rules: [...lazy.rules], restoreText: lazy.restoreText } : { restoreText: lazy.restoreText, rules: [...lazy.rules] };
          expect(got).toStrictEqual(want);
          for (const rule of want.rules) expect(lazy.meaningAt(rule.table, rule.chain, rule.index)).toStrictEqual(rule.meaning);
          expect(lazy.largeClusterMode).toBe(eager.largeClusterMode);
          expect(loaded.ruleset).toStrictEqual(nodeRuleset(cluster, node.name).ruleset);
        }
      }),
      { numRuns: 25, seed: 2207 },
    );
  });
});
