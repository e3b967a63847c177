/**
 * NAT bindings: choosing the translated tuple of a new connection and recording it in the entry's reply
 * tuple (net/netfilter/nf_nat_core.c `nf_nat_setup_info`, `get_unique_tuple`,
 * `nf_nat_l4proto_unique_tuple`; nf_nat_masquerade.c), Linux 6.x.
 *
 * The nat table is consulted only for a connection's first packet, once per manip type (`needsNatLookup`);
 * a DNAT/SNAT/MASQUERADE target binds with `applyDnat`/`applySnat`; when the chain ends without one,
 * `ensureNatBinding` sets the null binding, so later hooks and packets need no rule walk.
 */
import type { Classification } from './classify';
import { IPS, isConfirmed, type ConntrackEntry, type ConntrackTable } from './model';
import { tupleTaken } from './table';
import { invertTuple, tuplesEqual, type ConntrackTuple } from './tuple';
import type { Hook } from '../packet';
import type { Ipv4 } from '../ipv4';

/** Which address a hook rewrites (nf_nat.h HOOK2MANIP): SRC at POSTROUTING/INPUT, DST at PREROUTING/OUTPUT. */
export type ManipType = 'SRC' | 'DST';

/** The nat hooks' manip type; FORWARD has no nat table. */
export function hookManip(hook: Hook): ManipType | undefined {
  if (hook === 'POSTROUTING' || hook === 'INPUT') return 'SRC';
  if (hook === 'PREROUTING' || hook === 'OUTPUT') return 'DST';
  return undefined;
}

/** struct nf_nat_range2 as the SNAT/DNAT/MASQUERADE targets fill it. */
export interface NatRange {
  /** First address of the range (`--to-destination`/`--to-source`, or the interface address MASQUERADE picks). */
  readonly minIp: Ipv4;
  /** Last address. @default minIp */
  readonly maxIp?: Ipv4;
  /** First port; with `maxPort` sets NF_NAT_RANGE_PROTO_SPECIFIED (`:port` or `--to-ports`). */
  readonly minPort?: number;
  /** @default minPort */
  readonly maxPort?: number;
  /** `--random` (NF_NAT_RANGE_PROTO_RANDOM). @default false */
  readonly random?: boolean;
  /** `--random-fully` (NF_NAT_RANGE_PROTO_RANDOM_FULLY), which kube-proxy's MASQUERADE uses. @default false */
  readonly randomFully?: boolean;
  /** `--persistent`: the address choice ignores the destination. @default false */
  readonly persistent?: boolean;
}

/** The seeded randomness NAT port choice needs: a uniformly random unsigned 32-bit integer per call. */
export type Random32 = () => number;

const DONE: Record<ManipType, number> = { SRC: IPS.SRC_NAT_DONE, DST: IPS.DST_NAT_DONE };
const NATTED: Record<ManipType, number> = { SRC: IPS.SRC_NAT, DST: IPS.DST_NAT };

/** nf_nat_initialized: a binding of this manip type exists (a real one or the null binding). */
export function natInitialized(entry: ConntrackEntry, manip: ManipType): boolean {
  return (entry.status & DONE[manip]) !== 0;
}

/**
 * Whether the nat table must be walked for this packet at this hook (nf_nat_inet_fn): only a NEW
 * packet of a connection without a binding of the hook's manip type. RELATED icmp errors and every
 * later packet, in both directions, are translated from the entry alone.
 */
export function needsNatLookup(c: Classification, hook: Hook): boolean {
  const manip = hookManip(hook);
  if (!manip || !c.entry || c.ctstate !== 'NEW' || c.direction !== 'original') return false;
  return !natInitialized(c.entry, manip);
}

/** What a binding did. */
export interface NatBinding {
  /** The entry's reply tuple after the binding. */
  readonly reply: ConntrackTuple;
  /** Whether the tuple changed (IPS_SRC_NAT / IPS_DST_NAT set). */
  readonly changed: boolean;
}

/** DNAT `--to-destination` (or the null DST binding): binds the destination of a new connection. */
export function applyDnat(table: ConntrackTable, entry: ConntrackEntry, range: NatRange, random32: Random32, nowMs: number): NatBinding {
  return setupNat(table, entry, 'DST', range, random32, nowMs);
}

