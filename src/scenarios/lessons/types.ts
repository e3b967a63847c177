/**
 * Built-in lessons as data: a scenario, the connections to send through it, the explanation step by step
 * and predict-then-reveal questions whose answers are claims the engine decides (check.ts), never text
 * we typed in. lessons.test.ts runs every lesson, so a lesson cannot drift from what the engine does.
 */
import type { TableName } from '../../engine/netfilter/model';
import type { JourneyOutcome } from '../../engine/sim/journey';
import type { CtState, Hook } from '../../engine/packet';
import type { ConntrackRow } from '../../engine/conntrack/rows';
import type { JourneyHop, PacketFate } from '../../engine/sim/carry';
import type { IpvsScheduler } from '../../engine/ipvs/model';
import type { ProxyMode } from '../../engine/sim/data-planes';
import type { ChainOwner } from '../../engine/import/model';
import type { DumpOutcome } from '../../engine/import/trace';
import type { DumpExample } from '../dumps/index';

/** The lessons, in teaching order. Each has `<id>.yaml` (its scenario) and `<id>.ts` (its text) beside this file. */
export const LESSON_IDS = [
  '00-hooks-tables-chains',
  '01-clusterip',
  '02-second-packet',
  '03-nodeport',
  '04-localhost-nodeport',
  '05-loadbalancer-source-ranges',
  '06-external-traffic-local',
  '07-internal-traffic-local',
  '08-session-affinity',
  '09-hairpin',
  '10-no-endpoints',
  '11-dns-udp',
  '12-pod-to-pod',
  '13-stale-udp',
  '14-nftables-lookup',
  '15-nftables-numgen',
  '16-nftables-reject-drop',
  '17-switch-mode',
  '19-read-your-own-node',
  '20-ipvs-clusterip',
  '21-ipvs-ping',
  '22-ipvs-schedulers',
  '23-scale',
] as const;

export type LessonId = (typeof LESSON_IDS)[number];

/** Text in both languages the UI speaks. Terms of art (PREROUTING, DNAT, conntrack, KUBE-SVC-…) stay as they are in both. */
export interface Localized {
  readonly en: string;
  readonly ko: string;
}

interface SendBase {
  /** How steps, questions and later sends refer to this one. Unique within the lesson. */
  readonly id: string;
  /** What is sent, for the lesson's send buttons. */
  readonly title: Localized;
  /** `--from`: a pod, a node (a process on it), `external` or `external:IP` (DESIGN §4). */
  readonly from: string;
  /** `--to`: `IP:PORT`, a Service `NAME[.NAMESPACE][:PORT]` or `NODE:PORT`. */
  readonly to: string;
  /** The node an external client's packets arrive at. */
  readonly via?: string;
  /** `icmp`: a ping (`to` is then an address, without a port). */
  readonly protocol?: 'tcp' | 'udp' | 'icmp';
  /** The network's random seed (statistic draws, ports). @default 1 */
  readonly seed?: number;
  /**
   * Run on the network an earlier send left behind (its conntrack entries, `recent` lists and clock)
   * instead of a fresh one; `seed` is then ignored.
   */
  readonly continues?: string;
  /**
   * What happens to the continued network before this send, in this order: the clock moves on (entries age
   * and expire), then endpoints are removed (their pods deleted) and kube-proxy resyncs and cleans up stale
   * UDP entries, as `kpl trace --script` does with `wait` and `remove-endpoint`. Only with `continues`.
   */
  readonly before?: SendBefore;
  /**
   * Run in this kube-proxy mode instead of the scenario's (as `kpl trace --mode` does), on a network of its
   * own: the same cluster, the mode's rules. Not with `continues` (a continued send runs in its network's mode).
   */
  readonly mode?: ProxyMode;
}

/** Time passing and endpoints going away between two sends. */
export interface SendBefore {
  readonly waitSeconds?: number;
  /** Addresses of endpoints whose pods are deleted. */
  readonly removeEndpoints?: readonly string[];
}

