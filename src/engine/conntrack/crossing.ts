/**
 * The order in which the kernel runs conntrack and NAT for one packet crossing one node, with the nat
 * table's decisions given instead of walked: conntrack at PREROUTING (or OUTPUT), the DST-manip nat
 * stage, the SRC-manip nat stage at POSTROUTING (or INPUT), then confirm at priority INT_MAX.
 * This is the reference sequence for the node layer's conntrack stages (node/conntrack-stages.ts), which make the same calls around
 * its rule walks; tests use it to drive whole connections.
 */
import { classify, type Classification } from './classify';
import type { ConntrackTable } from './model';
import { applyDnat, applySnat, ensureNatBinding, needsNatLookup, type NatRange, type Random32 } from './nat';
import { confirm } from './table';
import { translate } from './translate';
import type { Hook, TrackedPacket } from '../packet';

/** What the nat table would decide for a connection's first packet. */
export interface NatDecision {
  /** A DNAT target's range (PREROUTING/OUTPUT). */
  readonly dnat?: NatRange;
  /** An SNAT/MASQUERADE target's range (POSTROUTING/INPUT). */
  readonly snat?: NatRange;
}

/** Which hooks the packet crosses. */
export type CrossingPath = 'forward' | 'local-in' | 'local-out';

const HOOKS: Readonly<Record<CrossingPath, readonly [Hook, Hook]>> = {
  forward: ['PREROUTING', 'POSTROUTING'],
  'local-in': ['PREROUTING', 'INPUT'],
  'local-out': ['OUTPUT', 'POSTROUTING'],
};

/** Options for `crossNode`. */
export interface CrossingOptions {
  readonly random32: Random32;
  /** @default {} */
  readonly nat?: NatDecision;
  /** @default 'forward' */
  readonly path?: CrossingPath;
  /** A filter rule drops the packet between the two nat stages (so a new entry is never confirmed). @default false */
  readonly dropBeforeConfirm?: boolean;
  /** Runs after the nat stages, before confirm (where mangle/filter targets such as CONNMARK act). */
  readonly beforeConfirm?: (c: Classification) => void;
  /** The raw table marked it NOTRACK. @default false */
  readonly untracked?: boolean;
}

/** The outcome of one crossing. */
export interface Crossing {
  readonly classification: Classification;
  /** The packet as it leaves the node (or reaches the local socket); undefined when dropped. */
  readonly out: TrackedPacket | undefined;
}

/** One packet through one node. */
export function crossNode(table: ConntrackTable, packet: TrackedPacket, nowMs: number, options: CrossingOptions): Crossing {
  const [dstHook, srcHook] = HOOKS[options.path ?? 'forward'];
  const nat = options.nat ?? {};
  const c = classify(table, packet, nowMs, { untracked: options.untracked });
  const entry = c.entry;
  if (!entry) return { classification: c, out: packet };

  if (needsNatLookup(c, dstHook)) {
    if (nat.dnat) applyDnat(table, entry, nat.dnat, options.random32, nowMs);
    ensureNatBinding(table, entry, dstHook, options.random32, nowMs);
  }
  let p = translate(entry, packet, c.direction, dstHook);
  if (options.dropBeforeConfirm) return { classification: c, out: undefined };

  if (needsNatLookup(c, srcHook)) {
    if (nat.snat) applySnat(table, entry, nat.snat, options.random32, nowMs);
    ensureNatBinding(table, entry, srcHook, options.random32, nowMs);
  }
  p = translate(entry, p, c.direction, srcHook);
  options.beforeConfirm?.(c);
  if (c.isNew && !confirm(table, entry, nowMs).ok) return { classification: c, out: undefined };
  return { classification: c, out: p };
}
