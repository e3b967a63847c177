import { useEffect, useRef } from 'react';
import { engine, engineSupervisor } from '../worker/client';
import { useEngineHealth } from './safety/engine-health';
import { useLabStore } from './store';
import { storage } from './storage';
import { slotValue } from './lessons/slots';
import { EngineSync, engineErrorText } from './engine-sync';

export { SUPERSEDE_AFTER_MS, engineErrorText } from './engine-sync';

/** Keeps the worker's view of the scenario in step with the editor text. */
export function useEngineSync(): void {
  const text = useLabStore((s) => s.scenarioText);
  const setEngineInfo = useLabStore((s) => s.setEngineInfo);
  const setEngineError = useLabStore((s) => s.setEngineError);

  useEffect(() => {
    engine()
      .info()
      .then(setEngineInfo)
      .catch((e: unknown) => {
        const message = engineErrorText(e);
        if (message) setEngineError(message);
      });
  }, [setEngineInfo, setEngineError]);

  const slot = useLabStore((s) => slotValue(s.slot));
  const sync = useRef<EngineSync | undefined>(undefined);
  sync.current ??= new EngineSync(engineSupervisor(), storage, {
    outline: (outline) => useLabStore.getState().setOutline(outline),
    summary: (summary) => useLabStore.getState().setSummary(summary),
    error: (message) => useLabStore.getState().setEngineError(message),
    restarted: (reason) => {
      useEngineHealth.getState().restarted(reason);
      useLabStore.setState({ engineError: undefined, outline: undefined });
    },
    current: () => {
      const s = useLabStore.getState();
      return { text: s.scenarioText, slot: slotValue(s.slot) };
    },
  });

  useEffect(() => sync.current?.attach(), []);

  useEffect(() => {
    sync.current?.edit({ text, slot });
  }, [text, slot]);

  const revision = useLabStore((s) => s.summary?.revision);
  const node = useLabStore((s) => s.selectedNode);
  const table = useLabStore((s) => s.table);
  const format = useLabStore((s) => s.format);
  useEffect(() => {
    if (revision === undefined || !node) return;
    let cancelled = false;
    const api = engine();
    const failed = (e: unknown): void => {
      const message = engineErrorText(e);
      if (message) setEngineError(message);
    };
    // The rules only: the chain graph region asks for its own view (useChainView), one Service's chains
    // or the overview, never the whole table. A stale revision (a newer text already loaded) gets null.
    api
      .rulesFor(node, table, format, revision)
      .then((rules) => {
        if (!cancelled && rules !== null) useLabStore.setState({ rulesText: rules });
      })
      .catch(failed);
    return () => {
      cancelled = true;
    };
  }, [revision, node, table, format, setEngineError]);
}
