import { Fragment, useCallback, useEffect, useRef } from 'react';
import { useLabStore } from '../store';
import { helpMessages } from './messages';
import { isTypingTarget, trapTab } from './focus';
import './help.css';

/**
 * The "Keyboard shortcuts" button and its modal dialog, also opened with `?`.
 * A native <dialog> opened with showModal(): the page behind is inert, Esc closes it (the `cancel`
 * event), and focus goes back to whatever had it before.
 */
export function KeyboardHelp() {
  const lang = useLabStore((s) => s.lang);
  const m = helpMessages[lang];
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  const open = useCallback(() => {
    const d = dialog.current;
    if (!d || d.open) return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    d.showModal();
  }, []);

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

  const restoreFocus = () => {
    const back = opener.current;
    opener.current = null;
    // The opener can be gone (a panel re-rendered): then the browser's default (body) is all we can do.
    if (back?.isConnected) back.focus();
  };

  return (
    <>
      <button type="button" className="help-button" aria-label="Keyboard shortcuts" title={`${m.title} (?)`} aria-haspopup="dialog" onClick={open}>
        <span aria-hidden="true">?</span>
      </button>
      <dialog
        ref={dialog}
        className="help-dialog"
        aria-labelledby="help-dialog-title"
        onClose={restoreFocus}
        onKeyDown={(e) => {
          if (dialog.current) trapTab(e, dialog.current);
        }}
        onClick={(e) => {
          // A click on the backdrop lands on the <dialog> itself: close, as Esc does.
          if (e.target === dialog.current) dialog.current.close();
        }}
      >
        <div className="help-content">
          <h2 id="help-dialog-title">{m.title}</h2>
          <p className="help-intro">{m.intro}</p>
          <table className="help-table">
            <thead>
              <tr>
                <th scope="col">{m.keyColumn}</th>
                <th scope="col">{m.actionColumn}</th>
              </tr>
            </thead>
            <tbody>
              {m.shortcuts.map((s) => (
                <tr key={s.action}>
                  <td className="help-keys">
                    {s.keys.map((combo, i) => (
                      <Fragment key={combo.join('+')}>
                        {i > 0 && <span className="help-or"> {m.or} </span>}
                        {combo.map((k, j) => (
                          <Fragment key={k}>
                            {j > 0 && '+'}
                            <kbd>{k}</kbd>
                          </Fragment>
                        ))}
                      </Fragment>
                    ))}
                  </td>
                  <td>{s.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{m.tabOrderTitle}</h3>
          <ul className="help-taborder">
            {m.tabOrder.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <form method="dialog" className="help-actions">
            {/* method="dialog" closes the dialog natively; autoFocus puts the focus here on open. */}
            <button type="submit" autoFocus>
              {m.close}
            </button>
          </form>
        </div>
      </dialog>
    </>
  );
}
