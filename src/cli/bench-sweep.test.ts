/**
 * `kpl bench --sweep`: the scale lab's sweep in the CLI prints the table behind the chart. No timing is
 * asserted (a busy machine is not a failure); the counts are.
 */
import { describe, expect, it } from 'vitest';
import { benchCommand } from './commands/bench';
import type { SweepBenchResult } from '../../bench/scale-sweep';

async function bench(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await benchCommand(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('kpl bench --sweep', () => {
  it('--json: a point per size and mode, iptables one rule more per Service, the others flat', async () => {
    const r = await bench('--sweep', '--sizes', '10,60', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as SweepBenchResult;
    expect(result.points.map((p) => `${p.services}/${p.mode}`)).toEqual(['10/iptables', '10/nftables', '10/ipvs', '60/iptables', '60/nftables', '60/ipvs']);
    const total = (services: number, mode: string): number => result.points.find((p) => p.services === services && p.mode === mode)!.connection.total;
    expect(total(60, 'iptables') - total(10, 'iptables')).toBe(50);
    expect(total(60, 'nftables')).toBe(total(10, 'nftables'));
    expect(total(60, 'ipvs')).toBe(total(10, 'ipvs'));
    expect(result.points.every((p) => p.connection.outcome === 'delivered' && p.cpuMs >= 0 && p.wallMs >= 0)).toBe(true);
    expect(r.err).toContain('6/6 60 Services, ipvs');
  });

  it('prints the connection table, the programming work and the sweep against its target', async () => {
    const r = await bench('--sweep', '--sizes', '10,30');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^30\s+iptables\s+49\s+0\s+0\s+49\s/m);
    expect(r.out).toMatch(/^30\s+nftables\s+23\s+4\s+0\s+27\s/m);
    expect(r.out).toMatch(/^30\s+IPVS\s+24\s+0\s+1\s+25\s/m);
    expect(r.out).toContain('Programming work (one node)');
    expect(r.out).toMatch(/Whole sweep \(10, 30 Services × 3 modes\): wall .*; target ≤ 15\.0 s: (met|above)\./);
  });
});
