import { useEffect, useState } from 'react';
import { engine } from '../../worker/client';
import type { LatencyModelView } from '../../worker/api';
import { useLabStore } from '../store';
import { scaleMessages } from './messages';
import { formatNumber } from './series';

/** The latency model in words, with the published figures it stands on and where they come from. */
export function ScaleSources() {
  const lang = useLabStore((s) => s.lang);
  const m = scaleMessages[lang];
  const [model, setModel] = useState<LatencyModelView | undefined>();
  useEffect(() => {
    let live = true;
    void engine()
      .scaleModel()
      .then((v) => live && setModel(v));
    return () => {
      live = false;
    };
  }, []);
  if (!model) return null;
  return (
    <section className="scale-sources" aria-label={m.modelTitle}>
      <h3>{m.modelTitle}</h3>
      <p>{m.model(formatNumber(model.baseUs, lang), formatNumber(model.perRuleNs, lang))}</p>
      <p>{m.published}</p>
      <ul>
        {model.published.map((p) => (
          <li key={p.services}>{m.publishedRow(formatNumber(p.services, lang), p.p50.toFixed(3), p.p99.toFixed(3))}</li>
        ))}
      </ul>
      <p>{m.blogWords}</p>
      <p>{m.calibrated(formatNumber(model.calibrated.nsPerRuleMin, lang), formatNumber(model.calibrated.nsPerRuleAvg, lang), model.calibrated.iptables)}</p>
      <p>{m.proposal}</p>
      <p className="scale-links">
        {model.sources.map((s, i) => (
          <span key={s.url}>
            {i > 0 && ' · '}
            <a href={s.url} target="_blank" rel="noreferrer">
              {s.title}
            </a>
          </span>
        ))}
      </p>
    </section>
  );
}
