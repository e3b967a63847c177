/**
 * What a trace records of one packet crossing one node: every rule a data plane evaluated, and the
 * node's own stages between them (conntrack's lookup, a translation taken from the entry, routing,
 * confirm). The worker's trace view and the UI read these fields; their shape is a contract.
 */
import type { IpvsHopServer } from '../explain/ipvs-roles';
import type { Ipv4 } from '../ipv4';
import type { TableName } from '../netfilter/model';
import type { NftFamily } from '../nftables/model';
import type { CtState, HeaderView, Hook } from '../packet';

/** Where the kernel's route lookup sends a destination. */
export type RouteDecision =
  | { readonly kind: 'local' }
  /** Out of `device`, to `via` (or directly); `source` is the address the kernel picks on that device (MASQUERADE uses it). */
  | { readonly kind: 'unicast'; readonly device: string; readonly via?: Ipv4; readonly source: Ipv4 };

/** An nftables table as hops and outcomes name it: `ip kube-proxy`. */
export type NftTableRef = `${NftFamily} ${string}`;

/** Where a rule lives: an iptables table (`nat`) or an nftables table (`ip kube-proxy`). */
export type RuleTable = TableName | NftTableRef;

/** The iptables table a hop ran in, or undefined for an nftables table (`ip kube-proxy`). */
export const iptablesTableOf = (t: RuleTable): TableName | undefined => (t.includes(' ') ? undefined : (t as TableName));

/** One rule (or policy) evaluated, with the hook and what the packet looked like around it. */
export interface RuleHop {
  readonly kind: 'rule';
  readonly node: string;
  readonly hook: Hook;
  /** The iptables table, or for an nftables rule its table as `family name` (`ip kube-proxy`). */
  readonly table: RuleTable;
  readonly chain: string;
  /** 0-based index in the chain; -1 for a built-in chain's policy. */
  readonly ruleIndex: number;
  /** The rule's `-A` text, or `policy ACCEPT` / `policy DROP`; an nftables rule as `nft list ruleset` prints it, or `policy accept` / `policy drop`. */
  readonly rule: string;
  readonly matched: boolean;
  readonly target?: string;
  readonly before: HeaderView;
  /** For the rule whose NAT target bound the connection: the packet as the binding rewrote it. */
  readonly after: HeaderView;
  readonly ctstate: CtState;
  readonly notes: readonly string[];
}

/** A rule as a data plane's walk evaluated it (netfilter/walk.ts WalkStep, nftables/evaluate.ts EvalStep). */
export interface WalkedRule {
  readonly chain: string;
  readonly ruleIndex: number;
  readonly matched: boolean;
  readonly target?: string;
  /** The packet's mark as the rule read it and as it left it (MARK, `meta mark set`). */
  readonly markBefore: number;
  readonly markAfter: number;
  readonly notes: readonly string[];
}

/**
 * A rule's hop on `node` at `hook`: the packet is the hook's `header` with the walk's mark before and after the
 * rule (the mark is all a chain walk changes; NAT happens on the conntrack entry, after the walk).
 */
export function ruleHop(at: Pick<RuleHop, 'node' | 'hook' | 'table' | 'ctstate'>, header: HeaderView, s: WalkedRule, rule: string): RuleHop {
  const before = s.markBefore === header.mark ? header : { ...header, mark: s.markBefore };
  return {
    kind: 'rule',
    node: at.node,
    hook: at.hook,
    table: at.table,
    chain: s.chain,
    ruleIndex: s.ruleIndex,
    rule,
    matched: s.matched,
    ...(s.target !== undefined ? { target: s.target } : {}),
    before,
    after: s.markAfter === before.mark ? before : { ...before, mark: s.markAfter },
    ctstate: at.ctstate,
    notes: s.notes,
  };
}

