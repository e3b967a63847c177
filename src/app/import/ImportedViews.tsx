import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { engine } from '../../worker/client';
import type { ChainOwner, GraphView, ImportedChainView } from '../../worker/import-api';
import { useLabStore } from '../store';
import { VirtualLines } from '../rules/VirtualLines';
import { serviceOfPort } from '../graph/service-port';
import { importMessages } from './messages';
import { firstTable, useImportedNode } from './imported-store';
import { searchImported, traceImported } from './imported-actions';
import '../graph/graph.css';
import './import.css';

const ChainGraphView = lazy(() => import('../graph/ChainGraphView').then((m) => ({ default: m.ChainGraphView })));

/** The imported node's chains by owner: who wrote what, empty and missing chains said as such. */
function OwnersLegend({ onChain }: { readonly onChain: (c: ImportedChainView) => void }) {
  const lang = useLabStore((s) => s.lang);
  const summary = useImportedNode((s) => s.summary)!;
  const m = importMessages[lang];
  const byOwner = useMemo(() => {
    const g = new Map<ChainOwner, ImportedChainView[]>();
    for (const c of summary.chains) g.set(c.owner, [...(g.get(c.owner) ?? []), c]);
    return g;
  }, [summary]);
  return (
    <details className="import-legend imported-legend">
      <summary>
        {m.legendTitle}:{' '}
        {[...byOwner.keys()].map((owner) => (
          <span key={owner} className="legend-owner">
            <span className={`owner-chip owner-${owner.replace(/\W+/g, '-').toLowerCase()}`} aria-hidden="true" />
            {m.owner(owner)} {summary.ownerCounts[owner] ?? 0}
          </span>
        ))}
      </summary>
      <section aria-label={m.legendTitle}>
        <ul>
          {[...byOwner].map(([owner, chains]) => (
            <li key={owner}>
              <span className={`owner-chip owner-${owner.replace(/\W+/g, '-').toLowerCase()}`} aria-hidden="true" />
              <strong>{m.owner(owner)}</strong> ({summary.ownerCounts[owner] ?? chains.length}):{' '}
              {chains.map((c) => (
                <button
                  type="button"
                  key={`${c.table}/${c.chain}`}
                  className={`chain-pill${c.missing ? ' is-missing' : ''}`}
                  title={`${c.table} ${c.chain}: ${c.rules} rules, ${c.references} references`}
                  onClick={() => onChain(c)}
                >
                  {c.table !== 'nat' && <span className="pill-table">{c.table} </span>}
                  {c.chain}
                  {c.missing ? ` (${m.notInDump})` : c.rules === 0 && c.references === 0 ? ` (${m.emptyUnreferenced})` : ''}
                </button>
              ))}
              {(summary.ownerCounts[owner] ?? 0) > chains.length ? ` …+${(summary.ownerCounts[owner] ?? 0) - chains.length}` : ''}
            </li>
          ))}
        </ul>
      </section>
    </details>
  );
}

