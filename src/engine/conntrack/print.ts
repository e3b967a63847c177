/**
 * `conntrack -L` and `conntrack -E` lines, as conntrack-tools 1.4.8 prints them through
 * libnetfilter_conntrack's default formatter (src/conntrack/snprintf_default.c):
 *
 *   [event "%9s "] proto "%-8s %u " timeout "%u " [tcp state "%s "] original tuple [UNREPLIED]
 *   reply tuple [ASSURED] [mark=%u] [zone=%u] [use=%u]      (the final space trimmed)
 *
 * Timeouts are whole seconds left, rounded down (ctnetlink sends nf_ct_expires / HZ).
 */
import { formatIpv4 } from '../ipv4';
import { IPS, type ConntrackEntry, type ConntrackEventKind, type ConntrackTable } from './model';
import { entriesInListOrder, remainingMs } from './table';
import type { ConntrackTuple } from './tuple';

const PROTOCOL_NUMBERS: Readonly<Record<ConntrackTuple['protocol'], number>> = { icmp: 1, tcp: 6, udp: 17, sctp: 132 };

/** The version string conntrack-tools prints in its summary lines. */
export const CONNTRACK_TOOLS_VERSION = 'conntrack v1.4.8 (conntrack-tools)';

function tupleText(t: ConntrackTuple): string {
  const addresses = `src=${formatIpv4(t.src)} dst=${formatIpv4(t.dst)}`;
  if (t.protocol === 'icmp') return `${addresses} type=${t.icmpType ?? 0} code=${t.icmpCode ?? 0} id=${t.icmpId ?? 0}`;
  return `${addresses} sport=${t.sport} dport=${t.dport}`;
}

/** Seconds left, as ctnetlink reports them. */
export function remainingSeconds(entry: ConntrackEntry, nowMs: number): number {
  return Math.floor(remainingMs(entry, nowMs) / 1000);
}

interface LineParts {
  readonly timeout: number | undefined;
  readonly state: boolean;
  readonly mark: boolean;
  readonly use: boolean;
}

function line(entry: ConntrackEntry, parts: LineParts): string {
  const fields: string[] = [`${entry.original.protocol.padEnd(8)} ${PROTOCOL_NUMBERS[entry.original.protocol]}`];
  if (parts.timeout !== undefined) fields.push(String(parts.timeout));
  if (parts.state && entry.tcp) fields.push(entry.tcp.state);
  fields.push(tupleText(entry.original));
  if ((entry.status & IPS.SEEN_REPLY) === 0) fields.push('[UNREPLIED]');
  fields.push(tupleText(entry.reply));
  if ((entry.status & IPS.ASSURED) !== 0) fields.push('[ASSURED]');
  if (parts.mark) fields.push(`mark=${entry.mark}`);
  if (entry.zone !== 0) fields.push(`zone=${entry.zone}`);
  if (parts.use) fields.push(`use=${entry.use}`);
  return fields.join(' ');
}

/** One `conntrack -L` line for an entry. */
export function printConntrackEntry(entry: ConntrackEntry, nowMs: number): string {
  return line(entry, { timeout: remainingSeconds(entry, nowMs), state: true, mark: true, use: true });
}

/**
 * `conntrack -L` (stdout): one line per live entry, in `entriesInListOrder` (soonest expiry first).
 * Expired entries are not shown (the kernel skips them while dumping). Each line ends with a newline.
 */
export function printConntrackList(table: ConntrackTable, nowMs: number): string {
  return entriesInListOrder(table)
    .filter((e) => remainingMs(e, nowMs) > 0)
    .map((e) => `${printConntrackEntry(e, nowMs)}\n`)
    .join('');
}

/** How many entries `printConntrackList` would show. */
export function countListed(table: ConntrackTable, nowMs: number): number {
  return entriesInListOrder(table).filter((e) => remainingMs(e, nowMs) > 0).length;
}

/** The summary `conntrack -L` writes to stderr after the list. */
export function printListSummary(count: number): string {
  return `${CONNTRACK_TOOLS_VERSION}: ${count} flow entries have been shown.\n`;
}

/** The summary `conntrack -E` writes to stderr when it stops. */
export function printEventsSummary(count: number): string {
  return `${CONNTRACK_TOOLS_VERSION}: ${count} flow events have been shown.\n`;
}

/** Options for an event line. */
export interface EventPrintOptions {
  /**
   * Whether the message carried the protocol state: ctnetlink adds it to UPDATE events only when the
   * state changed (IPCT_PROTOINFO), so an update that only sets ASSURED prints no state. @default true
   */
  readonly protoinfo?: boolean;
}

/**
 * One `conntrack -E` line (without newline). Events carry no `use=`, and `mark=` only when the mark is
 * set; a DESTROY event omits the timeout once it has run out (ctnetlink_dump_timeout skips zero on destroy).
 */
export function printConntrackEvent(
  kind: ConntrackEventKind,
  entry: ConntrackEntry,
  nowMs: number,
  options: EventPrintOptions = {},
): string {
  const seconds = remainingSeconds(entry, nowMs);
  const timeout = kind === 'DESTROY' && seconds === 0 ? undefined : seconds;
  const state = kind !== 'UPDATE' || options.protoinfo !== false;
  return `${`[${kind}]`.padStart(9)} ${line(entry, { timeout, state, mark: entry.mark !== 0, use: false })}`;
}

/** The table's event log as `conntrack -E` prints it, one line per event, each ending with a newline. */
export function printEventLog(table: ConntrackTable): string {
  return (table.events ?? [])
    .map((ev) => `${printConntrackEvent(ev.kind, ev.entry, ev.atMs, { protoinfo: ev.protoinfo })}\n`)
    .join('');
}
