import { useEffect, useRef } from 'react';
import { useLabStore } from '../store';
import { trapTab } from '../help/focus';
import type { Lang } from '../lang';
import { shareErrorText, type ShareFailure } from './error-text';
import { shareMessages } from './messages';
import { useShareNotices } from './useShareLink';
import './share.css';

/** Why the link failed, in the page's language (the field it names stays as the decoder spells it). */
function Reason({ failure, lang }: { readonly failure: ShareFailure; readonly lang: Lang }) {
  const r = shareErrorText(failure, lang);
  return (
    <span>
      {r.text}
      {r.field && (
        <>
          <code>{r.field}</code>.
        </>
      )}
    </span>
  );
}

/**
 * A link that could not be opened (an alert with the decoder's reason; the app carries on with the
 * user's own state), and the question asked before a link takes the place of the user's own work.
 */
export default function ShareNoticesView() {
  const lang = useLabStore((s) => s.lang);
  const m = shareMessages[lang];
  const error = useShareNotices((s) => s.error);
  const confirm = useShareNotices((s) => s.confirm);
  const dismissError = useShareNotices((s) => s.dismissError);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (confirm && !d.open) d.showModal();
    if (!confirm && d.open) d.close();
  }, [confirm]);

  return (
    <>
      {error && (
        <div className="share-error" role="alert" data-testid="share-error">
          <p>
            <strong>{error.kind === 'broken' ? m.brokenTitle : m.noLesson(error.id)}</strong> {error.kind === 'broken' && <Reason failure={error.failure} lang={lang} />} {m.brokenKept}
          </p>
          <button type="button" onClick={dismissError}>
            {m.dismiss}
          </button>
        </div>
      )}
      <dialog
        ref={dialog}
        className="share-dialog"
        aria-labelledby="share-dialog-title"
        aria-describedby="share-dialog-body"
        // Esc is "keep mine": nothing changes without a yes.
        onCancel={(e) => {
          e.preventDefault();
          confirm?.answer(false);
        }}
        onKeyDown={(e) => {
          if (dialog.current) trapTab(e, dialog.current);
        }}
      >
        <h2 id="share-dialog-title">{m.askTitle}</h2>
        <div id="share-dialog-body">
          {confirm?.heavyKb !== undefined && <p>{m.askHeavy(confirm.heavyKb)}</p>}
          <p>{m.askBody}</p>
          {confirm?.replacesEditedShared && <p>{m.askReplacesShared}</p>}
        </div>
        <div className="share-dialog-actions">
          <button type="button" onClick={() => confirm?.answer(false)}>
            {m.keepMine}
          </button>
          <button type="button" className="share-open" autoFocus onClick={() => confirm?.answer(true)}>
            {m.open}
          </button>
        </div>
      </dialog>
    </>
  );
}
