import { useMemo } from 'react';
import { LESSON_IDS, LESSON_TITLES, lessonNumber, nextLesson } from '../../scenarios/lessons/catalog';
import type { LessonId } from '../../scenarios/lessons/types';
import { useLabStore } from '../store';
import { useT } from '../i18n';
import { lessonMessages } from './messages';
import { useProgress } from './progress';
import { slotLesson, slotStorage, slotValue } from './slots';
import './picker.css';

/** The lesson machinery (open.ts and what it brings) loads with the first pick, not with the page. */
async function openPicked(value: string): Promise<void> {
  const { openPickerValue } = await import('./open');
  await openPickerValue(value);
}

/**
 * The header's `Scenario` picker (DESIGN §5): the numbered lessons (✓ once every question of one was
 * answered) and the user's own scenarios (theirs, and the last share link's while one is saved).
 * Choosing one never overwrites another: each keeps its own text. Beside it, while a lesson is open,
 * its number and `Next lesson`.
 */
export function LessonPicker() {
  const t = useT();
  const lang = useLabStore((s) => s.lang);
  const slot = useLabStore((s) => s.slot);
  const done = useProgress((s) => s.done);
  const m = lessonMessages[lang];
  // Re-read on every slot change: opening a link is what creates the shared slot.
  const shared = useMemo(() => (slot ? slotStorage.shared() : undefined), [slot]);
  const sharedTitle = shared?.lesson ? m.sharedFromLesson(LESSON_TITLES[shared.lesson][lang]) : m.sharedScenario;
  const current = slotLesson(slot);
  const next = current ? nextLesson(current) : undefined;
  const mark = (id: LessonId): string => (done.includes(id) ? ' ✓' : '');
  return (
    <div className="lesson-nav">
      <label className="field lesson-picker">
        <span>{t('scenario')}</span>
        <span className="lesson-select">
        <select aria-label="Scenario" value={slotValue(slot)} onChange={(e) => void openPicked(e.target.value)}>
          <optgroup label={m.lessonsGroup}>
            {LESSON_IDS.map((id) => (
              <option key={id} value={id}>
                {lessonNumber(id)}. {LESSON_TITLES[id][lang]}
                {mark(id)}
              </option>
            ))}
          </optgroup>
          <optgroup label={m.yourScenarios}>
            <option value="own">{m.ownScenario}</option>
            {shared && <option value="shared">{sharedTitle}</option>}
          </optgroup>
        </select>
        {/* The closed picker's face: the whole title on up to two lines (a select's own text is cut at
            its width). The select under it keeps the clicks, the keys and the accessible name. */}
        <span className="lesson-face" aria-hidden="true" data-testid="lesson-face">
          {slot.kind === 'lesson' ? `${lessonNumber(slot.id)}. ${LESSON_TITLES[slot.id][lang]}${mark(slot.id)}` : slot.kind === 'shared' && shared ? sharedTitle : m.ownScenario}
        </span>
        </span>
      </label>
      {current && (
        <span className="lesson-current" data-testid="current-lesson" title={m.currentLesson}>
          {m.lessonN(lessonNumber(current))}
          {done.includes(current) && <span className="lesson-done" title={m.lessonDone}> ✓</span>}
        </span>
      )}
      {next && (
        <button type="button" className="lesson-next" title={m.nextLessonHint(LESSON_TITLES[next][lang])} onClick={() => void openPicked(next)}>
          {m.nextLesson} <span aria-hidden="true">→</span>
        </button>
      )}
    </div>
  );
}
