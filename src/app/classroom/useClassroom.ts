/**
 * Classroom mode: the page full screen (when the browser allows it; otherwise the layout alone fills
 * the window), larger type and stronger contrast for a projector, and keys a presenter reaches for:
 * 0–9 open the lesson with that number, Esc leaves. Space and ← → keep playing and stepping (packet/useKeyboardShortcuts).
 */
import { useEffect } from 'react';
import { LESSON_IDS, lessonNumber } from '../../scenarios/lessons/catalog';
import { keyBelongsToTarget } from '../packet/useKeyboardShortcuts';
import { useLabStore } from '../store';

/** Whether we asked for full screen, so leaving it (the browser's own Esc) also leaves classroom mode. */
let ownFullscreen = false;

/** Turns classroom mode on or off. Call from the click or key that asked: full screen needs that gesture. */
export function setClassroom(on: boolean): void {
  useLabStore.getState().setClassroom(on);
  if (on) {
    const root = document.documentElement;
    if (!document.fullscreenElement && typeof root.requestFullscreen === 'function') {
      root
        .requestFullscreen()
        .then(() => {
          ownFullscreen = true;
        })
        // Not allowed (an iframe without allowfullscreen, a headless browser): the maximised layout stays.
        .catch(() => undefined);
    }
  } else if (document.fullscreenElement && ownFullscreen) {
    ownFullscreen = false;
    void document.exitFullscreen().catch(() => undefined);
  }
}

/** Mount once. */
export function useClassroom(): void {
  const on = useLabStore((s) => s.classroom);

  useEffect(() => {
    // Type size is set on <html>: rem-sized text everywhere follows it.
    document.documentElement.classList.toggle('kpl-classroom', on);
  }, [on]);

  useEffect(() => {
    const onFullscreen = (): void => {
      if (!document.fullscreenElement && ownFullscreen) {
        ownFullscreen = false;
        if (useLabStore.getState().classroom) setClassroom(false);
      }
    };
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => document.removeEventListener('fullscreenchange', onFullscreen);
  }, []);

  useEffect(() => {
    if (!on) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (keyBelongsToTarget(e.target, e.key)) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        setClassroom(false);
        return;
      }
      if (/^[0-9]$/.test(e.key)) {
        // The key is the lesson's number (0 is the intro), not its place in the list.
        const lesson = LESSON_IDS.find((id) => lessonNumber(id) === Number(e.key));
        if (!lesson) return;
        e.preventDefault();
        void import('../lessons/open').then((m) => m.openLesson(lesson));
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [on]);
}
