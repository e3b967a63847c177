import { lazy, Suspense, useDeferredValue, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLabStore } from '../store';
import { ChainGraphView } from './ChainGraphView';
import { useT } from '../i18n';
import { usePacketStore } from '../packet/store';
import { useChainView, type ServicePick } from './useChainView';
import { graphMessages } from './messages';
import './graph.css';
import { MAX_OPTIONS, boundedOptions, moreOptionsText } from '../bounded-options';

// The overview (and its virtual list) loads when "All services" is first chosen, not with the first screen.
const ServiceOverview = lazy(() => import('./ServiceOverview').then((m) => ({ default: m.ServiceOverview })));

/**
 * The chain graph of the selected node and table: one Service's chains (the packet's own while a packet
 * plays), or "All services" as an overview of every Service that expands one at a time.
 */
export function ChainGraphPanel() {
  const t = useT();
  const { selectedChain, setSelectedChain, lang, classroom } = useLabStore(
    useShallow((s) => ({ selectedChain: s.selectedChain, setSelectedChain: s.setSelectedChain, lang: s.lang, classroom: s.classroom })),
  );
  // A new packet selects its own Service; the learner's pick holds for the packet it was made under (or
  // when a packet meets no Service). Nothing picked yet: the scenario's own first Service, not kube-dns.
  // The worker decides which (chain-view.ts) and sends that Service's chains or the overview only.
  const trace = usePacketStore((s) => s.trace);
  const [pick, setPick] = useState<ServicePick | undefined>(undefined);
  // A new view renders in a transition: React can answer the page between its slices.
  const view = useDeferredValue(useChainView(pick));
  const m = graphMessages[lang];
  if (!view) return <p className="loading">{t('engineStarting')}</p>;
  const { services, service: current } = view;
  const setService = (s: string): void => setPick({ service: s, trace });
  const onSelectChain = (c: string): void => setSelectedChain(c === selectedChain ? undefined : c);
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
        {current !== '' ? (
          <button type="button" className="graph-back" onClick={() => setService('')}>
            {m.backToAll}
          </button>
        ) : null}
        <span className="hint">{t('graphHint')}</span>
      </div>
      <div className="graph-body">
        {view.overview ? (
          <Suspense fallback={null}>
            <ServiceOverview key={classroom ? 'large' : 'normal'} entries={view.overview.entries} root={view.overview.root} m={m} classroom={classroom} onExpand={setService} />
          </Suspense>
        ) : (
          <ChainGraphView graph={view.graph} {...(current ? { service: current } : {})} {...(selectedChain ? { selectedChain } : {})} onSelectChain={onSelectChain} />
        )}
      </div>
    </div>
  );
}
