/**
 * The worker's state: the last valid cluster, its per-node rulesets (built on demand) and the simulated
 * network packets cross. Kept apart from the comlink glue so it can be tested in Node.
 */
import { loadScenario } from '../engine/cluster/load';
import type { ClusterModel } from '../engine/cluster/model';
import { defaultNode, nodeRuleset } from '../engine/kubeproxy';
import type { NodeRuleset } from '../engine/kubeproxy';
import { chainGraph } from '../engine/netfilter/chain-graph';
import type { ChainGraph } from '../engine/netfilter/chain-graph';
import { printIptablesS, printIptablesSave } from '../engine/netfilter/print';
import { printIptablesList } from '../engine/netfilter/print-list';
import { AddressError } from '../engine/sim/addresses';
import { packetChoices, type PacketChoices } from '../engine/sim/choices';
import { runConnection } from '../engine/sim/journey';
import { createNetwork, type SimNetwork } from '../engine/sim/network';
import { withMode, type NodeDataPlanes, type ProxyMode } from '../engine/sim/data-planes';
import { startSpread } from '../engine/sim/spread';
import { locateSources } from '../engine/cluster/locate-source';
import { explain } from '../engine/explain/catalog';
import { explainRuleParts } from '../engine/netfilter/explain-tokens';
import { ruleText } from '../engine/netfilter/print-rule';
import { printNftList, rulesetNow } from '../engine/nftables';
import { printIpvsadmList } from '../engine/ipvs/print-ipvsadm';
import { ipvsTable } from '../engine/ipvs/runtime';
import { evaluateClaim, LessonError, runLesson } from '../scenarios/lessons/check';
import { lessonById } from '../scenarios/lessons/index';
import type { Claim } from '../scenarios/lessons/types';
import { advanceClock } from '../engine/sim/clock';
import { reloadNetwork } from '../engine/sim/reload';
import { removeEndpoint } from '../engine/cluster/edit';
import { TCP_OPEN } from '../engine/sim/conversation';
import { proxyModeNotice } from '../engine/kubeproxy/ipvs/deprecation';
import { cleanupChange, waitChange } from './conntrack-change';
import type { ConntrackChangeView, LoadOptions } from './api';
import type { ClaimVerdict, CompareModesResponse, LessonCheckResponse, RuleDetails, RuleFormat, ScenarioSummary, SpreadProgressView, SpreadRequestView, SpreadResponse, TraceRequest, TraceResponse } from './api';
import { traceView } from './trace-view';
import { compareModes } from '../engine/sim/compare-modes';
import { chainView, type ChainView, type ChainViewRequest } from './chain-view';
import { nftMeanings } from './nft-meanings';
import { ipvsRuleDetails } from './ipvs-details';
import { nftChainGraph } from '../engine/nftables/chain-graph';
import { nftLineDetails, serviceSources, type NftLineRef } from './nft-details';
import { nftablesHookStages } from './hook-stages-view';

/** Connections per slice of a spread: small enough that progress and a cancel get through often. */
const SPREAD_SLICE = 250;

/** Lets the worker's message loop run (a cancel, a progress callback) between slices. */
export type Yield = () => Promise<void>;
const macrotask: Yield = () => new Promise((resolve) => setTimeout(resolve, 0));

const errorText = (e: unknown): string | undefined => (e instanceof AddressError || e instanceof RangeError ? e.message.replace(/^--(from|to|via|connections) /, '') : undefined);

export class EngineSession {
  private cluster: ClusterModel | undefined;
  /** The cluster the text describes; `cluster` differs from it only while a lesson step has removed endpoints. */
  private loadedCluster: ClusterModel | undefined;
  /** The text the cluster was built from, to point rules back at their YAML. */
  private clusterText = '';
  private revision = 0;
  private readonly nodes = new Map<string, NodeRuleset>();
  private network: SimNetwork | undefined;
  private networkSeed = 1;
  private spreadCancelled = false;
  /** The revision of the last text `load` turned into a cluster: what the page asks its views for. */
  private loadedRevision = 0;
  /** Each ruleset's jump graphs, by table: built once per ruleset, however often the region asks. */
  private readonly graphs = new WeakMap<object, Map<string, ChainGraph>>();

