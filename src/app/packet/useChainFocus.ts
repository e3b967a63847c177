import { useMemo } from 'react';
import { useLabStore } from '../store';
import { chainFocus, type ChainFocus } from './focus';
import { hopEffect, type EffectKind } from './steps';
import { useCurrentStep } from './useCurrentStep';

/** The current hop's chain for a chain graph of `table` on the selected node; undefined when the hop is elsewhere. */
export function useChainFocus(table: string): (ChainFocus & { readonly kind: EffectKind }) | undefined {
  const cur = useCurrentStep();
  const node = useLabStore((s) => s.selectedNode);
  return useMemo(() => {
    if (!cur) return undefined;
    const f = chainFocus(cur.packet, cur.step.hop);
    if (!f || f.node !== node || f.table !== table) return undefined;
    return { ...f, kind: hopEffect(cur.hop).kind };
  }, [cur, node, table]);
}
