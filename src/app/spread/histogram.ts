/**
 * What the spread histogram draws, from the worker's SpreadResult alone. No networking here: the
 * counts are the engine's; this only sorts, divides and picks a scale.
 */
import type { SpreadResult } from '../../worker/api';

export type FailureOutcome = keyof SpreadResult['failures'];

export interface SpreadBar {
  /** `IP:PORT`, as the engine keys endpoints. */
  readonly endpoint: string;
  readonly ip: string;
  readonly port: string;
  /** The pod behind the endpoint, when the engine knows one. */
  readonly pod?: string;
  readonly count: number;
  /** count / delivered, 0..1. */
  readonly share: number;
}

export interface SpreadHistogram {
  readonly bars: readonly SpreadBar[];
  /** Connections that reached an endpoint (the sum of the bars). */
  readonly delivered: number;
  readonly failed: number;
  /** Failures by outcome, most frequent first. */
  readonly failures: readonly { readonly outcome: FailureOutcome; readonly count: number }[];
  /**
   * 1/k over the k endpoints that received traffic: the line an even split would give. Not the kernel's
   * expectation (an endpoint that got nothing is not in k); labelled as exactly this. Undefined with no bars.
   */
  readonly evenShare?: number;
  /** The share a full-width bar stands for: a round value above the largest bar and the even share. */
  readonly scaleMax: number;
}

const SCALE_STEPS = [0.1, 0.2, 0.25, 0.4, 0.5, 0.6, 0.75, 1];
/** Headroom so the largest bar never touches the end of its track. */
const HEADROOM = 1.1;

export function spreadHistogram(result: SpreadResult): SpreadHistogram {
  const entries = Object.entries(result.endpoints).filter(([, n]) => n > 0);
  const delivered = entries.reduce((sum, [, n]) => sum + n, 0);
  const bars = entries
    .map(([endpoint, count]): SpreadBar => {
      const colon = endpoint.lastIndexOf(':');
      const pod = result.pods[endpoint];
      return { endpoint, ip: endpoint.slice(0, colon), port: endpoint.slice(colon + 1), count, share: count / delivered, ...(pod ? { pod } : {}) };
    })
    .sort(byAddress);
  const failures = (Object.entries(result.failures) as [FailureOutcome, number | undefined][])
    .filter((e): e is [FailureOutcome, number] => (e[1] ?? 0) > 0)
    .map(([outcome, count]) => ({ outcome, count }))
    .sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome));
  const evenShare = bars.length > 0 ? 1 / bars.length : undefined;
  const largest = Math.max(0, evenShare ?? 0, ...bars.map((b) => b.share)) * HEADROOM;
  const scaleMax = SCALE_STEPS.find((s) => s >= largest) ?? 1;
  return { bars, delivered, failed: result.failed, failures, ...(evenShare !== undefined ? { evenShare } : {}), scaleMax };
}

/** Numeric address order (10.10.2.2 before 10.10.10.2), so bars keep their places while counts grow. */
function byAddress(a: SpreadBar, b: SpreadBar): number {
  const pa = a.ip.split('.').map(Number);
  const pb = b.ip.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  return Number(a.port) - Number(b.port) || a.endpoint.localeCompare(b.endpoint);
}
