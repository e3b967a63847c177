/** `kpl bench --mode nftables --quick`: nftables generation beside iptables, as JSON and as a table. */
import { describe, expect, it } from 'vitest';
import { benchCommand } from './commands/bench';
import type { NftablesBenchResult } from '../../bench/nftables';

async function bench(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await benchCommand(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('kpl bench --mode nftables', () => {
  it('JSON: both generators per size, the nftables transaction\'s counts', async () => {
    const r = await bench('--mode', 'nftables', '--quick', '--json', '--sizes', '10,40');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as NftablesBenchResult;
    expect(result.sizes.map((s) => s.services)).toEqual([10, 40]);
    for (const s of result.sizes) {
      expect(s.iptables.rules).toBeGreaterThan(0);
      expect(s.nftables.generate.median).toBeGreaterThan(0);
      // Per service (10 endpoints): a service- chain rule for masquerade + the numgen pick, two rules per endpoint; elements per port.
      expect(s.nftables.rules).toBeGreaterThan(s.services * 20);
      expect(s.nftables.elements).toBeGreaterThanOrEqual(s.services * 2);
      expect(s.nftables.lines).toBeGreaterThan(s.nftables.rules + s.nftables.elements);
    }
    // The nftables transaction grows with the services, as the iptables text does.
    expect(result.sizes[1]!.nftables.lines).toBeGreaterThan(result.sizes[0]!.nftables.lines);
    expect(r.err).toContain('kpl bench: 40 × 10: nftables transaction');
  });

  it('table: one row per size under the documented header', async () => {
    const r = await bench('--mode', 'nftables', '--quick', '--sizes', '10');
    const lines = r.out.split('\n');
    const header = lines.findIndex((l) => l.startsWith('services × endpoints'));
    expect(lines[header]).toMatch(/^services × endpoints +iptables rules +restore text +generate +nft lines +nft rules +elements +transaction +generate +explanations +nft -f$/);
    expect(lines[header + 2]).toMatch(/^10 × 10 +[\d,]+ +\d+ kB +[\d.]+ ms \([\d.]+\) +[\d,]+ +[\d,]+ +[\d,]+ +\d+ kB( +[\d.]+ ms \([\d.]+\)){2} +(-|[\d.]+ ms \([\d.]+\))$/);
    expect(r.out).toMatch(/nft -f: (nftables v|skipped — )/);
  });

  it('an unknown mode is a usage error', async () => {
    await expect(bench('--mode', 'ipvs')).rejects.toThrow('--mode must be one of iptables, nftables');
  });
});
