import { lazy, Suspense, useRef, useState } from 'react';
import { useLabStore } from '../store';
import { usePacketStore } from '../packet/store';
import { compareMessages } from './messages';

const CompareModesDialog = lazy(() => import('./CompareModesDialog').then((m) => ({ default: m.CompareModesDialog })));

/** `Compare modes` (DESIGN §5): the pickers' packet in iptables, nftables and IPVS mode, side by side. */
export function CompareModesButton() {
  const lang = useLabStore((s) => s.lang);
  const canCompare = usePacketStore((s) => !!s.from && !!s.to && !!s.choices);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const m = compareMessages[lang];
  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button ref={button} type="button" className="cmp-open" aria-label={lang === 'en' ? 'Compare modes' : m.button} aria-haspopup="dialog" onClick={() => setOpen(true)} disabled={!canCompare}>
        ⇄ {m.button}
      </button>
      {open && (
        <Suspense fallback={null}>
          <CompareModesDialog onClose={close} />
        </Suspense>
      )}
    </>
  );
}
