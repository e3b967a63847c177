import { useLayoutEffect, useRef, useState } from 'react';
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import type { ScalePoint } from '../../worker/api';
import { MODES, MODE_STYLE, SWEEP_SIZES, metricValue, formatNumber } from './series';
import type { ScaleMetric } from './messages';
import type { Lang } from '../lang';

interface Props {
  readonly points: readonly ScalePoint[];
  readonly metric: ScaleMetric;
  readonly yScale: 'log' | 'linear';
  readonly maxServices: number;
  /** Label size in px: ≥ 12, ≥ 16 in classroom mode. */
  readonly fontPx: number;
  readonly lang: Lang;
  readonly label: string;
  readonly xTitle: string;
  readonly yTitle: string;
}

/** The chart is drawn at its real pixel size (not a scaled viewBox), so the labels are the size they claim. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** Powers of ten (and 3×) inside a log domain, so tick labels never crowd. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let p = Math.floor(Math.log10(lo)); p <= Math.ceil(Math.log10(hi)); p++) {
    for (const m of [1, 3]) {
      const v = m * 10 ** p;
      if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v);
    }
  }
  return ticks;
}

export function ScaleChart({ points, metric, yScale, maxServices, fontPx, lang, label, xTitle, yTitle }: Props) {
  const [box, width] = useWidth();
  const height = Math.round(fontPx * 26);
  const margin = { top: fontPx * 1.5, right: fontPx * 11, bottom: fontPx * 4, left: fontPx * 5.5 };
  const innerRight = Math.max(margin.left + 100, width - margin.right);
  const x = scaleLog().domain([10, maxServices]).range([margin.left, innerRight]);
  const values = points.map((p) => metricValue(p, metric)).filter((v) => v > 0);
  const hiData = values.length > 0 ? Math.max(...values) : 100;
  const loData = values.length > 0 ? Math.min(...values) : 1;
  const bottom = height - margin.bottom;
  const y =
    yScale === 'log'
      ? scaleLog().domain([Math.max(loData / 2, 1e-3), hiData * 1.5]).range([bottom, margin.top]).nice()
      : scaleLinear().domain([0, hiData * 1.08]).range([bottom, margin.top]).nice();
  const [yLo, yHi] = y.domain() as [number, number];
  const yTicks = yScale === 'log' ? logTicks(yLo, yHi) : (y as ReturnType<typeof scaleLinear<number, number>>).ticks(6);
  const xTicks = SWEEP_SIZES.filter((t) => t <= maxServices);
  const path = line<ScalePoint>()
    .x((p) => x(p.services))
    .y((p) => y(Math.max(metricValue(p, metric), yLo)));

  return (
    <div className="scale-chart" ref={box}>
      <svg role="img" aria-label={label} width={width} height={height} style={{ fontSize: `${fontPx}px` }} data-font-px={fontPx}>
        <g className="scale-grid">
          {yTicks.map((t) => (
            <line key={`y${t}`} x1={margin.left} x2={innerRight} y1={y(t)} y2={y(t)} />
          ))}
          {xTicks.map((t) => (
            <line key={`x${t}`} x1={x(t)} x2={x(t)} y1={margin.top} y2={bottom} />
          ))}
        </g>
        <g className="scale-axis">
          <line x1={margin.left} x2={innerRight} y1={bottom} y2={bottom} />
          <line x1={margin.left} x2={margin.left} y1={margin.top} y2={bottom} />
          {xTicks.map((t) => (
            <text key={`xl${t}`} className="scale-x-tick" x={x(t)} y={bottom + fontPx * 1.4} textAnchor="middle">
              {formatNumber(t, lang)}
            </text>
          ))}
          {yTicks.map((t) => (
            <text key={`yl${t}`} className="scale-y-tick" x={margin.left - fontPx * 0.5} y={y(t) + fontPx * 0.35} textAnchor="end">
              {formatNumber(t, lang)}
            </text>
          ))}
          <text className="scale-axis-title" x={(margin.left + innerRight) / 2} y={height - fontPx * 0.8} textAnchor="middle">
            {xTitle}
          </text>
          <text className="scale-axis-title" x={margin.left} y={margin.top - fontPx * 0.5}>
            ↑ {yTitle}
          </text>
        </g>
        {MODES.map((mode) => {
          const series = points.filter((p) => p.mode === mode);
          if (series.length === 0) return null;
          const style = MODE_STYLE[mode];
          const last = series[series.length - 1]!;
          return (
            <g key={mode} className={`scale-series scale-${mode}`} data-mode={mode} data-points={series.length}>
              <path className="scale-line" d={path(series) ?? ''} fill="none" stroke={style.color} strokeWidth={fontPx / 5} strokeDasharray={style.dash} />
              {series.map((p) => (
                <Marker key={p.services} shape={style.marker} cx={x(p.services)} cy={y(Math.max(metricValue(p, metric), yLo))} r={fontPx * 0.33} color={style.color} />
              ))}
              <text className="scale-end-label" x={x(last.services) + fontPx * 0.7} y={y(Math.max(metricValue(last, metric), yLo)) + fontPx * 0.35 + style.labelNudge * fontPx} fill={style.color}>
                {style.name} {formatNumber(metricValue(last, metric), lang)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** Each mode has its own marker shape and dash, so colour is never the only signal. */
export function Marker({ shape, cx, cy, r, color }: { readonly shape: 'circle' | 'square' | 'triangle'; readonly cx: number; readonly cy: number; readonly r: number; readonly color: string }) {
  if (shape === 'circle') return <circle cx={cx} cy={cy} r={r} fill={color} />;
  if (shape === 'square') return <rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} fill={color} />;
  return <path d={`M${cx},${cy - r * 1.2}L${cx + r * 1.1},${cy + r * 0.8}L${cx - r * 1.1},${cy + r * 0.8}Z`} fill={color} />;
}
