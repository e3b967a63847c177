import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE_SIZES } from '../../engine/scale/sweep';
import { SWEEP_SIZES, sweepSizesUpTo } from './series';

describe('the scale lab series', () => {
  it('is the engine sweep’s log series', () => {
    expect(SWEEP_SIZES).toEqual(DEFAULT_SCALE_SIZES);
  });

  it('runs the log series up to the chosen number of Services, at least two sizes', () => {
    expect(sweepSizesUpTo(30_000)).toEqual([10, 30, 100, 300, 1000, 3000, 10_000, 30_000]);
    expect(sweepSizesUpTo(1000)).toEqual([10, 30, 100, 300, 1000]);
    expect(sweepSizesUpTo(5)).toEqual([10, 30]);
  });
});
