import { lazy, Suspense, useState } from 'react';
import { useLabStore } from '../store';
import { importMessages } from './messages';

/** The button's compact words for a narrow header (its accessible name stays the whole one). */
const SHORT = { en: 'Import', ko: '가져오기' } as const;

const ImportDialog = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));

/** The header's `Import node rules` button (DESIGN §5) and the dialog it opens. */
export function ImportButton() {
  const lang = useLabStore((s) => s.lang);
  const [open, setOpen] = useState(false);
  const m = importMessages[lang];
  return (
    <>
      <button type="button" className="import-button" aria-label={lang === 'en' ? 'Import node rules' : m.button} title={m.button} onClick={() => setOpen(true)}>
        <span className="import-long">{m.button}</span>
        <span className="import-short">{SHORT[lang]}</span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <ImportDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
