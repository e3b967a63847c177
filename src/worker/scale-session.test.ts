import { describe, expect, it } from 'vitest';
import type { ScalePoint } from '../engine/scale/sweep';
import { ScaleSession, sweepSizes } from './scale-session';

const immediate = (): Promise<void> => Promise.resolve();

describe('scale session', () => {
  it('runs the log series up to the chosen number of Services', () => {
    expect(sweepSizes(30_000)).toEqual([10, 30, 100, 300, 1000, 3000, 10_000, 30_000]);
    expect(sweepSizes(undefined)).toEqual([10, 30, 100, 300, 1000, 3000, 10_000, 30_000]);
    expect(sweepSizes(1000)).toEqual([10, 30, 100, 300, 1000]);
    expect(sweepSizes(5)).toEqual([10, 30]);
  });

  it('hands each point to the page as it is measured', async () => {
    const seen: ScalePoint[] = [];
    const r = await new ScaleSession().sweep({ maxServices: 30 }, (p) => seen.push(p), immediate);
    expect(r.cancelled).toBe(false);
    expect(r.points.map((p) => `${p.services}/${p.mode}`)).toEqual(['10/iptables', '10/nftables', '10/ipvs', '30/iptables', '30/nftables', '30/ipvs']);
    expect(seen).toEqual(r.points);
    expect(r.endpointsPerService).toBe(1);
  });

  it('stops after the point in progress when cancelled', async () => {
    const session = new ScaleSession();
    const seen: ScalePoint[] = [];
    const r = await session.sweep(
      { maxServices: 100 },
      (p) => {
        seen.push(p);
        if (seen.length === 2) session.cancel();
      },
      immediate,
    );
    expect(r.cancelled).toBe(true);
    expect(r.points).toHaveLength(2);
  });
});
