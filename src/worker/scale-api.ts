/** What the engine worker offers the page for the scale lab (the `Scale lab` view). */
import type { MeasuredPoint, ScalePoint } from '../engine/scale/sweep';
import type { ProxyMode } from '../engine/sim/data-planes';

export type { ScalePoint, MeasuredPoint, ConnectionCost, ProgrammingWork } from '../engine/scale/sweep';

export interface ScaleSweepRequest {
  /** The largest number of Services; the sweep runs the log series 10, 30, 100, … up to it. @default 30,000 */
  readonly maxServices?: number;
}

export interface ScaleSweepResponse {
  /** Every point measured, in order (all of them unless cancelled). */
  readonly points: readonly ScalePoint[];
  readonly cancelled: boolean;
  /** Wall-clock time of the whole sweep in the worker, ms. */
  readonly elapsedMs: number;
  /** Endpoints per synthetic Service. */
  readonly endpointsPerService: number;
}

/** The latency model's constants and the published figures they come from (engine/scale/latency-model.ts). */
export interface LatencyModelView {
  readonly baseUs: number;
  readonly perRuleNs: number;
  /** iptables first-packet latency (ms) read off the blog post's chart. */
  readonly published: readonly { readonly services: number; readonly p01: number; readonly p50: number; readonly p90: number; readonly p99: number }[];
  readonly sources: readonly { readonly title: string; readonly url: string }[];
  /** The cost per rule measured on the lab's own machine's kernel (not used by the model). */
  readonly calibrated: { readonly nsPerRuleMin: number; readonly nsPerRuleAvg: number; readonly iptables: string; readonly date: string };
}

export interface ScaleApi {
  /** The latency model the sweep's `modelledLatencyUs` uses, for the page to state beside the chart. */
  scaleModel(): LatencyModelView;
  /**
   * For each number of Services and each kube-proxy mode, builds one node's data plane and sends one new
   * connection through it (engine/scale/sweep.ts); reports each point as it is measured and lets other
   * calls and a cancel through between points.
   */
  scaleSweep(request: ScaleSweepRequest, onPoint?: (point: ScalePoint) => void): Promise<ScaleSweepResponse>;
  /** Stops the running sweep after the point it is measuring. */
  cancelScaleSweep(): void;
}

/** A scale-lab worker (scale.worker.ts): the page's sweep hands each of its points to one of them. */
export interface ScaleWorkerApi {
  /** Builds one node's data plane for `services` Services in `mode` and sends one new connection through it. */
  measure(services: number, mode: ProxyMode): MeasuredPoint;
}
