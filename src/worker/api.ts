/**
 * What the engine worker offers the page. The page imports only these types (see `client.ts`);
 * the engine itself is loaded in the worker, never on the main thread.
 */
import type { ScenarioOutline } from '../engine/scenario-outline';
import type { ChainPosition } from './chain-layout';
import type { Diagnostic } from '../engine/cluster/model';
import type { ChainGraph } from '../engine/netfilter/chain-graph';
import type { PacketChoices } from '../engine/sim/choices';
import type { SpreadResult } from '../engine/sim/spread';
import type { PacketView, TraceView } from './trace-view';
import type { Observation } from '../scenarios/lessons/observed';
import type { RulePart } from '../engine/netfilter/explain-tokens';
import type { TextRange } from '../engine/cluster/locate-source';
import type { RuleMeaning } from '../engine/explain/meaning';
import type { ImportApi } from './import-api';
import type { ModeComparison } from '../engine/sim/compare-modes';
import type { ScaleApi } from './scale-api';
import type { ChainView, ChainViewRequest } from './chain-view';
import type { NftLineRef } from './nft-details';
import type { HookStagesView } from './hook-stages-view';

export type { PacketChoices, Choice } from '../engine/sim/choices';
export type { RulePart, Words } from '../engine/netfilter/explain-tokens';
export type { TextRange } from '../engine/cluster/locate-source';
export type { RuleMeaning, RuleRole } from '../engine/explain/meaning';
export type { ChainView, ChainViewRequest, ServiceEntry } from './chain-view';

/** One rule as the rules panel explains it on hover. */
export interface RuleDetails {
  /** The rule as `iptables -S` prints it. */
  readonly text: string;
  /** Its options, each with words in English and Korean where we have them. */
  readonly parts: readonly RulePart[];
  /** Why kube-proxy (or kubelet) writes this rule (its meaning in words, from the explanation catalog). */
  readonly explanation?: { readonly en: string; readonly ko: string };
  /** What the rule is for, as data. */
  readonly meaning?: RuleMeaning;
  /** The YAML that produced it (empty for node-wide rules and implicit objects). */
  readonly sources: readonly TextRange[];
  /** `ns/name:port` of the Service port behind it. */
  readonly service?: string;
}
export type { SpreadResult } from '../engine/sim/spread';
export type { NftLineRef } from './nft-details';
export type { HookStageView, HookStagesView } from './hook-stages-view';
export type { TraceView, PacketView, HopView, HeaderField, PartyView } from './trace-view';

/** One connection to simulate; values as the packet pickers (`choices`) offer them. */
export interface TraceRequest {
  readonly from: string;
  readonly to: string;
  readonly via?: string;
  /** `icmp`: a ping (then `to` is an address, node, pod or Service without a port). */
  readonly protocol?: 'tcp' | 'udp' | 'icmp';
  /** The client's source port (the same port makes the same flow). @default drawn from the seed */
  readonly sport?: number;
  /** TCP: the connection stays open after the response (no FIN), as a lesson's long-lived connection. @default false */
  readonly keepOpen?: boolean;
  /**
   * kube-proxy's mode for this connection when it is not the scenario's (a lesson's send "in iptables mode"):
   * it runs on a network of its own, so the page's conntrack and counters stay the scenario's. @default the scenario's
   */
  readonly mode?: 'iptables' | 'nftables' | 'ipvs';
  /** Seeds every random choice; a new seed starts the network afresh. @default 1 */
  readonly seed?: number;
}

export type TraceResponse = { readonly ok: true; readonly trace: TraceView } | { readonly ok: false; readonly error: string };

export type { ModeComparison, ModeSummary, ModeDifference, DifferenceKind, PathStep, PathMark, FirstPacketEnd, DnatSite, EndpointChooser, Candidate } from '../engine/sim/compare-modes';
/** The packet of the pickers in the three kube-proxy modes (Compare modes). */
export type CompareModesResponse = { readonly ok: true; readonly comparison: ModeComparison } | { readonly ok: false; readonly error: string };

