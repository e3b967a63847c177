import { useMemo } from 'react';
import { LESSONS } from '../../scenarios/lessons/index';
import { useLabStore } from '../store';
import { useT } from '../i18n';
import { lessonMessages } from './messages';
import { openPickerValue } from './open';
import { slotStorage, slotValue } from './slots';

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
  const sharedTitle = shared?.lesson ? m.sharedFromLesson(LESSONS.find((l) => l.id === shared.lesson)?.title[lang] ?? shared.lesson) : m.sharedScenario;
  return (
    <label className="field lesson-picker">
      <span>{t('scenario')}</span>
      <select aria-label="Scenario" value={slotValue(slot)} onChange={(e) => void openPickerValue(e.target.value)}>
        <option value="own">{m.ownScenario}</option>
        {shared && <option value="shared">{sharedTitle}</option>}
        <optgroup label={m.lessonsGroup}>
          {LESSONS.map((l, i) => (
            <option key={l.id} value={l.id}>
              {i + 1}. {l.title[lang]}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}
