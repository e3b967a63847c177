import { useShallow } from 'zustand/react/shallow';
import { MAX_SPEED, MIN_SPEED } from './clock';
import { playbackIndex, usePacketStore } from './store';
import { usePacketText } from './useCurrentStep';
import { useLabStore } from '../store';
import { playbackMessages } from './playback-messages';
import { Icon } from './Icon';
import { preloadPacketViews } from './packet-views';
import { WaitControl } from './WaitControl';

/**
 * Send, play / pause / step, reset, speed. The accessible names are fixed English (DESIGN §5: tests and
 * screen-reader users rely on them); the visible words follow the language.
 */
export function Transport() {
  const m = usePacketText();
  const pm = playbackMessages(useLabStore((l) => l.lang));
  const s = usePacketStore(
    useShallow((st) => ({
      canSend: !!st.from && !!st.to && !!st.choices,
      sending: st.sending,
      hasTrace: st.playback.steps.length > 0,
      atStart: playbackIndex(st) === 0,
      atEnd: playbackIndex(st) >= st.playback.steps.length - 1,
      folded: st.folded,
      playing: st.playing,
      speed: st.speed,
      reducedMotion: st.reducedMotion,
      sent: st.sent,
      send: st.send,
      play: st.play,
      pause: st.pause,
      step: st.step,
      nextDecision: st.nextDecision,
      setFolded: st.setFolded,
      reset: st.reset,
      setSpeed: st.setSpeed,
      setReducedMotion: st.setReducedMotion,
    })),
  );
  return (
    <div className="pk-transport">
      <button type="button" className="pk-send" aria-label="Send packet" onPointerEnter={preloadPacketViews} onFocus={preloadPacketViews} onClick={() => void s.send()} disabled={!s.canSend || s.sending}>
        <Icon name="send" /> {s.sending ? m.sending : m.send}
      </button>
      <span className="pk-sep" aria-hidden="true" />
      <button type="button" aria-label="Step back" onClick={() => s.step(-1)} disabled={!s.hasTrace || s.atStart} title={`${m.stepBack} (←)`}>
        <Icon name="stepBack" /> <span className="pk-btn-text">{m.stepBack}</span>
      </button>
      <button type="button" aria-label="Play" onClick={s.play} disabled={!s.hasTrace} className={s.playing ? 'is-active' : ''} title={`${m.play} (Space)`}>
        <Icon name="play" /> <span className="pk-btn-text">{m.play}</span>
      </button>
      <button type="button" aria-label="Pause" onClick={s.pause} disabled={!s.hasTrace} className={s.hasTrace && !s.playing ? 'is-active' : ''} title={`${m.pause} (Space)`}>
        <Icon name="pause" /> <span className="pk-btn-text">{m.pause}</span>
      </button>
      <button type="button" aria-label="Step" onClick={() => s.step(1)} disabled={!s.hasTrace || s.atEnd} title={`${m.step} (→)`}>
        <span className="pk-btn-text">{m.step}</span> <Icon name="stepForward" />
      </button>
      <button type="button" className="pk-next-decision" aria-label="Next decision" onClick={s.nextDecision} disabled={!s.hasTrace || s.atEnd} title={pm.nextDecisionHint}>
        <span className="pk-btn-text">{pm.nextDecision}</span> <Icon name="nextDecision" />
      </button>
      <button type="button" aria-label="Reset" onClick={() => void s.reset()} disabled={!s.hasTrace && s.sent === 0} title={m.reset}>
        <Icon name="reset" /> <span className="pk-btn-text">{m.reset}</span>
      </button>
      <WaitControl />
      <span className="pk-sep" aria-hidden="true" />
      <label className="field pk-speed">
        <span>{m.speed}</span>
        <input
          type="range"
          aria-label="Speed"
          aria-valuetext={`${s.speed}×`}
          min={MIN_SPEED}
          max={MAX_SPEED}
          step={0.25}
          value={s.speed}
          onChange={(e) => s.setSpeed(Number(e.target.value))}
        />
        <output className="pk-speed-value">{s.speed}×</output>
      </label>
      <label className="field pk-motion pk-fold" title={pm.hideNonMatchingHint}>
        <input type="checkbox" aria-label="Hide rules that did not match" checked={s.folded} onChange={(e) => s.setFolded(e.target.checked)} />
        {pm.hideNonMatching}
      </label>
      <label className="field pk-motion">
        <input type="checkbox" checked={s.reducedMotion} onChange={(e) => s.setReducedMotion(e.target.checked)} />
        {m.reduceMotion}
      </label>
    </div>
  );
}
