import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { isTypingTarget } from './focus';
import './help.css';

const HelpDialog = lazy(() => import('./HelpDialog'));

/**
 * The "Keyboard shortcuts" button, also `?`. The dialog (HelpDialog) loads on first open; focus goes
 * back to whatever had it before.
 */
export function KeyboardHelp() {
  const t = useT();
  const [shown, setShown] = useState(false);
  const opener = useRef<HTMLElement | null>(null);

  const open = useCallback(() => {
    if (shown) return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setShown(true);
  }, [shown]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (isTypingTarget(e.target)) return;
      e.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const closed = () => {
    setShown(false);
    const back = opener.current;
    opener.current = null;
    // The opener can be gone (a panel re-rendered): then the browser's default (body) is all we can do.
    if (back?.isConnected) back.focus();
  };

  return (
    <>
      <button type="button" className="help-button" aria-label="Keyboard shortcuts" title={`${t('keyboardShortcuts')} (?)`} aria-haspopup="dialog" onClick={open}>
        <span aria-hidden="true">?</span>
      </button>
      {shown && (
        <Suspense fallback={null}>
          <HelpDialog onClosed={closed} />
        </Suspense>
      )}
    </>
  );
}
