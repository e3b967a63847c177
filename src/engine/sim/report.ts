/**
 * A journey as people and programs read it: the DESIGN §4 JSON (`kpl trace --json`, fields fixed there)
 * and a text trace, one line per hop, aligned in columns.
 */
import { formatIpv4 } from '../ipv4';
import { ipvsHopText, type RuleHop } from '../node/hops';
import type { HeaderView } from '../packet';
import type { JourneyHop, PacketFate } from './carry';
import type { Journey, JourneyPacket } from './journey';
import { partyName } from './party';

export interface HeaderJson {
  readonly src: string;
  readonly sport: number;
  readonly dst: string;
  readonly dport: number;
  readonly mark: string;
}

export interface HopJson {
  readonly node: string;
  readonly hook: string;
  readonly table: string;
  readonly chain: string;
  readonly rule: string;
  readonly matched: boolean;
  readonly target?: string;
  readonly before: HeaderJson;
  readonly after: HeaderJson;
  readonly ctstate: string;
}

export interface PacketJson {
  readonly label: string;
  readonly direction: 'original' | 'reply';
  readonly hops: readonly HopJson[];
  readonly delivered?: Omit<HeaderJson, 'mark'>;
  readonly fate: string;
  readonly rulesEvaluated: number;
}

export interface TraceJson {
  readonly outcome: Journey['outcome'];
  readonly endpoint?: { readonly ip: string; readonly port: number; readonly pod?: string; readonly node?: string };
  readonly packets: readonly PacketJson[];
  readonly conntrack: Readonly<Record<string, readonly string[]>>;
  readonly seenSource?: { readonly ip: string; readonly port: number };
  readonly rulesEvaluated: number;
}

/** `IP:PORT`; ICMP has no ports (the lab's packets carry 0 there), so just the address. */
const addr = (ip: number, port: number): string => (port === 0 ? formatIpv4(ip) : `${formatIpv4(ip)}:${port}`);
const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

export function headerJson(h: HeaderView): HeaderJson {
  return { src: formatIpv4(h.src), sport: h.sport, dst: formatIpv4(h.dst), dport: h.dport, mark: hex(h.mark) };
}

export function hopJson(h: RuleHop): HopJson {
  return {
    node: h.node,
    hook: h.hook,
    table: h.table,
    chain: h.chain,
    rule: h.rule,
    matched: h.matched,
    ...(h.target !== undefined ? { target: h.target } : {}),
    before: headerJson(h.before),
    after: headerJson(h.after),
    ctstate: h.ctstate,
  };
}

export function fateText(f: PacketFate): string {
  switch (f.kind) {
    case 'delivered':
      return `delivered to ${partyName(f.to)}`;
    case 'rejected':
      if (f.refused) return `rejected by ${partyName(f.refused.by)}: nothing listens on ${addr(f.refused.address, f.refused.port)}/${f.refused.protocol} (${f.rejectWith})`;
      return `rejected on ${f.node} by ${f.hop === undefined ? 'REJECT' : f.hop.kind === 'ipvs' ? `IPVS: ${ipvsHopText(f.hop)}` : f.hop.rule} (${f.rejectWith})`;
    case 'dropped':
      return `dropped on ${f.node}: ${f.hop ? `${f.hop.rule} (${f.reason})` : f.reason}`;
    case 'no-route':
      return `no route: ${f.reason}`;
  }
}

const isRule = (h: JourneyHop): h is RuleHop => h.kind === 'rule';

export function packetJson(p: JourneyPacket): PacketJson {
  return {
    label: p.label,
    direction: p.direction,
    hops: p.hops.filter(isRule).map(hopJson),
    ...(p.delivered
      ? { delivered: { src: formatIpv4(p.delivered.src), sport: p.delivered.sport, dst: formatIpv4(p.delivered.dst), dport: p.delivered.dport } }
      : {}),
    fate: fateText(p.fate),
    rulesEvaluated: p.rulesEvaluated,
  };
}

export function traceJson(j: Journey): TraceJson {
  return {
    outcome: j.outcome,
    ...(j.endpoint
      ? { endpoint: { ip: formatIpv4(j.endpoint.ip), port: j.endpoint.port, ...(j.endpoint.pod ? { pod: j.endpoint.pod } : {}), ...(j.endpoint.node ? { node: j.endpoint.node } : {}) } }
      : {}),
    packets: j.packets.map(packetJson),
    conntrack: j.conntrack,
    ...(j.seenSource ? { seenSource: { ip: formatIpv4(j.seenSource.ip), port: j.seenSource.port } } : {}),
    rulesEvaluated: j.rulesEvaluated,
  };
}