  load(text: string, options: LoadOptions = {}): ScenarioSummary {
    const result = loadScenario(text);
    let conntrack: ConntrackChangeView | undefined;
    if (result.cluster) {
      const running = options.keepNetwork ? this.network : undefined;
      this.cluster = result.cluster;
      this.loadedCluster = result.cluster;
      this.clusterText = text;
      this.revision += 1;
      this.loadedRevision = this.revision;
      this.resetNetwork();
      if (running) conntrack = this.carryOn(running, result.cluster);
    }
    const c = this.cluster;
    return {
      diagnostics: result.diagnostics,
      showingLastValid: !result.cluster && c !== undefined,
      revision: this.revision,
      nodes: (c?.nodes ?? []).map((n) => ({ name: n.name, role: n.role, internalIP: n.internalIP, podCIDR: n.podCIDR })),
      services: (c?.services ?? []).map((s) => ({ key: `${s.namespace}/${s.name}`, clusterIP: s.clusterIP, type: s.type, implicit: s.implicit })),
      ...(c && defaultNode(c) ? { defaultNode: defaultNode(c)! } : {}),
      ...(c ? { mode: c.kubeProxy.mode } : {}),
      ...(c && proxyModeNotice(c.kubeProxy.mode) ? { modeNotice: proxyModeNotice(c.kubeProxy.mode)! } : {}),
      ...(conntrack ? { conntrack } : {}),
      ...(c?.kubeProxy.mode === 'nftables' ? { hookStages: nftablesHookStages() } : {}),
    };
  }

  /** The running network over a changed cluster (reload.ts), when its nodes hold entries worth keeping. */
  private carryOn(running: SimNetwork, cluster: ClusterModel): ConntrackChangeView | undefined {
    if (![...running.nodes.values()].some((n) => n.conntrack.entries.size > 0)) return undefined;
    const { network, cleanups } = reloadNetwork(running, cluster, { rulesets: (name) => this.node(name)?.ruleset });
    this.network = network;
    return cleanupChange(network, cleanups);
  }

  advanceClock(seconds: number, seed = this.networkSeed): ConntrackChangeView | undefined {
    const network = this.networkFor(seed);
    if (!network || !Number.isFinite(seconds) || seconds < 0) return undefined;
    return waitChange(network, advanceClock(network, Math.round(seconds * 1000)));
  }

  removeEndpoints(ips: readonly string[]): ConntrackChangeView | undefined {
    const network = this.networkFor(this.networkSeed);
    if (!network || !this.cluster) return undefined;
    let cluster = this.cluster;
    for (const ip of ips) cluster = removeEndpoint(cluster, ip);
    this.cluster = cluster;
    this.revision += 1;
    this.nodes.clear();
    const { network: next, cleanups } = reloadNetwork(network, cluster, { rulesets: (name) => this.node(name)?.ruleset });
    this.network = next;
    return cleanupChange(next, cleanups);
  }

  private node(name: string): NodeRuleset | undefined {
    if (!this.cluster || !this.cluster.nodes.some((n) => n.name === name)) return undefined;
    let r = this.nodes.get(name);
    if (!r) {
      r = nodeRuleset(this.cluster, name);
      this.nodes.set(name, r);
    }
    return r;
  }

  /** The rules panel prints the very rulesets packets cross, so `-L -n -v` counters are the simulation's. */
  rules(node: string, table: 'nat' | 'filter', format: RuleFormat): string {
    const r = this.node(node);
    if (!r) return '';
    // In nftables and IPVS mode kube-proxy's own structures come first, then the node's iptables tables as they are there.
    const planes = this.planesOf(node);
    const ruleset = planes && planes.mode !== 'iptables' ? planes.ruleset : r.ruleset;
    const iptables = format === 'save' ? printIptablesSave(ruleset, { tables: [table] }) : format === 'S' ? this.printedS(ruleset, table, ruleset === r.ruleset) : printIptablesList(ruleset, table, { numeric: true, verbose: true });
    const now = this.network?.nowMs ?? 0;
    if (planes?.nftables) return `# nft list ruleset\n${printNftList(rulesetNow(planes.nftables.plane.ruleset, planes.nftables.plane.runtime, now))}\n# iptables (${table})\n${iptables}`;
    if (planes?.ipvs) return `# ipvsadm -Ln\n${printIpvsadmList(ipvsTable(planes.ipvs, now))}\n# iptables (${table})\n${iptables}`;
    return iptables;
  }

