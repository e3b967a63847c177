/**
 * The conntrack tables as they are at one hop. The worker snapshots every node's table after each packet;
 * within a packet, the hops where the kernel touched an entry (a lookup moves a TCP entry's state, a
 * confirm puts a new entry in the table) carry the entry's `conntrack -L` line at that moment. Laid over
 * the previous packet's snapshot, they make the panel change on the very hop the kernel changes the entry.
 */
import type { PacketView, TraceView } from '../../worker/api';

type Row = PacketView['conntrackEntries'][string][number];

export interface ConntrackSnapshot {
  readonly lines: Readonly<Record<string, readonly string[]>>;
  readonly rows: PacketView['conntrackEntries'];
}

export const EMPTY_SNAPSHOT: ConntrackSnapshot = { lines: {}, rows: {} };

export function snapshotOf(packet: PacketView): ConntrackSnapshot {
  return { lines: packet.conntrack, rows: packet.conntrackEntries };
}

interface Tuple {
  readonly src: string;
  readonly dst: string;
  readonly sport?: string;
  readonly dport?: string;
  readonly id?: string;
}

/** A tuple as the table's row shows it (the journey's `tupleText`): `10.10.0.4:50367 → 10.10.2.2:80`. */
function tupleText(t: Tuple, protocol: string): string {
  return protocol === 'icmp' ? `${t.src} → ${t.dst} id ${t.id ?? 0}` : `${t.src}:${t.sport} → ${t.dst}:${t.dport}`;
}

/**
 * A `conntrack -L` line (conntrack-tools' default format: proto, number, timeout, [TCP state], original
 * tuple, [UNREPLIED], reply tuple, [ASSURED], mark=, [zone=], use=) as a table row for entry `id`.
 */
export function entryRow(id: number, line: string): Row | undefined {
  const words = line.trim().split(/\s+/);
  const [protocol, , timeout] = words;
  if (!protocol || timeout === undefined || !/^\d+$/.test(timeout)) return undefined;
  let state = '';
  const tuples: Record<string, string>[] = [];
  const flags: ('UNREPLIED' | 'ASSURED')[] = [];
  let mark = 0;
  for (const w of words.slice(3)) {
    if (w === '[UNREPLIED]' || w === '[ASSURED]') flags.push(w.slice(1, -1) as 'UNREPLIED' | 'ASSURED');
    else if (w.startsWith('mark=')) mark = Number(w.slice('mark='.length));
    else if (w.startsWith('src=')) tuples.push({ src: w.slice(4) });
    else if (tuples.length > 0 && /^(dst|sport|dport|type|code|id)=/.test(w)) {
      const [k, v] = w.split('=') as [string, string];
      tuples[tuples.length - 1]![k] = v;
    } else if (tuples.length === 0 && /^[A-Z_]+$/.test(w)) state = w;
  }
  const [original, reply] = tuples as unknown as [Tuple | undefined, Tuple | undefined];
  if (!original || !reply) return undefined;
  // The kernel sets IPS_DST_NAT / IPS_SRC_NAT exactly when NAT altered the reply tuple's other side.
  const nat: ('SNAT' | 'DNAT')[] = [];
  if (reply.dst !== original.src || reply.dport !== original.sport) nat.push('SNAT');
  if (reply.src !== original.dst || reply.sport !== original.dport) nat.push('DNAT');
  return { id, protocol, state, timeoutSeconds: Number(timeout), original: tupleText(original, protocol), reply: tupleText(reply, protocol), flags, mark, nat };
}

/** `snapshot` with entry `id` of `node` as `line` says (added at the end when the table did not hold it). */
function withEntry(snapshot: ConntrackSnapshot, node: string, id: number, line: string): ConntrackSnapshot {
  const row = entryRow(id, line);
  if (!row) return snapshot;
  const rows = [...(snapshot.rows[node] ?? [])];
  const lines = [...(snapshot.lines[node] ?? [])];
  const at = rows.findIndex((r) => r.id === id);
  // Rows and lines are the same entries in the same (list) order.
  const sameOrder = rows.length === lines.length;
  if (at < 0) {
    rows.push(row);
    lines.push(line);
  } else {
    rows[at] = row;
    if (sameOrder) lines[at] = line;
  }
  return { rows: { ...snapshot.rows, [node]: rows }, lines: { ...snapshot.lines, [node]: lines } };
}

/** The entry line a hop leaves in its node's table: a lookup of a listed entry, or a confirm. */
function entryUpdate(packet: PacketView, hop: number): { node: string; id: number; line: string } | undefined {
  const h = packet.hops[hop];
  if (!h) return undefined;
  // A new entry is not listed until it is confirmed (conntrack -L dumps only confirmed entries).
  if (h.kind === 'conntrack' && !h.isNew && h.entryId !== undefined && h.entryLine !== undefined) return { node: h.node, id: h.entryId, line: h.entryLine };
  if (h.kind === 'confirm' && h.ok && h.entryLine !== undefined) return { node: h.node, id: h.entryId, line: h.entryLine };
  return undefined;
}

export interface ConntrackAt {
  readonly shown: ConntrackSnapshot;
  /** The tables just before this hop: rows that differ from it are marked new or changed. */
  readonly previous: ConntrackSnapshot;
  /** True on a hop that changed the tables (and on a packet's last hop, where its snapshot appears). */
  readonly fresh: boolean;
  /** True when `shown` is the packet's own snapshot, false while the packet is under way. */
  readonly complete: boolean;
  /** True while the packet is under way and has already changed an entry (the panel says "during …"). */
  readonly during: boolean;
}

/**
 * The conntrack tables at hop `hop` of packet `packet`: the previous packet's snapshot (or, for the
 * first packet, `baseline`, the tables as the previous connection left them) with every entry the packet
 * has touched up to this hop as that hop left it; at the packet's last hop, the packet's own snapshot.
 */
export function conntrackAtHop(trace: TraceView, packet: number, hop: number, baseline: ConntrackSnapshot = EMPTY_SNAPSHOT): ConntrackAt {
  const snapshotBefore = (i: number): ConntrackSnapshot => (i < 0 ? baseline : snapshotOf(trace.packets[i]!));
  const p = trace.packets[packet]!;
  const start = snapshotBefore(packet - 1);
  if (hop >= p.hops.length - 1) return { shown: snapshotOf(p), previous: start, fresh: true, complete: true, during: false };
  let shown = start;
  for (let i = 0; i < hop; i++) {
    const u = entryUpdate(p, i);
    if (u) shown = withEntry(shown, u.node, u.id, u.line);
  }
  const u = entryUpdate(p, hop);
  if (!u) return { shown, previous: shown, fresh: false, complete: false, during: shown !== start };
  return { shown: withEntry(shown, u.node, u.id, u.line), previous: shown, fresh: true, complete: false, during: true };
}
