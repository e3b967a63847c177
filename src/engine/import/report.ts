/**
 * A trace through an imported node as the CLI prints it: DESIGN §4's JSON (outcome, endpoint, packets
 * with every rule evaluated as `hops`, conntrack per node) plus what only a dump trace has — each
 * packet's `leaves` (where it left the node for) and the dump line of every rule — and a text form.
 */
import { formatIpv4 } from '../ipv4';
import { iptablesTableOf, type Hop, type MapLookupHop, type RuleHop } from '../node/hops';
import { tableRef } from '../nftables/model';
import { alignColumns, headerChange, hopJson, natFromEntryLabel, type HopJson } from '../sim/report';
import type { ImportedDump } from './model';
import { chainKey } from './model';
import type { DumpFate, DumpTrace, DumpTracePacket } from './trace';

export interface DumpHopJson extends HopJson {
  /** The rule's line in the pasted dump (absent for a policy). */
  readonly line?: number;
}

const addr = (ip: number, port: number): string => `${formatIpv4(ip)}:${port}`;

export function fateText(f: DumpFate): string {
  switch (f.kind) {
    case 'left':
      return `leaves through ${f.device} toward ${f.toward} (${addr(f.header.src, f.header.sport)} → ${addr(f.header.dst, f.header.dport)})`;
    case 'local':
      return `delivered to a local socket on the node (${addr(f.header.dst, f.header.dport)})`;
    case 'dropped':
      return `dropped: ${f.hop ? `${f.hop.rule} (${f.reason})` : f.reason}`;
    case 'rejected':
      return `rejected by ${f.hop.rule} (${f.rejectWith})`;
    case 'no-route':
      return `no route: ${f.reason}`;
    case 'incomplete':
      return `stops at ${f.hop.rule}: the dump does not hold ${f.chain}${f.named ? ` (its comment names the endpoint ${f.named.ip}:${f.named.port})` : ''}`;
  }
}

/** The line of the rule a hop evaluated (or an nft rule that looked up a map), found by position in the dump's own ruleset. */
export function hopLine(dump: ImportedDump, h: RuleHop | MapLookupHop): number | undefined {
  if (h.ruleIndex < 0) return undefined;
  const table = iptablesTableOf(h.table);
  if (table) {
    const rule = dump.ruleset.tables.get(table)?.chains.get(h.chain)?.rules[h.ruleIndex];
    return rule ? dump.ruleLines.get(rule) : undefined;
  }
  const rule = dump.nft?.ruleset.tables.find((t) => tableRef(t) === h.table)?.chains.find((c) => c.name === h.chain)?.rules[h.ruleIndex];
  return rule ? dump.nft!.ruleLines.get(rule) : undefined;
}

const isRule = (h: Hop): h is RuleHop => h.kind === 'rule';

export function dumpTraceJson(t: DumpTrace, dump: ImportedDump) {
  return {
    outcome: t.outcome,
    ...(t.endpoint ? { endpoint: { ...t.endpoint, node: t.node } } : {}),
    packets: t.packets.map((p: DumpTracePacket) => ({
      label: p.label,
      direction: p.direction,
      hops: p.hops.filter(isRule).map((h): DumpHopJson => {
        const line = hopLine(dump, h);
        return { ...hopJson(h), ...(line !== undefined ? { line } : {}) };
      }),
      ...(p.fate.kind === 'left' || p.fate.kind === 'local'
        ? { delivered: { src: formatIpv4(p.fate.header.src), sport: p.fate.header.sport, dst: formatIpv4(p.fate.header.dst), dport: p.fate.header.dport } }
        : {}),
      ...(p.fate.kind === 'left' ? { leaves: { interface: p.fate.device, ...(p.fate.via !== undefined ? { via: formatIpv4(p.fate.via) } : {}), toward: p.fate.toward } } : {}),
      fate: fateText(p.fate),
      rulesEvaluated: p.rulesEvaluated,
    })),
    conntrack: t.conntrack.length ? { [t.node]: t.conntrack } : {},
    rulesEvaluated: t.rulesEvaluated,
  };
}