  /**
   * `iptables -S` of a node's kube-proxy ruleset, kept per ruleset (built once per text, never changed but for its
   * counters, which `-S` does not print): printed once whether prefetch or the page asks first.
   */
  private printedS(ruleset: NodeRuleset['ruleset'], table: 'nat' | 'filter', keep: boolean): string {
    if (!keep) return printIptablesS(ruleset, table);
    let byTable = this.printed.get(ruleset);
    if (!byTable) this.printed.set(ruleset, (byTable = new Map()));
    let text = byTable.get(table);
    if (text === undefined) byTable.set(table, (text = printIptablesS(ruleset, table)));
    return text;
  }

  private readonly printed = new WeakMap<object, Map<string, string>>();

  chainGraph(node: string, table: 'nat' | 'filter'): ChainGraph {
    const r = this.node(node);
    const planes = this.planesOf(node);
    // nftables mode: kube-proxy's own table, its chains and verdict maps behind the base chains of that type.
    const nft = planes?.nftables?.plane.ruleset.tables.find((t) => t.family === 'ip' && t.name === 'kube-proxy');
    if (nft) return nftChainGraph(nft, table);
    const ruleset = planes && planes.mode !== 'iptables' ? planes.ruleset : r?.ruleset;
    if (!ruleset) return { table, nodes: [], edges: [] };
    let byTable = this.graphs.get(ruleset);
    if (!byTable) this.graphs.set(ruleset, (byTable = new Map()));
    let graph = byTable.get(table);
    if (!graph) byTable.set(table, (graph = chainGraph(ruleset, table)));
    return graph;
  }

  /**
   * A request made for a revision a newer text has replaced (the page asked before the newer load's
   * answer reached it): its answer would be dropped, so the work is not done. Typing fast, every
   * intermediate text would otherwise print its rules and cut its graph behind the newest one.
   */
  private stale(revision: number | undefined): boolean {
    return revision !== undefined && revision < this.loadedRevision;
  }

  /** The rules panel's text for the page's revision; null when a newer text has replaced it (see `stale`). */
  rulesFor(node: string, table: 'nat' | 'filter', format: RuleFormat, revision: number): string | null {
    if (this.stale(revision)) return null;
    this.viewed = { node, table, format };
    return this.rules(node, table, format);
  }

  /** The chain graph region's view (chain-view.ts): the chains to draw or the overview, never the whole graph. */
  chainView(node: string, table: 'nat' | 'filter', request: ChainViewRequest = {}, revision?: number): ChainView | null {
    if (this.stale(revision)) return null;
    this.viewed = { node, table, format: this.viewed?.format ?? 'S' };
    return chainView(this.chainGraph(node, table), request);
  }

  /** The node and table the page last asked the rules and the graph of. */
  private viewed: { readonly node: string; readonly table: 'nat' | 'filter'; readonly format: RuleFormat } | undefined;

  /**
   * Builds what the page asks for after every load, before it asks: the viewed node's ruleset, jump graph and
   * `iptables -S` text (the default node, nat, until the page has asked; iptables mode, where they are all the
   * page's calls build; other formats print counters, which a packet changes: printed when asked).
   * The worker runs it while the page takes in the load's answer, instead of after. Returns the node.
   */
  prefetch(): string | undefined {
    const c = this.cluster;
    if (!c || c.kubeProxy.mode !== 'iptables') return undefined;
    const viewed = this.viewed;
    const node = viewed && c.nodes.some((n) => n.name === viewed.node) ? viewed.node : defaultNode(c);
    if (node === undefined) return undefined;
    this.chainGraph(node, viewed?.table ?? 'nat');
    if ((viewed?.format ?? 'S') === 'S') this.rules(node, viewed?.table ?? 'nat', 'S');
    return node;
  }

  ruleDetails(node: string, table: 'nat' | 'filter', chain: string, index: number): RuleDetails | undefined {
    // IPVS mode: the panel prints the IPVS proxier's tables, whose rules and meanings are not the iptables proxier's.
    const planes = this.planesOf(node);
    if (planes?.mode === 'ipvs') return ipvsRuleDetails(planes, table, chain, index);
    const r = this.node(node);
    const rule = r?.ruleset.tables.get(table)?.chains.get(chain)?.rules[index];
    if (!r || !rule) return undefined;
    const text = ruleText(chain, rule);
    const generated = r.generated.rules.find((g) => g.table === table && g.chain === chain && g.index === index);
    const meaning = generated?.meaning;
    return {
      text,
      parts: explainRuleParts(text),
      ...(meaning ? { explanation: { en: explain(meaning.key, meaning.params, 'en'), ko: explain(meaning.key, meaning.params, 'ko') }, meaning } : {}),
      sources: generated ? locateSources(this.clusterText, generated.sources) : [],
      ...(meaning?.service ? { service: meaning.service } : {}),
    };
  }

