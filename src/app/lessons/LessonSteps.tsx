import { useShallow } from 'zustand/react/shallow';
import { Glyph } from './Glyph';
import type { Lesson, Step } from '../../scenarios/lessons/types';
import type { Lang } from '../lang';
import { Rich } from './Rich';
import { useLessonStore } from './lesson-store';
import { SpreadResultView } from './LessonSends';
import type { LessonMessages } from './messages';

/** A step whose text corrects a study note: the note's words beside what the node really does. */
function Compare({ step, lang, m }: { readonly step: Step & { readonly noteSays: Step['text'] }; readonly lang: Lang; readonly m: LessonMessages }) {
  return (
    <div className="lesson-compare">
      <div className="lesson-note">
        <p className="lesson-note-label">
          <Glyph name="note" />{' '}
          {m.noteSays}
        </p>
        {/* The note's own words, quoted as written (its English terms and typos included). */}
        <blockquote className="lesson-note-text" data-verbatim>
          {step.noteSays[lang]}
        </blockquote>
      </div>
      <div className="lesson-kernel">
        <p className="lesson-note-label">
          <Glyph name="chip" />{' '}
          {m.kernelDoes}
        </p>
        <p>
          <Rich text={step.text[lang]} />
        </p>
      </div>
    </div>
  );
}

/** The explanation, one paragraph per step; a step tied to a hop jumps playback there. */
export function LessonSteps({ lesson, lang, m }: { readonly lesson: Lesson; readonly lang: Lang; readonly m: LessonMessages }) {
  const { active, missing, busy, spreads, showStep } = useLessonStore(
    useShallow((s) => ({ active: s.activeStep[lesson.id], missing: s.missing, busy: s.busy, spreads: s.spreads, showStep: s.showStep })),
  );
  const spreadOf = (step: Step): string | undefined => {
    const send = lesson.sends.find((x) => x.id === (step.at?.send ?? lesson.sends[0]?.id));
    return send?.kind === 'spread' ? `${lesson.id}/${send.id}` : undefined;
  };
  return (
    <section className="lesson-section" aria-labelledby={`${lesson.id}-steps`}>
      <h4 id={`${lesson.id}-steps`} className="lesson-h">
        {m.steps}
      </h4>
      <p className="lesson-hint">{m.stepsHint}</p>
      <ol className="lesson-steps">
        {lesson.steps.map((step, i) => {
          const gone = missing[`${lesson.id}/${i}`];
          const show = (): void => void showStep(lesson, i);
          return (
            <li
              key={i}
              className={`lesson-step${active === i ? ' is-active' : ''}${step.at ? ' has-hop' : ''}`}
              aria-current={active === i ? 'step' : undefined}
              onClick={step.at ? show : undefined}
            >
              {step.noteSays ? <Compare step={{ ...step, noteSays: step.noteSays }} lang={lang} m={m} /> : <p><Rich text={step.text[lang]} /></p>}
              {step.at && (
                <button
                  type="button"
                  className="lesson-show"
                  disabled={busy !== undefined}
                  onClick={(e) => {
                    e.stopPropagation();
                    show();
                  }}
                >
                  <span aria-hidden="true">▶ </span>
                  {m.showHop}
                </button>
              )}
              {gone && <p className="lesson-missing">{m.noHop}</p>}
              {/* A step about a spread shows the split right under it (the Send list shows it too). */}
              {active === i && spreadOf(step) && <SpreadResultView state={spreads[spreadOf(step)!]} lang={lang} />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
