import { useEffect, useState } from 'react';
import { useLabStore } from '../store';
import { loadNarration, type Narrator } from './packet-views';
import { playbackMessages } from './playback-messages';
import { playbackSentence } from './playback-sentence';
import { usePacketStore } from './store';
import { useDescribedStep, usePacketText } from './useCurrentStep';
import { withCodeSpans } from './code-spans';
import { packetLabel } from '../outcome-text';

/**
 * The current playback step in one sentence, announced politely to screen readers; a folded step
 * offers to open it in place.
 */
export function Narration() {
  const m = usePacketText();
  const lang = useLabStore((s) => s.lang);
  const pm = playbackMessages(lang);
  const cur = useDescribedStep();
  const error = usePacketStore((s) => s.error);
  const openFold = usePacketStore((s) => s.openFold);
  // The sentences load with the first packet; the live region itself is there from the start, so the
  // first sentence is announced like every later one.
  const [narrator, setNarrator] = useState<Narrator>();
  const needed = cur !== undefined && narrator === undefined;
  useEffect(() => {
    if (needed) void loadNarration().then((n) => setNarrator(() => n));
  }, [needed]);
  const step = cur?.playbackStep;
  const sentence = cur && narrator ? (step ? playbackSentence(lang, cur.trace, step, narrator) : narrator(lang, cur.packet, cur.hop)) : '';
  const text = error ?? (cur ? sentence : m.idle);
  const fold = !error ? step?.fold : undefined;
  return (
    <div className="pk-narration-row">
      {cur && !error && (
        <span className="pk-narration-packet" aria-hidden="true">
          {packetLabel(cur.packet.label, lang)}
        </span>
      )}
      {step?.decision && !error && (
        <span className="pk-decision" data-testid="decision-badge">
          <span aria-hidden="true">◆ </span>
          {pm.decision}
        </span>
      )}
      <p className={`pk-narration${error ? ' is-error' : ''}`} role="status" aria-live="polite" aria-label="Narration">
        {error ? text : withCodeSpans(text)}
      </p>
      {fold && (
        <button type="button" className="pk-open-fold" data-testid="open-fold" onClick={openFold}>
          {fold.kind === 'rules' ? pm.openRules(fold.hop.count) : pm.openPacket(fold.hops)}
        </button>
      )}
    </div>
  );
}
