import { useMemo } from 'react';
import { Glyph } from './Glyph';
import { useShallow } from 'zustand/react/shallow';
import type { Lesson, Send } from '../../scenarios/lessons/types';
import type { Lang } from '../packet/messages';
import { formatCount } from '../spread/format';
import { spreadHistogram } from '../spread/histogram';
import { SpreadHistogramView } from '../spread/SpreadHistogramView';
import { useLessonStore, type SpreadState } from './lesson-store';
import type { LessonMessages } from './messages';

/** A spread send's split, as the Spread panel draws it. */
export function SpreadResultView({ state, lang }: { readonly state: SpreadState | undefined; readonly lang: Lang }) {
  const histogram = useMemo(() => (state?.kind === 'done' ? spreadHistogram(state.result) : undefined), [state]);
  if (!state || state.kind === 'running') return null;
  if (state.kind === 'error') return <p className="lesson-missing"><code>{state.error}</code></p>;
  return <div className="lesson-spread">{histogram && <SpreadHistogramView histogram={histogram} connections={state.result.connections} lang={lang} />}</div>;
}

/** One button per send of the lesson; a spread shows its split right here. */
export function LessonSends({ lesson, lang, m }: { readonly lesson: Lesson; readonly lang: Lang; readonly m: LessonMessages }) {
  const { busy, ran, spreads, runSend } = useLessonStore(useShallow((s) => ({ busy: s.busy, ran: s.ran, spreads: s.spreads, runSend: s.runSend })));
  const label = (send: Send): string => (send.kind === 'spread' ? `${send.title[lang]} (${m.spreadRun(formatCount(send.connections, lang))})` : send.title[lang]);
  return (
    <section className="lesson-section" aria-labelledby={`${lesson.id}-sends`}>
      <h4 id={`${lesson.id}-sends`} className="lesson-h">
        {m.sends}
      </h4>
      <p className="lesson-hint">{m.sendHint}</p>
      <ul className="lesson-sends">
        {lesson.sends.map((send) => {
          const shown = send.kind === 'connection' && ran?.lesson === lesson.id && ran.send === send.id;
          return (
            <li key={send.id}>
              <button
                type="button"
                className={`lesson-send${shown ? ' is-active' : ''}`}
                aria-pressed={send.kind === 'connection' ? shown : undefined}
                disabled={busy !== undefined}
                onClick={() => void runSend(lesson, send.id)}
              >
                <Glyph name={send.kind === 'spread' ? 'bars' : 'send'} />{' '}
                {label(send)}
                {busy === send.id && <span className="lesson-busy"> · {m.running}</span>}
              </button>
              {send.kind === 'spread' && <SpreadResultView state={spreads[`${lesson.id}/${send.id}`]} lang={lang} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
