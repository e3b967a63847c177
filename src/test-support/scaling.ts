/**
 * Time budgets checked as ratios, so a quadratic path fails as a test instead of showing up as a slow
 * run, and a slow or busy machine does not fail a linear one: the input made 10× larger may take at
 * most 15× the time (quadratic code takes ~100×).
 *
 * Garbage-collection pauses are left out of the times: a full collection costs in proportion to
 * everything alive in the test process (the test runner's own modules too), so the large run pays for
 * one or two of them and the small one for none, which is noise about the code under test, not its shape.
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const pauses: { readonly start: number; readonly duration: number }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push({ start: e.startTime, duration: e.duration });
});
observer.observe({ entryTypes: ['gc'] });

/** Entries reach the observer on a later turn of the event loop. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function timed(run: () => unknown): Promise<number> {
  collectGarbage();
  await settle();
  pauses.length = 0;
  const t0 = performance.now();
  run();
  const t1 = performance.now();
  await settle();
  const paused = pauses.filter((p) => p.start >= t0 && p.start < t1).reduce((sum, p) => sum + p.duration, 0);
  return t1 - t0 - paused;
}

export interface Scaling {
  readonly smallMs: number;
  readonly largeMs: number;
  /** largeMs / smallMs. */
  readonly ratio: number;
}

/**
 * Runs `work` on `make(n)` and on `make(factor × n)`. Each round times `factor` runs of the small input
 * back to back and one run of the large one: the same amount of work, so both see the machine (other
 * processes share its cores) for as long and as often. Each size keeps its fastest round, the one least
 * disturbed. A warm-up first, so the JIT does not make the small input look slow.
 */
export async function measureScaling<T>(make: (n: number) => T, work: (input: T) => unknown, n: number, factor = 10, rounds = 5): Promise<Scaling> {
  const small = make(n);
  const large = make(n * factor);
  work(small);
  work(large);
  let smallMs = Infinity;
  let largeMs = Infinity;
  for (let round = 0; round < rounds; round++) {
    smallMs = Math.min(smallMs, (await timed(() => {
      for (let i = 0; i < factor; i++) work(small);
    })) / factor);
    largeMs = Math.min(largeMs, await timed(() => work(large)));
  }
  smallMs = Math.max(smallMs, 0.05);
  return { smallMs, largeMs, ratio: largeMs / smallMs };
}

/**
 * `measureScaling` of a workload from `workloads.ts`, in a separate Node process (its heap holds only the
 * workload, not the test runner), with a young generation large enough that short-lived garbage never
 * reaches the old one.
 */
export async function measureScalingApart(workload: string, n: number, factor = 10): Promise<Scaling> {
  const { execFile } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const child = fileURLToPath(new URL('./scaling-child.ts', import.meta.url));
  const out = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, ['--max-semi-space-size=64', '--import', 'tsx', child, workload, String(n), String(factor)], { timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
  return JSON.parse(out) as Scaling;
}

/** The ratio a linear path stays under: 10× the input, at most 15× the time. */
export const LINEAR_RATIO = 15;

/**
 * `measureScalingApart` up to `attempts` times, stopping at the first measurement within `LINEAR_RATIO`:
 * on a shared machine one measurement can land in a burst of other work, while a quadratic path
 * (~100×) fails every attempt.
 */
export async function bestScalingApart(workload: string, n: number, attempts = 5): Promise<Scaling> {
  let best: Scaling | undefined;
  for (let i = 0; i < attempts; i++) {
    const s = await measureScalingApart(workload, n);
    if (best === undefined || s.ratio < best.ratio) best = s;
    if (s.ratio <= LINEAR_RATIO) break;
  }
  return best!;
}
