/**
 * One scenario per feature under __golden__/NAME.yaml (its first line names the proxier_test.go case
 * it mirrors): NAME.restore is kube-proxy's restore input, NAME.save what iptables-save prints after
 * loading it. UPDATE_GOLDEN=1 rewrites them; review the diff against proxier.go before committing.
 * The real iptables is the oracle for the printing: each restore text loads with iptables-restore in a
 * throw-away network namespace and the real iptables-save prints exactly NAME.save (skipped, with the
 * reason, where namespaces or iptables are unavailable).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectGolden } from '../test-support/golden';
import { loadScenario } from '../cluster/load';
import { parseIptables } from '../netfilter/parse';
import { printIptablesSave } from '../netfilter/print';
import { inNamespace, probeRealIptables, withoutComments } from '../test-support/iptables';
import { generateNodeRules } from './generate';
import type { GeneratedRules } from './types';

const DIR = join(import.meta.dirname, '__golden__');

const goldenCases = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();

function generateCase(name: string): { rules: GeneratedRules; save: string } {
  const text = readFileSync(join(DIR, `${name}.yaml`), 'utf8');
  const node = /^# node: (\S+)$/m.exec(text)?.[1] ?? 'test-node';
  const loaded = loadScenario(text);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (loaded.cluster === undefined || errors.length > 0) throw new Error(`${name}: ${errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('; ')}`);
  const rules = generateNodeRules(loaded.cluster, node);
  const parsed = parseIptables(rules.restoreText);
  if (parsed.errors.length > 0) throw new Error(`${name}: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  return { rules, save: printIptablesSave(parsed.ruleset, { tables: ['nat', 'filter'] }) };
}


describe('golden scenarios', () => {
  test.each(goldenCases)('%s', (name) => {
    const { rules, save } = generateCase(name);
    expectGolden(DIR, `${name}.restore`, rules.restoreText);
    expectGolden(DIR, `${name}.save`, save);
  });
});

const real = probeRealIptables();

describe.skipIf(!real.available)(`real iptables (${real.version || real.reason})`, () => {
  // inNamespace hands the dump to bash as one argument, which Linux caps at 128 KiB (MAX_ARG_STRLEN);
  // large-cluster's ~300 KiB dump does not fit, so it is checked by the golden files only.
  test.each(goldenCases.filter((n) => n !== 'large-cluster'))('%s loads and prints the same', (name) => {
    const { rules, save } = generateCase(name);
    const run = inNamespace(rules.restoreText, ['iptables-save -t nat', 'iptables-save -t filter']);
    expect(run.error).toBe('');
    expect(withoutComments(run.outputs.join(''))).toBe(save);
  });
});
