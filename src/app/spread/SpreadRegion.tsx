import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { useLabStore } from '../store';
import { choiceOptions, effectivePick, requestFor, type ChoiceOption, type SpreadPick } from './defaults';
import { spreadMessages } from './messages';
import { formatCount } from './format';
import { useSpreadChoices } from './useSpreadChoices';
import { useSpreadRun } from './useSpreadRun';
import { boundedOptions, moreOptionsText } from '../bounded-options';
import { choiceLabel } from '../packet/choice-label';
import type { Lang } from '../lang';
import './spread.css';

const loadResults = () => import('./SpreadResults');
const SpreadResults = lazy(loadResults);

const COUNTS = [100, 1_000, 10_000] as const;

/**
 * The Spread section: N new connections from one source to one destination, and how many reached
 * each endpoint. The worker runs them; this only asks and draws.
 */
export function SpreadRegion() {
  const lang = useLabStore((s) => s.lang);
  const m = spreadMessages[lang];
  const revision = useLabStore((s) => s.summary?.revision);
  const { choices, error: choicesError } = useSpreadChoices(revision);
  const sources = useMemo(() => choiceOptions(choices.sources), [choices]);
  const destinations = useMemo(() => choiceOptions(choices.destinations), [choices]);
  const [pick, setPick] = useState<SpreadPick>({});
  const [count, setCount] = useState<number>(1_000);
  const { state, start, cancel, clear } = useSpreadRun();
  const { from, to } = effectivePick(sources, destinations, pick);
  const countsLabel = useId();

  const running = state.kind === 'running';
  const shown = state.kind === 'running' ? state.partial : state.kind === 'done' ? state.result : undefined;

  const run = () => {
    const source = requestFor(sources, from);
    const destination = requestFor(destinations, to);
    if (!source || !destination) return;
    // The histogram's code loads while the worker runs the first slice.
    void loadResults();
    const protocol = destination.protocol ? { protocol: destination.protocol } : {};
    void start({ from: source.value, to: destination.value, connections: count, ...protocol }, revision);
  };

  return (
    <section role="region" aria-label="Spread" className="spread">
      <div className="spread-toolbar">
        <h2 className="panel-title spread-title" title={m.hint}>
          {m.title}
        </h2>
        <ChoiceSelect label="Spread from" lang={lang} visible={m.from} value={from} options={sources} disabled={running} onChange={(v) => setPick((p) => ({ ...p, from: v }))} />
        <ChoiceSelect label="Spread to" lang={lang} visible={m.to} value={to} options={destinations} disabled={running} onChange={(v) => setPick((p) => ({ ...p, to: v }))} />
        <div className="field spread-counts" role="group" aria-labelledby={countsLabel}>
          <span id={countsLabel}>{m.connections}</span>
          {COUNTS.map((n) => (
            <button key={n} type="button" aria-pressed={count === n} disabled={running} onClick={() => setCount(n)}>
              {formatCount(n, 'en')}
            </button>
          ))}
        </div>
        <button type="button" className="spread-run" onClick={run} disabled={running || !from || !to}>
          {m.run}
        </button>
      </div>
      <div className="spread-statusline">
        {state.kind === 'running' && (
          <>
            <progress aria-label="Spread progress" max={state.total} value={state.done} />
            <span className="spread-progress-text">{m.running(formatCount(state.done, lang), formatCount(state.total, lang))}</span>
            <button type="button" onClick={cancel} disabled={state.cancelling}>
              {state.cancelling ? m.cancelling : m.cancel}
            </button>
          </>
        )}
        <span className="spread-status" role="status">
          {state.kind === 'done' &&
            (state.cancelled
              ? m.cancelled(formatCount(state.result.connections, lang), formatCount(state.total, lang))
              : m.finished(formatCount(state.result.connections, lang), Object.keys(state.result.endpoints).length, String(Math.round(state.elapsedMs))))}
          {state.kind === 'done' && state.revision !== revision && <> {m.olderScenario}</>}
          {revision === undefined && state.kind === 'idle' && m.noScenario}
        </span>
        {(state.kind === 'done' || state.kind === 'error') && (
          <button type="button" onClick={clear}>
            {m.clear}
          </button>
        )}
      </div>
      {(state.kind === 'error' || choicesError) && (
        <p className="spread-error" role="alert">
          {state.kind === 'error' ? state.message : choicesError}
        </p>
      )}
      {shown && (
        <Suspense fallback={null}>
          <SpreadResults result={shown} lang={lang} />
        </Suspense>
      )}
    </section>
  );
}

interface ChoiceSelectProps {
  /** Stable English accessible name (e2e tests and guides use it). */
  readonly label: string;
  readonly visible: string;
  readonly lang: Lang;
  readonly value: string | undefined;
  readonly options: readonly ChoiceOption[];
  readonly disabled: boolean;
  readonly onChange: (value: string) => void;
}

function ChoiceSelect({ label, visible, lang, value, options: all, disabled, onChange }: ChoiceSelectProps) {
  const { shown: options, more } = boundedOptions(all, (o) => o.id, value);
  return (
    <label className="field">
      <span>{visible}</span>
      <select aria-label={label} value={value ?? ''} disabled={disabled || options.length === 0} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {choiceLabel(o.choice, lang)}
          </option>
        ))}
        {more > 0 && <option disabled>{moreOptionsText(more)}</option>}
      </select>
    </label>
  );
}
