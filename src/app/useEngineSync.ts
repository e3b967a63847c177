import { useEffect, useRef } from 'react';
import { latestWins } from './latest-wins';
import { engine, engineSupervisor } from '../worker/client';
import { EngineRestartedError } from '../worker/supervisor';
import type { RestartReason } from '../worker/supervisor';
import { useEngineHealth } from './safety/engine-health';
import { useLabStore } from './store';
import { storage } from './storage';
import { slotValue } from './lessons/slots';

/** A text the worker has worked on longer than this is abandoned (the worker restarted) when a newer edit comes. */
export const SUPERSEDE_AFTER_MS = 2000;

/** Errors of calls a restart settled are the restart notice's to show, not the status bar's. */
export function engineErrorText(e: unknown): string | undefined {
  return e instanceof EngineRestartedError ? undefined : String(e);
}

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
      .catch((e: unknown) => {
        const message = engineErrorText(e);
        if (message) setEngineError(message);
      });
  }, [setEngineInfo, setEngineError]);

  const setSummary = useLabStore((s) => s.setSummary);
  // Latest wins, no fixed debounce: a keystroke goes to the worker at once when it is idle; while it is
  // busy only the newest text waits. A single edit shows after one round trip, and fast typing still asks
  // at most once per round trip (a fixed 120 ms debounce made every edit cost at least 120 ms).
  const sender = useRef<((request: { text: string; slot: string }) => void) | undefined>(undefined);
  const slot = useLabStore((s) => slotValue(s.slot));
  /** The slot whose last valid text the worker has been given (once per slot). */
  const primedSlot = useRef<string | undefined>(undefined);
  /** The slot whose text the worker loaded last: an edit of the same slot keeps the nodes running (their conntrack tables). */
  const loadedSlot = useRef<string | undefined>(undefined);
  /** When the text now in the worker was sent (undefined while idle). */
  const busySince = useRef<number | undefined>(undefined);

  // A restarted worker knows nothing: give it the slot's last valid text (never the text it was working
  // on, which may be what killed it); the next edit is sent as usual.
  useEffect(
    () =>
      engineSupervisor().onRestart((reason: RestartReason) => {
        useEngineHealth.getState().restarted(reason);
        const { slot: current } = useLabStore.getState();
        const key = slotValue(current);
        primedSlot.current = key;
        loadedSlot.current = undefined;
        const lastValid = storage.loadLastValid(key);
        useLabStore.setState({ engineError: undefined, outline: undefined });
        if (lastValid === null) return;
        engine()
          .load(lastValid)
          .then((summary) => setSummary(summary))
          .catch(() => undefined);
      }),
    [setSummary],
  );

  useEffect(() => {
    sender.current ??= latestWins<{ text: string; slot: string }>(async ({ text: t, slot: key }, superseded) => {
      busySince.current = performance.now();
      try {
        const api = engine();
        // After a reload (or a switch of slot) with broken YAML the worker has no cluster yet: give it the
        // slot's last valid text first, so the last good state stays on screen beside the user's own text.
        if (primedSlot.current !== key) {
          primedSlot.current = key;
          const lastValid = storage.loadLastValid(key);
          if (lastValid !== null && lastValid !== t) await api.load(lastValid);
        }
        const keepNetwork = loadedSlot.current === key;
        loadedSlot.current = key;
        const [outline, summary] = await Promise.all([api.outline(t), api.load(t, { keepNetwork })]);
        if (!summary.showingLastValid && !summary.diagnostics.some((d) => d.severity === 'error')) storage.saveLastValid(key, t);
        // A newer text is already waiting: its answer replaces this one.
        if (superseded()) return;
        setOutline(outline);
        setSummary(summary);
      } catch (e: unknown) {
        const message = engineErrorText(e);
        if (message) setEngineError(message);
      } finally {
        busySince.current = undefined;
      }
    });
    // A newer edit does not queue behind a text the worker has been stuck on: the worker is replaced.
    const since = busySince.current;
    if (since !== undefined && performance.now() - since > SUPERSEDE_AFTER_MS) engineSupervisor().restart({ kind: 'superseded' });
    sender.current({ text, slot });
  }, [text, slot, setOutline, setSummary, setEngineError]);

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