/** One connection, every packet of it (SYN … last ACK, or a UDP query and its answer): `runConnection`. */
export interface ConnectionSend extends SendBase {
  readonly kind: 'connection';
  /** The client's source port. @default drawn from the seed */
  readonly sport?: number;
  /**
   * TCP only: the connection stays open after the response (no FIN), as a long-lived connection does, so
   * it counts as active in IPVS (`ActiveConn`) for as long as it lives. @default false
   */
  readonly keepOpen?: boolean;
}

/** Many new connections, first packet only, counting which endpoint each reached: `runSpread`. */
export interface SpreadSend extends SendBase {
  readonly kind: 'spread';
  readonly connections: number;
}

export type Send = ConnectionSend | SpreadSend;

/** The stages a journey records: rules, and what happens between them (sim/carry.ts, node/hops.ts). */
export type HopStage = JourneyHop['kind'];

/**
 * Where in a send a step or claim looks. Without `packet` it points at the send as a whole; with it,
 * at the hops of that packet that fit every field given (at least one must).
 */
export interface HopPointer {
  /** @default the lesson's first send */
  readonly send?: string;
  /** The packet's label as the journey names it: `SYN`, `SYN-ACK`, `ACK`, `request`, `query`, `response`, `ICMP port unreachable`, … */
  readonly packet?: string;
  /** @default 'rule' */
  readonly stage?: HopStage;
  readonly node?: string;
  readonly hook?: Hook;
  readonly table?: TableName;
  readonly chain?: string;
  /** The target a rule took: `DNAT`, `MASQUERADE`, `KUBE-SEP-…`, `DROP`. Rules that did not match took none (use `rule`). */
  readonly target?: string;
  /** Text the rule's `-A` line contains. */
  readonly rule?: string;
  readonly ctstate?: CtState;
  /** Rule hops only: whether the rule matched; `'any'` for rules merely evaluated. @default true */
  readonly matched?: boolean | 'any';
}

