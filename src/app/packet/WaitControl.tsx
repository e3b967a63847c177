import { useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLabStore } from '../store';
import { clockMessages, WAIT_PRESETS } from './clock-messages';
import { Icon } from './Icon';
import { usePacketStore } from './store';
import './clock.css';

/** The longest custom wait, in seconds: a year, far past every conntrack and affinity timeout. */
const MAX_SECONDS = 366 * 86_400;

/**
 * `Wait…`: lets simulated time pass between connections (1 s, 30 s, 2 min or a number of seconds). The
 * worker moves its clock; the Conntrack panel then shows what expired. The accessible name is fixed
 * English (DESIGN §5), the visible words follow the language.
 */
export function WaitControl() {
  const cm = clockMessages(useLabStore((l) => l.lang));
  const { ready, waiting, wait } = usePacketStore(useShallow((s) => ({ ready: !!s.choices, waiting: s.waiting, wait: s.wait })));
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('300');
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent): void => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    return () => document.removeEventListener('pointerdown', close);
  }, [open]);
  const go = (seconds: number): void => {
    setOpen(false);
    void wait(seconds);
  };
  const customSeconds = Number(custom);
  const customOk = custom.trim() !== '' && Number.isFinite(customSeconds) && customSeconds > 0 && customSeconds <= MAX_SECONDS;
  return (
    <div
      className="pk-wait"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button type="button" aria-label="Wait…" aria-expanded={open} aria-controls={panelId} title={cm.waitHint} disabled={!ready || waiting} onClick={() => setOpen((o) => !o)}>
        <Icon name="clock" /> {waiting ? cm.waiting : cm.wait}
      </button>
      {open && (
        <div className="pk-wait-panel" id={panelId} role="group" aria-label={cm.wait}>
          {WAIT_PRESETS.map((s) => (
            <button key={s} type="button" onClick={() => go(s)}>
              {cm.preset(s)}
            </button>
          ))}
          <form
            className="pk-wait-custom"
            onSubmit={(e) => {
              e.preventDefault();
              if (customOk) go(customSeconds);
            }}
          >
            <label>
              <span>{cm.custom}</span>
              <input type="number" min={1} max={MAX_SECONDS} step="any" inputMode="decimal" aria-label={cm.seconds} value={custom} onChange={(e) => setCustom(e.target.value)} />
              <span aria-hidden="true">{cm.secondsUnit}</span>
            </label>
            <button type="submit" disabled={!customOk}>
              {cm.waitCustom}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
