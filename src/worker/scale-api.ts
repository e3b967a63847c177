/**
 * What the workers offer the page for the scale lab (the `Scale lab` view): the engine worker states the
 * latency model; the sweep itself runs on scale workers of its own (scale.worker.ts, app/scale/sweep-pool.ts).
 */
import type { MeasuredPoint } from '../engine/scale/sweep';
import type { ProxyMode } from '../engine/sim/data-planes';

export type { ScalePoint, MeasuredPoint, ConnectionCost, ProgrammingWork } from '../engine/scale/sweep';

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
}

/** A scale-lab worker (scale.worker.ts): the page's sweep hands each of its points to one of them. */
export interface ScaleWorkerApi {
  /** Builds one node's data plane for `services` Services in `mode` and sends one new connection through it. */
  measure(services: number, mode: ProxyMode): MeasuredPoint;
}
