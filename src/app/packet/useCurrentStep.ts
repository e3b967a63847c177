import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { HopView, PacketView, TraceView } from '../../worker/api';
import { useLabStore } from '../store';
import { packetMessages, type PacketMessages } from './messages';
import { usePacketStore } from './store';
import type { StepRef } from './steps';
import { EMPTY_PLAYBACK, shownHop, type Playback, type PlaybackStep } from './playback';

export interface CurrentStep {
  readonly trace: TraceView;
  /** The hop that stands for the playback step: `packet.hops[step.hop]` (for a folded run, its first rule). */
  readonly step: StepRef;
  readonly packet: PacketView;
  /** What the playback step shows: the hop itself, or one `skipped` hop for a folded run of rules. */
  readonly hop: HopView;
  /** The playback step, with its fold and whether it is a decision. */
  readonly playbackStep?: PlaybackStep;
  readonly position: number;
  /** The playback step's index and how many there are. */
  readonly index: number;
  readonly total: number;
}

/** Builds the current step from the store's trace, playback and position. */
export function currentStepOf(trace: TraceView | undefined, steps: readonly StepRef[], position: number, playback: Playback = EMPTY_PLAYBACK): CurrentStep | undefined {
  const step = steps[position];
  if (!trace || !step) return undefined;
  const packet = trace.packets[step.packet]!;
  const index = playback.stepAt[position];
  const playbackStep = index === undefined ? undefined : playback.steps[index];
  if (!playbackStep) return { trace, step, packet, hop: packet.hops[step.hop]!, position, index: position, total: steps.length };
  return { trace, step, packet, hop: shownHop(trace, playbackStep), playbackStep, position, index: index!, total: playback.steps.length };
}

/** The step playback is on, or undefined before the first send. */
export function useCurrentStep(): CurrentStep | undefined {
  const { trace, steps, position, playback } = usePacketStore(useShallow((s) => ({ trace: s.trace, steps: s.steps, position: s.position, playback: s.playback })));
  return useMemo(() => currentStepOf(trace, steps, position, playback), [trace, steps, position, playback]);
}

/**
 * The current step for what only describes it (header, conntrack, narration, rules mark, cluster strip):
 * React renders these just after the frame that moves the packet, in an interruptible render, so a step's
 * frame carries the animation (token, hook and chain highlight) and not every panel at once.
 */
export function useDescribedStep(): CurrentStep | undefined {
  return useDeferredValue(useCurrentStep());
}

/** The packet UI's text in the current language. */
export function usePacketText(): PacketMessages {
  const lang = useLabStore((s) => s.lang);
  return packetMessages(lang);
}
