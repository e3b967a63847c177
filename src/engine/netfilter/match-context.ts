/**
 * The context a match needs to decide besides the packet itself (`../packet.ts`): conntrack's verdict,
 * the node's addresses, the clock and the state xtables modules keep. Contract between the match
 * evaluator (`matches.ts`) and whoever walks the tables (`walk.ts`, called by the node layer).
 */
import type { Ipv4 } from '../ipv4';
import type { ConntrackStateName } from '../packet';

/** Everything a match may consult besides the packet itself. Mutable parts are owned by the node. */
export interface MatchContext {
  /** The conntrack state of this packet, as `-m conntrack --ctstate` sees it (one of NEW/ESTABLISHED/RELATED/INVALID/UNTRACKED), plus SNAT/DNAT when the connection is NATed. */
  readonly ctstates: ReadonlySet<ConntrackStateName>;
  /** The connection's mark (ct->mark) for `-m connmark`. */
  readonly ctmark: number;
  /** Addresses the node owns (for `-m addrtype --src-type/--dst-type LOCAL`); 127.0.0.0/8 always counts as LOCAL. */
  readonly localAddresses: ReadonlySet<Ipv4>;
  /** Simulated clock in milliseconds (for `-m recent --seconds`). */
  readonly nowMs: number;
  /** Seeded random source: a uniformly random unsigned 32-bit integer per call (for `-m statistic --mode random`). */
  readonly random32: () => number;
  /** `-m recent` lists, per name; the match updates them (`--set`, `--update`, `--reap`). */
  readonly recent: RecentTables;
  /** `-m statistic --mode nth` counters, per rule identity; the match advances them. */
  readonly nthCounters: Map<object, number>;
  /** nfacct objects: name → counters; `-m nfacct` adds to them and always matches. */
  readonly nfacct: Map<string, { packets: number; bytes: number }>;
  /** ipsets for `-m set --match-set`: name → member entries as strings (`10.0.0.1`, `10.0.0.1,tcp:80`, CIDRs). */
  readonly ipsets: ReadonlyMap<string, IpSet>;
  /**
   * What a module the lab does not simulate (`-m bpf`, `-m owner`) decides. The engine's own rules have none;
   * an imported node's dump may, and there the lab says it treats them as not matching (the safer reading:
   * a rule the lab cannot judge does not fire). @default 'assume-match'
   */
  readonly unknownMatches?: 'assume-match' | 'no-match';
}

export interface RecentEntry {
  /** Times (ms, simulated clock) this address was seen, newest last (the kernel keeps up to ip_pkt_list_tot = 20). */
  readonly seenMs: number[];
  readonly ttl?: number;
}

/** name → (masked address → entry). */
export type RecentTables = Map<string, Map<Ipv4, RecentEntry>>;

export interface IpSet {
  readonly name: string;
  /** e.g. `hash:ip`, `hash:ip,port`, `hash:net`, `bitmap:port`. */
  readonly type: string;
  readonly members: readonly string[];
}
