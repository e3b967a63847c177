import { useEffect, useRef } from 'react';
import { LESSON_IDS } from '../../scenarios/lessons/catalog';
import { trapTab } from '../help/focus';
import type { Lang } from '../lang';
import { useLabStore } from '../store';
import { startMessages } from './messages';
import { startMemory, type StartChoice } from './start-choice';
import './start.css';

/**
 * The first visit's "Start here" card: what the lab shows, and two ways in. A modal <dialog>: the
 * page behind waits for the choice; Esc counts as exploring. Either answer is remembered.
 */
export default function StartCard() {
  const lang = useLabStore((s) => s.lang);
  const setLang = useLabStore((s) => s.setLang);
  const close = useLabStore((s) => s.setStartCard);
  const m = startMessages[lang];
  const dialog = useRef<HTMLDialogElement>(null);
  const primary = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    // showModal focuses the first control (the language buttons); the way in most visitors want is the lesson.
    primary.current?.focus();
  }, []);

  const choose = (choice: StartChoice): void => {
    startMemory.remember(choice);
    dialog.current?.close();
    close(false);
    if (choice === 'lesson') void import('../lessons/open').then((o) => o.openLesson(LESSON_IDS[0]));
  };
  const langs: readonly { readonly lang: Lang; readonly name: string }[] = [
    { lang: 'en', name: 'English' },
    { lang: 'ko', name: '한국어' },
  ];

  return (
    <dialog
      ref={dialog}
      className="start-card"
      aria-labelledby="start-card-title"
      aria-describedby="start-card-what"
      onCancel={(e) => {
        e.preventDefault();
        choose('explore');
      }}
      onKeyDown={(e) => {
        if (dialog.current) trapTab(e, dialog.current);
      }}
    >
      <div className="start-top">
        <h2 id="start-card-title">{m.title}</h2>
        <div className="start-langs" role="group" aria-label={m.language}>
          {langs.map((l) => (
            <button key={l.lang} type="button" lang={l.lang} aria-pressed={lang === l.lang} onClick={() => setLang(l.lang)}>
              {l.name}
            </button>
          ))}
        </div>
      </div>
      <div id="start-card-what">
        {m.what.map((s) => (
          <p key={s}>{s}</p>
        ))}
      </div>
      <div className="start-choices">
        <div className="start-choice">
          <button type="button" className="start-primary" ref={primary} onClick={() => choose('lesson')}>
            {m.startLesson}
          </button>
          <p className="start-hint">{m.startLessonHint}</p>
        </div>
        <div className="start-choice">
          <button type="button" onClick={() => choose('explore')}>
            {m.explore}
          </button>
          <p className="start-hint">{m.exploreHint}</p>
        </div>
      </div>
      <p className="start-back">{m.comeBack}</p>
    </dialog>
  );
}
