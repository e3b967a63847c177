import { useShallow } from 'zustand/react/shallow';
import type { Lesson, Question } from '../../scenarios/lessons/types';
import type { Lang } from '../lang';
import { useLessonStore } from './lesson-store';
import type { LessonMessages } from './messages';
import { observedText } from './observed-text';
import { Rich } from './Rich';
import { judge, type Judgement } from './verdict';

/** "The engine observed: …" as a sentence (and the printed lines it is about, verbatim). */
function Observed({ result, lang, m }: { readonly result: Extract<Judgement, { kind: 'engine' | 'edited' }>; readonly lang: Lang; readonly m: LessonMessages }) {
  // Without an observation (an older worker) the English value is all there is; Korean shows none rather than English.
  const seen = result.observed ? observedText(result.observed, lang) : lang === 'en' ? { text: result.actual } : undefined;
  if (!seen) return null;
  return (
    <div className="lesson-observed">
      <p>
        <span className="lesson-observed-label">{m.engineSays}:</span> <Rich text={seen.text} />
      </p>
      {seen.code && <pre className="lesson-observed-code">{seen.code.join('\n')}</pre>}
    </div>
  );
}

interface Props {
  readonly lesson: Lesson;
  readonly question: Question;
  readonly index: number;
  readonly lang: Lang;
  readonly m: LessonMessages;
}

/**
 * Predict, then reveal: pick an answer, press Check, and the worker runs the lesson on the scenario as
 * it is now and says which choice its run makes right, with the value it observed.
 */
export function LessonQuestion({ lesson, question, index, lang, m }: Props) {
  const k = `${lesson.id}/${question.id}`;
  const { picked, checked, verdicts, pick, check } = useLessonStore(
    useShallow((s) => ({ picked: s.picked[k], checked: s.checked[k], verdicts: s.verdicts[lesson.id], pick: s.pick, check: s.check })),
  );
  const revealed = checked !== undefined && checked === picked;
  const result = revealed ? judge(question, checked, verdicts) : undefined;
  const name = `q-${k}`;
  return (
    <fieldset className="lesson-q">
      <legend>
        <span className="lesson-q-n">{m.questionN(index + 1, lesson.questions.length)}</span> {question.prompt[lang]}
      </legend>
      <div className="lesson-choices">
        {question.choices.map((c) => {
          const mark = result && result.kind !== 'pending' ? (c.id === result.right ? 'right' : c.id === checked ? 'wrong' : undefined) : undefined;
          return (
            <label key={c.id} className={`lesson-choice${mark ? ` is-${mark}` : ''}`}>
              <input type="radio" name={name} value={c.id} checked={picked === c.id} onChange={() => pick(lesson.id, question.id, c.id)} />
              <span>{c.text[lang]}</span>
              {mark === 'right' && <span className="lesson-mark">✓ {m.rightAnswer}</span>}
              {mark === 'wrong' && <span className="lesson-mark">✗ {m.yourPick}</span>}
            </label>
          );
        })}
      </div>
      <div className="lesson-q-actions">
        <button type="button" className="lesson-check" disabled={!picked} onClick={() => void check(lesson, question.id)} title={picked ? undefined : m.pickFirst}>
          {m.check}
        </button>
      </div>
      <div role="status" aria-live="polite" className="lesson-reveal-slot">
        {result &&
          (result.kind === 'pending' ? (
            <p className="lesson-pending">{m.checking}</p>
          ) : (
            <div className={`lesson-reveal ${result.correct ? 'is-correct' : 'is-incorrect'}`} data-testid="lesson-reveal">
              <p className="lesson-verdict">
                <span aria-hidden="true">{result.correct ? '✓ ' : '✗ '}</span>
                {result.correct ? m.correct : m.incorrect}
              </p>
              {result.kind === 'edited' && <p className="lesson-edited-note">{result.right ? m.editedChanged : m.noChoiceFits}</p>}
              {result.kind === 'failed' && (
                <p className="lesson-edited-note">
                  {/* The engine's own message (it names the pod, send or line it could not use), verbatim. */}
                  {m.engineFailed}: <code>{result.error}</code>
                </p>
              )}
              <p>
                <Rich text={question.reveal[lang]} />
              </p>
              {result.kind !== 'failed' && <Observed result={result} lang={lang} m={m} />}
            </div>
          ))}
      </div>
    </fieldset>
  );
}
