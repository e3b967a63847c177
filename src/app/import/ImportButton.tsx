import { lazy, Suspense, useState } from 'react';
import { useLabStore } from '../store';
import { useImportedNode } from './imported-store';

/**
 * The button's words, whole and compact for a narrow header (its accessible name stays the whole one).
 * Here and not from messages.ts: the dialog's words load with the dialog, not with the first screen.
 */
const WORDS = { en: { button: 'Import node rules', short: 'Import', showImported: 'Show the imported node' }, ko: { button: '노드 규칙 가져오기', short: '가져오기', showImported: '가져온 노드 보기' } } as const;

const ImportDialog = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));

/** The header's `Import node rules` button (DESIGN §5) and the dialog it opens. */
export function ImportButton() {
  const lang = useLabStore((s) => s.lang);
  const [open, setOpen] = useState(false);
  const m = WORDS[lang];
  const hidden = useImportedNode((s) => s.summary !== undefined && !s.showing);
  const setShowing = useImportedNode((s) => s.setShowing);
  return (
    <>
      {hidden && (
        <button type="button" onClick={() => setShowing(true)}>
          📥 {m.showImported}
        </button>
      )}
      <button type="button" className="import-button" aria-label={lang === 'en' ? 'Import node rules' : m.button} title={m.button} onClick={() => setOpen(true)}>
        <span className="import-long">{m.button}</span>
        <span className="import-short">{m.short}</span>
      </button>
      {open && (
        <Suspense fallback={null}>
          <ImportDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
