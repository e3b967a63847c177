import { lazy, Suspense, useState } from 'react';
import { useLabStore } from '../store';
import { scaleMessages } from './messages';

const ScaleLabDialog = lazy(() => import('./ScaleLabDialog').then((m) => ({ default: m.ScaleLabDialog })));

/** The header's `Scale lab` button and the view it opens. */
export function ScaleLabButton() {
  const lang = useLabStore((s) => s.lang);
  const [open, setOpen] = useState(false);
  const m = scaleMessages[lang];
  return (
    <>
      <button type="button" aria-label={lang === 'en' ? 'Scale lab' : m.button} onClick={() => setOpen(true)}>
        {m.button}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ScaleLabDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
