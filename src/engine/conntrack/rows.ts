/**
 * The entries `conntrack -L` lists, as fields rather than a line: the same entries in the same order
 * (print.ts), for a table people can sort and read without parsing `src=… dst=…`.
 */
import { formatIpv4 } from '../ipv4';
import { IPS, type ConntrackTable } from './model';
import { remainingSeconds } from './print';
import { entriesInListOrder, remainingMs } from './table';
import type { ConntrackTuple } from './tuple';

/** One conntrack entry as a table row. */
export interface ConntrackRow {
  readonly id: number;
  readonly protocol: string;
  /** TCP state, or '' for other protocols. */
  readonly state: string;
  readonly timeoutSeconds: number;
  readonly original: string;
  readonly reply: string;
  readonly flags: readonly ('UNREPLIED' | 'ASSURED')[];
  readonly mark: number;
  /** Which translations the entry holds. */
  readonly nat: readonly ('SNAT' | 'DNAT')[];
}

const tupleText = (t: ConntrackTuple): string =>
  t.protocol === 'icmp' ? `${formatIpv4(t.src)} → ${formatIpv4(t.dst)} id ${t.icmpId ?? 0}` : `${formatIpv4(t.src)}:${t.sport} → ${formatIpv4(t.dst)}:${t.dport}`;

/** The rows of the entries `conntrack -L` would list at `nowMs` (the expired ones are gone). */
export function conntrackRows(table: ConntrackTable, nowMs: number): ConntrackRow[] {
  return entriesInListOrder(table)
    .filter((e) => remainingMs(e, nowMs) > 0)
    .map(
      (e): ConntrackRow => ({
        id: e.id,
        protocol: e.original.protocol,
        state: e.tcp?.state ?? '',
        timeoutSeconds: remainingSeconds(e, nowMs),
        original: tupleText(e.original),
        reply: tupleText(e.reply),
        flags: [...((e.status & IPS.SEEN_REPLY) === 0 ? (['UNREPLIED'] as const) : []), ...((e.status & IPS.ASSURED) !== 0 ? (['ASSURED'] as const) : [])],
        mark: e.mark,
        nat: [...((e.status & IPS.SRC_NAT) !== 0 ? (['SNAT'] as const) : []), ...((e.status & IPS.DST_NAT) !== 0 ? (['DNAT'] as const) : [])],
      }),
    );
}
