/**
 * The contract with kube-proxy and the real nft: kube-proxy's own golden transaction
 * (TestOverallNFTablesRules), parsed and printed, is byte for byte what nft 1.0.6 listed after loading it
 * (test-vectors/nftables/nft-list-ruleset.txt); that listing parses back to the same ruleset; and our own
 * transaction for it reads back the same.
 */
import { describe, expect, it } from 'vitest';
import { readVector } from '../test-support/vectors';
import { parseNftList } from './parse-list';
import { parseTransaction } from './parse-transaction';
import { printNftList } from './print-list';
import { printTransaction } from './print-transaction';

const golden = readVector('nftables/TestOverallNFTablesRules.expected.txt');
const listing = readVector('nftables/nft-list-ruleset.txt');

describe('kube-proxy golden transaction → nft list ruleset', () => {
  const parsed = parseTransaction(golden);

  it('parses without a problem', () => {
    expect(parsed.errors).toEqual([]);
    const t = parsed.ruleset.tables[0]!;
    expect([t.family, t.name, t.sets.length, t.chains.length]).toEqual(['ip', 'kube-proxy', 8, 32]);
  });

  it('prints exactly what the real nft listed', () => {
    expect(printNftList(parsed.ruleset)).toBe(listing);
  });

  it('the real listing parses to the same ruleset and prints back unchanged', () => {
    const fromList = parseNftList(listing);
    expect(fromList.errors).toEqual([]);
    expect(fromList.ruleset).toEqual(parsed.ruleset);
    expect(printNftList(fromList.ruleset)).toBe(listing);
  });

  it('our transaction for it declares before use and reads back the same, in order', () => {
    const tx = printTransaction(parsed.ruleset);
    const again = parseTransaction(tx, { declarationsFirst: false });
    expect(again.errors).toEqual([]);
    expect(again.ruleset).toEqual(parsed.ruleset);
  });

  it('in the golden as sorted, without reordering, the forward references are refused as nft -f refuses them', () => {
    const strict = parseTransaction(golden, { declarationsFirst: false });
    expect(strict.errors.length).toBeGreaterThan(0);
    expect(strict.errors[0]!.message).toMatch(/^no chain /);
  });
});
