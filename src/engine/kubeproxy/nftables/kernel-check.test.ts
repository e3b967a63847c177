/**
 * The kernel check for nftables mode: our transactions load into the REAL nft (`nft -f`) in a throw-away
 * network namespace. For the vector, what the real nft then lists is, line for line, what it lists for
 * kube-proxy's own golden (test-vectors/nftables/nft-list-ruleset.txt): the same table in the kernel, only
 * declared in another order. Skipped, with the reason, where root cannot `unshare -n` or nft is missing.
 */
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../cluster/load';
import { nftInNamespace, probeRealNft } from '../../test-support/nft';
import { readVector } from '../../test-support/vectors';
import { generateNftablesTransaction } from './generate';
import { loadCase, nftGoldenCases } from '../../test-support/nft-golden-cases';

const real = probeRealNft();
const lines = (text: string): string[] => text.split('\n').sort();

describe.skipIf(!real.available)(`real nft (${real.available ? real.version : `skipped: ${real.reason}`})`, () => {
  test('the vector\'s transaction loads and lists as kube-proxy\'s golden does', () => {
    const loaded = loadScenario(readVector('nftables/scenario.yaml'));
    const tx = generateNftablesTransaction(loaded.cluster!, 'test-node');
    const run = nftInNamespace(tx.text, ['nft list ruleset']);
    expect(run.error).toBe('');
    expect(lines(run.outputs[0]!)).toEqual(lines(readVector('nftables/nft-list-ruleset.txt')));
  });

  test('the loader reports what the real nft refuses (a rule naming a chain never declared)', () => {
    const run = nftInNamespace('add table ip kube-proxy\nadd chain ip kube-proxy services\nadd rule ip kube-proxy services goto nowhere\n');
    expect(run.ok).toBe(false);
    expect(run.error).toMatch(/nowhere/);
  });

  test.each(nftGoldenCases().map((c) => [c.name, c] as const))('golden %s loads', (_name, c) => {
    const run = nftInNamespace(generateNftablesTransaction(loadCase(c), c.node).text);
    expect(run.error).toBe('');
  });
});
