import { describe, expect, it } from 'vitest';
import { glideSeconds, MAX_GLIDE_S } from './token-glide';
import { BASE_STEP_MS, stepInterval } from './clock';
import { dwellShare } from './playback';
import type { PlaybackStep } from './playback';

const decision = { decision: true } as PlaybackStep;
const passing = { decision: false } as PlaybackStep;

describe('the hook token glides at the pace of the steps', () => {
  it('between decisions (folded), the glide ends before the clock moves on', () => {
    for (const speed of [0.5, 1, 2, 4]) {
      const stay = (stepInterval(speed) / 1000) * dwellShare(passing, true);
      expect(glideSeconds(speed, passing, true, false)).toBeLessThan(stay);
      expect(glideSeconds(speed, passing, true, false)).toBeGreaterThan(0);
    }
    // At 1× a passing step stays 0.21 s: the glide takes 70 % of it, not 0.45 s.
    expect(glideSeconds(1, passing, true, false)).toBeCloseTo((BASE_STEP_MS / 1000) * 0.3 * 0.7, 5);
  });

  it('a decision, or any step rule by rule, keeps the longer glide, never over the cap', () => {
    expect(glideSeconds(1, decision, true, false)).toBe(MAX_GLIDE_S);
    expect(glideSeconds(1, passing, false, false)).toBe(MAX_GLIDE_S);
    expect(glideSeconds(4, decision, true, false)).toBeCloseTo((stepInterval(4) / 1000) * 0.7, 5);
  });

  it('reduced motion: no glide at all', () => {
    for (const step of [decision, passing, undefined]) expect(glideSeconds(1, step, true, true)).toBe(0);
  });
});