/** What changed between two headers, `dst 10.200.1.100:9000 → 10.10.2.2:80`, or '' when nothing did. */
export function headerChange(before: HeaderView, after: HeaderView): string {
  const parts: string[] = [];
  if (before.src !== after.src || before.sport !== after.sport) parts.push(`src ${addr(before.src, before.sport)} → ${addr(after.src, after.sport)}`);
  if (before.dst !== after.dst || before.dport !== after.dport) parts.push(`dst ${addr(before.dst, before.dport)} → ${addr(after.dst, after.dport)}`);
  if (before.mark !== after.mark) parts.push(`mark ${hex(before.mark)} → ${hex(after.mark)}`);
  return parts.join(', ');
}

/** What a translation taken from a conntrack entry does, in the words people use for it. */
export function natFromEntryLabel(manip: 'SRC' | 'DST', direction: 'original' | 'reply'): string {
  if (direction === 'original') return manip === 'DST' ? 'DNAT (conntrack)' : 'SNAT (conntrack)';
  return manip === 'DST' ? 'un-SNAT' : 'un-DNAT';
}

export interface TextOptions {
  /** Every rule evaluated, not only the ones that matched. @default false */
  readonly verbose?: boolean;
}

/** One row per hop: node, where, what, change. */
function hopRow(h: JourneyHop, verbose: boolean): string[] | undefined {
  switch (h.kind) {
    case 'rule': {
      if (!h.matched && !verbose) return undefined;
      const what = h.matched ? (h.target ?? '(count)') : 'no match';
      const where = h.ruleIndex < 0 ? `${h.hook} ${h.table} ${h.chain}` : `${h.hook} ${h.table} ${h.chain}#${h.ruleIndex + 1}`;
      return [h.node, where, what, headerChange(h.before, h.after)];
    }
    case 'conntrack':
      return [h.node, `${h.hook} conntrack`, h.ctstate, `${h.isNew ? 'new entry' : h.entryId !== undefined ? `entry #${h.entryId}, ${h.direction}` : ''}`];
    case 'nat-from-entry': {
      const change = headerChange(h.before, h.after);
      if (!change && !verbose) return undefined;
      return [h.node, `${h.hook} nat (conntrack)`, change ? natFromEntryLabel(h.manip, h.direction) : 'no change', change || 'nat table skipped'];
    }
    case 'routing':
      if (!verbose) return undefined;
      return [h.node, `${h.hook} routing`, h.decision ? (h.decision.kind === 'local' ? 'local' : h.decision.device) : 'no route', formatIpv4(h.destination)];
    case 'map-lookup':
      return [h.node, `${h.hook} ${h.table} ${h.chain}#${h.ruleIndex + 1}`, h.verdict !== undefined ? 'lookup' : 'no element', h.text];
    case 'ipvs':
      return [h.node, `${h.hook} ipvs`, h.action, ipvsHopText(h)];
    case 'confirm':
      if (!verbose) return undefined;
      return [h.node, `${h.hook} conntrack`, h.ok ? 'confirm' : 'clash', `entry #${h.entryId}`];
    case 'send':
      return [partyName(h.from), 'send', '', `${addr(h.packet.src, h.packet.sport)} → ${addr(h.packet.dst, h.packet.dport)}`];
    case 'wire':
      return [h.from, `wire ${h.device}`, `→ ${h.to}`, ''];
    case 'deliver':
      return [partyName(h.to), 'receive', '', `${addr(h.packet.src, h.packet.sport)} → ${addr(h.packet.dst, h.packet.dport)}`];
  }
}

/** Rows of cells as aligned text columns, two spaces apart (right-aligned where asked), trailing spaces trimmed. */
export function alignColumns(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number> = new Set()): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) =>
    r
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function traceText(j: Journey, options: TextOptions = {}): string {
  const lines: string[] = [];
  const end = j.endpoint ? ` → ${j.endpoint.pod ?? j.endpoint.node ?? ''} ${addr(j.endpoint.ip, j.endpoint.port)}`.replace('  ', ' ') : '';
  lines.push(`${j.outcome}${end}${j.seenSource ? ` (it sees the client as ${addr(j.seenSource.ip, j.seenSource.port)})` : ''}`);
  for (const p of j.packets) {
    lines.push('', `${p.label} (${p.direction}, ${p.rulesEvaluated} rules evaluated)`);
    const rows = p.hops.map((h) => hopRow(h, options.verbose ?? false)).filter((r): r is string[] => r !== undefined);
    lines.push(...alignColumns(rows).map((l) => `  ${l}`));
    lines.push(`  → ${fateText(p.fate)}`);
  }
  const nodes = Object.keys(j.conntrack);
  if (nodes.length > 0) {
    lines.push('', 'conntrack -L');
    for (const n of nodes) {
      lines.push(`  ${n}`);
      for (const l of j.conntrack[n]!) lines.push(`    ${l}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
