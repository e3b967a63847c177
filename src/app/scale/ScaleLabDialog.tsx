import { useEffect, useRef, useState } from 'react';
import { useLabStore } from '../store';
import { scaleMessages, type ScaleMetric } from './messages';
import { ScaleChart, Marker } from './ScaleChart';
import { ScaleTable } from './ScaleTable';
import { ScaleSources } from './ScaleSources';
import { MODES, MODE_STYLE, SWEEP_MAXIMA, formatNumber, pointsUpTo } from './series';
import { useScaleSweep } from './useScaleSweep';
import './scale.css';

const METRICS: readonly ScaleMetric[] = ['evaluated', 'lines', 'time', 'latency'];

/**
 * `Scale lab`: the engine's sweep over 10 … 30,000 Services in the three kube-proxy modes, drawn as it is
 * measured (the worker reports each point), with the numbers, the latency model and its sources beside it.
 */
export function ScaleLabDialog({ onClose }: { readonly onClose: () => void }) {
  const lang = useLabStore((s) => s.lang);
  const classroom = useLabStore((s) => s.classroom);
  const m = scaleMessages[lang];
  const [maxServices, setMaxServices] = useState(30_000);
  const [metric, setMetric] = useState<ScaleMetric>('evaluated');
  const [yScale, setYScale] = useState<'log' | 'linear'>('log');
  const { state, start, cancel } = useScaleSweep();
  const closeButton = useRef<HTMLButtonElement>(null);
  const running = state.kind === 'running';
  const points = state.kind === 'idle' ? [] : state.points;
  // The chart keeps the range it was measured for while a new range is being chosen.
  const [chartMax, setChartMax] = useState(30_000);
  const fontPx = classroom ? 17 : 13;

  useEffect(() => {
    closeButton.current?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const run = (): void => {
    setChartMax(maxServices);
    void start(maxServices, pointsUpTo(maxServices));
  };
  const last = points[points.length - 1];

  return (
    <div className="scale-backdrop">
      <div className={`scale-dialog${classroom ? ' is-classroom' : ''}`} role="dialog" aria-modal="true" aria-label={m.title}>
        <header className="scale-head">
          <h2>{m.title}</h2>
          <button type="button" ref={closeButton} onClick={onClose}>
            {m.close}
          </button>
        </header>
        <p className="scale-intro">{m.intro}</p>
        <div className="scale-controls">
          <label className="field">
            <span>{m.upTo}</span>
            <select aria-label={m.upTo} value={maxServices} disabled={running} onChange={(e) => setMaxServices(Number(e.target.value))}>
              {SWEEP_MAXIMA.map((n) => (
                <option key={n} value={n}>
                  {m.services(formatNumber(n, lang))}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="scale-run" disabled={running} onClick={run}>
            {m.run}
          </button>
          {state.kind === 'running' && (
            <span className="scale-progress" role="status">
              <progress aria-label={m.progressLabel} max={state.total} value={state.points.length} />
              <span>{last ? m.progress(state.points.length, state.total, formatNumber(last.services, lang), MODE_STYLE[last.mode].name) : m.progress(0, state.total, '…', '…')}</span>
              <button type="button" onClick={cancel} disabled={state.cancelling}>
                {state.cancelling ? m.cancelling : m.cancel}
              </button>
            </span>
          )}
          {state.kind === 'done' && (
            <span className="scale-progress" role="status">
              {state.cancelled ? m.cancelled(state.points.length, state.total) : m.finished(state.points.length, (state.elapsedMs / 1000).toFixed(1))}
            </span>
          )}
          {state.kind === 'error' && (
            <span className="scale-progress scale-error" role="alert">
              {m.failed(state.message)}
            </span>
          )}
        </div>
        <div className="scale-view">
          <fieldset className="scale-metric">
            <legend>{m.metricLabel}</legend>
            {METRICS.map((k) => (
              <label key={k}>
                <input type="radio" name="scale-metric" checked={metric === k} onChange={() => setMetric(k)} />
                {m.metric[k]}
              </label>
            ))}
          </fieldset>
          <fieldset className="scale-yscale">
            <legend>{m.yScale}</legend>
            <label>
              <input type="radio" name="scale-y" checked={yScale === 'log'} onChange={() => setYScale('log')} />
              {m.logarithmic}
            </label>
            <label>
              <input type="radio" name="scale-y" checked={yScale === 'linear'} onChange={() => setYScale('linear')} />
              {m.linear}
            </label>
          </fieldset>
          <ul className="scale-legend" aria-label={m.legend}>
            {MODES.map((mode) => {
              const s = MODE_STYLE[mode];
              return (
                <li key={mode}>
                  <svg width={fontPx * 3} height={fontPx} aria-hidden="true">
                    <line x1={0} x2={fontPx * 3} y1={fontPx / 2} y2={fontPx / 2} stroke={s.color} strokeWidth={fontPx / 5} strokeDasharray={s.dash} />
                    <Marker shape={s.marker} cx={fontPx * 1.5} cy={fontPx / 2} r={fontPx * 0.33} color={s.color} />
                  </svg>
                  {s.name}
                </li>
              );
            })}
          </ul>
        </div>
        {points.length === 0 ? (
          <p className="scale-empty">{m.noData}</p>
        ) : (
          <ScaleChart
            points={points}
            metric={metric}
            yScale={yScale}
            maxServices={chartMax}
            fontPx={fontPx}
            lang={lang}
            label={m.chartLabel(m.metric[metric])}
            xTitle={m.xAxis}
            yTitle={m.yAxis[metric]}
          />
        )}
        <p className="scale-readoff">{metric === 'lines' || metric === 'time' ? m.readOffWork : m.readOff}</p>
        {yScale === 'log' && <p className="scale-note">{m.shape}</p>}
        {metric === 'time' && <p className="scale-note">{m.timeNote}</p>}
        <ScaleSources />
        {points.length > 0 && <ScaleTable points={points} />}
      </div>
    </div>
  );
}
