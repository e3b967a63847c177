/**
 * What the comparison of one connection across the kube-proxy modes is made of (compare-modes.ts builds
 * it, compare-modes-text.ts words its differences, the CLI and the UI read it): plain data, so it crosses
 * the worker boundary as it is.
 */
import type { JourneyOutcome } from './journey';
import type { RuleTable } from '../node/hops';
import type { Hook } from '../packet';
import type { DnatSite, EndpointChooser } from './compare-modes-structures';
import type { ProxyMode } from './data-planes';

export type DifferenceKind = 'outcome' | 'endpoint-set' | 'endpoint' | 'seen-source' | 'dnat-site' | 'chooser' | 'work';

export interface ModeDifference {
  readonly kind: DifferenceKind;
  /** The modes whose value stands out from the others' (every mode when no two agree). */
  readonly modes: readonly ProxyMode[];
  readonly en: string;
  readonly ko: string;
}

/** A rule that ended the first packet's path (REJECT, DROP, a policy). */
export interface StopRule {
  readonly kind: 'rule';
  readonly node: string;
  readonly hook: Hook;
  readonly table: RuleTable;
  readonly chain: string;
  readonly ruleIndex: number;
}

/** How the first packet's path ended, as data (the UI words it in either language). */
export type FirstPacketEnd =
  | { readonly kind: 'delivered'; readonly to: string }
  | { readonly kind: 'rejected'; readonly node: string; readonly by: StopRule; readonly rejectWith: string }
  /** IPVS had a virtual server but no real server: ip_vs_leave answers ICMP port unreachable. */
  | { readonly kind: 'rejected'; readonly node: string; readonly by: { readonly kind: 'ipvs'; readonly virtualServer: string }; readonly rejectWith: string }
  /** Delivered, but nothing listens there: the receiver's stack answered. */
  | { readonly kind: 'refused'; readonly by: string; readonly address: string; readonly protocol: 'tcp' | 'udp'; readonly rejectWith: string }
  | { readonly kind: 'dropped'; readonly node: string; readonly by: StopRule }
  /** No rule or virtual server took a packet for an address nobody owns: the node sent it out, unanswered. */
  | { readonly kind: 'unanswered'; readonly node: string; readonly dst: string; readonly clusterIP: boolean; readonly loops: boolean }
  | { readonly kind: 'lost'; readonly node?: string; readonly reason: string };

/** What a mark on a step of the path stands for: the DNAT, the SNAT, a verdict that stopped the packet, the hook it left the cluster unanswered from. */
export type PathMark = 'dnat' | 'snat' | 'stop' | 'out';

/** The first packet's path: each hook it crossed on each node (with what was evaluated there), each wire, the receiver. */
export type PathStep =
  | { readonly kind: 'hook'; readonly node: string; readonly hook: Hook; readonly rules: number; readonly lookups: number; readonly marks: readonly PathMark[] }
  | { readonly kind: 'wire'; readonly from: string; readonly to: string }
  | { readonly kind: 'receive'; readonly by: string };

/** One mode's connection, summed up. */
export interface ModeSummary {
  readonly mode: ProxyMode;
  /** The destination the client sent to (`ip:port`, or the address of a ping). */
  readonly destination: string;
  /** The destination is a loopback address (127.0.0.0/8): only iptables mode serves NodePorts there. */
  readonly loopback: boolean;
  /** What the destination names: a Service's cluster IP, node port, external IP or load-balancer IP. */
  readonly via?: 'clusterIP' | 'nodePort' | 'externalIP' | 'loadBalancer';
  readonly outcome: JourneyOutcome;
  readonly endpoint?: { readonly ip: string; readonly port: number; readonly pod?: string; readonly node?: string };
  /** The source the endpoint sees (`ip:port`): the client's, or a masqueraded one. */
  readonly seenSource?: string;
  readonly dnat?: DnatSite;
  /** Where the source was rewritten (MASQUERADE, `masquerade`), if it was. */
  readonly snat?: { readonly node: string; readonly hook: Hook; readonly table: RuleTable; readonly chain: string; readonly to: string };
  readonly chooser?: EndpointChooser;
  /** The endpoints the chooser picks among (`ip:port`, sorted); empty when nothing chose. */
  readonly endpointSet: readonly string[];
  /** Rules (and policies) evaluated for the first packet, over every node it crossed. */
  readonly rulesEvaluated: number;
  /** nftables map lookups (`vmap @service-ips`, `numgen … vmap { … }`) for the first packet. */
  readonly mapLookups: number;
  /** IPVS virtual-server lookups that took the first packet. */
  readonly ipvsLookups: number;
  /** Rules evaluated for the whole connection, every packet. */
  readonly connectionRulesEvaluated: number;
  readonly end: FirstPacketEnd;
  readonly path: readonly PathStep[];
}

export interface ModeComparison {
  readonly modes: readonly ModeSummary[];
  readonly differences: readonly ModeDifference[];
}
