/** `kpl rules … --mode nftables`: the transaction kube-proxy's nftables proxier sends, and the mode switch. */
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { readVector, vectorPath } from '../engine/test-support/vectors';

async function kpl(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const significant = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).sort();

describe('kpl rules in nftables mode', () => {
  it('the nftables vector (mode nftables in the scenario) prints kube-proxy\'s golden lines', async () => {
    const r = await kpl('rules', vectorPath('nftables/scenario.yaml'), '--format', 'transaction');
    expect(r.code).toBe(0);
    // The golden's fake proxier writes the mark as 0x4000; a real node's kube-proxy as %#08x (0x004000).
    const golden = readVector('nftables/TestOverallNFTablesRules.expected.txt').replaceAll(' 0x4000', ' 0x004000');
    expect(significant(r.out)).toEqual(significant(golden));
  });

  it('--format nft (the default in nftables mode) lists what the real nft lists for kube-proxy\'s golden, line for line', async () => {
    const r = await kpl('rules', vectorPath('nftables/scenario.yaml'));
    expect(r.code).toBe(0);
    expect((await kpl('rules', vectorPath('nftables/scenario.yaml'), '--format', 'nft')).out).toBe(r.out);
    // The same objects as the vector (nft 1.0.6's listing of the golden); declared in kube-proxy's order, not the sorted golden's.
    expect(r.out.split('\n').sort()).toEqual(readVector('nftables/nft-list-ruleset.txt').split('\n').sort());
    expect(r.out).toMatch(/^table ip kube-proxy \{\n\tcomment "rules for kube-proxy"\n/);
  });

  it('--mode overrides the scenario\'s mode, both ways', async () => {
    const ipt = await kpl('rules', vectorPath('nftables/scenario.yaml'), '--mode', 'iptables', '--table', 'nat', '--format', 'S');
    expect(ipt.code).toBe(0);
    expect(ipt.out).toContain('-A KUBE-SERVICES');
    const nft = await kpl('rules', vectorPath('k8s-overall/scenario.yaml'), '--mode', 'nftables');
    expect(nft.code).toBe(0);
    expect(nft.out).toContain('\t\tip daddr . meta l4proto . th dport vmap @service-ips\n');
    const tx = await kpl('rules', vectorPath('k8s-overall/scenario.yaml'), '--mode', 'nftables', '--format', 'transaction');
    expect(tx.out).toContain('add rule ip kube-proxy services ip daddr . meta l4proto . th dport vmap @service-ips\n');
  });

  it('usage errors: an unknown mode, iptables formats and --table in nftables mode', async () => {
    const scenario = vectorPath('nftables/scenario.yaml');
    for (const argv of [['--mode', 'userspace'], ['--format', 'save'], ['--table', 'nat']]) {
      const r = await kpl('rules', scenario, ...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/--mode must be one of iptables, nftables|--format must be one of nft, transaction|--table is for iptables mode/);
    }
  });
});
