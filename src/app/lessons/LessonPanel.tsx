import { LESSONS } from '../../scenarios/lessons/index';
import { LESSON_SCENARIOS } from '../../scenarios/lessons/scenarios';
import { LESSON_TITLES, lessonNumber, nextLesson } from '../../scenarios/lessons/catalog';
import type { LessonId } from '../../scenarios/lessons/types';
import { useLabStore } from '../store';
import { LessonQuestion } from './LessonQuestion';
import { LessonSends } from './LessonSends';
import { LessonSteps } from './LessonSteps';
import { lessonMessages } from './messages';
import { openLesson } from './open';
import { Rich } from './Rich';
import { LessonDumpImport } from '../import/LessonDumpImport';
import './lessons.css';

/**
 * The Lesson region: summary, the lesson's sends, the explanation step by step (each step jumps
 * playback to its hop) and predict-then-check questions. Lessons are sandboxes: the editor is free,
 * "Reset lesson" brings the lesson's scenario back.
 */
export function LessonPanel({ id, hidden }: { readonly id: LessonId; readonly hidden: boolean }) {
  const lang = useLabStore((s) => s.lang);
  const slotKind = useLabStore((s) => s.slot.kind);
  const edited = useLabStore((s) => s.scenarioText !== LESSON_SCENARIOS[id]);
  const m = lessonMessages[lang];
  const lesson = LESSONS.find((l) => l.id === id);
  const next = nextLesson(id);
  if (!lesson) return null;
  return (
    <section role="region" aria-label="Lesson" id="lesson-panel" className="panel lesson-panel" hidden={hidden}>
      <div className="lesson-top">
        <h2 className="panel-title lesson-title-bar">
          {m.lessonN(lessonNumber(id))}
        </h2>
        <button type="button" className="lesson-reset" onClick={() => void openLesson(id, { fresh: true })} title={m.resetLessonHint} disabled={!edited && slotKind === 'lesson'}>
          <span aria-hidden="true">↺ </span>
          {m.resetLesson}
        </button>
      </div>
      <div className="panel-body lesson-body">
        <h3 className="lesson-title">{lesson.title[lang]}</h3>
        {slotKind === 'shared' && <p className="lesson-flag">{m.sharedNote}</p>}
        {edited && <p className="lesson-flag">{m.edited}</p>}
        <p className="lesson-summary">
          <Rich text={lesson.summary[lang]} />
        </p>
        {lesson.dump && <LessonDumpImport dump={lesson.dump} />}
        <LessonSends lesson={lesson} lang={lang} m={m} />
        <LessonSteps lesson={lesson} lang={lang} m={m} />
        <section className="lesson-section" aria-labelledby={`${id}-questions`}>
          <h4 id={`${id}-questions`} className="lesson-h">
            {m.questions}
          </h4>
          {lesson.questions.map((q, i) => (
            <LessonQuestion key={q.id} lesson={lesson} question={q} index={i} lang={lang} m={m} />
          ))}
        </section>
        {next && (
          <p className="lesson-go-on">
            <button type="button" onClick={() => void openLesson(next)}>
              {m.goOn(lessonNumber(next), LESSON_TITLES[next][lang])} <span aria-hidden="true">→</span>
            </button>
          </p>
        )}
      </div>
    </section>
  );
}