export interface SpreadRequestView extends Omit<TraceRequest, 'protocol'> {
  readonly protocol?: 'tcp' | 'udp' | 'icmp';
  readonly connections: number;
}

export type SpreadResponse =
  | { readonly ok: true; readonly result: SpreadResult; readonly cancelled: boolean; readonly elapsedMs: number }
  | { readonly ok: false; readonly error: string };

export interface SpreadProgressView {
  readonly done: number;
  readonly total: number;
  readonly partial: SpreadResult;
}

export interface EngineInfo {
  readonly engineVersion: string;
  readonly kubernetesRelease: string;
}

/** How rules are printed: `iptables-save`, `iptables -S`, or `iptables -L -n -v`. */
export type RuleFormat = 'save' | 'S' | 'L';

export interface NodeSummary {
  readonly name: string;
  readonly role: 'control-plane' | 'worker';
  readonly internalIP: string;
  readonly podCIDR: string;
}

export interface ScenarioSummary {
  /** Every diagnostic of the latest text (errors block; warnings do not). */
  readonly diagnostics: readonly Diagnostic[];
  /** True when the latest text has errors and the cluster below is the last valid one. */
  readonly showingLastValid: boolean;
  /** Increases each time the cluster changes, so the page knows when to ask for rules again. */
  readonly revision: number;
  readonly nodes: readonly NodeSummary[];
  readonly services: readonly { readonly key: string; readonly clusterIP: string; readonly type: string; readonly implicit: boolean }[];
  readonly defaultNode?: string;
  /** kube-proxy's mode on the nodes (KubeProxyConfiguration `mode`, or kind's `networking.kubeProxyMode`). */
  readonly mode?: 'iptables' | 'nftables' | 'ipvs';
  /** What the page says wherever this mode is shown (IPVS mode's deprecation), in both languages. */
  readonly modeNotice?: { readonly en: string; readonly ko: string };
  /** With `keepNetwork`, when the nodes had conntrack entries: what kube-proxy's cleanup did to them. */
  readonly conntrack?: ConntrackChangeView;
  /** What each hook holds when kube-proxy's mode adds to it (nftables: its base chains); absent in iptables mode (HOOK_STAGES). */
  readonly hookStages?: HookStagesView;
}

/** Every node's conntrack table now: `conntrack -L` lines and the same entries as rows. */
export interface ConntrackTablesView {
  readonly lines: Readonly<Record<string, readonly string[]>>;
  readonly rows: PacketView['conntrackEntries'];
}

/** What a wait or an endpoint change did to the conntrack tables (conntrack-change.ts). */
export interface ConntrackChangeView {
  /** `wait`: the clock moved; `cleanup`: the cluster changed and kube-proxy's reconciler ran. */
  readonly kind: 'wait' | 'cleanup';
  /** How far the clock moved (wait only). */
  readonly seconds?: number;
  /** The simulated clock afterwards, in ms since the network started. */
  readonly nowMs: number;
  /** Per node, the entries that went: DESTROY events (`conntrack -E`) for a wait, the deleted entries for a cleanup. */
  readonly gone: Readonly<Record<string, readonly string[]>>;
  /** Per node, the `conntrack -D` commands that delete what kube-proxy deleted (cleanup only). */
  readonly commands: Readonly<Record<string, readonly string[]>>;
  readonly tables: ConntrackTablesView;
}

export interface LoadOptions {
  /**
   * The nodes keep running through the change (the same document edited): their conntrack tables, `recent`
   * lists and clock stay, kube-proxy rewrites the rules and deletes stale UDP entries. @default false
   */
  readonly keepNetwork?: boolean;
}

export type { ScalePoint, LatencyModelView } from './scale-api';

