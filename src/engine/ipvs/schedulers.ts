/**
 * IPVS schedulers as the kernel's modules pick a destination for a new connection (net/netfilter/ipvs/
 * ip_vs_rr.c, ip_vs_wrr.c, ip_vs_lc.c, ip_vs_wlc.c, ip_vs_sed.c, ip_vs_nq.c, ip_vs_dh.c, ip_vs_sh.c).
 * Destinations are walked in the service's list order, which is the reverse of the order they were added
 * (`list_add_rcu` puts a new destination at the head). A destination of weight 0 (draining) is skipped.
 */
import type { IpvsScheduler } from './model';

/** What a scheduler reads of a destination. */
export interface SchedulerDest {
  readonly address: number;
  readonly weight: number;
  readonly activeConns: number;
  readonly inactiveConns: number;
}

/** Per-service scheduler state (`svc->sched_data`): the round-robin position, wrr's current weight. */
export interface SchedulerState {
  /** Index in the list of the last destination chosen; −1 = the list head (nothing chosen yet). */
  position: number;
  /** wrr: the current weight `cw`. */
  currentWeight: number;
}

export const initialSchedulerState = (): SchedulerState => ({ position: -1, currentWeight: 0 });

/** The packet fields the hashing schedulers read. */
export interface ScheduleInput {
  readonly src: number;
  readonly dst: number;
}

/** `ip_vs_dest_conn_overhead`: active connections weigh 256 inactive ones. */
const connOverhead = (d: SchedulerDest): number => d.activeConns * 256 + d.inactiveConns;
/** sed and nq: `activeconns + 1`. */
const sedOverhead = (d: SchedulerDest): number => d.activeConns + 1;
const available = (d: SchedulerDest): boolean => d.weight > 0;

/** The index of the destination the scheduler chooses, or undefined (no available destination). */
export function schedule(scheduler: IpvsScheduler, dests: readonly SchedulerDest[], state: SchedulerState, input: ScheduleInput): number | undefined {
  switch (scheduler) {
    case 'rr':
      return roundRobin(dests, state);
    case 'wrr':
      return weightedRoundRobin(dests, state);
    case 'lc':
      return leastOverhead(dests, connOverhead, false);
    case 'wlc':
      return leastOverhead(dests, connOverhead, true);
    case 'sed':
      return leastOverhead(dests, sedOverhead, true);
    case 'nq':
      return neverQueue(dests);
    case 'dh':
      return hashed(dests, dhBuckets(dests), dhKey(input.dst));
    case 'sh':
      return hashed(dests, shBuckets(dests), shKey(input.src));
    case 'lblc':
    case 'lblcr':
    case 'mh':
      // Not simulated: they keep per-destination-address tables (lblc/lblcr) or a Maglev table (mh).
      return undefined;
  }
}

