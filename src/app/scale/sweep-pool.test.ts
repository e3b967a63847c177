import { describe, expect, it } from 'vitest';
import { scalePointMeasurer, scaleSweep, type MeasuredPoint } from '../../engine/scale/sweep';
import { runSweepPool, type PointWorker } from './sweep-pool';
import type { Mode } from './series';

const MODES: readonly Mode[] = ['iptables', 'nftables', 'ipvs'];
const still = (): number => 0;

/** A worker running the engine in this process, answering after `delayMs` (so the two workers interleave). */
function inProcess(delayMs: (services: number, mode: Mode) => number): PointWorker & { asked: string[] } {
  const measure = scalePointMeasurer({ now: still });
  const asked: string[] = [];
  return {
    asked,
    measure: async (services, mode): Promise<MeasuredPoint> => {
      asked.push(`${services}/${mode}`);
      await new Promise((r) => setTimeout(r, delayMs(services, mode)));
      return measure(services, mode);
    },
  };
}

describe('the sweep on several workers', () => {
  it('measures every point once, the same points as the one-worker sweep, in the sweep order', async () => {
    const a = inProcess((_, mode) => (mode === 'nftables' ? 15 : 1));
    const b = inProcess(() => 3);
    const arrived: number[] = [];
    const r = await runSweepPool([a, b], [10, 30, 100], MODES, (p) => arrived.push(p.index), new AbortController().signal);
    expect(r.cancelled).toBe(false);
    expect(arrived).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Both workers took points, and no point twice.
    expect(a.asked.length).toBeGreaterThan(0);
    expect(b.asked.length).toBeGreaterThan(0);
    expect([...a.asked, ...b.asked].sort()).toEqual(['10/iptables', '10/ipvs', '10/nftables', '100/iptables', '100/ipvs', '100/nftables', '30/iptables', '30/ipvs', '30/nftables']);
    const strip = (p: { index: number; total: number }) => ({ ...p, index: 0, total: 0 });
    const alone = [...scaleSweep({ sizes: [10, 30, 100], now: still })];
    expect(r.points.map(strip)).toEqual(alone.map(strip));
    expect(r.points.every((p) => p.total === 9)).toBe(true);
  });

  it('an abort returns at once with what was measured, without waiting for the points in progress', async () => {
    const abort = new AbortController();
    const never: PointWorker = { measure: () => new Promise(() => {}) };
    const quick = inProcess(() => 1);
    let seen = 0;
    const r = await runSweepPool(
      [quick, never],
      [10, 30, 100],
      MODES,
      () => {
        if (++seen === 2) abort.abort();
      },
      abort.signal,
    );
    expect(r.cancelled).toBe(true);
    expect(r.points).toHaveLength(2);
  });

  it('a worker that fails fails the sweep', async () => {
    const failing: PointWorker = { measure: () => Promise.reject(new Error('out of memory')) };
    await expect(runSweepPool([failing], [10, 30], MODES, () => {}, new AbortController().signal)).rejects.toThrow('out of memory');
  });
});
