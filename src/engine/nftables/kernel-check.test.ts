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

  it("a later sync on top (kube-proxy's flush map / flush chain / delete chain / delete set) lists as we print it", () => {
    const first = declarationsFirst(readVector('nftables/TestOverallNFTablesRules.expected.txt'));
    const svc1 = 'service-ULMVA6XW-ns1/svc1/tcp/p80';
    const ep1 = 'endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80';
    const svc5 = 'service-HVFWP5L3-ns5/svc5/tcp/p80';
    const ep5 = 'endpoint-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80';
    const second = [
      'add table ip kube-proxy { comment "rules for kube-proxy" ; }',
      'add chain ip kube-proxy nat-prerouting { type nat hook prerouting priority -100 ; }',
      'flush chain ip kube-proxy nat-prerouting',
      'add rule ip kube-proxy nat-prerouting jump services',
      'flush map ip kube-proxy service-ips',
      'flush map ip kube-proxy no-endpoint-services',
      `add element ip kube-proxy service-ips { 172.30.0.45 . tcp . 80 : goto ${svc5} }`,
      'add element ip kube-proxy no-endpoint-services { 172.30.0.41 . tcp . 80 comment "ns1/svc1:p80" : goto reject-chain }',
      `flush chain ip kube-proxy ${svc1}`,
      `flush chain ip kube-proxy ${ep1}`,
      `delete chain ip kube-proxy ${svc1}`,
      `delete chain ip kube-proxy ${ep1}`,
      `flush chain ip kube-proxy ${svc5}`,
      `add rule ip kube-proxy ${svc5} numgen random mod 1 vmap { 0 : goto ${ep5} }`,
      `flush chain ip kube-proxy ${ep5}`,
      `add rule ip kube-proxy ${ep5} meta l4proto tcp dnat to 10.180.0.3:80`,
      'delete set ip kube-proxy affinity-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80',
      'delete element ip kube-proxy cluster-ips { 172.30.0.41 }',
    ].join('\n');
    const r = nftRoundTrip([first, second]);
    expect(r.nftError).toBe('');
    expect(r.parseErrors).toEqual([]);
    expect(r.ours).toBe(r.listed);
    expect(r.ours).not.toContain(svc1);
  });

  it('a transaction the kernel refuses changes nothing, for the real nft and for us (a batch is atomic)', () => {
    const first = declarationsFirst(readVector('nftables/TestOverallNFTablesRules.expected.txt'));
    // The chain is still named by a service-ips element: EBUSY.
    const refused = 'add element ip kube-proxy cluster-ips { 172.30.0.99 }\nflush chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80\ndelete chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80\n';
    const r = nftRoundTrip([first, refused]);
    expect(r.nftError).not.toBe('');
    expect(r.parseErrors.map((e) => e.message)).toEqual(['chain service-ULMVA6XW-ns1/svc1/tcp/p80 is in use (a rule or a map element jumps to it)']);
    const kernelAfterFirst = nftRoundTrip(first).listed;
    expect(r.ours).toBe(kernelAfterFirst);
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
