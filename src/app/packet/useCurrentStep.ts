import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { HopView, PacketView, TraceView } from '../../worker/api';
import { useLabStore } from '../store';
import { packetMessages, type PacketMessages } from './messages';
import { usePacketStore } from './store';
import type { StepRef } from './steps';

export interface CurrentStep {
  readonly trace: TraceView;
  readonly step: StepRef;
  readonly packet: PacketView;
  readonly hop: HopView;
  readonly position: number;
  readonly total: number;
}

/** Builds the current step from the store's trace and position. */
export function currentStepOf(trace: TraceView | undefined, steps: readonly StepRef[], position: number): CurrentStep | undefined {
  const step = steps[position];
  if (!trace || !step) return undefined;
  const packet = trace.packets[step.packet]!;
  return { trace, step, packet, hop: packet.hops[step.hop]!, position, total: steps.length };
}

/** The step playback is on, or undefined before the first send. */
export function useCurrentStep(): CurrentStep | undefined {
  const { trace, steps, position } = usePacketStore(useShallow((s) => ({ trace: s.trace, steps: s.steps, position: s.position })));
  return useMemo(() => currentStepOf(trace, steps, position), [trace, steps, position]);
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
