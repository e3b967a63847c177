import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createRandom } from './random';
import type { Random } from './random';

const take = (r: Random, n: number): number[] => Array.from({ length: n }, () => r.next32());

describe('createRandom', () => {
  fcTest.prop([fc.maxSafeInteger()], { numRuns: 200 })('the same seed yields the same sequence', (seed) => {
    expect(take(createRandom(seed), 32)).toEqual(take(createRandom(seed), 32));
  });

  it('different seeds, even adjacent ones, yield different sequences', () => {
    const firsts = new Set<string>();
    for (let seed = -50; seed < 50; seed++) firsts.add(take(createRandom(seed), 4).join(','));
    expect(firsts.size).toBe(100);
    // The high half of the seed counts too.
    expect(take(createRandom(1), 4)).not.toEqual(take(createRandom(1 + 2 ** 32), 4));
  });

  it('next32 is an unsigned 32-bit integer and nextFloat lies in [0, 1)', () => {
    const r = createRandom(7);
    for (let i = 0; i < 10_000; i++) {
      const u = r.next32();
      expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
      const f = r.nextFloat();
      expect(f >= 0 && f < 1).toBe(true);
    }
  });

  it('every bit of next32 is set about half the time (seed 42, 100,000 draws)', () => {
    const r = createRandom(42);
    const ones = new Array<number>(32).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = r.next32();
      for (let b = 0; b < 32; b++) ones[b]! += (u >>> b) & 1;
    }
    // 5 standard deviations of a fair coin over n draws is 5 · √n / 2 ≈ 791.
    for (const count of ones) expect(Math.abs(count - n / 2)).toBeLessThan(800);
  });

  it('int(lo, hi) covers both ends and is roughly uniform (chi-square, seed 3)', () => {
    const r = createRandom(3);
    const counts = new Array<number>(10).fill(0);
    const n = 100_000;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const v = r.int(5, 14);
      if (v < 5 || v > 14) outOfRange++;
      else counts[v - 5]! += 1;
    }
    expect(outOfRange).toBe(0);
    const expected = n / 10;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: the 0.999 quantile is 27.9.
    expect(chi2).toBeLessThan(27.9);
    expect(counts.every((c) => c > 0)).toBe(true);
  });

  it('int handles a single value, negative ranges and the full 2^32 span', () => {
    const r = createRandom(9);
    expect(r.int(4, 4)).toBe(4);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(-3, -1);
      expect(v >= -3 && v <= -1).toBe(true);
    }
    const wide = r.int(0, 2 ** 32 - 1);
    expect(wide >= 0 && wide < 2 ** 32).toBe(true);
    expect(() => r.int(2, 1)).toThrow(RangeError);
    expect(() => r.int(0, 2 ** 32)).toThrow(RangeError);
    expect(() => r.int(0.5, 3)).toThrow(RangeError);
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => createRandom(1.5)).toThrow(RangeError);
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
  });

  it('fork depends on the seed and the label, not on how much the parent has drawn', () => {
    const a = createRandom(11);
    const b = createRandom(11);
    take(b, 1000);
    expect(take(a.fork('node-1'), 16)).toEqual(take(b.fork('node-1'), 16));
    expect(take(a.fork('node-1'), 16)).not.toEqual(take(a.fork('node-2'), 16));
    expect(take(a.fork('node-1'), 16)).not.toEqual(take(createRandom(12).fork('node-1'), 16));
    // A fork is a new stream, not a copy of its parent.
    expect(take(createRandom(11).fork(''), 16)).not.toEqual(take(createRandom(11), 16));
    // Nested forks are deterministic too.
    expect(take(a.fork('x').fork('y'), 8)).toEqual(take(createRandom(11).fork('x').fork('y'), 8));
  });

  it('keeps the sequence it had when scenarios were first recorded (replay stability)', () => {
    // Pinned from this implementation: saved scenarios replay from their seed, so changing the
    // generator or its seeding silently changes every replay. Update only with a format upgrade.
    expect(take(createRandom(0), 4)).toEqual(PINNED_SEED_0);
  });
});

const PINNED_SEED_0 = [4205396811, 3543653536, 1222415357, 3047368389];
