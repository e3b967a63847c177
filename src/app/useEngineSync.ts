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

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      engine()
        .outline(text)
        .then((outline) => {
          if (!cancelled) setOutline(outline);
        })
        .catch((e: unknown) => setEngineError(String(e)));
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text, setOutline, setEngineError]);
}
