/**
 * The netfilter data model: tables, chains, rules, matches and targets, as the kernel holds them
 * after `iptables-restore` has loaded them. Values are stored the way the kernel stores them
 * (e.g. a statistic probability as the u32 the xt_statistic module keeps), so that printers can
 * reproduce what `iptables-save`, `iptables -S` and `iptables -L -n -v` print on a real node.
 *
 * This file is the contract between the parser, the printers, the traversal and kube-proxy's
 * generator. Keep it small and explicit; add new match/target kinds as new union members.
 */
import type { IpvsMatch } from './match-ipvs';
import type { Cidr, Ipv4 } from '../ipv4';
import type { ConntrackStateName, Hook, TcpFlag } from '../packet';

/** The five netfilter tables iptables knows about, in the order `iptables-save` prints them on Debian. */
export type TableName = 'raw' | 'mangle' | 'nat' | 'filter' | 'security';

export const TABLE_NAMES: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter', 'security'];

/** Which built-in chains each table registers, in the order `iptables -S` lists them. */
export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly Hook[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/**
 * Packet and byte counters, kept on every rule and on every built-in chain's policy. The kernel keeps
 * them as u64; the simulation counts in plain numbers (cheap, and exact far beyond what it can send),
 * while a dump's counters above 2^53 are kept exactly in `loaded` so they print back unchanged.
 */
export interface Counters {
  /** Packets counted (on top of `loaded.packets` when there is one). */
  packets: number;
  /** Bytes counted (on top of `loaded.bytes` when there is one). */
  bytes: number;
  /** Counts read from a dump that a number cannot hold exactly; absent for every other counter. */
  readonly loaded?: { readonly packets: bigint; readonly bytes: bigint };
}

/** The kernel's counters are u64: the largest value a dump can carry. */
export const MAX_COUNTER = 2n ** 64n - 1n;

/** A counter's exact value (a number while it is exact, else a bigint). */
export function counterValue(c: Counters, which: 'packets' | 'bytes'): number | bigint {
  return c.loaded === undefined ? c[which] : c.loaded[which] + BigInt(c[which]);
}

/** Counters from a dump's decimal text (`[PKTS:BYTES]`, `-c PKTS BYTES`); undefined above u64. */
export function countersFromText(packets: string, bytes: string): Counters | undefined {
  const p = BigInt(packets);
  const b = BigInt(bytes);
  if (p > MAX_COUNTER || b > MAX_COUNTER) return undefined;
  if (p <= BigInt(Number.MAX_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER)) return { packets: Number(p), bytes: Number(b) };
  return { packets: 0, bytes: 0, loaded: { packets: p, bytes: b } };
}

/** An inclusive port range; a single port has `from === to`. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** A value with the `!` negation iptables allows in front of it. */
export interface Negatable<T> {
  readonly value: T;
  readonly invert: boolean;
}

export type Protocol = 'tcp' | 'udp' | 'icmp' | 'sctp' | 'all' | number;

/**
 * The part of a rule the kernel keeps in `struct ipt_ip` (not a match module):
 * `-s`, `-d`, `-i`, `-o`, `-p`, `-f`. Printed first, in this order, by every printer.
 */
export interface IpHeaderMatch {
  readonly source?: Negatable<Cidr>;
  readonly destination?: Negatable<Cidr>;
  /** Interface name; a trailing `+` is a prefix wildcard, as in iptables. */
  readonly inInterface?: Negatable<string>;
  readonly outInterface?: Negatable<string>;
  readonly protocol?: Negatable<Protocol>;
  readonly fragment?: Negatable<true>;
}

/** One `-m NAME ...` match module with its options, in the order the rule lists them. */
export type Match =
  | { readonly kind: 'comment'; readonly comment: string }
  | {
      readonly kind: 'tcp' | 'udp' | 'sctp';
      readonly sourcePort?: Negatable<PortRange>;
      readonly destinationPort?: Negatable<PortRange>;
      /** tcp only: `--tcp-flags mask comp` */
      readonly tcpFlags?: Negatable<{ readonly mask: readonly TcpFlag[]; readonly compare: readonly TcpFlag[] }>;
      /** tcp only: `--syn` is stored as tcpFlags FIN,SYN,RST,ACK SYN by iptables; kept separately if written so. */
    }
  | { readonly kind: 'icmp'; readonly icmpType: Negatable<{ readonly type: number; readonly code?: number }> | undefined }
  | {
      readonly kind: 'multiport';
      readonly which: 'sports' | 'dports' | 'ports';
      readonly ports: Negatable<readonly PortRange[]>;
    }
  | { readonly kind: 'mark'; readonly value: number; readonly mask: number; readonly invert: boolean }
  | { readonly kind: 'connmark'; readonly value: number; readonly mask: number; readonly invert: boolean }
  | {
      readonly kind: 'statistic';
      readonly mode: 'random';
      /** What the kernel stores: round(p · 2^31); matched when (random & 0x7FFFFFFF) < this. */
      readonly probabilityU32: number;
      readonly invert: boolean;
    }
  | {
      readonly kind: 'statistic';
      readonly mode: 'nth';
      readonly every: number;
      readonly packet: number;
      readonly invert: boolean;
    }
  | {
      readonly kind: 'addrtype';
      readonly srcType?: Negatable<readonly AddrType[]>;
      readonly dstType?: Negatable<readonly AddrType[]>;
      readonly limitIfaceIn?: boolean;
      readonly limitIfaceOut?: boolean;
    }
  | {
      readonly kind: 'conntrack';
      readonly ctstate?: Negatable<readonly ConntrackStateName[]>;
      /** Other `-m conntrack` options (ctorigdst, ctstatus, ...) kept verbatim as `--opt value` tokens. */
      readonly extra?: readonly string[];
    }
  | { readonly kind: 'state'; readonly state: Negatable<readonly ConntrackStateName[]> }
  | {
      readonly kind: 'recent';
      readonly command: 'set' | 'rcheck' | 'update' | 'remove';
      readonly invert: boolean;
      readonly name: string;
      readonly seconds?: number;
      readonly reap?: boolean;
      readonly hitcount?: number;
      readonly rttl?: boolean;
      readonly mask: Ipv4;
      readonly side: 'source' | 'dest';
    }
  | { readonly kind: 'nfacct'; readonly name: string }
  | {
      readonly kind: 'set';
      readonly setName: string;
      readonly flags: readonly ('src' | 'dst')[];
      readonly invert: boolean;
    }
  /** `-m ipvs`: its options as xt_ipvs keeps them (match-ipvs.ts). */
  | IpvsMatch
  /**
   * A match module we do not model. Kept verbatim (the tokens after `-m NAME`) so that it prints back
   * unchanged; traversal treats it as "matches" and flags the rule so the UI can say so.
   */
  | { readonly kind: 'unknown'; readonly module: string; readonly tokens: readonly string[] };

export type AddrType =
  | 'UNSPEC'
  | 'UNICAST'
  | 'LOCAL'
  | 'BROADCAST'
  | 'ANYCAST'
  | 'MULTICAST'
  | 'BLACKHOLE'
  | 'UNREACHABLE'
  | 'PROHIBIT'
  | 'THROW'
  | 'NAT'
  | 'XRESOLVE';

/** A NAT range as `--to-destination`/`--to-source` take it: `ip[-ip][:port[-port]]`. */
export interface NatRange {
  readonly minAddress?: Ipv4;
  readonly maxAddress?: Ipv4;
  readonly ports?: PortRange;
}

/** What `-j` (or `-g`) says to do with a packet that matched. */
export type Target =
  /** No `-j`: the rule only counts packets, then evaluation continues with the next rule. */
  | { readonly kind: 'none' }
  | { readonly kind: 'ACCEPT' }
  | { readonly kind: 'DROP' }
  | { readonly kind: 'RETURN' }
  | { readonly kind: 'jump'; readonly chain: string }
  | { readonly kind: 'goto'; readonly chain: string }
  | { readonly kind: 'REJECT'; readonly rejectWith: string }
  | { readonly kind: 'DNAT'; readonly to: NatRange; readonly random?: boolean; readonly persistent?: boolean }
  | { readonly kind: 'SNAT'; readonly to: NatRange; readonly random?: boolean; readonly randomFully?: boolean; readonly persistent?: boolean }
  | { readonly kind: 'MASQUERADE'; readonly toPorts?: PortRange; readonly random?: boolean; readonly randomFully?: boolean }
  /** MARK is stored as the kernel stores it: new = (old & ~mask) ^ value. */
  | { readonly kind: 'MARK'; readonly value: number; readonly mask: number }
  | {
      readonly kind: 'CONNMARK';
      readonly mode: 'set' | 'save' | 'restore';
      readonly value?: number;
      readonly mask?: number;
      readonly nfmask?: number;
      readonly ctmask?: number;
    }
  | { readonly kind: 'LOG'; readonly prefix?: string; readonly level?: number }
  | { readonly kind: 'NOTRACK' }
  | { readonly kind: 'CT'; readonly notrack: boolean; readonly tokens?: readonly string[] }
  /** A target we do not model; kept verbatim; traversal stops with the verdict "unknown target". */
  | { readonly kind: 'unknown'; readonly name: string; readonly tokens: readonly string[] };

export interface Rule {
  readonly ip: IpHeaderMatch;
  readonly matches: readonly Match[];
  readonly target: Target;
  /** Counters: `UNCOUNTED` until a packet reaches the rule (`countRulePacket`), then the rule's own. */
  readonly counters: Counters;
}

/**
 * The counters of every rule no packet has reached yet, shared: 320,000 rules loaded for 10,000 Services held as
 * many pairs of zeros, most of which never count. Frozen, so a write that bypasses `countRulePacket` throws.
 */
export const UNCOUNTED: Counters = Object.freeze({ packets: 0, bytes: 0 });

/** Counts one packet of `bytes` bytes on the rule, giving it counters of its own the first time. */
export function countRulePacket(rule: Rule, bytes: number): void {
  let c = rule.counters;
  if (c === UNCOUNTED) {
    c = { packets: 0, bytes: 0 };
    (rule as { counters: Counters }).counters = c;
  }
  c.packets += 1;
  c.bytes += bytes;
}

export interface Chain {
  readonly name: string;
  /** Built-in chains have a policy (ACCEPT or DROP); user-defined chains have none. */
  readonly policy?: 'ACCEPT' | 'DROP';
  /** Policy counters of a built-in chain. */
  readonly policyCounters?: Counters;
  readonly rules: Rule[];
}

export interface Table {
  readonly name: TableName;
  /** Chains in the order `iptables-save` prints them: built-ins first (kernel order), then user chains sorted by name. */
  readonly chains: Map<string, Chain>;
}

/** Everything iptables shows on one node: the tables that exist there. */
export interface Ruleset {
  readonly tables: Map<TableName, Table>;
}
