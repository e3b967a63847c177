import { lazy, Suspense, useDeferredValue, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLabStore } from '../store';
import { ChainGraphView } from './ChainGraphView';
import { useT } from '../i18n';
import { usePacketStore } from '../packet/store';
import { serviceOfPort } from './service-port';
import { packetService } from './packet-path';
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
  const { graph: liveGraph, selectedChain, setSelectedChain, lang, classroom } = useLabStore(
    useShallow((s) => ({ graph: s.graph, selectedChain: s.selectedChain, setSelectedChain: s.setSelectedChain, lang: s.lang, classroom: s.classroom })),
  );
  // A new graph renders in a transition (its Services, the filter, the layout request in slices the page
  // can answer between): a shared link's graph has 30,000 chains.
  const graph = useDeferredValue(liveGraph);
  const m = graphMessages[lang];
  const services = useMemo(() => {
    const set = new Set<string>();
    for (const n of graph?.nodes ?? []) if (n.service) set.add(serviceOfPort(n.service));
    return [...set].sort();
  }, [graph]);
  // A new packet selects its own Service; the learner's pick holds for the packet it was made under (or
  // when a packet meets no Service). Nothing picked yet: the scenario's own first Service, not kube-dns.
  const trace = usePacketStore((s) => s.trace);
  const packets = useMemo(() => (trace && graph ? packetService(trace, graph) : undefined), [trace, graph]);
  const [pick, setPick] = useState<{ readonly service: string; readonly trace: unknown } | undefined>(undefined);
  const service = pick && (pick.trace === trace || packets === undefined) ? pick.service : (packets ?? pick?.service);
  const setService = (s: string): void => setPick({ service: s, trace });
  if (!graph) return <p className="loading">{t('engineStarting')}</p>;
  const firstOwn = services.find((s) => !s.startsWith('kube-system/') && s !== 'default/kubernetes') ?? '';
  const current = service === undefined ? firstOwn : services.includes(service) ? service : '';
  // A table without Services' chains (filter) is small: drawn whole, no overview needed.
  const overview = current === '' && services.length > 0;
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
        {overview ? (
          <Suspense fallback={null}>
            <ServiceOverview key={classroom ? 'large' : 'normal'} graph={graph} m={m} classroom={classroom} onExpand={setService} />
          </Suspense>
        ) : (
          <ChainGraphView graph={graph} {...(current ? { service: current } : {})} {...(selectedChain ? { selectedChain } : {})} onSelectChain={onSelectChain} />
        )}
      </div>
    </div>
  );
}