/** Things that happen between rules: conntrack's lookup, a translation taken from the entry, routing, confirm. */
export type StageHop =
  | {
      readonly kind: 'conntrack';
      readonly node: string;
      readonly hook: Hook;
      readonly ctstate: CtState;
      readonly direction: 'original' | 'reply';
      readonly isNew: boolean;
      readonly entryId?: number;
      /** The entry as `conntrack -L` would print it right after this lookup (a new one is not listed until confirmed). */
      readonly entryLine?: string;
    }
  /** The nat table was not walked: the connection's binding rewrote (or kept) the packet — a conntrack hit. */
  | {
      readonly kind: 'nat-from-entry';
      readonly node: string;
      readonly hook: Hook;
      readonly manip: 'SRC' | 'DST';
      /** Replies are translated back: the DST hook undoes SNAT, the SRC hook undoes DNAT. */
      readonly direction: 'original' | 'reply';
      readonly before: HeaderView;
      readonly after: HeaderView;
      readonly ctstate: CtState;
    }
  | { readonly kind: 'routing'; readonly node: string; readonly hook: Hook; readonly decision: RouteDecision | undefined; readonly destination: Ipv4 }
  | {
      readonly kind: 'confirm';
      readonly node: string;
      readonly hook: Hook;
      readonly entryId: number;
      readonly ok: boolean;
      /** The entry's `conntrack -L` line as it enters the table. */
      readonly entryLine?: string;
    };

/**
 * One nftables map lookup (`… vmap @service-ips`): a single hash lookup whatever the map's size, shown
 * as its own hop after the rule that made it ("service-ips: 10.96.0.10 . udp . 53 → goto service-…").
 */
export interface MapLookupHop {
  readonly kind: 'map-lookup';
  readonly node: string;
  readonly hook: Hook;
  readonly table: NftTableRef;
  readonly chain: string;
  /** The rule that looked up, 0-based in its chain. */
  readonly ruleIndex: number;
  /** The map's name, or `{…}` for an anonymous map (`numgen random mod 2 vmap { … }`). */
  readonly map: string;
  /** The key as nft prints it: `10.96.0.10 . udp . 53`. */
  readonly key: string;
  /** The element's verdict (`goto service-…`); undefined when no element has the key (the rule does not match). */
  readonly verdict?: string;
  /** `service-ips: 10.96.0.10 . udp . 53 → goto service-…`, or `… → no element`. */
  readonly text: string;
  /** The packet as the lookup read it. */
  readonly packet: HeaderView;
  readonly ctstate: CtState;
}

export type Hop = RuleHop | StageHop | MapLookupHop | IpvsHop;

/**
 * IPVS took the packet (ip_vs_core.c): at LOCAL_IN / LOCAL_OUT a virtual server's connection was found or a
 * new one scheduled and the destination rewritten to the real server (`schedule`, `connection`); at FORWARD /
 * LOCAL_IN / LOCAL_OUT a real server's reply was rewritten back to the virtual address (`reply`); or no real
 * server was available (`no-destination`: ip_vs_leave answers ICMP port unreachable). Kept beside the hops
 * as a hop of its own (also listed in Traversal.ipvs), with the number of hops recorded before it.
 */
export interface IpvsHop {
  readonly kind: 'ipvs';
  readonly node: string;
  readonly hook: Hook;
  /** How many hops of the traversal come before this one. */
  readonly index: number;
  readonly action: 'schedule' | 'connection' | 'reply' | 'no-destination';
  /** The virtual server as `ipvsadm -Ln` heads it: `TCP  10.96.0.100:9000 rr`. */
  readonly virtualServer: string;
  /** The same virtual server as facts, for words about it (scheduler, persistence, how many real servers it had). */
  readonly vs?: IpvsHopServer;
  /** `10.244.1.2:80`, when one was chosen. */
  readonly realServer?: string;
  /** A persistence template chose the real server (session affinity). */
  readonly persistent?: boolean;
  readonly before: HeaderView;
  readonly after: HeaderView;
}

/** The virtual server's facts on an IPVS hop: defined where the narration reads them (explain sits below node). */
export type { IpvsHopServer } from '../explain/ipvs-roles';

/** `TCP  10.96.0.10:53 rr → 10.244.1.2:53` (schedule), `… (persistent)`, `reply from 10.244.1.2:53`, `… no destination`. */
export function ipvsHopText(h: IpvsHop): string {
  switch (h.action) {
    case 'schedule':
    case 'connection':
      return `${h.virtualServer} → ${h.realServer ?? '?'}${h.action === 'connection' ? ' (connection)' : ''}${h.persistent ? ' (persistent)' : ''}`;
    case 'reply':
      return `${h.virtualServer} ← reply from ${h.realServer ?? '?'}`;
    case 'no-destination':
      return `${h.virtualServer}: no real server available`;
  }
}
