import { useShallow } from 'zustand/react/shallow';
import { Glyph } from '../lessons/Glyph';
import { useLabStore } from '../store';
import { classroomMessages } from './messages';
import { setClassroom } from './useClassroom';

/** The header's `Classroom` toggle and, while it is on, `Hide editor`. */
export function ClassroomButton() {
  const { lang, on, hideEditor, setHideEditor } = useLabStore(useShallow((s) => ({ lang: s.lang, on: s.classroom, hideEditor: s.hideEditor, setHideEditor: s.setHideEditor })));
  const m = classroomMessages[lang];
  return (
    <div className="classroom-controls">
      <button type="button" aria-label="Classroom" aria-pressed={on} className={on ? 'is-active' : ''} title={on ? m.leave : m.hint} onClick={() => setClassroom(!on)}>
        <Glyph name="screen" />{' '}
        {m.classroom}
      </button>
      {on && (
        <button type="button" aria-label="Hide editor" aria-pressed={hideEditor} className={hideEditor ? 'is-active' : ''} onClick={() => setHideEditor(!hideEditor)}>
          {m.hideEditor}
        </button>
      )}
    </div>
  );
}
