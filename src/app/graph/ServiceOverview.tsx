import { useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ChainGraphNode } from '../../engine/netfilter/chain-graph';
import { searchServices, type ServiceEntry } from './overview';
import type { GraphMessages } from './messages';

/** One row's height in px (three lines of text and padding; graph.css); the list renders only the rows in view. */
const ROW = 60;
const CLASSROOM_ROW = 80;

interface Props {
  /** One entry per Service, from the worker (chain-view.ts): the page never holds the whole graph. */
  readonly entries: readonly ServiceEntry[];
  /** KUBE-SERVICES, drawn above the rows. */
  readonly root?: ChainGraphNode | undefined;
  readonly m: GraphMessages;
  readonly classroom: boolean;
  readonly onExpand: (service: string) => void;
}

/**
 * "All services": KUBE-SERVICES and one node per Service (its way in, its chains and rules), searchable by
 * name, IP or port. At 500 Services a graph of every chain is a smear of unreadable boxes; this stays
 * readable and costs the rows on screen only. Expanding a Service draws its chains.
 */
export function ServiceOverview({ entries: all, root, m, classroom, onExpand }: Props) {
  const searchId = useId();
  const [query, setQuery] = useState('');
  // Typing in the search box stays responsive while the list filters behind it.
  const deferred = useDeferredValue(query);
  const found = useMemo(() => searchServices(all, deferred), [all, deferred]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: found.length, getScrollElement: () => scroller.current, estimateSize: () => (classroom ? CLASSROOM_ROW : ROW), overscan: 6 });
  return (
    <div className="svc-overview">
      <div className="svc-overview-bar">
        <label className="field" htmlFor={searchId}>
          <span>{m.find}</span>
        </label>
        <input id={searchId} type="search" value={query} placeholder={m.findPlaceholder} onChange={(e) => setQuery(e.target.value)} />
        <span className="svc-count" aria-live="polite" data-testid="service-count">
          {m.shown(found.length, all.length)}
        </span>
      </div>
      <div className="svc-overview-body">
        {root ? (
          <div className={`svc-root chain-node chain-${root.kind === 'nft-map' ? 'nft-map' : 'services'}`}>
            <span className="chain-name">{root.chain}</span>
            <div className="chain-meta">
              <span className="chain-count">{root.kind === 'nft-map' ? m.elements(root.ruleCount) : m.rules(root.ruleCount)}</span>
            </div>
          </div>
        ) : null}
        <div className="svc-list" ref={scroller}>
          {found.length === 0 ? <p className="svc-none">{m.noMatch}</p> : null}
          <ul aria-label={m.services} style={{ height: virtual.getTotalSize() }} data-count={found.length}>
            {virtual.getVirtualItems().map((row) => {
              const s = found[row.index]!;
              return (
                <li key={s.service} className="svc-row" style={{ transform: `translateY(${row.start}px)` }} aria-setsize={found.length} aria-posinset={row.index + 1}>
                  <button type="button" className="svc-node" aria-expanded={false} title={m.expand(s.service)} onClick={() => onExpand(s.service)}>
                    <span className="svc-name">{s.service}</span>
                    <span className="svc-entries">{s.entries.join('  ')}</span>
                    <span className="svc-meta">
                      {s.chains[0]} · {m.chains(s.chains.length)} · {m.rules(s.ruleCount)} · {m.endpoints(s.endpoints)}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </div>
  );
}

