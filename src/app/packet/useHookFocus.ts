import { useMemo } from 'react';
import { changeKind, hopEffect, hopNode, type EffectKind } from './steps';
import { spotKey, tokenSpot, type TokenSpot } from './focus';
import { useCurrentStep } from './useCurrentStep';

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
  return useMemo(() => {
    if (!cur) return undefined;
    const spot = tokenSpot(cur.hop);
    if (!spot) return undefined;
    const node = hopNode(cur.hop, cur.packet);
    return {
      spot,
      key: spotKey(spot),
      kind: changeKind(cur.hop) ?? hopEffect(cur.hop).kind,
      ...(node ? { node } : {}),
      label: cur.packet.label,
      direction: cur.packet.direction,
    };
  }, [cur]);
}
