import type { KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLabStore, type LeftTab } from '../store';
import { lessonMessages } from './messages';

const TABS: readonly LeftTab[] = ['lesson', 'editor'];

/**
 * While a lesson is open the left column holds the lesson and the editor, one at a time: at 1280×720
 * neither is readable at half the height. A tablist (← → move between the tabs, as ARIA's tabs pattern).
 */
export function LeftTabs() {
  const { lang, tab, setTab } = useLabStore(useShallow((s) => ({ lang: s.lang, tab: s.leftTab, setTab: s.setLeftTab })));
  const m = lessonMessages[lang];
  const label: Record<LeftTab, string> = { lesson: m.tabLesson, editor: m.tabEditor };
  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next);
    e.currentTarget.querySelector<HTMLButtonElement>(`[data-tab="${next}"]`)?.focus();
  };
  return (
    // data-own-keys: the arrows move between tabs here instead of stepping playback.
    <div className="left-tabs" role="tablist" aria-label={m.tabs} data-own-keys onKeyDown={onKey}>
      {TABS.map((t) => (
        <button
          key={t}
          type="button"
          role="tab"
          className="tab"
          data-tab={t}
          aria-selected={tab === t}
          aria-controls={t === 'lesson' ? 'lesson-panel' : 'editor-pane'}
          tabIndex={tab === t ? 0 : -1}
          onClick={() => setTab(t)}
        >
          {label[t]}
        </button>
      ))}
    </div>
  );
}
