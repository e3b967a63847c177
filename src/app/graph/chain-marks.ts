/**
 * What the chain graph marks on its chains: the selected one, the packet's path and the chain the packet
 * is in. Each chain node reads its own marks from here, so a step re-renders only the chains whose marks
 * changed and React Flow keeps the same node objects (at 50 services that is hundreds of nodes per step).
 */
import { create } from 'zustand';

export interface ChainMarks {
  readonly selected?: string | undefined;
  readonly onPath: ReadonlySet<string>;
  /** The chain the packet is in and what its hop did there (the colour language's word). */
  readonly current?: { readonly chain: string; readonly kind: string } | undefined;
  readonly select: (chain: string) => void;
}

export const useChainMarks = create<ChainMarks>()(() => ({ onPath: new Set<string>(), select: () => {} }));
