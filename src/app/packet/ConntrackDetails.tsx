import { useId, useState } from 'react';
import type { PacketMessages } from './messages';
import { useLabStore } from '../store';
import { playbackMessages } from './playback-messages';
import { usePacketStore } from './store';
import { conntrackAt, EMPTY_SNAPSHOT, hopNode, rowChange, type ConntrackSnapshot } from './steps';
import { useDescribedStep, usePacketText } from './useCurrentStep';
import { packetLabel } from '../outcome-text';
import { clockMessages } from './clock-messages';
import { ConntrackChangeNote } from './ConntrackChangeNote';

type Rows = ConntrackSnapshot['rows'][string];

interface EntryTableProps {
  readonly rows: Rows;
  readonly previous: Rows | undefined;
  readonly fresh: boolean;
  readonly m: PacketMessages;
}

function EntryTable({ rows, previous, fresh, m }: EntryTableProps) {
  const original = m.original;
  const reply = m.reply;
  return (
    <table className="ct-table">
      <thead>
        <tr>
          <th scope="col">{m.state}</th>
          <th scope="col">
            {original} / {reply}
          </th>
          <th scope="col">
            {m.nat} · {m.flags}
          </th>
          <th scope="col">{m.timeout}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const change = fresh ? rowChange(r, previous) : undefined;
          return (
            <tr key={`${r.id}-${r.original}`} className={change ? `ct-row is-${change}` : 'ct-row'} data-testid="conntrack-row">
              <td>
                <span className="ct-proto">{m.protocolName(r.protocol)}</span> <strong>{r.state || '—'}</strong>
                {change && (
                  <span className="ct-change">
                    <span aria-hidden="true">{change === 'new' ? '✚ ' : '✎ '}</span>
                    {change === 'new' ? m.isNew : m.isChanged}
                  </span>
                )}
              </td>
              <td className="ct-tuples">
                <span>
                  <span className="pk-muted">{original} </span>
                  {r.original}
                </span>
                <span>
                  <span className="pk-muted">{reply} </span>
                  {r.reply}
                </span>
              </td>
              <td>
                {[...r.nat, ...r.flags.map((f) => `[${f}]`), ...(r.mark ? [`mark=${r.mark}`] : [])].join(' ') || '—'}
              </td>
              <td className="ct-num">{r.timeoutSeconds}s</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The Conntrack region: for each node the connection crossed, its entries as a table and as
 * `conntrack -L` prints them, as they are at the current hop: the worker snapshots the tables after
 * each packet, and the hops where the kernel changed an entry carry its line (conntrack-step.ts).
 * Entries a hop created or changed are marked on that hop.
 */
export default function ConntrackDetails() {
  const m = usePacketText();
  const tabsId = useId();
  const cur = useDescribedStep();
  const baseline = usePacketStore((s) => s.baseline);
  const [picked, setPicked] = useState<{ readonly node: string; readonly at: string | undefined }>();
  const ct = cur ? conntrackAt(cur.trace, cur.step, baseline) : { shown: baseline, previous: EMPTY_SNAPSHOT, fresh: false, complete: false, during: false };
  const hopAt = cur ? hopNode(cur.hop, cur.packet) : undefined;
  // Tabs: every node of the connection, then any other node that holds entries.
  const nodes = [...new Set([...(cur?.trace.packets.flatMap((p) => p.nodes) ?? []), ...Object.keys(ct.shown.lines)])];
  // The tab follows the packet; a tab the user picks holds until the packet moves to another node.
  const node = picked && picked.at === hopAt && nodes.includes(picked.node) ? picked.node : hopAt && nodes.includes(hopAt) ? hopAt : nodes[0];
  const rows = node ? ct.shown.rows[node] ?? [] : [];
  const lines = node ? ct.shown.lines[node] ?? [] : [];
  const lang = useLabStore((l) => l.lang);
  const pm = playbackMessages(lang);
  const change = usePacketStore((s) => s.change);
  let label = change && !cur ? clockMessages(lang).tablesAfter(change.kind) : m.conntrackBefore;
  if (cur && ct.complete) label = m.conntrackSnapshot(packetLabel(cur.packet.label, lang));
  else if (cur && ct.during) label = pm.conntrackDuring(packetLabel(cur.packet.label, lang));
  else if (cur && cur.step.packet > 0) label = m.conntrackSnapshot(packetLabel(cur.trace.packets[cur.step.packet - 1]!.label, lang));
  return (
    <div className="conntrack-panel" data-testid="conntrack-panel">
      <div className="ct-toolbar">
        <div role="tablist" aria-label="Conntrack node" id={tabsId}>
          {nodes.map((n) => (
            <button
              key={n}
              type="button"
              role="tab"
              className={`tab${n === hopAt ? ' is-here' : ''}`}
              aria-selected={n === node}
              onClick={() => setPicked({ node: n, at: hopAt })}
            >
              {n} <span className="pk-muted">({ct.shown.rows[n]?.length ?? 0})</span>
            </button>
          ))}
        </div>
        <span className="pk-muted ct-when">{label}</span>
      </div>
      <div className="ct-body" role="tabpanel" aria-labelledby={tabsId} tabIndex={0}>
        {!cur && <ConntrackChangeNote />}
        {rows.length === 0 ? <p className="pk-empty">{m.conntrackNone}</p> : <EntryTable rows={rows} previous={node ? ct.previous.rows[node] : undefined} fresh={ct.fresh} m={m} />}
        <pre className="ct-raw" aria-label={m.rawTitle} tabIndex={0}>
          <span className="ct-prompt">root@{node ?? 'node'}:/# conntrack -L</span>
          {'\n'}
          {lines.map((l, i) => (
            <span key={i}>
              {l}
              {'\n'}
            </span>
          ))}
          <span className="pk-muted">{m.flowEntries(lines.length)}</span>
        </pre>
      </div>
    </div>
  );
}
