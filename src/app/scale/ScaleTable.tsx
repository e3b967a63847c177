import type { ScalePoint } from '../../worker/api';
import { useLabStore } from '../store';
import { scaleMessages } from './messages';
import { MODE_STYLE, formatNumber } from './series';

/** Every measured point as a table: what the chart draws, and the counts behind it. */
export function ScaleTable({ points }: { readonly points: readonly ScalePoint[] }) {
  const lang = useLabStore((s) => s.lang);
  const m = scaleMessages[lang];
  const c = m.columns;
  const n = (v: number): string => formatNumber(v, lang);
  return (
    <details className="scale-table">
      <summary>{m.tableTitle}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{c.services}</th>
            <th scope="col">{c.mode}</th>
            <th scope="col">{c.rules}</th>
            <th scope="col">{c.lookups}</th>
            <th scope="col">{c.total}</th>
            <th scope="col">{c.lines}</th>
            <th scope="col">{c.chains}</th>
            <th scope="col">{c.sets}</th>
            <th scope="col">{c.time}</th>
            <th scope="col">{c.latency}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={`${p.services}/${p.mode}`}>
              <td>{n(p.services)}</td>
              <td>{MODE_STYLE[p.mode].name}</td>
              <td>{n(p.connection.rules)}</td>
              <td>{n(p.connection.mapLookups + p.connection.ipvsLookups)}</td>
              <td>{n(p.connection.total)}</td>
              <td>{n(p.work.lines)}</td>
              <td>{n(p.work.chains)}</td>
              <td>{p.work.setsAndMaps > 0 ? `${n(p.work.setsAndMaps)} (${n(p.work.elements)})` : '–'}</td>
              <td>{n(p.work.generateAndLoadMs)}</td>
              <td>{n(p.modelledLatencyUs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
