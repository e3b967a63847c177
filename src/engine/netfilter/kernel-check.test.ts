/**
 * The kernel check: what we print is loaded into the REAL iptables (iptables-restore in a throw-away network
 * namespace), and what the real iptables then prints must equal what our printers print. Runs wherever root
 * can `unshare -n` and iptables is installed (CI installs it); elsewhere it is reported skipped, with the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIptables } from './parse';
import { printIptablesS, printIptablesSave } from './print';
import { printIptablesList } from './print-list';
import type { Ruleset } from './model';
import { readVector } from '../test-support/vectors';
import { arbitraryRuleset } from '../test-support/arbitrary-ruleset';
import { inNamespace, probeRealIptables, protNamesAs1811, withoutComments } from '../test-support/iptables';

const real = probeRealIptables();
const tableBlocks = (save: string): string[] => save.split(/(?=^\*)/m).filter((b) => b.startsWith('*')).sort();

function compareWithKernel(ruleset: Ruleset): void {
  const ours = printIptablesSave(ruleset, { counters: true });
  const tables = [...ruleset.tables.keys()];
  const run = inNamespace(ours, [
    'iptables-save -c',
    ...tables.flatMap((t) => [`iptables -t ${t} -S`, `iptables -t ${t} -L -n -v -x`, `iptables -t ${t} -L --line-numbers`, `iptables -t ${t} -L -n -v`]),
  ]);
  expect(run.error).toBe('');
  const [save, ...rest] = run.outputs;
  expect(tableBlocks(withoutComments(save!))).toEqual(tableBlocks(ours));
  tables.forEach((t, i) => {
    const [s, listExact, listNames, listNumeric] = rest.slice(i * 4, i * 4 + 4);
    expect(s).toBe(printIptablesS(ruleset, t));
    expect(protNamesAs1811(listExact!)).toBe(printIptablesList(ruleset, t, { numeric: true, verbose: true, exact: true }));
    // Without -n the real tool also tries reverse DNS; in an empty namespace nothing resolves, so addresses stay numeric.
    expect(listNames).toBe(printIptablesList(ruleset, t, { lineNumbers: true }));
    expect(protNamesAs1811(listNumeric!)).toBe(printIptablesList(ruleset, t, { numeric: true, verbose: true }));
  });
}

describe.skipIf(!real.available)(`kernel check against the real iptables (${real.available ? real.version : `skipped: ${real.reason}`})`, () => {
  it('the k8s-overall vector loads and prints back identically', () => {
    const r = parseIptables(readVector('k8s-overall/iptables-save'));
    expect(r.errors).toEqual([]);
    compareWithKernel(r.ruleset);
  });

  it('the quirks golden (forms iptables normalizes) loads and prints back identically', () => {
    const r = parseIptables(readFileSync(join(import.meta.dirname, '__golden__', 'quirks.save'), 'utf8'));
    expect(r.errors).toEqual([]);
    compareWithKernel(r.ruleset);
  });

  it('the conntrack vector\'s state (__golden__/conntrack-nat.save-c) lists as that node listed it', () => {
    const save = readFileSync(join(import.meta.dirname, '__golden__', 'conntrack-nat.save-c'), 'utf8');
    const run = inNamespace(save, ['iptables -t nat -L -n -v']);
    expect(run.error).toBe('');
    expect(protNamesAs1811(run.outputs[0]!)).toBe(readVector('conntrack/nat-L-n-v-with-counters.txt'));
    compareWithKernel(parseIptables(save).ruleset);
  });

  it('generated rulesets load and print back identically', () => {
    fc.assert(
      fc.property(arbitraryRuleset(['filter', 'nat', 'raw'], true, true), (ruleset) => compareWithKernel(ruleset)),
      { numRuns: 30, seed: 20261122 },
    );
  }, 240_000);
});

it('the kernel check says why it is skipped when it cannot run', () => {
  if (real.available) expect(real.version).toMatch(/^iptables v1\.8/);
  else {
    expect(real.reason).not.toBe('');
    console.warn(`kernel check skipped: ${real.reason}`);
  }
});
