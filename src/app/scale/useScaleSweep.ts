import { useCallback, useEffect, useRef, useState } from 'react';
import * as Comlink from 'comlink';
import type { ScalePoint } from '../../worker/api';
import type { ScaleWorkerApi } from '../../worker/scale-api';
import { MODES, sweepSizesUpTo } from './series';
import { runSweepPool } from './sweep-pool';

export type SweepState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly points: readonly ScalePoint[]; readonly total: number; readonly cancelling: boolean }
  | { readonly kind: 'done'; readonly points: readonly ScalePoint[]; readonly total: number; readonly cancelled: boolean; readonly elapsedMs: number }
  | { readonly kind: 'error'; readonly points: readonly ScalePoint[]; readonly message: string };

/** One worker per core, two at most: the sweep's largest points each fill a core for a second or more. */
function workerCount(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(2, cores));
}

/** Sizes ascending, then modes in MODES order: the table's and the chart's order, whatever order points arrive in. */
const sweepOrder = (a: ScalePoint, b: ScalePoint): number => a.services - b.services || MODES.indexOf(a.mode) - MODES.indexOf(b.mode);

interface Run {
  readonly id: number;
  readonly workers: readonly Worker[];
  readonly abort: AbortController;
}

/** The sweep on its own workers (sweep-pool.ts): a point at a time (each redraws the chart), with cancel. */
export function useScaleSweep() {
  const [state, setState] = useState<SweepState>({ kind: 'idle' });
  // Answers for an older run (after a newer one, or after the lab closed) are ignored.
  const runId = useRef(0);
  const current = useRef<Run | undefined>(undefined);

  /** Stops the run's workers at once, mid-point if need be: a cancelled point is not worth waiting for. */
  const stop = useCallback((run: Run | undefined) => {
    if (!run) return;
    run.abort.abort();
    for (const w of run.workers) w.terminate();
    if (current.current === run) current.current = undefined;
  }, []);

  useEffect(
    () => () => {
      // Closing the lab while it runs: stop the workers rather than let them finish unseen.
      runId.current++;
      stop(current.current);
    },
    [stop],
  );

  const start = useCallback(
    async (maxServices: number, total: number) => {
      stop(current.current);
      const id = ++runId.current;
      // Vite only finds the worker when `new URL(..., import.meta.url)` sits directly inside `new Worker`.
      const workers = Array.from({ length: workerCount() }, () => new Worker(new URL('../../worker/scale.worker.ts', import.meta.url), { type: 'module', name: 'scale' }));
      const run: Run = { id, workers, abort: new AbortController() };
      current.current = run;
      setState({ kind: 'running', points: [], total, cancelling: false });
      const started = performance.now();
      try {
        const failed = new Promise<never>((_, reject) => {
          for (const w of workers) w.addEventListener('error', (e) => reject(new Error(e.message || 'the scale worker stopped')));
        });
        const remotes = workers.map((w) => Comlink.wrap<ScaleWorkerApi>(w));
        const pool = runSweepPool(
          remotes.map((r) => ({ measure: (services, mode) => r.measure(services, mode) })),
          sweepSizesUpTo(maxServices),
          MODES,
          (p) => {
            if (runId.current !== id) return;
            setState((s) => (s.kind === 'running' ? { ...s, points: [...s.points, p].sort(sweepOrder), total: p.total } : s));
          },
          run.abort.signal,
        );
        const result = await Promise.race([pool, failed]);
        if (runId.current !== id) return;
        setState({ kind: 'done', points: result.points, total, cancelled: result.cancelled, elapsedMs: performance.now() - started });
      } catch (e) {
        if (runId.current !== id) return;
        setState((s) => ({ kind: 'error', points: s.kind === 'idle' ? [] : s.points, message: e instanceof Error ? e.message : String(e) }));
      } finally {
        stop(run);
      }
    },
    [stop],
  );

  const cancel = useCallback(() => {
    setState((s) => (s.kind === 'running' ? { ...s, cancelling: true } : s));
    current.current?.abort.abort();
  }, []);

  return { state, start, cancel };
}