/** ip_vs_rr_schedule: the next available destination after the last one chosen, wrapping once. */
function roundRobin(dests: readonly SchedulerDest[], state: SchedulerState): number | undefined {
  for (let step = 1; step <= dests.length; step++) {
    const i = (state.position + step + dests.length) % dests.length;
    if (available(dests[i]!)) {
      state.position = i;
      return i;
    }
  }
  return undefined;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * ip_vs_wrr_schedule: continue from the last destination chosen, taking the next whose weight reaches the
 * current weight `cw`; at the end of the list `cw` drops by the weights' gcd (back to the top weight below 1).
 * kube-proxy creates the service before its destinations, so `cw` starts at 0 (ip_vs_wrr_dest_changed keeps it)
 * and the first pass takes every destination.
 */
function weightedRoundRobin(dests: readonly SchedulerDest[], state: SchedulerState): number | undefined {
  const positive = dests.map((d) => d.weight).filter((w) => w > 0);
  const di = positive.length === 0 ? 1 : positive.reduce(gcd);
  const mw = Math.max(0, ...dests.map((d) => d.weight)) - (di - 1);
  if (mw <= 0) return undefined;
  if (state.currentWeight > mw) state.currentWeight = 0;
  const last = state.position;
  let stop: number | undefined;
  let lastPass = false;
  let restarted = false;
  let from = state.position + 1;
  for (;;) {
    for (let i = from; i < dests.length; i++) {
      if (dests[i]!.weight >= state.currentWeight) {
        state.position = i;
        return i;
      }
      if (i === stop) return undefined;
    }
    state.currentWeight -= di;
    if (state.currentWeight <= 0) {
      state.currentWeight = mw;
      if (lastPass || last === -1) return undefined;
      restarted = true;
    }
    lastPass = state.currentWeight <= di;
    if (lastPass && restarted && last !== -1) stop = last;
    from = 0;
  }
}

/**
 * lc (`weighted` false): the least `overhead`, the first in list order on a tie. wlc/sed (`weighted`): the least
 * overhead per weight, compared as `loh * w > doh * lw` so that a later destination wins only when strictly better.
 */
function leastOverhead(dests: readonly SchedulerDest[], overhead: (d: SchedulerDest) => number, weighted: boolean): number | undefined {
  let least: number | undefined;
  for (let i = 0; i < dests.length; i++) {
    const d = dests[i]!;
    if (!available(d)) continue;
    if (least === undefined) {
      least = i;
      continue;
    }
    const l = dests[least]!;
    const better = weighted ? overhead(l) * d.weight > overhead(d) * l.weight : overhead(d) < overhead(l);
    if (better) least = i;
  }
  return least;
}

/** ip_vs_nq_schedule: an idle destination (no active connection) at once, else as sed. */
function neverQueue(dests: readonly SchedulerDest[]): number | undefined {
  let least: number | undefined;
  for (let i = 0; i < dests.length; i++) {
    const d = dests[i]!;
    if (!available(d)) continue;
    if (d.activeConns === 0) return i;
    if (least === undefined || sedOverhead(dests[least]!) * d.weight > sedOverhead(d) * dests[least]!.weight) least = i;
  }
  return least;
}

const TAB_BITS = 8;
const TAB_SIZE = 1 << TAB_BITS;

/** ip_vs_dh_hashkey: `(ntohl(addr) * 2654435761UL) & 255` — the low byte of the 64-bit product. */
export function dhKey(addr: number): number {
  return Number((BigInt(addr >>> 0) * 2654435761n) & BigInt(TAB_SIZE - 1));
}

/** ip_vs_sh_hashkey with port 0 (no sh-port flag): `hash_32(ntohl(addr), 8)`, GOLDEN_RATIO_32 multiplied, top 8 bits. */
export function shKey(addr: number): number {
  return Math.imul(addr >>> 0, 0x61c88647) >>> (32 - TAB_BITS);
}

/** ip_vs_dh_reassign: bucket i holds the (i mod n)-th destination in list order. */
function dhBuckets(dests: readonly SchedulerDest[]): (number | undefined)[] {
  return Array.from({ length: TAB_SIZE }, (_, i) => (dests.length === 0 ? undefined : i % dests.length));
}

/** ip_vs_sh_reassign: each destination fills `weight` consecutive buckets in turn (at least one). */
function shBuckets(dests: readonly SchedulerDest[]): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  let p = 0;
  let count = 0;
  for (let i = 0; i < TAB_SIZE; i++) {
    if (dests.length === 0) {
      out.push(undefined);
      continue;
    }
    out.push(p);
    if (++count >= dests[p]!.weight) {
      p = (p + 1) % dests.length;
      count = 0;
    }
  }
  return out;
}

/** dh and sh give no destination when the bucket's one is unavailable (no fallback flag). */
function hashed(dests: readonly SchedulerDest[], buckets: readonly (number | undefined)[], key: number): number | undefined {
  const i = buckets[key];
  return i !== undefined && available(dests[i]!) ? i : undefined;
}
