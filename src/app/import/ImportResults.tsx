import { useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { GuideAction } from './read-your-node';
import { engine } from '../../worker/client';
import type { ChainOwner, ImportedChainView, ImportDiffResponse, ImportSummary, ImportTraceResponse } from '../../worker/import-api';
import { useLabStore } from '../store';
import { VirtualLines } from '../rules/VirtualLines';
import { importMessages } from './messages';
import { ImportDiffView } from './ImportDiffView';
import { ImportChainGraph } from './ImportChainGraph';

/** The imported node: what the import reported, its chains by owner, its rules (searchable), a trace and the diff. */
/** What the lesson's "Show me" can do in the results: a search or a trace, as if typed into the forms. */
export interface ResultsHandle {
  apply(action: Exclude<GuideAction, { kind: 'example' }>): void;
}

export function ImportResults({ summary, handle }: { readonly summary: ImportSummary; readonly handle?: RefObject<ResultsHandle | null> }) {
  const lang = useLabStore((s) => s.lang);
  const scenarioText = useLabStore((s) => s.scenarioText);
  const m = importMessages[lang];
  const pre = useRef<HTMLPreElement>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<readonly number[]>([]);
  const [trace, setTrace] = useState<ImportTraceResponse | undefined>();
  const [diff, setDiff] = useState<ImportDiffResponse | undefined>();
  const [form, setForm] = useState({ src: '10.0.0.99', dst: '', proto: 'tcp' as 'tcp' | 'udp', iface: 'eth0', local: false, nodeIp: '', podCidr: '' });
  const byOwner = useMemo(() => {
    const g = new Map<ChainOwner, ImportedChainView[]>();
    for (const c of summary.chains) {
      const list = g.get(c.owner);
      if (list) list.push(c);
      else g.set(c.owner, [c]);
    }
    return g;
  }, [summary]);
  const traced = useMemo(() => {
    if (!trace?.ok) return undefined;
    const lines = trace.packets[0]?.hops.filter((h) => h.matched && h.viewLine !== undefined).map((h) => h.viewLine!) ?? [];
    return lines.length ? { lines, kind: 'accept' } : undefined;
  }, [trace]);
  const highlight = useMemo(() => new Set(hits), [hits]);
  const lines = useMemo(() => summary.linesText.split('\n'), [summary]);

  /** What the rules view follows: the last search, or the last trace. */
  const [follow, setFollow] = useState<'search' | 'trace'>('search');
  const search = async (q: string): Promise<void> => {
    setQuery(q);
    setFollow('search');
    setHits(await engine().importSearch(q));
  };
  const runTrace = async (f: typeof form = form): Promise<void> => {
    setFollow('trace');
    setTrace(
      await engine().importTrace({
        src: f.src,
        dst: f.dst,
        protocol: f.proto,
        ...(f.local ? {} : { inInterface: f.iface || 'eth0' }),
        setup: { ...(f.nodeIp ? { nodeIps: f.nodeIp.split(',').map((s) => s.trim()) } : {}), ...(f.podCidr ? { podCidr: f.podCidr } : {}) },
      }),
    );
  };
  useImperativeHandle(handle, () => ({
    apply(a) {
      if (a.kind === 'search') void search(a.query);
      else {
        const f = { ...form, src: a.src, dst: a.dst, iface: a.inInterface, local: false };
        setForm(f);
        void runTrace(f);
      }
    },
  }));

  return (
    <div className="import-results">
      <p className="import-summary" role="status">
        {m.summary(summary.lineCount, summary.ruleCount, summary.chainCount, summary.elapsedMs)}
      </p>
      {summary.issues.length > 0 && (
        <details className="import-issues" open>
          <summary>{m.issuesTitle(summary.issues.length)}</summary>
          <ul aria-label={m.issuesTitle(summary.issues.length)}>
            {summary.issues.slice(0, 300).map((i, k) => (
              <li key={k} className={`issue-${i.severity}`}>
                <span aria-hidden="true">{i.severity === 'error' ? '⛔' : i.severity === 'warning' ? '⚠️' : 'ℹ️'}</span> {m.issue(i)}
              </li>
            ))}
          </ul>
        </details>
      )}
      <section aria-label={m.legendTitle} className="import-legend">
        <h3>{m.legendTitle}</h3>
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
                  title={`${c.table} ${c.chain}: ${c.rules} rules, ${c.references} references${c.missing ? ` — ${m.notInDump}` : c.rules === 0 && c.references === 0 ? ` — ${m.emptyUnreferenced}` : ''}`}
                  onClick={() => void search(c.chain)}
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
      <ImportChainGraph tables={[...new Set(summary.chains.map((c) => c.table))]} onSelectChain={(c) => void search(c)} />
      <section className="import-rules" aria-label={m.rulesTitle}>
        <h3>{m.rulesTitle}</h3>
        <label className="field">
          <span>{m.search}</span>
          <input type="search" aria-label={m.search} value={query} onChange={(e) => void search(e.target.value)} placeholder="172.30.191.111, 80, KUBE-SVC-…" />
        </label>
        {query && <span className="import-hits">{m.searchHits(hits.length)}</span>}
        <pre ref={pre} className="import-lines" tabIndex={0}>
          <VirtualLines lines={lines} scroller={pre} highlightLines={highlight} stop={hits[0] ?? 0} {...(traced && (follow === 'trace' || hits[0] === undefined) ? { current: traced } : hits[0] !== undefined ? { current: { lines: [hits[0]], kind: 'hit' } } : {})} />
        </pre>
      </section>
      <section className="import-trace" aria-label={m.traceTitle}>
        <h3>{m.traceTitle}</h3>
        <fieldset>
          <legend>{m.nodeForm}</legend>
          <label className="field">
            <span>{m.nodeIp}</span>
            <input aria-label={m.nodeIp} value={form.nodeIp} placeholder={summary.setupNotes[0] ?? ''} onChange={(e) => setForm({ ...form, nodeIp: e.target.value })} />
          </label>
          <label className="field">
            <span>{m.podCidr}</span>
            <input aria-label={m.podCidr} value={form.podCidr} placeholder="10.244.1.0/24" onChange={(e) => setForm({ ...form, podCidr: e.target.value })} />
          </label>
        </fieldset>
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
          <button type="button" onClick={() => void runTrace()} disabled={!form.dst}>
            {m.trace}
          </button>
        </div>
        {trace && !trace.ok && <p role="alert">{trace.error}</p>}
        {trace?.ok && (
          <div className="import-trace-result" role="status">
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
                      <li key={j}>
                        <code>
                          {h.dumpLine !== undefined ? `#${h.dumpLine} ` : ''}
                          {h.hook} {h.table} {h.chain} → {h.target ?? '(count)'}
                        </code>
                        {h.change ? ` ${h.change}` : ''}
                      </li>
                    ))}
                </ol>
                <p>→ {p.fate}</p>
              </div>
            ))}
          </div>
        )}
      </section>
      <section className="import-diff" aria-label={m.diffTitle}>
        <h3>{m.diffTitle}</h3>
        <button type="button" onClick={() => void engine().importDiff(scenarioText).then(setDiff)}>
          {m.diffRun}
        </button>
        {diff && !diff.ok && <p role="alert">{diff.error}</p>}
        {diff?.ok && <ImportDiffView diff={diff.diff} nodes={diff.nodes} onNode={(node) => void engine().importDiff(scenarioText, node).then(setDiff)} />}
      </section>
    </div>
  );
}
