/**
 * The kernel check for nftables mode: our transactions load into the REAL nft (`nft -f`) in a throw-away
 * network namespace. For the vector, what the real nft then lists is, line for line, what it lists for
 * kube-proxy's own golden (test-vectors/nftables/nft-list-ruleset.txt): the same table in the kernel, only
 * declared in another order; for the vector and every golden, the real `nft list ruleset` is byte for byte
 * what our printer makes of the transaction (what `kpl rules --format nft` shows). Skipped, with the reason, where root cannot `unshare -n` or nft is missing.
 */
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../cluster/load';
import { nftInNamespace, probeRealNft } from '../../test-support/nft';
import { readVector } from '../../test-support/vectors';
import { generateNftablesTransaction } from './generate';
import { parseTransaction, printNftList } from '../../nftables';
import { loadCase, nftGoldenCases } from '../../test-support/nft-golden-cases';

const real = probeRealNft();
/** Our `nft list ruleset` for a transaction: the nftables parser reads it as `nft -f` does, the printer lists it. */
const listedByUs = (text: string): string => printNftList(parseTransaction(text, { declarationsFirst: false, maxChars: Number.POSITIVE_INFINITY }).ruleset);
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

  test('the vector: the real nft lists byte for byte what `kpl rules --format nft` prints', () => {
    const tx = generateNftablesTransaction(loadScenario(readVector('nftables/scenario.yaml')).cluster!, 'test-node');
    const run = nftInNamespace(tx.text, ['nft list ruleset']);
    expect(run.error).toBe('');
    expect(listedByUs(tx.text)).toBe(run.outputs[0]);
  });

  test.each(nftGoldenCases().map((c) => [c.name, c] as const))('golden %s loads and lists as our printer prints it', (_name, c) => {
    const tx = generateNftablesTransaction(loadCase(c), c.node);
    const run = nftInNamespace(tx.text, ['nft list ruleset']);
    expect(run.error).toBe('');
    expect(listedByUs(tx.text)).toBe(run.outputs[0]);
  });
});
