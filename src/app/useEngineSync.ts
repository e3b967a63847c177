import { useEffect } from 'react';
import { engine } from '../worker/client';
import { useLabStore } from './store';

/** Debounce between a keystroke and asking the worker: long enough to skip mid-word states, short enough to feel live. */
const DEBOUNCE_MS = 120;

/** Keeps the worker's view of the scenario in step with the editor text. */
export function useEngineSync(): void {
  const text = useLabStore((s) => s.scenarioText);
  const setOutline = useLabStore((s) => s.setOutline);
  const setEngineInfo = useLabStore((s) => s.setEngineInfo);
  const setEngineError = useLabStore((s) => s.setEngineError);

  useEffect(() => {
    engine()
      .info()
      .then(setEngineInfo)
      .catch((e: unknown) => setEngineError(String(e)));
  }, [setEngineInfo, setEngineError]);

  const setSummary = useLabStore((s) => s.setSummary);
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      const api = engine();
      Promise.all([api.outline(text), api.load(text)])
        .then(([outline, summary]) => {
          if (cancelled) return;
          setOutline(outline);
          setSummary(summary);
        })
        .catch((e: unknown) => setEngineError(String(e)));
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text, setOutline, setSummary, setEngineError]);

  const revision = useLabStore((s) => s.summary?.revision);
  const node = useLabStore((s) => s.selectedNode);
  const table = useLabStore((s) => s.table);
  const format = useLabStore((s) => s.format);
  const setRulesView = useLabStore((s) => s.setRulesView);
  useEffect(() => {
    if (revision === undefined || !node) return;
    let cancelled = false;
    const api = engine();
    Promise.all([api.rules(node, table, format), api.chainGraph(node, table)])
      .then(([rules, graph]) => {
        if (!cancelled) setRulesView(rules, graph);
      })
      .catch((e: unknown) => setEngineError(String(e)));
    return () => {
      cancelled = true;
    };
  }, [revision, node, table, format, setRulesView, setEngineError]);
}
