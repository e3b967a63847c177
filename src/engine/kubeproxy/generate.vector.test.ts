/**
 * vectors/k8s-overall: kube-proxy's TestOverallIPTablesRules fixture as a scenario, against what
 * iptables-save printed on a real node. Our canonical service order makes the dump byte-exact, which
 * is stricter than the vectors README's rule (set comparison within the four service-ordered chains).
 */
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../cluster/load';
import { parseIptables } from '../netfilter/parse';
import { printIptablesSave } from '../netfilter/print';
import { readVector } from '../test-support/vectors';
import { generateNodeRules } from './generate';

const withoutHashLines = (text: string): string => text.split('\n').filter((l) => !l.startsWith('#')).join('\n');

describe('vectors/k8s-overall', () => {
  const loaded = loadScenario(readVector('k8s-overall/scenario.yaml'));
  const generated = generateNodeRules(loaded.cluster!, 'test-node');
  const parsed = parseIptables(generated.restoreText);

  test('the restore text parses cleanly', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(parsed.errors).toEqual([]);
  });

  test('iptables-save of test-node equals the real dump byte for byte', () => {
    const ours = printIptablesSave(parsed.ruleset, { tables: ['nat', 'filter'] });
    expect(ours).toBe(withoutHashLines(readVector('k8s-overall/iptables-save')));
  });

  test('it is not large-cluster mode (6 endpoints)', () => {
    expect(generated.largeClusterMode).toBe(false);
  });
});
