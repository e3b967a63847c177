import { Fragment, useEffect, useRef } from 'react';
import { useLabStore } from '../store';
import { helpMessages } from './messages';
import { useT } from '../i18n';
import { trapTab } from './focus';

/**
 * The keyboard help itself: a native <dialog> opened with showModal() as soon as it mounts, so the page
 * behind is inert, Esc closes it (the `cancel` event), and `onClosed` hands focus back. Loaded only when
 * someone asks for it (KeyboardHelp), since a first visit rarely does.
 */
export default function HelpDialog({ onClosed }: { readonly onClosed: () => void }) {
  const lang = useLabStore((s) => s.lang);
  const m = helpMessages[lang];
  const t = useT();
  const setStartCard = useLabStore((s) => s.setStartCard);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="help-dialog"
      aria-labelledby="help-dialog-title"
      onClose={onClosed}
      onKeyDown={(e) => {
        if (dialog.current) trapTab(e, dialog.current);
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> itself: close, as Esc does.
        if (e.target === dialog.current) dialog.current.close();
      }}
    >
      <div className="help-content">
        {/* Focus starts on the title (autoFocus): the list is read from the top, and Close at the bottom
            would scroll it out of view at 1280×720. Tab goes on to Close. */}
        <h2 id="help-dialog-title" tabIndex={-1} autoFocus>{t('keyboardShortcuts')}</h2>
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
          {/* Back to the first visit's two ways in (the dialog closes first: one modal at a time). */}
          <button type="submit" onClick={() => setTimeout(() => setStartCard(true), 0)}>
            {m.showStart}
          </button>
          {/* method="dialog" closes the dialog natively. */}
          <button type="submit">
            {m.close}
          </button>
        </form>
      </div>
    </dialog>
  );
}