  /** A line of the rules panel's `nft list ruleset` (nftables mode), explained like an iptables rule. */
  nftLineDetails(node: string, line: NftLineRef): RuleDetails | undefined {
    const nft = this.planesOf(node)?.nftables;
    if (!nft) return undefined;
    const table = rulesetNow(nft.plane.ruleset, nft.plane.runtime, this.network?.nowMs ?? 0).tables.find((t) => t.family === 'ip' && t.name === 'kube-proxy');
    return table ? nftLineDetails(table, nft.transaction, line, serviceSources(this.cluster, (refs) => locateSources(this.clusterText, refs))) : undefined;
  }

  choices(): PacketChoices {
    return this.cluster ? packetChoices(this.cluster) : { sources: [], destinations: [] };
  }

  /** Fresh rulesets (zero counters) and an empty network, over the cluster the text describes. */
  resetNetwork(): void {
    if (this.cluster !== this.loadedCluster) this.revision += 1;
    this.cluster = this.loadedCluster;
    this.nodes.clear();
    this.network = undefined;
  }

  /** What kube-proxy's mode hooked into the node; outside iptables mode that lives in the network (built here if need be). */
  private planesOf(node: string): NodeDataPlanes | undefined {
    if (!this.cluster || this.cluster.kubeProxy.mode === 'iptables') return undefined;
    return (this.network ?? this.networkFor(this.networkSeed))?.nodes.get(node)?.dataPlanes;
  }

  private networkFor(seed: number): SimNetwork | undefined {
    if (!this.cluster) return undefined;
    if (!this.network || this.networkSeed !== seed) {
      if (this.network) this.resetNetwork();
      this.networkSeed = seed;
      this.network = createNetwork(this.cluster, { seed, rulesets: (name) => this.node(name)?.ruleset });
    }
    return this.network;
  }

  /** The mode a request runs in when it names another than the scenario's (a lesson's send in another mode). */
  private otherMode(mode: ProxyMode | undefined): ProxyMode | undefined {
    return this.cluster && mode !== undefined && mode !== this.cluster.kubeProxy.mode ? mode : undefined;
  }

  trace(request: TraceRequest): TraceResponse {
    const other = this.otherMode(request.mode);
    // Another mode's connection runs on a network of its own: the page's conntrack and counters stay the scenario's.
    const network = other && this.cluster ? createNetwork(withMode(this.cluster, other), { seed: request.seed ?? 1, rulesets: (name) => this.node(name)?.ruleset }) : this.networkFor(request.seed ?? 1);
    if (!network) return { ok: false, error: 'no valid scenario loaded yet' };
    const mode = other ?? this.cluster?.kubeProxy.mode;
    try {
      const journey = runConnection(network, {
        from: request.from,
        to: request.to,
        ...(request.via ? { via: request.via } : {}),
        ...(request.protocol ? { protocol: request.protocol } : {}),
        ...(request.sport !== undefined ? { sport: request.sport } : {}),
        ...(request.keepOpen && (request.protocol ?? 'tcp') === 'tcp' ? { conversation: TCP_OPEN } : {}),
      });
      // Rule hops carry their meaning (the narration's words): the node's rules are kept on first use, as a hover does.
      // The meanings are the iptables proxier's, by position: IPVS mode writes other rules into chains of the same names, with its own meanings.
      const meanings = mode !== 'ipvs';
      const nft = mode === 'nftables' ? nftMeanings((node) => network.nodes.get(node)?.dataPlanes.nftables?.transaction) : undefined;
      const ipvs = mode === 'ipvs' ? (node: string) => network.nodes.get(node)?.dataPlanes.ipvsMeanings : undefined;
      return { ok: true, trace: traceView(journey, (node, table, chain, index) => (meanings ? this.node(node)?.generated.meaningAt(table, chain, index) : undefined), nft, ipvs) };
    } catch (e) {
      const message = errorText(e);
      if (message === undefined) throw e;
      return { ok: false, error: message };
    }
  }

