/**
 * vectors/nftables: kube-proxy's TestOverallNFTablesRules golden against our transaction for the same
 * fixture. kube-proxy's test compares the lines as a multiset, ignoring blank and `#` lines (the fake
 * nftables dumps in its own order), and so does this test.
 */
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../cluster/load';
import { readVector } from '../../test-support/vectors';
import { generateNftablesTransaction } from './generate';

const significant = (lines: readonly string[]): string[] => lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')).sort();

describe('vectors/nftables', () => {
  const loaded = loadScenario(readVector('nftables/scenario.yaml'));
  const tx = generateNftablesTransaction(loaded.cluster!, 'test-node');

  test('the scenario loads in nftables mode', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.cluster?.kubeProxy.mode).toBe('nftables');
  });

  test('the transaction has exactly the golden\'s lines', () => {
    // The test's fake proxier sets masqueradeMark to "0x4000"; NewProxier formats 1 << 14 with %#08x, so a real
    // node's transaction says 0x004000 (the same number: nft prints both as 0x00004000).
    const golden = readVector('nftables/TestOverallNFTablesRules.expected.txt').split('\n').map((l) => l.replaceAll(' 0x4000', ' 0x004000'));
    expect(significant(tx.lines)).toEqual(significant(golden));
  });

  test('everything is declared before a rule or element names it', () => {
    const declared = new Set<string>();
    for (const line of tx.lines) {
      const decl = /^add (?:set|map|chain) ip kube-proxy (\S+)/.exec(line);
      if (decl) declared.add(decl[1]!);
      const body = /^add (?:rule|element) ip kube-proxy (\S+) (.*)$/.exec(line);
      if (!body) continue;
      expect(declared.has(body[1]!), line).toBe(true);
      for (const m of body[2]!.matchAll(/(?:goto|jump) (\S+?)(?= |$|,)|@(\S+)/g)) {
        const name = m[1] ?? m[2]!;
        expect(declared.has(name), `${name} in ${line}`).toBe(true);
      }
    }
  });
});
