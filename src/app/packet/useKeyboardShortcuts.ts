import { useEffect } from 'react';
import { usePacketStore } from './store';

/**
 * Whether a key belongs to the focused element rather than to playback: the editor, text fields,
 * selects and sliders keep all their keys; buttons and checkboxes keep Space (it presses them);
 * scrollable text keeps the arrows (they scroll it); an open dialog keeps everything.
 */
export function keyBelongsToTarget(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('.monaco-editor, dialog, [role="dialog"], [data-own-keys]')) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return type === 'checkbox' || type === 'radio' ? key === ' ' : true;
  }
  if (key === ' ') return tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || target.getAttribute('role') === 'button' || target.getAttribute('role') === 'tab';
  return tag === 'PRE';
}

/** Space plays / pauses, ← / → step, N goes to the next decision, anywhere outside the editor and text fields. */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const decision = e.key === 'n' || e.key === 'N';
      if (e.key !== ' ' && e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && !decision) return;
      if (keyBelongsToTarget(e.target, e.key)) return;
      const s = usePacketStore.getState();
      if (s.playback.steps.length === 0) return;
      e.preventDefault();
      if (decision) s.nextDecision();
      else if (e.key === ' ') {
        if (s.playing) s.pause();
        else s.play();
      } else s.step(e.key === 'ArrowRight' ? 1 : -1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