function hopRow(h: Hop, dump: ImportedDump, verbose: boolean): string[] | undefined {
  switch (h.kind) {
    case 'rule': {
      if (!h.matched && !verbose) return undefined;
      const line = hopLine(dump, h);
      const where = h.ruleIndex < 0 ? `${h.hook} ${h.table} ${h.chain}` : `${h.hook} ${h.table} ${h.chain}#${h.ruleIndex + 1}`;
      const missing = h.target !== undefined && iptablesTableOf(h.table) !== undefined && dump.missingChains.has(chainKey(iptablesTableOf(h.table)!, h.target)) ? ' (not in the dump)' : '';
      return [line !== undefined ? `line ${line}` : '', where, h.matched ? `${h.target ?? '(count)'}${missing}` : 'no match', headerChange(h.before, h.after)];
    }
    case 'conntrack':
      return ['', `${h.hook} conntrack`, h.ctstate, h.isNew ? 'new entry' : h.entryId !== undefined ? `entry #${h.entryId}, ${h.direction}` : ''];
    case 'nat-from-entry': {
      const change = headerChange(h.before, h.after);
      if (!change && !verbose) return undefined;
      return ['', `${h.hook} nat (conntrack)`, change ? natFromEntryLabel(h.manip, h.direction) : 'no change', change || 'nat table skipped'];
    }
    case 'routing':
      if (!verbose) return undefined;
      return ['', `${h.hook} routing`, h.decision ? (h.decision.kind === 'local' ? 'local' : h.decision.device) : 'no route', formatIpv4(h.destination)];
    case 'confirm':
      return verbose ? ['', `${h.hook} conntrack`, h.ok ? 'confirm' : 'clash', `entry #${h.entryId}`] : undefined;
    case 'map-lookup': {
      const line = hopLine(dump, h);
      return [line !== undefined ? `line ${line}` : '', `${h.hook} ${h.table} ${h.chain}#${h.ruleIndex + 1}`, h.verdict !== undefined ? 'lookup' : 'no element', h.text];
    }
    case 'ipvs':
      return undefined;
  }
}

/**
 * What the IPv4 trace does with the dump's IPv6 rules, in a sentence ('' when it has none): ip6 tables are
 * never entered, an inet table's IPv6 rules never match.
 */
export function ipv6TablesPassedBy(dump: ImportedDump): string {
  const tables = dump.nft?.ruleset.tables ?? [];
  const ip6 = tables.filter((t) => t.family === 'ip6').map((t) => `table ip6 ${t.name}`);
  const inet = tables.filter((t) => t.family === 'inet' && t.chains.some((c) => c.rules.some((r) => r.statements.some((s) => s.kind === 'ipv6-only')))).map((t) => `table inet ${t.name}`);
  const parts: string[] = [];
  if (ip6.length) parts.push(`${ip6.join(', ')} ${ip6.length > 1 ? 'are' : 'is'} passed by: its hooks see IPv6 packets only, and the lab traces IPv4`);
  if (inet.length) parts.push(`${inet.join(', ')}: its base chains see this IPv4 packet, its IPv6 rules (ip6 …, icmpv6 …) never match it`);
  return parts.join('; ');
}

export function dumpTraceText(t: DumpTrace, dump: ImportedDump, options: { readonly verbose?: boolean } = {}): string {
  const lines: string[] = [];
  const e = t.endpoint;
  const end = e ? ` → ${e.ip}:${e.port}${e.local ? ' (a local socket)' : ''}${e.namedBy ? ` (named by the jump to ${e.namedBy}, which the dump does not hold)` : ''}` : '';
  lines.push(`${t.outcome}${end} on ${t.node}`);
  for (const p of t.packets) {
    lines.push('', `${p.label} (${p.direction}, ${addr(p.sent.src, p.sent.sport)} → ${addr(p.sent.dst, p.sent.dport)}, ${p.rulesEvaluated} rules evaluated)`);
    const rows = p.hops.map((h) => hopRow(h, dump, options.verbose ?? false)).filter((r): r is string[] => r !== undefined);
    lines.push(...alignColumns(rows).map((l) => `  ${l}`));
    lines.push(`  → ${fateText(p.fate)}`);
  }
  if (t.conntrack.length) lines.push('', `conntrack -L (${t.node})`, ...t.conntrack.map((l) => `  ${l}`));
  const passedBy = ipv6TablesPassedBy(dump);
  if (passedBy.length) lines.push('', passedBy);
  return `${lines.join('\n')}\n`;
}