/** SNAT `--to-source` / MASQUERADE (range = the chosen interface address): binds the source. */
export function applySnat(table: ConntrackTable, entry: ConntrackEntry, range: NatRange, random32: Random32, nowMs: number): NatBinding {
  return setupNat(table, entry, 'SRC', range, random32, nowMs);
}

/**
 * nf_nat_alloc_null_binding: when a new connection's nat chain chose nothing at this hook, bind the
 * current address (letting the port move only if the tuple would clash), and mark the manip done.
 * Does nothing when a binding of this type already exists or the hook has no nat.
 */
export function ensureNatBinding(table: ConntrackTable, entry: ConntrackEntry, hook: Hook, random32: Random32, nowMs: number): void {
  const manip = hookManip(hook);
  if (!manip || natInitialized(entry, manip) || isConfirmed(entry)) return;
  const ip = manip === 'SRC' ? entry.reply.dst : entry.reply.src;
  setupNat(table, entry, manip, { minIp: ip }, random32, nowMs);
}

/**
 * nf_nat_setup_info: picks a unique tuple within `range` for the connection as it currently looks
 * (the inverse of its reply tuple, so a SNAT after a DNAT sees the new destination), and stores its
 * inverse as the reply tuple. A confirmed entry, or one already bound for this manip, is left alone.
 */
export function setupNat(
  table: ConntrackTable,
  entry: ConntrackEntry,
  manip: ManipType,
  range: NatRange,
  random32: Random32,
  nowMs: number,
): NatBinding {
  if (isConfirmed(entry) || natInitialized(entry, manip)) return { reply: entry.reply, changed: false };
  const current = invertTuple(entry.reply);
  if (!current) return { reply: entry.reply, changed: false };
  const used = (t: ConntrackTuple): boolean => {
    const reply = invertTuple(t);
    return reply !== undefined && tupleTaken(table, reply, entry, nowMs);
  };
  const chosen = uniqueTuple(table, current, range, manip, used, random32);
  const changed = !tuplesEqual(chosen, current);
  if (changed) {
    entry.reply = invertTuple(chosen) ?? entry.reply;
    entry.status |= NATTED[manip];
  }
  entry.status |= DONE[manip];
  return { reply: entry.reply, changed };
}

const protoSpecified = (r: NatRange): boolean => r.minPort !== undefined;
const randomAll = (r: NatRange): boolean => r.random === true || r.randomFully === true;

/** The port (or icmp id) a manip type rewrites. */
function key(t: ConntrackTuple, manip: ManipType): number {
  if (t.protocol === 'icmp') return t.icmpId ?? 0;
  return manip === 'SRC' ? t.sport : t.dport;
}

function withKey(t: ConntrackTuple, manip: ManipType, value: number): ConntrackTuple {
  if (t.protocol === 'icmp') return { ...t, icmpId: value };
  return manip === 'SRC' ? { ...t, sport: value } : { ...t, dport: value };
}

function withIp(t: ConntrackTuple, manip: ManipType, ip: Ipv4): ConntrackTuple {
  // Tuples are never mutated: an unchanged address keeps the same tuple (the common case, a single-address range).
  if ((manip === 'SRC' ? t.src : t.dst) === ip) return t;
  return manip === 'SRC' ? { ...t, src: ip } : { ...t, dst: ip };
}

function l4InRange(t: ConntrackTuple, manip: ManipType, r: NatRange): boolean {
  if (!protoSpecified(r)) return true;
  const k = key(t, manip);
  const lo = Math.min(r.minPort ?? 0, r.maxPort ?? r.minPort ?? 0);
  const hi = Math.max(r.minPort ?? 0, r.maxPort ?? r.minPort ?? 0);
  return k >= lo && k <= hi;
}

/** nf_in_range, for the source part (it is only asked about SRC manips). */
function srcInRange(t: ConntrackTuple, r: NatRange): boolean {
  const max = r.maxIp ?? r.minIp;
  if (t.src < r.minIp || t.src > max) return false;
  return l4InRange(t, 'SRC', r);
}

