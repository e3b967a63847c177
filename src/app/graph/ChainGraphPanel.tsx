import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLabStore } from '../store';
import { ChainGraphView } from './ChainGraphView';
import { useT } from '../i18n';
import { MAX_OPTIONS, boundedOptions, moreOptionsText } from '../bounded-options';

/** The chain graph of the selected node and table, with a service filter. */
export function ChainGraphPanel() {
  const t = useT();
  const { graph, selectedChain, setSelectedChain } = useLabStore(
    useShallow((s) => ({ graph: s.graph, selectedChain: s.selectedChain, setSelectedChain: s.setSelectedChain })),
  );
  // undefined = not chosen yet: start on the scenario's own first service, not on kube-dns.
  const [service, setService] = useState<string | undefined>(undefined);
  const services = useMemo(() => [...new Set((graph?.nodes ?? []).map((n) => n.service).filter((s): s is string => !!s))].sort(), [graph]);
  if (!graph) return <p className="loading">{t('engineStarting')}</p>;
  const firstOwn = services.find((s) => !s.startsWith('kube-system/') && !s.startsWith('default/kubernetes')) ?? '';
  const current = service === undefined ? firstOwn : services.includes(service) ? service : '';
  return (
    <div className="graph-panel">
      <div className="panel-toolbar">
        <label className="field">
          <span>{t('service')}</span>
          <select aria-label={t('service')} value={current} onChange={(e) => setService(e.target.value)}>
            <option value="">{t('allServices')}</option>
            {boundedOptions(services, (s) => s, current).shown.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
            {services.length > MAX_OPTIONS && <option disabled>{moreOptionsText(boundedOptions(services, (s) => s, current).more)}</option>}
          </select>
        </label>
        <span className="hint">{t('graphHint')}</span>
      </div>
      <div className="graph-body">
        <ChainGraphView graph={graph} {...(current ? { service: current } : {})} {...(selectedChain ? { selectedChain } : {})} onSelectChain={(c) => setSelectedChain(c === selectedChain ? undefined : c)} />
      </div>
    </div>
  );
}
