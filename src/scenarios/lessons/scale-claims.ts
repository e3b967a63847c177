/**
 * The scale sweep's counts for lesson claims (`scaleGrowth`): one point of engine/scale/sweep.ts per mode and
 * size, kept once computed (the sweep is deterministic, and a lesson check evaluates every choice's claim).
 */
import { scaleSweep } from '../../engine/scale/sweep';

export interface ScaleCounts {
  /** Rules and lookups a new connection's first packet was evaluated against. */
  readonly evaluated: number;
  /** Lines kube-proxy wrote to program the node. */
  readonly lines: number;
}

const cache = new Map<string, ScaleCounts>();

/** No clock: a lesson needs counts, not times. */
const noClock = (): number => 0;

export function scaleCounts(mode: 'iptables' | 'nftables' | 'ipvs', services: number): ScaleCounts {
  const key = `${mode}/${services}`;
  let counts = cache.get(key);
  if (!counts) {
    const [point] = [...scaleSweep({ sizes: [services], modes: [mode], now: noClock })];
    if (!point) throw new Error(`the scale sweep measured nothing for ${key}`);
    counts = { evaluated: point.connection.total, lines: point.work.lines };
    cache.set(key, counts);
  }
  return counts;
}
