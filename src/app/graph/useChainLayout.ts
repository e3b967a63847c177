import { useEffect, useState } from 'react';
import type { ChainGraph } from '../../engine/netfilter/chain-graph';
import type { ChainPosition } from '../../worker/chain-layout';
import { engine } from '../../worker/client';
import { useLabStore } from '../store';

/** A chain graph and where its nodes go. */
export interface LaidOutGraph {
  readonly graph: ChainGraph;
  readonly positions: readonly ChainPosition[];
}

/**
 * The graph laid out by the worker. Until a new layout arrives the previous graph stays drawn as it
 * was (one round trip, a few milliseconds), so the view never shows nodes without places.
 */
export function useChainLayout(graph: ChainGraph): LaidOutGraph | undefined {
  const [laidOut, setLaidOut] = useState<LaidOutGraph | undefined>(undefined);
  const setEngineError = useLabStore((s) => s.setEngineError);
  useEffect(() => {
    let cancelled = false;
    engine()
      .layoutChainGraph(graph)
      .then((positions) => {
        if (!cancelled) setLaidOut({ graph, positions });
      })
      .catch((e: unknown) => setEngineError(String(e)));
    return () => {
      cancelled = true;
    };
  }, [graph, setEngineError]);
  return laidOut;
}
