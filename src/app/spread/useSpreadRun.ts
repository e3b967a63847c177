import { useCallback, useEffect, useRef, useState } from 'react';
import * as Comlink from 'comlink';
import { engine } from '../../worker/client';
import type { SpreadProgressView, SpreadRequestView, SpreadResult } from '../../worker/api';
import { latestThrottle } from './throttle';
import { refreshRules } from '../packet/refresh-rules';

/** At most ~10 renders a second while the worker reports every 250 connections. */
const RENDER_INTERVAL_MS = 100;

export type SpreadRunState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly total: number; readonly done: number; readonly partial?: SpreadResult; readonly cancelling: boolean }
  | {
      readonly kind: 'done';
      readonly total: number;
      readonly result: SpreadResult;
      readonly cancelled: boolean;
      readonly elapsedMs: number;
      /** The scenario revision the spread ran on, to say so when the scenario has changed since. */
      readonly revision: number | undefined;
    }
  | { readonly kind: 'error'; readonly message: string };

/** Runs spreads in the engine worker: progress (throttled), cancel, and the final counts. */
export function useSpreadRun() {
  const [state, setState] = useState<SpreadRunState>({ kind: 'idle' });
  // Each run gets an id; answers for an older run (after Clear or a newer run) are ignored.
  const runId = useRef(0);
  const active = useRef(false);

  useEffect(
    () => () => {
      // Leaving the page part while a spread runs: stop the worker rather than let it finish unseen.
      runId.current++;
      if (active.current) void engine().cancelSpread();
      active.current = false;
    },
    [],
  );

  const start = useCallback(async (request: SpreadRequestView, revision: number | undefined) => {
    const id = ++runId.current;
    active.current = true;
    setState({ kind: 'running', total: request.connections, done: 0, cancelling: false });
    const progress = latestThrottle<SpreadProgressView>((p) => {
      if (runId.current !== id) return;
      setState((s) => (s.kind === 'running' ? { ...s, done: p.done, partial: p.partial } : s));
    }, RENDER_INTERVAL_MS);
    try {
      const response = await engine().spread(
        request,
        Comlink.proxy((p: SpreadProgressView) => progress.push(p)),
      );
      progress.cancel();
      // The spread counted on the printed rulesets: show its counters (even after Clear or a newer run).
      if (response.ok) void refreshRules();
      if (runId.current !== id) return;
      setState(
        response.ok
          ? { kind: 'done', total: request.connections, result: response.result, cancelled: response.cancelled, elapsedMs: response.elapsedMs, revision }
          : { kind: 'error', message: response.error },
      );
    } catch (e) {
      progress.cancel();
      if (runId.current === id) setState({ kind: 'error', message: String(e) });
    } finally {
      if (runId.current === id) active.current = false;
    }
  }, []);

  const cancel = useCallback(() => {
    setState((s) => (s.kind === 'running' ? { ...s, cancelling: true } : s));
    void engine().cancelSpread();
  }, []);

  const clear = useCallback(() => {
    runId.current++;
    setState({ kind: 'idle' });
  }, []);

  return { state, start, cancel, clear };
}
