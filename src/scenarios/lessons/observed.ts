/**
 * What the engine observed when it decided a claim, as data: the reveal turns it into a sentence in the
 * learner's language (app/lessons/observed-text.ts), so it never shows raw words like `no` or `printed`.
 */
import type { ConntrackRow } from '../../engine/conntrack/rows';
import type { PacketFate } from '../../engine/sim/carry';
import type { JourneyOutcome } from '../../engine/sim/journey';

/** A rule pointer's fields, as the observation sentence names them. */
export interface RuleWhere {
  readonly node?: string;
  readonly hook?: string;
  readonly table?: string;
  readonly chain?: string;
  readonly target?: string;
}

export interface SpreadShare {
  /** `IP:PORT` */
  readonly endpoint: string;
  readonly pod?: string;
  readonly count: number;
}

export type Observation =
  | { readonly kind: 'outcome'; readonly outcome: JourneyOutcome }
  | { readonly kind: 'packetFate'; readonly packet: string; readonly fate: PacketFate['kind'] }
  | { readonly kind: 'endpointPod'; readonly pod?: string }
  | { readonly kind: 'endpointNode'; readonly node?: string }
  | { readonly kind: 'seenSource'; readonly ip?: string }
  | { readonly kind: 'deliveredAddress'; readonly packet: string; readonly field: 'src' | 'dst'; readonly address?: string }
  /** `sent` and `received` as `src:port → dst:port`; absent when the packet was not delivered. */
  | { readonly kind: 'translated'; readonly packet: string; readonly sent?: string; readonly received?: string }
  | { readonly kind: 'natWalked'; readonly packet: string; readonly node?: string; readonly rules: number }
  | ({ readonly kind: 'ruleMatched'; readonly packet: string; readonly count: number } & RuleWhere)
  | { readonly kind: 'hops'; readonly packet: string; readonly count: number }
  | { readonly kind: 'conntrackLines'; readonly node: string; readonly packet: string; readonly lines: readonly string[] }
  | {
      readonly kind: 'conntrackEntry';
      readonly node: string;
      readonly packet: string;
      readonly original: string;
      readonly entry?: Pick<ConntrackRow, 'protocol' | 'state' | 'timeoutSeconds' | 'flags' | 'nat'>;
    }
  | { readonly kind: 'spread'; readonly connections: number; readonly shares: readonly SpreadShare[]; readonly failed: number }
  | { readonly kind: 'sameEndpoint'; readonly first?: string; readonly second?: string }
  | { readonly kind: 'rulesPrint'; readonly node: string; readonly table: 'nat' | 'filter'; readonly format: 'save' | 'S' | 'L'; readonly includes: string; readonly found: boolean }
  | { readonly kind: 'ipvsPrint'; readonly node: string; readonly tool: 'ipvsadm' | 'ipset' | 'ip-addr'; readonly includes: string; readonly found: boolean }
  /** The pod the connection would have reached had kube-proxy run `scheduler`. */
  | { readonly kind: 'endpointPodWithScheduler'; readonly scheduler: string; readonly pod?: string }
  /** The scale sweep's counts at two sizes (scaleGrowth). */
  | {
      readonly kind: 'scaleGrowth';
      readonly mode: 'iptables' | 'nftables' | 'ipvs';
      readonly metric: 'evaluated' | 'lines';
      readonly from: number;
      readonly to: number;
      readonly fromCount: number;
      readonly toCount: number;
    }
  | { readonly kind: 'evaluated'; readonly packet: string; readonly node?: string; readonly chain?: string; readonly what: 'rules' | 'lookups'; readonly count: number }
  /** Every lookup of `map` the packet made, as `key → verdict` (`→ no element` when none matched). */
  | { readonly kind: 'mapLookups'; readonly packet: string; readonly node?: string; readonly map: string; readonly lookups: readonly string[] }
  | { readonly kind: 'nodePrint'; readonly node: string; readonly mode: 'iptables' | 'nftables' | 'ipvs'; readonly format: 'nft' | 'iptables-save'; readonly includes: string; readonly found: boolean }
  | { readonly kind: 'all'; readonly observations: readonly Observation[] }
  /** What an imported notes' dump showed: a chain's owner, a trace's outcome (and endpoint), a spread's endpoints. */
  | { readonly kind: 'dump'; readonly what: 'owner' | 'outcome' | 'endpoints'; readonly subject: string; readonly value: string };
