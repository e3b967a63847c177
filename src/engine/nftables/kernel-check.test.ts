/**
 * The nftables kernel check: a transaction is loaded into the REAL nft (`nft -f` in a throw-away network
 * namespace) and what `nft list ruleset` then prints must equal what our printer prints for the parsed
 * transaction — for kube-proxy's golden and for generated kube-proxy-shaped transactions. Runs wherever
 * root can `unshare -n` and nft is installed; elsewhere it is reported skipped, with the reason.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readVector } from '../test-support/vectors';
import { arbitraryKubeProxyTransaction } from '../test-support/arbitrary-nft';
import { declarationsFirst, nftRoundTrip, probeRealNft } from '../test-support/nft';
import { parseNftList } from './parse-list';
import { parseTransaction } from './parse-transaction';

const real = probeRealNft();

function expectSameAsKernel(transaction: string): void {
  const r = nftRoundTrip(transaction);
  expect(r.nftError).toBe('');
  expect(r.parseErrors).toEqual([]);
  expect(r.ours).toBe(r.listed);
  // And what the real nft listed reads back to the model of the transaction.
  const listed = parseNftList(r.listed);
  expect(listed.errors).toEqual([]);
  expect(listed.ruleset).toEqual(parseTransaction(transaction).ruleset);
}

describe.skipIf(!real.available)(`kernel check against the real nft (${real.available ? real.version : `skipped: ${real.reason}`})`, () => {
  it("kube-proxy's golden (declarations first) lists as we print it, and as the stored vector", () => {
    const tx = declarationsFirst(readVector('nftables/TestOverallNFTablesRules.expected.txt'));
    expectSameAsKernel(tx);
    expect(nftRoundTrip(tx).listed).toBe(readVector('nftables/nft-list-ruleset.txt'));
  });

  it('generated kube-proxy-shaped transactions list as we print them', () => {
    fc.assert(fc.property(arbitraryKubeProxyTransaction, expectSameAsKernel), { numRuns: 60, seed: 20261207 });
  }, 240_000);
});

it('the nftables kernel check says why it is skipped when it cannot run', () => {
  if (real.available) expect(real.version).toMatch(/^nftables v1\./);
  else {
    expect(real.reason).not.toBe('');
    console.warn(`nftables kernel check skipped: ${real.reason}`);
  }
});
