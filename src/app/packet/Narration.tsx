import { useLabStore } from '../store';
import { narrate } from './narration';
import { usePacketStore } from './store';
import { useCurrentStep, usePacketText } from './useCurrentStep';

/** The current step in one sentence, announced politely to screen readers. */
export function Narration() {
  const m = usePacketText();
  const lang = useLabStore((s) => s.lang);
  const cur = useCurrentStep();
  const error = usePacketStore((s) => s.error);
  const text = error ?? (cur ? narrate(lang, cur.packet, cur.hop) : m.idle);
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
