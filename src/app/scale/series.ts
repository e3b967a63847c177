/** How the scale lab draws each kube-proxy mode, and which number of a point each chart shows. */
import type { ScalePoint } from '../../worker/api';
import type { Lang } from '../lang';
import type { ScaleMetric } from './messages';

export type Mode = ScalePoint['mode'];

/** The worker's log series (engine/scale/sweep.ts DEFAULT_SCALE_SIZES; each point's `total` confirms the count). */
export const SWEEP_SIZES: readonly number[] = [10, 30, 100, 300, 1000, 3000, 10_000, 30_000];
/** The ranges offered: the sweep up to this many Services. */
export const SWEEP_MAXIMA: readonly number[] = [1000, 3000, 10_000, 30_000];
/** The log series up to `maxServices` (at least its first two sizes, so there is a line to draw). */
export function sweepSizesUpTo(maxServices: number): readonly number[] {
  const sizes = SWEEP_SIZES.filter((n) => n <= maxServices);
  return sizes.length >= 2 ? sizes : SWEEP_SIZES.slice(0, 2);
}
export const pointsUpTo = (max: number): number => SWEEP_SIZES.filter((n) => n <= max).length * 3;
export const MODES: readonly Mode[] = ['iptables', 'nftables', 'ipvs'];

/**
 * The palette's AA-checked colours (theme.css), each with its own dash and marker: colour is never the only
 * signal. The end labels of the two flat lines sit close together: nudged apart (in label heights).
 */
export const MODE_STYLE: Readonly<Record<Mode, { readonly name: string; readonly color: string; readonly dash: string; readonly marker: 'circle' | 'square' | 'triangle'; readonly labelNudge: number }>> = {
  iptables: { name: 'iptables', color: 'var(--snat)', dash: '', marker: 'circle', labelNudge: 0 },
  nftables: { name: 'nftables', color: 'var(--dnat)', dash: '10 5', marker: 'square', labelNudge: -0.6 },
  ipvs: { name: 'IPVS', color: 'var(--mark)', dash: '3 4', marker: 'triangle', labelNudge: 0.6 },
};

export function metricValue(p: ScalePoint, metric: ScaleMetric): number {
  switch (metric) {
    case 'evaluated':
      return p.connection.total;
    case 'lines':
      return p.work.lines;
    case 'time':
      return p.work.generateAndLoadMs;
    case 'latency':
      return p.modelledLatencyUs;
  }
}

export function formatNumber(n: number, lang: Lang): string {
  const digits = n >= 100 ? 0 : n >= 10 ? 1 : n >= 1 ? 2 : 3;
  return n.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: digits });
}
