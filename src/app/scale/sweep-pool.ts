/**
 * The sweep on several workers: its points (sizes ascending, modes in order) are handed out one at a time,
 * each to the next free worker, so two workers on two cores finish the sweep in about half the time of one
 * (the 30,000-Service points, a second or more each, run side by side). Every point is still measured whole
 * by one worker, exactly as the one-worker sweep measures it; the page only numbers them as they arrive.
 */
import type { MeasuredPoint, ScalePoint } from '../../worker/scale-api';
import type { Mode } from './series';

export interface PointWorker {
  measure(services: number, mode: Mode): Promise<MeasuredPoint>;
}

export interface PoolResult {
  /** The points measured, in the sweep's order (sizes ascending, modes in `modes` order). */
  readonly points: readonly ScalePoint[];
  readonly cancelled: boolean;
}

const ABORTED = Symbol('aborted');

/**
 * Runs the sweep of `sizes` × `modes` on `workers`. `onPoint` gets each point as it arrives, numbered in
 * arrival order (`index` of `total`). An abort returns at once with the points measured so far (the caller
 * terminates the workers, which may be in the middle of a point); a worker's failure rejects.
 */
export async function runSweepPool(workers: readonly PointWorker[], sizes: readonly number[], modes: readonly Mode[], onPoint: (p: ScalePoint) => void, signal: AbortSignal): Promise<PoolResult> {
  const jobs = sizes.flatMap((services) => modes.map((mode) => ({ services, mode })));
  const total = jobs.length;
  const done: ScalePoint[] = [];
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    if (signal.aborted) resolve(ABORTED);
    else signal.addEventListener('abort', () => resolve(ABORTED), { once: true });
  });
  let next = 0;
  const drive = async (worker: PointWorker): Promise<void> => {
    while (!signal.aborted && next < jobs.length) {
      const job = jobs[next++]!;
      const measured = await Promise.race([worker.measure(job.services, job.mode), aborted]);
      if (measured === ABORTED || signal.aborted) return;
      const point: ScalePoint = { ...measured, index: done.length + 1, total };
      done.push(point);
      onPoint(point);
    }
  };
  await Promise.race([Promise.all(workers.map(drive)), aborted]);
  const order = (p: ScalePoint): number => sizes.indexOf(p.services) * modes.length + modes.indexOf(p.mode);
  return { points: [...done].sort((a, b) => order(a) - order(b)), cancelled: signal.aborted };
}