/** get_unique_tuple. */
function uniqueTuple(
  table: ConntrackTable,
  current: ConntrackTuple,
  range: NatRange,
  manip: ManipType,
  used: (t: ConntrackTuple) => boolean,
  random32: Random32,
): ConntrackTuple {
  // 1) SRC only: keep the connection's own source if it is in range and unique, else reuse the mapping
  //    an existing connection from the same source already got (find_appropriate_src).
  if (manip === 'SRC' && !randomAll(range)) {
    if (srcInRange(current, range)) {
      if (!used(current)) return current;
    } else {
      const mapped = appropriateSrc(table, current, range);
      if (mapped && !used(mapped)) return mapped;
    }
  }
  // 2) the address: find_best_ips_proto.
  const t = withIp(current, manip, bestIp(current, range));
  // 3) keep the port when it is already in range and unique; a single fixed port is taken as is.
  if (!randomAll(range)) {
    if (protoSpecified(range)) {
      const single = (range.maxPort ?? range.minPort) === range.minPort;
      if (l4InRange(t, manip, range) && (single || !used(t))) return t;
    } else if (!used(t)) return t;
  }
  return l4UniqueTuple(t, range, manip, used, random32);
}

/** find_appropriate_src: the source mapping of another connection from the same address and port. */
function appropriateSrc(table: ConntrackTable, current: ConntrackTuple, range: NatRange): ConntrackTuple | undefined {
  for (const other of table.entries.values()) {
    const o = other.original;
    if ((other.status & IPS.SRC_NAT_DONE) === 0) continue;
    if (o.protocol !== current.protocol || o.src !== current.src || key(o, 'SRC') !== key(current, 'SRC')) continue;
    const inv = invertTuple(other.reply);
    if (!inv) continue;
    const result: ConntrackTuple = { ...inv, dst: current.dst, dport: current.dport };
    if (srcInRange(result, range)) return result;
  }
  return undefined;
}

/**
 * find_best_ips_proto: one address is taken as is; for a range the kernel hashes the source (and,
 * unless --persistent, the destination) with a boot-random jhash key, so no choice is reproducible
 * across machines. We use a fixed 32-bit mix of the same inputs and scale it into the range
 * (reciprocal_scale), which keeps the property that matters: the same client maps to the same address.
 */
function bestIp(t: ConntrackTuple, range: NatRange): Ipv4 {
  const min = range.minIp;
  const max = range.maxIp ?? min;
  if (max <= min) return min;
  let h = Math.imul(t.src ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  if (!range.persistent) h = Math.imul((h ^ t.dst) >>> 0, 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  const dist = max - min + 1;
  return (min + Math.floor((h * dist) / 0x1_0000_0000)) as Ipv4;
}

/** NF_NAT_MAX_ATTEMPTS: how many ports one round of the search tries. */
const MAX_ATTEMPTS = 128;

/**
 * nf_nat_l4proto_unique_tuple. Without a port range a SRC manip keeps the port's class: below 512 →
 * 1–511, 512–1023 → 600–1023, otherwise 1024–65535; a DST manip without range cannot move the port.
 * The search starts at a random offset (get_random_u16) for SRC manips and random modes, tries up to
 * 128 ports in sequence, then restarts at a new random offset with half as many tries, giving up below 16.
 */
function l4UniqueTuple(
  start: ConntrackTuple,
  range: NatRange,
  manip: ManipType,
  used: (t: ConntrackTuple) => boolean,
  random32: Random32,
): ConntrackTuple {
  let min: number;
  let size: number;
  const current = key(start, manip);
  if (start.protocol === 'icmp') {
    if (protoSpecified(range)) {
      min = range.minPort ?? 0;
      size = (range.maxPort ?? min) - min + 1;
    } else {
      min = 0;
      size = 65536;
    }
  } else if (!protoSpecified(range)) {
    if (manip === 'DST') return start;
    if (current < 1024) {
      [min, size] = current < 512 ? [1, 511] : [600, 1023 - 600 + 1];
    } else {
      [min, size] = [1024, 65535 - 1024 + 1];
    }
  } else {
    const a = range.minPort ?? 0;
    const b = range.maxPort ?? a;
    min = Math.min(a, b);
    size = Math.max(a, b) - min + 1;
  }
  const random16 = (): number => random32() & 0xffff;
  let off = randomAll(range) || manip !== 'DST' ? random16() : 0;
  let attempts = Math.min(size, MAX_ATTEMPTS);
  let t = start;
  for (;;) {
    for (let i = 0; i < attempts; i++, off++) {
      t = withKey(start, manip, min + (off % size));
      if (!used(t)) return t;
    }
    attempts = Math.floor(attempts / 2);
    if (attempts < 16) return t;
    off = random16();
  }
}
