import type { Lang } from '../i18n';
import type { SpreadHistogram } from './histogram';
import { spreadMessages } from './messages';
import { formatCount, formatShare } from './format';

interface Props {
  readonly histogram: SpreadHistogram;
  /** Connections run so far (delivered + failed). */
  readonly connections: number;
  readonly lang: Lang;
}

/**
 * One row per endpoint: pod, IP:port, a bar, count and share. The numbers are text, so the bars and
 * the even-share marker only repeat what is written (colour is never the only signal).
 */
export function SpreadHistogramView({ histogram, connections, lang }: Props) {
  const m = spreadMessages[lang];
  const { bars, evenShare, scaleMax, failures, delivered } = histogram;
  const pos = (share: number) => `${Math.min(100, (share / scaleMax) * 100)}%`;
  return (
    <div className="spread-results">
      {bars.length === 0 ? (
        <p className="spread-empty">{m.noEndpoints}</p>
      ) : (
        <>
          <table className="spread-table">
            {/* Headers for screen readers; on screen the numbers explain themselves next to the legend. */}
            <thead className="spread-sr-only-head">
              <tr>
                {[m.endpoint, m.address, m.bar, m.count, m.share].map((h) => (
                  <th key={h} scope="col">
                    <span className="spread-sr-only">{h}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.endpoint} data-testid="spread-bar" data-endpoint={b.endpoint}>
                  <th scope="row">{b.pod ?? '—'}</th>
                  <td>
                    <code>{b.endpoint}</code>
                  </td>
                  <td className="spread-bar-col" aria-hidden="true">
                    <div className="spread-track">
                      <div className="spread-bar" style={{ width: pos(b.share) }} />
                      {evenShare !== undefined && <div className="spread-even" style={{ left: pos(evenShare) }} />}
                    </div>
                  </td>
                  <td className="num" data-testid="spread-count">
                    {formatCount(b.count, lang)}
                  </td>
                  <td className="num" data-testid="spread-share">
                    {formatShare(b.share)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="spread-legend">
            {evenShare !== undefined && (
              <span data-testid="spread-even-share">
                <span className="spread-even-swatch" aria-hidden="true" /> {m.evenShare(bars.length, formatShare(evenShare))}
              </span>
            )}
            <span>
              {m.shareOf(formatCount(delivered, lang))} · {m.scale(formatShare(scaleMax))}
            </span>
          </p>
        </>
      )}
      {failures.length > 0 && (
        <div className="spread-failures">
          <h3>{m.failedTitle}</h3>
          <ul>
            {failures.map((f) => (
              <li key={f.outcome} data-testid="spread-failure" data-outcome={f.outcome}>
                <span className="spread-failure-icon" aria-hidden="true">
                  ✗
                </span>{' '}
                {m.outcomes[f.outcome]}: {formatCount(f.count, lang)} ({formatShare(connections > 0 ? f.count / connections : 0)})
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