  compareModes(request: TraceRequest): CompareModesResponse {
    if (!this.cluster) return { ok: false, error: 'no valid scenario loaded yet' };
    try {
      const connection = {
        from: request.from,
        to: request.to,
        ...(request.via ? { via: request.via } : {}),
        ...(request.protocol ? { protocol: request.protocol } : {}),
        ...(request.sport !== undefined ? { sport: request.sport } : {}),
      };
      return { ok: true, comparison: compareModes(this.cluster, connection, request.seed ?? 1) };
    } catch (e) {
      const message = errorText(e);
      if (message === undefined) throw e;
      return { ok: false, error: message };
    }
  }

  cancelSpread(): void {
    this.spreadCancelled = true;
  }

  /**
   * A spread on a conntrack table of its own (its thousands of entries never show up under the traced
   * connection, and every connection is NEW, as `kpl spread` runs it), but over the very rulesets the
   * rules panel prints: a real node's counters count every packet that crossed it, so after a spread
   * `iptables -L -n -v` shows what the spread counted. Run in slices with `pause` between them so progress
   * reaches the page and a cancel reaches us.
   */
  async spread(request: SpreadRequestView, onProgress?: (p: SpreadProgressView) => void, pause: Yield = macrotask, now: () => number = () => performance.now()): Promise<SpreadResponse> {
    if (!this.cluster) return { ok: false, error: 'no valid scenario loaded yet' };
    const started = now();
    this.spreadCancelled = false;
    try {
      const other = this.otherMode(request.mode);
      const network = createNetwork(other ? withMode(this.cluster, other) : this.cluster, { seed: request.seed ?? 1, recordEvents: false, rulesets: (name) => this.node(name)?.ruleset });
      const run = startSpread(network, {
        from: request.from,
        to: request.to,
        connections: request.connections,
        ...(request.via ? { via: request.via } : {}),
        ...(request.protocol ? { protocol: request.protocol } : {}),
      });
      let finished = false;
      while (!finished) {
        finished = run.runConnections(SPREAD_SLICE);
        const partial = run.result();
        onProgress?.({ done: partial.connections, total: run.total, partial });
        if (finished) break;
        await pause();
        if (this.spreadCancelled) return { ok: true, result: run.result(), cancelled: true, elapsedMs: now() - started };
      }
      return { ok: true, result: run.result(), cancelled: false, elapsedMs: now() - started };
    } catch (e) {
      const message = errorText(e);
      if (message === undefined) throw e;
      return { ok: false, error: message };
    }
  }

  private lessonCache: { readonly key: string; readonly response: LessonCheckResponse } | undefined;

  /**
   * Runs a lesson on its own fresh networks (as lessons.test.ts does), never on the page's network, and
   * decides every claim of its questions. The learner may have edited the scenario: a claim that no
   * longer resolves (a packet or node gone) is a verdict "does not hold", not an error.
   */
  lessonCheck(lessonId: string, text: string): LessonCheckResponse {
    const key = `${lessonId}\n${text}`;
    if (this.lessonCache?.key === key) return this.lessonCache.response;
    const lesson = lessonById(lessonId);
    if (!lesson) return { ok: false, error: `no lesson "${lessonId}"` };
    const decide = (run: ReturnType<typeof runLesson>, claim: Claim): ClaimVerdict => {
      try {
        return evaluateClaim(run, claim);
      } catch (e) {
        if (e instanceof LessonError || e instanceof AddressError) return { holds: false, actual: e.message };
        throw e;
      }
    };
    let response: LessonCheckResponse;
    try {
      const run = runLesson(lesson, text);
      response = {
        ok: true,
        questions: lesson.questions.map((q) => {
          const answer = decide(run, q.answer);
          const choices: Record<string, ClaimVerdict> = {};
          for (const c of q.choices) if (c.claim) choices[c.id] = decide(run, c.claim);
          const engineChoice = answer.holds ? q.correct : q.choices.find((c) => choices[c.id]?.holds)?.id;
          return { id: q.id, answer, choices, ...(engineChoice ? { engineChoice } : {}) };
        }),
      };
    } catch (e) {
      if (!(e instanceof LessonError) && !(e instanceof AddressError)) throw e;
      response = { ok: false, error: e.message };
    }
    this.lessonCache = { key, response };
    return response;
  }
}
