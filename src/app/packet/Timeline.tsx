import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { playbackIndex, usePacketStore } from './store';
import { packetStartSteps } from './playback';
import { usePacketText } from './useCurrentStep';
import { useLabStore } from '../store';
import { directionWord, fateText, outcomeWord, packetLabel } from '../outcome-text';

const FATE_ICON = { delivered: '✓', rejected: '✕', dropped: '✕', 'no-route': '✕' } as const;

/**
 * Every packet of the connection as a chip (SYN, SYN-ACK, … or query / response, or the RST / ICMP
 * answer) and a slider over every playback step; both seek.
 */
export function Timeline() {
  const m = usePacketText();
  const lang = useLabStore((st) => st.lang);
  const s = usePacketStore(
    useShallow((st) => ({ trace: st.trace, playback: st.playback, index: playbackIndex(st), current: st.steps[st.position]?.packet ?? -1, seekStep: st.seekStep, sent: st.sent })),
  );
  const starts = useMemo(() => packetStartSteps(s.playback), [s.playback]);
  const current = s.current;
  const total = s.playback.steps.length;
  return (
    <div className="pk-timeline">
      {s.trace && (
        <span className="pk-conn" data-sent={s.sent}>
          {m.connectionN(s.sent)}
        </span>
      )}
      <ol className="pk-chips" aria-label={m.packetList}>
        {(s.trace?.packets ?? []).map((p, i) => (
          <li key={i}>
            <button
              type="button"
              className={`pk-chip pk-chip-${p.direction} fate-${p.fate.kind}${i === current ? ' is-current' : ''}${i < current ? ' is-done' : ''}`}
              aria-current={i === current ? 'step' : undefined}
              onClick={() => s.seekStep(starts[i] ?? 0)}
              title={`${packetLabel(p.label, lang)} (${directionWord(p.direction, lang)}): ${fateText(p, lang).text}`}
            >
              <span aria-hidden="true">{p.direction === 'original' ? '→' : '←'}</span> {packetLabel(p.label, lang)}
              {p.fate.kind !== 'delivered' && (
                <span className="pk-chip-fate">
                  {' '}
                  {FATE_ICON[p.fate.kind]} {outcomeWord(p.fate.kind, lang)}
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>
      <label className="field pk-scrub">
        <span>{m.timeline}</span>
        <input
          type="range"
          aria-label="Timeline"
          min={0}
          max={Math.max(0, total - 1)}
          step={1}
          value={total === 0 ? 0 : s.index}
          disabled={total === 0}
          aria-valuetext={total === 0 ? '' : m.step_n(s.index + 1, total)}
          onChange={(e) => s.seekStep(Number(e.target.value))}
        />
      </label>
      <span className="pk-count" aria-hidden="true">
        {total === 0 ? '' : m.step_n(s.index + 1, total)}
      </span>
    </div>
  );
}
