import { useEffect } from 'react';
import { engine } from '../../worker/client';
import { useLabStore } from '../store';
import { usePacketStore } from './store';

/**
 * Keeps the packet pickers in step with the cluster: a new revision means new choices, and the old
 * trace no longer describes it (the worker's network starts afresh, or carries on through an edit of the
 * same document with kube-proxy's conntrack cleanup applied).
 */
export function usePacketSync(): void {
  const revision = useLabStore((s) => s.summary?.revision);
  useEffect(() => {
    if (revision === undefined) return;
    let cancelled = false;
    usePacketStore.getState().clearTrace();
    // The same document edited: the worker kept the nodes' tables and ran kube-proxy's cleanup on them.
    const carried = useLabStore.getState().summary?.conntrack;
    if (carried) usePacketStore.getState().showChange(carried);
    engine()
      .choices()
      .then((choices) => {
        if (!cancelled) usePacketStore.getState().setChoices(choices);
      })
      .catch((e: unknown) => useLabStore.getState().setEngineError(String(e)));
    return () => {
      cancelled = true;
    };
  }, [revision]);
}
