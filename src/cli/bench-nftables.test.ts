/** `kpl bench --mode nftables --quick`: nftables generation beside iptables, as JSON and as a table. */
import { describe, expect, it } from 'vitest';
import { benchCommand } from './commands/bench';
import type { NftablesBenchResult } from '../../bench/nftables';
import { evaluatedByMode, evaluatedForNewConnection } from '../../bench/evaluated';
import { syntheticCluster } from '../../bench/synthetic-cluster';
import { withMode } from '../engine/sim/data-planes';

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

  it('rules evaluated per new connection: a column per mode, in the JSON and under its own header', async () => {
    const json = JSON.parse((await bench('--mode', 'nftables', '--quick', '--json', '--sizes', '10')).out) as NftablesBenchResult;
    const e = json.sizes[0]!.evaluated;
    expect(e.iptables.rules).toBeGreaterThan(0);
    expect(e.iptables.lookups).toBe(0);
    expect(e.nftables.lookups).toBeGreaterThan(0);
    expect(e.nftables.total).toBe(e.nftables.rules + e.nftables.lookups);
    expect(e.ipvs.ipvs).toBeGreaterThan(0);
    const lines = (await bench('--mode', 'nftables', '--quick', '--sizes', '10')).out.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Rules evaluated per new connection'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^services × endpoints +iptables rules +nftables rules +map lookups +nftables total +ipvs rules +ipvs lookups +ipvs total$/);
    const cells = [e.iptables.total, e.nftables.rules, e.nftables.lookups, e.nftables.total, e.ipvs.rules, e.ipvs.ipvs, e.ipvs.total];
    expect(lines[at + 3]).toMatch(new RegExp(`^10 × 10 +${cells.join(' +')}$`));
  });

  it('nftables\' count is the same at 10 and 1,000 Services, iptables\' grows with the KUBE-SERVICES walk', () => {
    const [small, large] = [evaluatedByMode(10), evaluatedByMode(1000)];
    expect(large.nftables).toEqual(small.nftables);
    expect(large.ipvs).toEqual(small.ipvs);
    // web sorts last: its KUBE-SERVICES rule comes after the other 990 Services' (on the client's node and again on the endpoint's).
    expect(large.iptables.rules - small.iptables.rules).toBeGreaterThanOrEqual(2 * 990);
    expect(small.nftables.total).toBeLessThan(small.iptables.total);
  }, 60_000);

  it('counts the same with the stand-in iptables tables as with the whole cluster\'s (nftables mode strips kube-proxy\'s chains)', () => {
    const cluster = syntheticCluster(40);
    expect(evaluatedByMode(40).nftables).toEqual(evaluatedForNewConnection(withMode(cluster, 'nftables')));
  });

  it('an unknown mode is a usage error', async () => {
    await expect(bench('--mode', 'ipvs')).rejects.toThrow('--mode must be one of iptables, nftables');
  });
});
