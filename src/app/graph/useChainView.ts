import { useEffect, useMemo, useState } from 'react';
import type { ChainView } from '../../worker/api';
import { engine } from '../../worker/client';
import { engineErrorText } from '../useEngineSync';
import { usePacketStore } from '../packet/store';
import { useLabStore } from '../store';
import { tableWalk } from './packet-path';

/** The learner's pick of a Service, and the packet it was made under (a pick holds for that packet only). */
export interface ServicePick {
  readonly service: string;
  readonly trace: unknown;
}

/**
 * The chain graph region's view of the selected node and table, cut by the worker (chain-view.ts): asked
 * again when the text, the node, the table, the packet or the pick changes. Until the answer comes the
 * previous view stays on screen.
 */
export function useChainView(pick: ServicePick | undefined): ChainView | undefined {
  const revision = useLabStore((s) => s.summary?.revision);
  const node = useLabStore((s) => s.selectedNode);
  const table = useLabStore((s) => s.table);
  const stamp = useLabStore((s) => s.rulesStamp);
  const setEngineError = useLabStore((s) => s.setEngineError);
  const trace = usePacketStore((s) => s.trace);
  const walkKey = useMemo(() => (trace ? tableWalk(trace, table).join(' ') : ''), [trace, table]);
  const pickHolds = pick !== undefined && pick.trace === trace;
  const picked = pick?.service;
  const [view, setView] = useState<ChainView | undefined>(undefined);
  useEffect(() => {
    if (revision === undefined || !node) return;
    let cancelled = false;
    const request = { ...(picked !== undefined ? { pick: picked } : {}), pickHolds, walk: walkKey === '' ? [] : walkKey.split(' ') };
    engine()
      .chainView(node, table, request, revision)
      .then((v) => {
        if (!cancelled && v) setView(v);
      })
      .catch((e: unknown) => {
        const message = engineErrorText(e);
        if (message) setEngineError(message);
      });
    return () => {
      cancelled = true;
    };
  }, [revision, node, table, stamp, picked, pickHolds, walkKey, setEngineError]);
  return view;
}