/** A fact about what the engine did, checked by `evaluateClaim`. */
export type Claim =
  /** The connection's outcome (its first failing packet decides). */
  | { readonly kind: 'outcome'; readonly send?: string; readonly equals: JourneyOutcome }
  /** What one packet's journey ended in. */
  | { readonly kind: 'packetFate'; readonly send?: string; readonly packet: string; readonly equals: PacketFate['kind'] }
  /** The pod the connection's first packet reached. */
  | { readonly kind: 'endpointPod'; readonly send?: string; readonly equals: string }
  /** The node of the endpoint the connection's first packet reached. */
  | { readonly kind: 'endpointNode'; readonly send?: string; readonly equals: string }
  /** The source address the endpoint saw (the client, or what MASQUERADE made of it). */
  | { readonly kind: 'seenSource'; readonly send?: string; readonly equals: string }
  /** A packet's header as its receiver saw it: `IP:PORT`. */
  | { readonly kind: 'deliveredAddress'; readonly send?: string; readonly packet: string; readonly field: 'src' | 'dst'; readonly equals: string }
  /** Whether the packet reached its receiver with other addresses or ports than it was sent with. */
  | { readonly kind: 'packetTranslated'; readonly send?: string; readonly packet: string; readonly equals: boolean }
  /** Whether any rule of the nat table was evaluated for the packet (on `node`, or on any node). */
  | { readonly kind: 'natWalkedOnPacket'; readonly send?: string; readonly packet: string; readonly node?: string; readonly equals: boolean }
  /** Whether a matched rule fits the pointer (`stage` is always `rule`). */
  | ({ readonly kind: 'ruleMatched'; readonly packet: string; readonly equals: boolean } & Omit<HopPointer, 'packet' | 'stage' | 'matched'>)
  /** Whether any hop fits the pointer. */
  | { readonly kind: 'hop'; readonly at: HopPointer & { readonly packet: string }; readonly equals: boolean }
  /** Whether `conntrack -L` on `node`, right after `packet`, has a line containing `matches` (spaces collapsed). */
  | { readonly kind: 'conntrackState'; readonly send?: string; readonly node: string; readonly packet: string; readonly matches: string; readonly equals?: boolean }
  /**
   * `node`'s conntrack entry whose original tuple contains `original` (as the Conntrack table writes it:
   * `10.10.0.4:50367 → 10.200.1.10:53`), right after `packet`, has every field given. Arrays compare as sets.
   */
  | {
      readonly kind: 'conntrackEntry';
      readonly send?: string;
      readonly node: string;
      readonly packet: string;
      readonly original: string;
      readonly state?: string;
      readonly flags?: ConntrackRow['flags'];
      readonly nat?: ConntrackRow['nat'];
      readonly timeoutSeconds?: number;
    }
  /** A spread reached exactly `endpointCount` endpoints, none failed, each within `tolerance` of an even share. */
  | { readonly kind: 'spreadShare'; readonly send?: string; readonly endpointCount: number; readonly tolerance: number }
  /** One pod's share of a spread's connections is within `tolerance` of `share`. */
  | { readonly kind: 'spreadPodShare'; readonly send?: string; readonly pod: string; readonly share: number; readonly tolerance: number }
  /** How many distinct endpoints a spread reached. */
  | { readonly kind: 'spreadEndpoints'; readonly send?: string; readonly equals: number }
  /** How many connections of a spread failed. */
  | { readonly kind: 'spreadFailed'; readonly send?: string; readonly equals: number }
  /** Whether two connection sends reached the same endpoint. */
  | { readonly kind: 'sameEndpoint'; readonly sends: readonly [string, string]; readonly equals: boolean }
  /**
   * Whether a node's rules, printed as `iptables-save` (`save`), `iptables -S` (`S`) or `iptables -L -n -v`
   * (`L`), contain `includes` (runs of spaces collapsed on both sides, so `-L`'s column padding does not matter).
   */
  | { readonly kind: 'rulesPrint'; readonly node: string; readonly table: 'nat' | 'filter'; readonly format: 'save' | 'S' | 'L'; readonly includes: string; readonly equals: boolean }
  /**
   * IPVS mode: whether a node's `ipvsadm -Ln` (its counts right after `send`, or before any send when
   * `send` is left out), `ipset list` or `ip addr show kube-ipvs0` contains `includes` (runs of spaces collapsed).
   */
  | { readonly kind: 'ipvsPrint'; readonly node: string; readonly tool: IpvsTool; readonly send?: string; readonly includes: string; readonly equals: boolean }
  /**
   * What if the scenario's kube-proxy said `ipvs.scheduler: scheduler`: the lesson's sends run again, up to and
   * including `send`, on that cluster, and the pod `send`'s connection reaches is compared with `equals`.
   */
  | { readonly kind: 'endpointPodWithScheduler'; readonly send: string; readonly scheduler: IpvsScheduler; readonly equals: string }
  /**
   * The scale lab's sweep (engine/scale/sweep.ts), not the lesson's scenario: in `mode`, from `from` to `to`
   * Services, `metric` (the rules and lookups a new connection's first packet is evaluated against, or the lines
   * kube-proxy writes) grows by a factor within [atLeast, atMost].
   */
  | {
      readonly kind: 'scaleGrowth';
      readonly mode: 'iptables' | 'nftables' | 'ipvs';
      readonly metric: 'evaluated' | 'lines';
      readonly from: number;
      readonly to: number;
      readonly atLeast: number;
      readonly atMost: number;
    }
  /**
   * How much the kernel evaluated for `packet` on `node` (every node when undefined), in `chain` when given:
   * `rules` counts rules and chain policies read one by one (a linear walk reads each), `lookups` counts
   * nftables map lookups (one hash lookup each, whatever the map's size). Holds when the count is within
   * `atLeast` … `atMost` (each bound optional, at least one given).
   */
  | {
      readonly kind: 'evaluatedCount';
      readonly send?: string;
      readonly packet: string;
      readonly node?: string;
      readonly chain?: string;
      readonly what: 'rules' | 'lookups';
      readonly atLeast?: number;
      readonly atMost?: number;
    }
  /**
   * Whether `packet` looked `map` up (an nftables map: `service-ips`, or `{…}` for an anonymous one) on `node`
   * (any node when undefined), with exactly `key` as nft prints it (`10.200.1.100 . tcp . 9000`) when given,
   * finding an element whose verdict contains `verdict` when given (`found: false`: finding no element).
   */
  | {
      readonly kind: 'mapLookup';
      readonly send?: string;
      readonly packet: string;
      readonly node?: string;
      readonly map: string;
      readonly key?: string;
      readonly verdict?: string;
      readonly found?: boolean;
      readonly equals: boolean;
    }
  /**
   * Whether what `node` prints in kube-proxy mode `mode` contains `includes` (runs of spaces and tabs collapsed):
   * `nft` is `nft list ruleset` (empty outside nftables mode), `iptables-save` the node's iptables tables.
   */
  | { readonly kind: 'nodePrint'; readonly node: string; readonly mode: ProxyMode; readonly format: 'nft' | 'iptables-save'; readonly includes: string; readonly equals: boolean }
  /** Every one of `claims` holds (an answer about two sends, e.g. the same flow in two modes). */
  | { readonly kind: 'allOf'; readonly claims: readonly Claim[] }
  /** Who wrote `chain` in one of the notes' node dumps (an imported node: engine/import/owners.ts). */
  | { readonly kind: 'dumpChainOwner'; readonly dump: DumpExample; readonly chain: string; readonly equals: ChainOwner }
  /** A connection traced through a notes' node dump (`kpl trace --dump`) ends in `equals`. */
  | ({ readonly kind: 'dumpTraceOutcome'; readonly equals: DumpOutcome } & DumpPacket)
  /** How many endpoints a spread through a notes' node dump (`kpl spread --dump`, 2,000 connections) reaches. */
  | ({ readonly kind: 'dumpSpreadEndpoints'; readonly equals: number } & DumpPacket);