export interface EngineApi extends ImportApi, ScaleApi {
  info(): EngineInfo;
  outline(text: string): ScenarioOutline;
  /** Loads a scenario; on errors keeps the last valid cluster for every later call. */
  load(text: string, options?: LoadOptions): ScenarioSummary;
  /** Moves the simulated clock between connections: expired conntrack entries go, affinity ages. */
  advanceClock(seconds: number, seed?: number): ConntrackChangeView | undefined;
  /** Removes endpoints (their pods deleted) from the running cluster, as a lesson step does; kube-proxy then cleans up. */
  removeEndpoints(ips: readonly string[]): ConntrackChangeView | undefined;
  rules(node: string, table: 'nat' | 'filter', format: RuleFormat): string;
  chainGraph(node: string, table: 'nat' | 'filter'): ChainGraph;
  /** Where each chain of a (filtered or folded) chain graph goes, left to right (dagre, off the page's thread). */
  layoutChainGraph(graph: ChainGraph): readonly ChainPosition[];
  /** Sources and destinations a packet can have in the current cluster. */
  choices(): PacketChoices;
  /**
   * Runs one connection through the simulated cluster. Counters and conntrack entries stay (as on real
   * nodes) until `resetNetwork` or a new cluster, so a second connection can hit an ESTABLISHED entry.
   */
  trace(request: TraceRequest): TraceResponse;
  /**
   * The same connection in iptables, nftables and IPVS mode, each on a fresh network of its own from the
   * seed (the page's network, counters and conntrack stay as they are): what Compare modes shows.
   */
  compareModes(request: TraceRequest): CompareModesResponse;
  /** Fresh counters and empty conntrack tables. */
  resetNetwork(): void;
  /**
   * N new connections on a conntrack table of their own, counted on the printed rulesets (`-L -n -v` shows
   * them); reports progress between slices; `cancelSpread` stops it.
   */
  spread(request: SpreadRequestView, onProgress?: (p: SpreadProgressView) => void): Promise<SpreadResponse>;
  cancelSpread(): void;
  /** A rule of a node, by chain and 0-based index, explained option by option, with the YAML lines behind it. */
  ruleDetails(node: string, table: 'nat' | 'filter', chain: string, index: number): RuleDetails | undefined;
  /** nftables mode: a line of the printed `nft list ruleset` (a rule, a base chain's or set's declaration, a line of elements), explained. */
  nftLineDetails(node: string, line: NftLineRef): RuleDetails | undefined;
  /** A built-in lesson's questions decided by the engine on `text` (the lesson's scenario as the learner has it now). */
  lessonCheck(lessonId: string, text: string): LessonCheckResponse;
  /** `rules` for the page's `revision`; null (nothing printed) when a newer text has already replaced it. */
  rulesFor(node: string, table: 'nat' | 'filter', format: RuleFormat, revision: number): string | null;
  /**
   * What the chain graph region draws: one Service's chains (with the way in and the packet's) or the
   * "All services" overview, never the whole table (chain-view.ts); null when a newer text replaced `revision`.
   */
  chainView(node: string, table: 'nat' | 'filter', request?: ChainViewRequest, revision?: number): ChainView | null;
}

/** The engine's verdict on one claim of a lesson, and what it actually observed (shown in the reveal). */
export interface ClaimVerdict {
  readonly holds: boolean;
  readonly actual: string;
  /** What `actual` says, as data for a sentence in the learner's language; absent when the lesson could not run. */
  readonly observed?: Observation;
}

export interface LessonCheckQuestion {
  readonly id: string;
  /** The question's answer claim, decided on the text. */
  readonly answer: ClaimVerdict;
  /** Wrong choices' claims (those that have one), by choice id. */
  readonly choices: Readonly<Record<string, ClaimVerdict>>;
  /**
   * The choice the engine's run makes right: the lesson's correct choice while its answer holds, else a
   * choice whose claim holds (the learner edited the scenario); undefined when none fits.
   */
  readonly engineChoice?: string;
}

export type LessonCheckResponse =
  | { readonly ok: true; readonly questions: readonly LessonCheckQuestion[] }
  | { readonly ok: false; readonly error: string };
