import { useEffect, useState } from 'react';
import { useLabStore } from '../store';
import { loadNarration, type Narrator } from './packet-views';
import { usePacketStore } from './store';
import { useDescribedStep, usePacketText } from './useCurrentStep';

/** The current step in one sentence, announced politely to screen readers. */
export function Narration() {
  const m = usePacketText();
  const lang = useLabStore((s) => s.lang);
  const cur = useDescribedStep();
  const error = usePacketStore((s) => s.error);
  // The sentences load with the first packet; the live region itself is there from the start, so the
  // first sentence is announced like every later one.
  const [narrator, setNarrator] = useState<Narrator>();
  const needed = cur !== undefined && narrator === undefined;
  useEffect(() => {
    if (needed) void loadNarration().then((n) => setNarrator(() => n));
  }, [needed]);
  const text = error ?? (cur ? (narrator?.(lang, cur.packet, cur.hop) ?? '') : m.idle);
  return (
    <div className="pk-narration-row">
      {cur && !error && (
        <span className="pk-narration-packet" aria-hidden="true">
          {cur.packet.label}
        </span>
      )}
      <p className={`pk-narration${error ? ' is-error' : ''}`} role="status" aria-live="polite" aria-label="Narration">
        {text}
      </p>
    </div>
  );
}