/** A packet through a notes' node dump, as `kpl trace --dump` takes it. */
export interface DumpPacket {
  readonly dump: DumpExample;
  /** `IP[:PORT]` */
  readonly src: string;
  /** `IP:PORT` */
  readonly dst: string;
  /** @default the node's uplink (eth0) */
  readonly inInterface?: string;
}

/** The IPVS-mode printers a claim can read. */
export type IpvsTool = 'ipvsadm' | 'ipset' | 'ip-addr';

/** One paragraph of the explanation, optionally tied to the hop it talks about. */
export interface Step {
  readonly text: Localized;
  /** What the UI highlights while the step is shown; the test requires it to resolve. */
  readonly at?: HopPointer;
  /** What a study note says here, where it simplifies; `text` then says what the node really does. */
  readonly noteSays?: Localized;
}

export interface Choice {
  readonly id: string;
  readonly text: Localized;
  /** For a wrong choice: the claim that would make it right. The test requires the engine to refute it. */
  readonly claim?: Claim;
}

/** Predict, then reveal: the learner picks, then sees the engine's answer. */
export interface Question {
  readonly id: string;
  readonly prompt: Localized;
  readonly choices: readonly Choice[];
  /** The claim the engine must find true. */
  readonly answer: Claim;
  /** The id of the choice `answer` makes true. */
  readonly correct: string;
  readonly reveal: Localized;
}

export interface Lesson {
  readonly id: LessonId;
  readonly title: Localized;
  readonly summary: Localized;
  /** In the order they run; a send may continue an earlier one's network. */
  readonly sends: readonly Send[];
  /** A notes' node dump the lesson reads: the lesson panel offers to import it (Import node rules). */
  readonly dump?: DumpExample;
  readonly steps: readonly Step[];
  readonly questions: readonly Question[];
}
