/**
 * `kpl trace --mode all` as people and programs read it: each mode's trace (report.ts) under its own
 * heading, then one table row per mode (where the DNAT happened, what chose the endpoint, rules and
 * lookups for the first packet, the endpoint, the source it sees, how the first packet ended), the
 * endpoints each structure chooses among, and the differences in words. JSON: the DESIGN §4 trace of
 * each mode keyed by the mode, plus the comparison as data.
 */
import type { ModeComparison, ModeRun, ModeSummary, FirstPacketEnd } from './compare-modes';
import type { ProxyMode } from './data-planes';
import { alignColumns, traceJson, traceText, type TextOptions, type TraceJson } from './report';

export type CompareJson = { readonly [mode in ProxyMode]?: TraceJson } & { readonly summary: ModeComparison };

export function compareJson(runs: readonly ModeRun[], comparison: ModeComparison): CompareJson {
  const traces: { [mode in ProxyMode]?: TraceJson } = {};
  for (const r of runs) traces[r.mode] = traceJson(r.journey);
  return { ...traces, summary: comparison };
}

/** Where the destination was rewritten: `PREROUTING nat KUBE-SEP-…`, `LOCAL_IN IPVS 10.96.0.10:53`. */
export function dnatText(s: ModeSummary): string {
  const d = s.dnat;
  if (!d) return '-';
  return d.kind === 'ipvs' ? `${d.stage} IPVS ${d.from}` : `${d.hook} ${d.table} ${d.chain}`;
}

/** What chose the endpoint: `statistic KUBE-SVC-… rule 2 of 3`, `numgen random mod 3 = 2`, `IPVS rr`. */
export function chooserText(s: ModeSummary): string {
  const c = s.chooser;
  if (!c) return '-';
  switch (c.kind) {
    case 'statistic':
      return c.affinity ? `recent (affinity) ${c.chain}` : `statistic ${c.chain} rule ${c.matched} of ${c.candidates.length}`;
    case 'numgen':
      return `numgen random mod ${c.modulus} = ${c.value}`;
    case 'scheduler':
      return `IPVS ${c.scheduler}${c.persistent ? ' persistent' : ''} scheduler`;
  }
}

export function endText(end: FirstPacketEnd): string {
  switch (end.kind) {
    case 'delivered':
      return 'delivered';
    case 'rejected':
      return end.by.kind === 'ipvs' ? `rejected: IPVS has no real server (${end.rejectWith})` : `rejected by ${end.by.table} ${end.by.chain} (${end.rejectWith})`;
    case 'refused':
      return `refused: nothing listens on ${end.address}/${end.protocol} (${end.rejectWith})`;
    case 'dropped':
      return `dropped by ${end.by.table} ${end.by.chain}`;
    case 'unanswered':
      return `unanswered: nobody owns ${end.dst}`;
    case 'lost':
      return `lost: ${end.reason}`;
  }
}

const HEADINGS: Readonly<Record<ProxyMode, string>> = { iptables: 'iptables mode', nftables: 'nftables mode', ipvs: 'IPVS mode (deprecated since Kubernetes 1.35)' };

/** The sentences' `code` spans, as plain text for a terminal. */
const plain = (s: string): string => s.replaceAll('`', '');

export function compareText(runs: readonly ModeRun[], comparison: ModeComparison, options: TextOptions = {}): string {
  const out: string[] = [];
  for (const r of runs) out.push(`=== ${HEADINGS[r.mode]} ===`, '', traceText(r.journey, options));
  out.push('=== summary (first packet) ===', '');
  const rows = [
    ['mode', 'DNAT at', 'endpoint chosen by', 'rules', 'lookups', 'endpoint', 'pod sees', 'first packet'],
    ...comparison.modes.map((s) => [
      s.mode,
      dnatText(s),
      chooserText(s),
      String(s.rulesEvaluated),
      String(s.mapLookups + s.ipvsLookups),
      s.endpoint ? `${s.endpoint.pod ?? s.endpoint.node ?? ''} ${s.endpoint.ip}:${s.endpoint.port}`.trim() : '-',
      s.seenSource ?? '-',
      endText(s.end),
    ]),
  ];
  out.push(...alignColumns(rows, new Set([3, 4])).map((l) => `  ${l}`), '');
  const sets = new Set(comparison.modes.map((s) => s.endpointSet.join(', ')));
  if (sets.size === 1) out.push(`endpoints to choose from: ${comparison.modes[0]?.endpointSet.join(', ') || 'none'} (every mode)`);
  else for (const s of comparison.modes) out.push(`endpoints to choose from (${s.mode}): ${s.endpointSet.join(', ') || 'none'}`);
  if (comparison.differences.length > 0) {
    out.push('', 'differences');
    for (const d of comparison.differences) out.push(`  ${d.kind} (${d.modes.join(', ')}): ${plain(d.en)}`);
  }
  return `${out.join('\n')}\n`;
}
