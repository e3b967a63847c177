import { lazy, Suspense, useMemo, useState } from 'react';
import { engine } from '../../worker/client';
import type { ChainGraph } from '../../engine/netfilter/chain-graph';
import type { TableName } from '../../engine/netfilter/model';
import { useLabStore } from '../store';
import { importMessages } from './messages';
import '../graph/graph.css';

const ChainGraphView = lazy(() => import('../graph/ChainGraphView').then((m) => ({ default: m.ChainGraphView })));

/** The imported node's chains drawn by the same view as the Chain graph region, one Service at a time. */
export function ImportChainGraph({ tables, onSelectChain }: { readonly tables: readonly string[]; readonly onSelectChain: (chain: string) => void }) {
  const lang = useLabStore((s) => s.lang);
  const m = importMessages[lang];
  const [graph, setGraph] = useState<ChainGraph | undefined>();
  const [service, setService] = useState('');
  const [selected, setSelected] = useState<string | undefined>();
  const services = useMemo(() => [...new Set((graph?.nodes ?? []).flatMap((n) => (n.service ? [n.service] : [])))].sort(), [graph]);
  const show = async (table: string): Promise<void> => {
    const g = await engine().importChainGraph(table as TableName);
    setGraph(g);
    const first = [...new Set(g.nodes.flatMap((n) => (n.service ? [n.service] : [])))].sort()[0] ?? '';
    setService(first);
  };
  return (
    <section className="import-graph" aria-label={m.graphTitle}>
      <h3>{m.graphTitle}</h3>
      <div className="import-actions">
        {tables.map((t) => (
          <button key={t} type="button" onClick={() => void show(t)}>
            {m.graphShow(t)}
          </button>
        ))}
        {graph && services.length > 0 && (
          <label className="field">
            <span>{m.graphService}</span>
            <select aria-label={m.graphService} value={service} onChange={(e) => setService(e.target.value)}>
              {services.slice(0, 500).map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      {graph && (
        <div className="import-graph-canvas">
          <Suspense fallback={null}>
            <ChainGraphView
              graph={graph}
              {...(service ? { service } : {})}
              {...(selected ? { selectedChain: selected } : {})}
              onSelectChain={(c) => {
                setSelected(c);
                onSelectChain(c);
              }}
            />
          </Suspense>
        </div>
      )}
    </section>
  );
}
