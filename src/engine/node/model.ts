/**
 * One Linux node as the node layer sees it (its conntrack table, its addresses, its routes) and what
 * crossing it means for a packet: where the packet came from, and how its path through the hooks ended.
 */
import type { Classification, ClassifyOptions } from '../conntrack/classify';
import type { ConntrackTable } from '../conntrack/model';
import type { Ipv4 } from '../ipv4';
import type { Hook, TrackedPacket } from '../packet';
import type { Hop, IpvsHop, RouteDecision, RuleHop, RuleTable } from './hops';

/** What every node has, whatever data planes are hooked into its netfilter. */
export interface LinuxNode {
  readonly name: string;
  readonly conntrack: ConntrackTable;
  /** Addresses the node owns (`-m addrtype --dst-type LOCAL`, `fib daddr type local`). */
  readonly localAddresses: ReadonlySet<Ipv4>;
  /** The node's route lookup (`ip route get`). Undefined: no route to the destination. */
  readonly route: (destination: Ipv4) => RouteDecision | undefined;
}

/** Where the packet came from when it reached this node. */
export type Arrival =
  /** On the wire or a veth, through `interface`. */
  | { readonly from: 'network'; readonly interface: string }
  /** Sent by a process on this node. */
  | { readonly from: 'local' };

export type TraversalOutcome =
  /** Accepted at INPUT: a local socket gets it. */
  | { readonly kind: 'local'; readonly packet: TrackedPacket }
  /** Left the node through `route.device`. */
  | { readonly kind: 'sent'; readonly packet: TrackedPacket; readonly route: Extract<RouteDecision, { kind: 'unicast' }> }
  | { readonly kind: 'dropped'; readonly hook: Hook; readonly table: RuleTable; readonly hop: RuleHop; readonly byPolicy: boolean }
  | { readonly kind: 'rejected'; readonly hook: Hook; readonly table: RuleTable; readonly hop: RuleHop; readonly rejectWith: string }
  /** A target we do not simulate stopped evaluation. */
  | { readonly kind: 'stopped'; readonly hook: Hook; readonly table: RuleTable; readonly hop: RuleHop; readonly target: string }
  | { readonly kind: 'no-route'; readonly hook: Hook; readonly packet: TrackedPacket }
  /** Conntrack refused the packet at confirm (a clashing tuple) — the kernel drops it. */
  | { readonly kind: 'clash'; readonly hook: Hook; readonly packet: TrackedPacket }
  /** IPVS found no available real server: ICMP port unreachable to the client, the packet dropped (ip_vs_leave). */
  | { readonly kind: 'ipvs-unreachable'; readonly hook: Hook; readonly hop: IpvsHop };

/** A data plane's verdict that ends the packet's path on this node. */
export type StopOutcome = Extract<TraversalOutcome, { kind: 'dropped' | 'rejected' | 'stopped' | 'ipvs-unreachable' }>;

export interface Traversal {
  readonly hops: readonly Hop[];
  readonly outcome: TraversalOutcome;
  /** What conntrack made of the packet; undefined only if it never reached the conntrack stage. */
  readonly classification?: Classification;
  /** How many rules (and policies) the kernel evaluated, one by one. */
  readonly rulesEvaluated: number;
  /** What IPVS did on the way, when an IPVS data plane is registered and took the packet. */
  readonly ipvs?: readonly IpvsHop[];
}

export interface TraversalOptions {
  /** The node generated this packet in answer to another (REJECT's TCP reset): it is RELATED to that connection. */
  readonly answering?: ClassifyOptions['answering'];
  /** Record every rule evaluated as a hop. When false, only the hop that stopped a packet is kept (spreads). @default true */
  readonly recordHops?: boolean;
}

export interface TraversalClock {
  readonly nowMs: number;
  readonly random32: () => number;
}
