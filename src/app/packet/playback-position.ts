/**
 * Moving through playback steps: where Step, Next decision, a seek and opening a fold put the position.
 * Pure functions over the playback state (the store applies them), so they run in unit tests too.
 */
import type { HopView, PacketView, TraceView } from '../../worker/api';
import { buildPlayback, nextDecision, type Playback } from './playback';
import type { StepRef } from './steps';

/** What these functions read: the trace, its hops in order, the playback over them and where it is. */
export interface PlaybackState {
  readonly trace?: TraceView;
  readonly steps: readonly StepRef[];
  readonly playback: Playback;
  readonly position: number;
  readonly folded: boolean;
  readonly opened: ReadonlySet<string>;
}

/** The sentence consecutive hops are compared by to merge repeats (none before narration has loaded). */
export type Sentence = ((packet: PacketView, hop: HopView) => string) | undefined;

const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

/** The index of the playback step playback is on. */
export function playbackIndex(s: Pick<PlaybackState, 'playback' | 'position'>): number {
  return s.playback.stepAt[s.position] ?? 0;
}

/** The position of playback step `index` (clamped to the connection). */
export function positionOfStep(playback: Playback, index: number): number {
  return playback.steps[clamp(index, 0, Math.max(0, playback.steps.length - 1))]?.position ?? 0;
}

/** The position `delta` playback steps away. */
export function stepBy(s: PlaybackState, delta: number): number {
  return positionOfStep(s.playback, playbackIndex(s) + delta);
}

/** The position of the next decision (or of the last playback step). */
export function decisionAfter(s: PlaybackState): number {
  return positionOfStep(s.playback, nextDecision(s.playback, playbackIndex(s)));
}

export type Rebuilt = Pick<PlaybackState, 'playback' | 'folded' | 'opened' | 'position'>;

/** Playback rebuilt for new options, the position kept on the same hop or on the fold that now holds it. */
export function rebuild(s: PlaybackState, folded: boolean, opened: ReadonlySet<string>, sentence: Sentence): Rebuilt {
  const playback = buildPlayback(s.trace, { folded, opened, ...(sentence ? { sentence } : {}) });
  const covering = playback.steps[playback.stepAt[s.position] ?? 0];
  return { playback, folded, opened, position: covering?.position ?? 0 };
}

/**
 * Goes to a hop by position (a lesson, a share link). A hop folded away is opened, so it is on screen
 * itself: the packet that holds it, then the run of rules that holds it.
 */
export function seekHop(s: PlaybackState, to: number, sentence: Sentence): Partial<Rebuilt> {
  const position = clamp(Math.round(to), 0, Math.max(0, s.steps.length - 1));
  let next: Rebuilt = { playback: s.playback, folded: s.folded, opened: s.opened, position };
  // At most two folds hold a hop: its packet and its run.
  for (let round = 0; round < 2; round++) {
    const covering = next.playback.steps[next.playback.stepAt[position] ?? 0];
    if (!covering || covering.position === position) return next;
    // A merged repeat hides nothing worth opening: its first hop says the same.
    if (!covering.fold) return { ...next, position: covering.position };
    next = rebuild({ ...s, position }, s.folded, new Set(next.opened).add(covering.fold.key), sentence);
  }
  return { ...next, position: next.playback.steps[next.playback.stepAt[position] ?? 0]?.position ?? position };
}

/** Opens the current playback step's fold in place; an opened packet plays from its first hop. */
export function openCurrentFold(s: PlaybackState, sentence: Sentence): Partial<Rebuilt> {
  const fold = s.playback.steps[playbackIndex(s)]?.fold;
  if (!fold) return {};
  const next = rebuild(s, s.folded, new Set(s.opened).add(fold.key), sentence);
  if (fold.kind === 'rules') return next;
  const packet = s.steps[s.position]?.packet ?? 0;
  const first = s.steps.findIndex((r) => r.packet === packet);
  return { ...next, position: first < 0 ? next.position : first };
}
