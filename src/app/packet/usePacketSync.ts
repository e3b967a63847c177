import { useEffect } from 'react';
import { engine } from '../../worker/client';
import { useLabStore } from '../store';
import { usePacketStore } from './store';

/**
 * Keeps the packet pickers in step with the cluster: a new revision means new choices, and the old
 * trace (and the worker's network, which `load` resets) no longer describe it.
 */
export function usePacketSync(): void {
  const revision = useLabStore((s) => s.summary?.revision);
  useEffect(() => {
    if (revision === undefined) return;
    let cancelled = false;
    usePacketStore.getState().clearTrace();
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