/** The Chain graph region for the imported node: the same graph view, one table and Service at a time, and the owners legend. */
export function ImportedGraph() {
  const lang = useLabStore((s) => s.lang);
  const m = importMessages[lang];
  const { summary, table, setTable, selectedChain, setSelectedChain, restores } = useImportedNode();
  const [view, setView] = useState<GraphView | undefined>();
  const [service, setService] = useState<string | undefined>();
  const [serviceQuery, setServiceQuery] = useState('');
  const current = table ?? firstTable(summary?.tables ?? []);
  // A large graph comes cut to what is asked (graph-view.ts): a new pick asks again. A small one comes whole.
  // The worker lists Services by the query, at most 500 at once (every one of a large table is found by name).
  const partial = view?.partial ?? false;
  const focusKey = `${partial ? `${service ?? ''}\n${service ? '' : (selectedChain ?? '')}` : '\n'}\n${serviceQuery}`;
  useEffect(() => {
    if (!current) return;
    let live = true;
    const [s, c, q] = focusKey.split('\n');
    void engine()
      .importChainGraph(current, { ...(s ? { service: s } : {}), ...(c ? { chain: c } : {}), ...(q ? { serviceQuery: q } : {}) })
      .then((v) => live && setView(v));
    return () => {
      live = false;
    };
    // `restores`: a graph asked of a worker that died is asked again of the one the dump was read into.
  }, [current, summary, focusKey, restores]);
  const services = view?.services ?? [];
  const graph = view?.graph;
  // The picked chain's Service, else the learner's pick, else the first Service that is not the cluster's own.
  const chainService = selectedChain ? graph?.nodes.find((n) => n.chain === selectedChain)?.service : undefined;
  const shown = service ?? (chainService ? serviceOfPort(chainService) : partial ? '' : (services.find((s) => !s.startsWith('kube-system/') && s !== 'default/kubernetes') ?? services[0] ?? ''));
  if (!summary) return null;
  return (
    <div className="graph-panel imported-graph">
      <div className="panel-toolbar">
        <label className="field">
          <span>{m.table}</span>
          <select aria-label={m.table} value={current} onChange={(e) => setTable(e.target.value)}>
            {summary.tables.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        {((view?.serviceCount ?? 0) > services.length || serviceQuery !== '') && (
          <label className="field">
            <span>{m.graphServiceSearch}</span>
            <input type="search" aria-label={m.graphServiceSearch} value={serviceQuery} onChange={(e) => setServiceQuery(e.target.value)} />
            <span className="import-hint">{m.graphServicesListed(services.length, view?.matchingServices ?? 0, view?.serviceCount ?? 0)}</span>
          </label>
        )}
        {services.length > 0 && (
          <label className="field">
            <span>{m.graphService}</span>
            <select aria-label={m.graphService} value={shown} onChange={(e) => setService(e.target.value)}>
              <option value="">{m.allServices}</option>
              {services.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      <OwnersLegend
        onChain={(c) => {
          if (c.table !== current) setTable(c.table);
          setService(undefined);
          setSelectedChain(c.chain);
          void searchImported(c.chain);
        }}
      />
      {view?.partial && <p className="import-hint imported-partial">{m.graphPartial(view.graph.nodes.length, view.totalChains)}</p>}
      <div className="graph-body">
        {graph && (
          <Suspense fallback={null}>
            <ChainGraphView
              standalone
              graph={graph}
              {...(shown ? { service: shown } : {})}
              {...(selectedChain ? { selectedChain } : {})}
              onSelectChain={(c) => {
                setSelectedChain(c === selectedChain ? undefined : c);
                void searchImported(c);
              }}
            />
          </Suspense>
        )}
      </div>
    </div>
  );
}

/** The Rules region for the imported node: every table as it reads back, a search that lights what it finds, the traced rules marked. */
export function ImportedRules() {
  const lang = useLabStore((s) => s.lang);
  const m = importMessages[lang];
  const { summary, query, hits, trace, follow } = useImportedNode();
  // The <pre> as state: the virtual list finds its scroller only on a render after the element exists.
  const [preEl, setPreEl] = useState<HTMLPreElement | null>(null);
  const pre = useMemo(() => ({ current: preEl }), [preEl]);
  const lines = useMemo(() => summary?.linesText.split('\n') ?? [], [summary]);
  const highlight = useMemo(() => new Set(hits), [hits]);
  const traced = useMemo(() => {
    if (!trace?.ok) return undefined;
    const at = trace.packets[0]?.hops.filter((h) => h.matched && h.viewLine !== undefined).map((h) => h.viewLine!) ?? [];
    return at.length ? { lines: at, kind: 'accept' } : undefined;
  }, [trace]);
  const current = traced && (follow === 'trace' || hits[0] === undefined) ? traced : hits[0] !== undefined ? { lines: [hits[0]], kind: 'hit' } : undefined;
  return (
    <div className="imported-rules">
      <div className="panel-toolbar">
        <label className="field">
          <span>{m.search}</span>
          <input type="search" aria-label={m.search} value={query} onChange={(e) => void searchImported(e.target.value)} placeholder="172.30.191.111, 80, KUBE-SVC-…" />
        </label>
        {query && <span className="import-hits">{m.searchHits(hits.length)}</span>}
      </div>
      <pre ref={setPreEl} className="import-lines" tabIndex={0} aria-label={m.rulesTitle}>
        <VirtualLines lines={lines} scroller={pre} highlightLines={highlight} stop={hits[0] ?? current?.lines[0] ?? 0} {...(current ? { current } : {})} />
      </pre>
    </div>
  );
}

/** The Packet region for the imported node: a packet described by hand, traced through the node's hooks. */
export function ImportedPacket() {
  const lang = useLabStore((s) => s.lang);
  const m = importMessages[lang];
  const { summary, form, setForm, trace } = useImportedNode();
  const result = useRef<HTMLDivElement>(null);
  // The region is small: a new result scrolls into view below the form.
  // A block body: Chromium's scrollIntoView now returns a promise, which React would take for the effect's cleanup.
  useEffect(() => {
    result.current?.scrollIntoView({ block: 'nearest' });
  }, [trace]);
  if (!summary) return null;
  return (
    <section className="import-trace imported-packet" aria-label={m.traceTitle}>
      <p className="import-hint">{m.traceHint}</p>
      <div className="import-trace-form">
        <label className="field">
          <span>{m.src}</span>
          <input aria-label={m.src} value={form.src} onChange={(e) => setForm({ ...form, src: e.target.value })} />
        </label>
        <label className="field">
          <span>{m.dst}</span>
          <input aria-label={m.dst} value={form.dst} placeholder="172.30.191.111:80" onChange={(e) => setForm({ ...form, dst: e.target.value })} />
        </label>
        <label className="field">
          <span>{m.proto}</span>
          <select aria-label={m.proto} value={form.proto} onChange={(e) => setForm({ ...form, proto: e.target.value as 'tcp' | 'udp' })}>
            <option value="tcp">tcp</option>
            <option value="udp">udp</option>
          </select>
        </label>
        <label className="field">
          <span>{m.arrivesOn}</span>
          <input aria-label={m.arrivesOn} value={form.iface} disabled={form.local} onChange={(e) => setForm({ ...form, iface: e.target.value })} />
        </label>
        <label className="field">
          <input type="checkbox" checked={form.local} onChange={(e) => setForm({ ...form, local: e.target.checked })} />
          <span>{m.fromLocal}</span>
        </label>
        <label className="field">
          <span>{m.nodeIp}</span>
          <input aria-label={m.nodeIp} value={form.nodeIp} placeholder={summary.setupNotes[0] ?? ''} onChange={(e) => setForm({ ...form, nodeIp: e.target.value })} />
        </label>
        <label className="field">
          <span>{m.podCidr}</span>
          <input aria-label={m.podCidr} value={form.podCidr} placeholder="10.244.1.0/24" onChange={(e) => setForm({ ...form, podCidr: e.target.value })} />
        </label>
        <button type="button" onClick={() => void traceImported()} disabled={!form.dst}>
          {m.trace}
        </button>
      </div>
      {trace && !trace.ok && <p role="alert">{trace.error}</p>}
      {trace?.ok && (
        <div className="import-trace-result" role="status" ref={result}>
          <p>
            <strong>{m.outcome(trace.outcome)}</strong>
            {trace.endpoint ? ` → ${trace.endpoint.ip}:${trace.endpoint.port}${trace.endpoint.namedBy ? ` (${trace.endpoint.namedBy})` : ''}` : ''}
          </p>
          {trace.packets.slice(0, 2).map((p, k) => (
            <div key={k}>
              <h4>
                {p.label} ({p.direction})
              </h4>
              <ol>
                {p.hops
                  .filter((h) => h.matched)
                  .map((h, j) => (
                    <li key={j} className={h.lookup ? 'is-lookup' : undefined}>
                      <code>
                        {h.dumpLine !== undefined ? `#${h.dumpLine} ` : ''}
                        {h.hook} {h.table} {h.chain} {h.lookup ? `${m.lookup} ${h.rule}` : `→ ${h.target ?? '(count)'}`}
                      </code>
                      {h.change ? ` ${h.change}` : ''}
                    </li>
                  ))}
              </ol>
              <p>→ {p.fate}</p>
            </div>
          ))}
          {trace.conntrack.length > 0 && (
            <>
              <h4>{m.conntrackTitle}</h4>
              <pre className="imported-conntrack">{trace.conntrack.join('\n')}</pre>
            </>
          )}
        </div>
      )}
    </section>
  );
}
