import { stepInterval } from './clock';
import { dwellShare } from './playback';
import type { PlaybackStep } from './playback';

/** The longest glide, at slow speeds: past this the token reads as lagging behind the narration. */
export const MAX_GLIDE_S = 0.45;
/** The share of its step's time the glide takes: the token rests on its stage before the next step. */
export const GLIDE_SHARE = 0.7;

/**
 * How long the hook token glides into `step`, in seconds: a share of the time the clock stays on that
 * step (folded playback passes the hops between decisions in 0.3 of a step, 0.21 s at 1×), so the token
 * arrives before the next step starts. Reduced motion: no glide (a jump).
 */
export function glideSeconds(speed: number, step: PlaybackStep | undefined, folded: boolean, reducedMotion: boolean): number {
  if (reducedMotion) return 0;
  return Math.min(MAX_GLIDE_S, (stepInterval(speed) / 1000) * dwellShare(step, folded) * GLIDE_SHARE);
}
