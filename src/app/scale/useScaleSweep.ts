import { useCallback, useEffect, useRef, useState } from 'react';
import * as Comlink from 'comlink';
import { engine } from '../../worker/client';
import type { ScalePoint } from '../../worker/api';

export type SweepState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly points: readonly ScalePoint[]; readonly total: number; readonly cancelling: boolean }
  | { readonly kind: 'done'; readonly points: readonly ScalePoint[]; readonly total: number; readonly cancelled: boolean; readonly elapsedMs: number }
  | { readonly kind: 'error'; readonly points: readonly ScalePoint[]; readonly message: string };

/** The sweep in the engine worker: a point at a time (each redraws the chart), with cancel. */
export function useScaleSweep() {
  const [state, setState] = useState<SweepState>({ kind: 'idle' });
  // Answers for an older run (after a newer one, or after the lab closed) are ignored.
  const runId = useRef(0);
  const active = useRef(false);

  useEffect(
    () => () => {
      // Closing the lab while it runs: stop the worker rather than let it finish unseen.
      runId.current++;
      if (active.current) void engine().cancelScaleSweep();
      active.current = false;
    },
    [],
  );

  const start = useCallback(async (maxServices: number, total: number) => {
    const id = ++runId.current;
    active.current = true;
    setState({ kind: 'running', points: [], total, cancelling: false });
    try {
      const response = await engine().scaleSweep(
        { maxServices },
        Comlink.proxy((p: ScalePoint) => {
          if (runId.current !== id) return;
          setState((s) => (s.kind === 'running' ? { ...s, points: [...s.points, p], total: p.total } : s));
        }),
      );
      if (runId.current !== id) return;
      setState({ kind: 'done', points: response.points, total, cancelled: response.cancelled, elapsedMs: response.elapsedMs });
    } catch (e) {
      if (runId.current !== id) return;
      setState((s) => ({ kind: 'error', points: s.kind === 'idle' ? [] : s.points, message: e instanceof Error ? e.message : String(e) }));
    } finally {
      if (runId.current === id) active.current = false;
    }
  }, []);

  const cancel = useCallback(() => {
    setState((s) => (s.kind === 'running' ? { ...s, cancelling: true } : s));
    void engine().cancelScaleSweep();
  }, []);

  return { state, start, cancel };
}
