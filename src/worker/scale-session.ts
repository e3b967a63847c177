/**
 * The scale lab's side of the worker: runs the engine's sweep one point at a time, handing each point to the
 * page and yielding to the worker's message loop between points, so a cancel and the page's other calls
 * (a trace, a scenario edit) get through while the sweep runs.
 */
import { DEFAULT_ENDPOINTS_PER_SERVICE, DEFAULT_SCALE_SIZES, scaleSweep } from '../engine/scale/sweep';
import type { ScalePoint } from '../engine/scale/sweep';
import { BASE_US, CALIBRATED_HERE, LATENCY_SOURCES, PER_RULE_NS, PUBLISHED_IPTABLES } from '../engine/scale/latency-model';
import type { LatencyModelView, ScaleSweepRequest, ScaleSweepResponse } from './scale-api';

export function latencyModelView(): LatencyModelView {
  return { baseUs: BASE_US, perRuleNs: PER_RULE_NS, published: PUBLISHED_IPTABLES, sources: [LATENCY_SOURCES.blog, { title: LATENCY_SOURCES.ipvsProposal.title, url: LATENCY_SOURCES.ipvsProposal.url }], calibrated: CALIBRATED_HERE };
}

export type Yield = () => Promise<void>;
const macrotask: Yield = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The sizes of the log series up to `maxServices` (at least the first two, so there is a line to draw). */
export function sweepSizes(maxServices: number | undefined): readonly number[] {
  const max = maxServices ?? DEFAULT_SCALE_SIZES[DEFAULT_SCALE_SIZES.length - 1]!;
  const sizes = DEFAULT_SCALE_SIZES.filter((n) => n <= max);
  return sizes.length >= 2 ? sizes : DEFAULT_SCALE_SIZES.slice(0, 2);
}

export class ScaleSession {
  private cancelled = false;
  /** Bumped by each run: a cancel is for the run in progress, not for one started after it. */
  private run = 0;

  cancel(): void {
    this.cancelled = true;
  }

  async sweep(request: ScaleSweepRequest, onPoint?: (p: ScalePoint) => void, pause: Yield = macrotask, now: () => number = () => performance.now()): Promise<ScaleSweepResponse> {
    const run = ++this.run;
    this.cancelled = false;
    const started = now();
    const points: ScalePoint[] = [];
    const sweep = scaleSweep({ sizes: sweepSizes(request.maxServices), now });
    const stopped = (): boolean => this.cancelled || run !== this.run;
    // Let the page's cancel (or another call) in before the first, possibly long, point.
    await pause();
    while (!stopped()) {
      const next = sweep.next();
      if (next.done) break;
      points.push(next.value);
      onPoint?.(next.value);
      await pause();
    }
    return { points, cancelled: stopped(), elapsedMs: now() - started, endpointsPerService: DEFAULT_ENDPOINTS_PER_SERVICE };
  }
}
