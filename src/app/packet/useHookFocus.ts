import { useMemo } from 'react';
import { changeKind, hopEffect, hopNode, type EffectKind } from './steps';
import { spotKey, tokenSpot, type TokenSpot } from './focus';
import { currentStepOf, useCurrentStep } from './useCurrentStep';
import { usePacketStore, type PacketState } from './store';
import { useLabStore } from '../store';
import { packetLabel } from '../outcome-text';
import type { HookStagesView } from '../../worker/api';

export interface HookFocus {
  readonly spot: TokenSpot;
  readonly key: string;
  /** Colour of the stage: what the hop did there. */
  readonly kind: EffectKind;
  readonly node?: string;
  readonly label: string;
  readonly direction: 'original' | 'reply';
}

/** Where the packet token sits in the hook diagram at the current step. */
export function useHookFocus(): HookFocus | undefined {
  const cur = useCurrentStep();
  const lang = useLabStore((s) => s.lang);
  const stages = useLabStore((s) => s.summary?.hookStages);
  return useMemo(() => {
    if (!cur) return undefined;
    const spot = tokenSpot(cur.hop, stages, cur.packet, cur.step.hop);
    if (!spot) return undefined;
    const node = hopNode(cur.hop, cur.packet);
    return {
      spot,
      key: spotKey(spot),
      kind: changeKind(cur.hop) ?? hopEffect(cur.hop).kind,
      ...(node ? { node } : {}),
      label: packetLabel(cur.packet.label, lang),
      direction: cur.packet.direction,
    };
  }, [cur, lang, stages]);
}

/** Is the token at this hook or place: `"<stage> <effect kind>"` at a hook, `"here"` at a place, else undefined. */
function spotHere(s: PacketState, id: string, stages: HookStagesView | undefined): string | undefined {
  const cur = currentStepOf(s.trace, s.steps, s.position, s.playback);
  const spot = cur ? tokenSpot(cur.hop, stages, cur.packet, cur.step.hop) : undefined;
  if (!cur || !spot) return undefined;
  if (spot.kind === 'place') return spot.place === id ? 'here' : undefined;
  return spot.hook === id ? `${spot.stage} ${changeKind(cur.hop) ?? hopEffect(cur.hop).kind}` : undefined;
}

/**
 * For one node of the hook diagram: whether (and where, in what colour) the token is on it. A plain string,
 * so a node re-renders only when the token enters, moves within or leaves it, and the diagram hands React
 * Flow the same node objects all along (a new node object is re-measured and its edges redrawn).
 */
export function useSpotHere(id: string): string | undefined {
  const stages = useLabStore((s) => s.summary?.hookStages);
  return usePacketStore((s) => spotHere(s, id, stages));
}
