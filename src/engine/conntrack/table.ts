/**
 * The conntrack hash table: lookup with lazy expiry, confirm, kill and garbage collection
 * (net/netfilter/nf_conntrack_core.c), and the ctnetlink event log that `conntrack -E` reads.
 */
import {
  IPCT,
  IPS,
  isConfirmed,
  type ConntrackEntry,
  type ConntrackEventKind,
  type ConntrackTable,
  type Direction,
} from './model';
import { tupleKey, type ConntrackTuple } from './tuple';

/** A lookup hit: the entry and which of its tuples matched. */
export interface TupleHit {
  readonly entry: ConntrackEntry;
  readonly direction: Direction;
}

/** Milliseconds left before the entry expires (0 when expired; nf_ct_expires). */
export function remainingMs(entry: ConntrackEntry, nowMs: number): number {
  if (!isConfirmed(entry)) return entry.timeoutMs;
  return Math.max(0, entry.timeoutMs - nowMs);
}

/** Whether a confirmed entry has run out of time (nf_ct_is_expired). */
export function isExpired(entry: ConntrackEntry, nowMs: number): boolean {
  return isConfirmed(entry) && entry.timeoutMs <= nowMs;
}

/**
 * Finds the confirmed entry holding `tuple` in either direction (__nf_conntrack_find_get).
 * An expired entry found on the way is removed, with its DESTROY event, and not returned (nf_ct_gc_expired).
 */
export function lookup(table: ConntrackTable, tuple: ConntrackTuple, nowMs: number): TupleHit | undefined {
  const hit = table.byTuple.get(tupleKey(tuple));
  if (!hit) return undefined;
  if (isExpired(hit.entry, nowMs)) {
    destroyEntry(table, hit.entry, nowMs);
    return undefined;
  }
  return hit;
}

/** Whether a confirmed entry other than `except` holds `tuple` in either direction (nf_conntrack_tuple_taken). */
export function tupleTaken(table: ConntrackTable, tuple: ConntrackTuple, except: ConntrackEntry, nowMs: number): boolean {
  const hit = table.byTuple.get(tupleKey(tuple));
  if (!hit || hit.entry === except) return false;
  return !isExpired(hit.entry, nowMs);
}

/** Outcome of confirming an entry. */
export type ConfirmResult =
  | { readonly ok: true }
  /** Another entry already holds one of the tuples: the kernel drops the packet (nf_ct_resolve_clash aside). */
  | { readonly ok: false; readonly reason: 'clash' }
  | { readonly ok: false; readonly reason: 'dying' };

/**
 * Inserts a new entry into the table (__nf_conntrack_confirm), which the kernel does when the first
 * packet leaves POSTROUTING or INPUT (priority INT_MAX). Turns the relative timeout into an absolute
 * expiry and reports the NEW event. Confirming an already confirmed entry is a no-op.
 */
export function confirm(table: ConntrackTable, entry: ConntrackEntry, nowMs: number): ConfirmResult {
  if (isConfirmed(entry)) return { ok: true };
  if ((entry.status & IPS.DYING) !== 0) return { ok: false, reason: 'dying' };
  const keys = [tupleKey(entry.original), tupleKey(entry.reply)];
  for (const key of keys) {
    const other = table.byTuple.get(key);
    if (other && isExpired(other.entry, nowMs)) destroyEntry(table, other.entry, nowMs);
    else if (other) return { ok: false, reason: 'clash' };
  }
  entry.status |= IPS.CONFIRMED;
  entry.timeoutMs += nowMs;
  table.entries.set(entry.id, entry);
  table.byTuple.set(keys[0]!, { entry, direction: 'original' });
  table.byTuple.set(keys[1]!, { entry, direction: 'reply' });
  report(table, 'NEW', entry, nowMs, true);
  entry.pendingEvents = 0;
  return { ok: true };
}

/**
 * Removes an entry now (nf_ct_delete / nf_ct_kill) and reports DESTROY. An unconfirmed entry is
 * only marked dying: it was never announced, so it leaves no event (nf_ct_destroy of an unconfirmed ct).
 */
export function destroyEntry(table: ConntrackTable, entry: ConntrackEntry, nowMs: number): void {
  if ((entry.status & IPS.DYING) !== 0) return;
  entry.status |= IPS.DYING;
  if (!isConfirmed(entry)) return;
  table.entries.delete(entry.id);
  for (const t of [entry.original, entry.reply]) {
    const key = tupleKey(t);
    if (table.byTuple.get(key)?.entry === entry) table.byTuple.delete(key);
  }
  report(table, 'DESTROY', entry, nowMs, true);
}

/** Removes every expired entry, as the kernel's gc worker does; returns how many went. */
export function expire(table: ConntrackTable, nowMs: number): number {
  let n = 0;
  for (const entry of [...table.entries.values()]) {
    if (isExpired(entry, nowMs)) {
      destroyEntry(table, entry, nowMs);
      n++;
    }
  }
  return n;
}

/** Sets the timeout to `seconds` from now (nf_ct_refresh): relative while unconfirmed, absolute after. */
export function refresh(entry: ConntrackEntry, seconds: number, nowMs: number): void {
  entry.timeoutMs = seconds * 1000 + (isConfirmed(entry) ? nowMs : 0);
}

/**
 * Hands cached events to ctnetlink (nf_ct_deliver_cached_events): an UPDATE for a live confirmed entry;
 * while unconfirmed they wait for the NEW event; a dying entry reports nothing more.
 */
export function deliverEvents(table: ConntrackTable, entry: ConntrackEntry, events: number, nowMs: number): void {
  if (events === 0) return;
  if (!isConfirmed(entry)) {
    entry.pendingEvents |= events;
    return;
  }
  if ((entry.status & IPS.DYING) !== 0) return;
  report(table, 'UPDATE', entry, nowMs, (events & IPCT.PROTOINFO) !== 0);
}

/** A copy of the entry as it is now, so later changes do not rewrite logged events. */
export function snapshot(entry: ConntrackEntry): ConntrackEntry {
  return {
    ...entry,
    tcp: entry.tcp
      ? { ...entry.tcp, closeInit: { ...entry.tcp.closeInit }, unacked: { ...entry.tcp.unacked } }
      : undefined,
  };
}

function report(table: ConntrackTable, kind: ConntrackEventKind, entry: ConntrackEntry, nowMs: number, protoinfo: boolean): void {
  table.events?.push({ kind, entry: snapshot(entry), atMs: nowMs, protoinfo });
}

/**
 * Confirmed entries in the order this simulation's `conntrack -L` lists them: soonest expiry first,
 * then oldest first. The kernel dumps its hash table in bucket order under a per-boot random seed, so
 * any fixed order is a choice; this one reproduces the recorded dumps in test-vectors/conntrack
 * (a newer UDP flow listed before older TCP connections, and those in creation order).
 */
export function entriesInListOrder(table: ConntrackTable): ConntrackEntry[] {
  return [...table.entries.values()].sort((a, b) => a.timeoutMs - b.timeoutMs || a.id - b.id);
}
