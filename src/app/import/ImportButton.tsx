import { lazy, Suspense, useState } from 'react';
import { useLabStore } from '../store';
import { importMessages } from './messages';
import { useImportedNode } from './imported-store';

const ImportDialog = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));

/** The header's `Import node rules` button (DESIGN §5) and the dialog it opens. */
export function ImportButton() {
  const lang = useLabStore((s) => s.lang);
  const [open, setOpen] = useState(false);
  const m = importMessages[lang];
  const hidden = useImportedNode((s) => s.summary !== undefined && !s.showing);
  const setShowing = useImportedNode((s) => s.setShowing);
  return (
    <>
      {hidden && (
        <button type="button" onClick={() => setShowing(true)}>
          📥 {m.showImported}
        </button>
      )}
      <button type="button" aria-label={lang === 'en' ? 'Import node rules' : m.button} onClick={() => setOpen(true)}>
        {m.button}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ImportDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
