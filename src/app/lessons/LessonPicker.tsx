import { useMemo } from 'react';
import { LESSON_IDS, LESSON_TITLES } from '../../scenarios/lessons/catalog';
import { useLabStore } from '../store';
import { useT } from '../i18n';
import { lessonMessages } from './messages';
import { slotStorage, slotValue } from './slots';

/** The lesson machinery (open.ts and what it brings) loads with the first pick, not with the page. */
async function openPicked(value: string): Promise<void> {
  const { openPickerValue } = await import('./open');
  await openPickerValue(value);
}

/**
 * The header's `Scenario` picker (DESIGN §5): the user's own scenario, the last share link's (while one
 * is saved) and the twelve lessons. Choosing one never overwrites another: each keeps its own text.
 */
export function LessonPicker() {
  const t = useT();
  const lang = useLabStore((s) => s.lang);
  const slot = useLabStore((s) => s.slot);
  const m = lessonMessages[lang];
  // Re-read on every slot change: opening a link is what creates the shared slot.
  const shared = useMemo(() => (slot ? slotStorage.shared() : undefined), [slot]);
  const sharedTitle = shared?.lesson ? m.sharedFromLesson(LESSON_TITLES[shared.lesson][lang]) : m.sharedScenario;
  return (
    <label className="field lesson-picker">
      <span>{t('scenario')}</span>
      <select aria-label="Scenario" value={slotValue(slot)} onChange={(e) => void openPicked(e.target.value)}>
        <option value="own">{m.ownScenario}</option>
        {shared && <option value="shared">{sharedTitle}</option>}
        <optgroup label={m.lessonsGroup}>
          {LESSON_IDS.map((id, i) => (
            <option key={id} value={id}>
              {i + 1}. {LESSON_TITLES[id][lang]}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
