/**
 * The scale sweep: for each number of Services and each kube-proxy mode, build kube-proxy's data plane for
 * one node of a synthetic cluster (generate its rules and load them, as the simulation does), time that,
 * count what was written, and send one new connection through it counting what the kernel evaluated.
 *
 * Every count comes from the engine itself: the rules and map lookups are the hops a recorded trace of the
 * connection's first packet lists (the evaluators' own steps), IPVS's lookup is its `schedule` hop, and the
 * programming work is read off the loaded tables, the nft transaction and the IPVS table. The sweep is a
 * generator so its caller (the worker, `kpl bench --sweep`) can report each point and stop between points.
 *
 * Pure: the caller passes the clock (`now`) the durations are read from.
 */
import type { ClusterModel } from '../cluster/model';
import { nodeRuleset } from '../kubeproxy';
import type { Ruleset } from '../netfilter/model';
import { nodeDataPlanes, PROXY_MODES, withMode, type NodeDataPlanes, type ProxyMode } from '../sim/data-planes';
import { runConnection } from '../sim/journey';
import { createNetwork } from '../sim/network';
import { modelledLatencyUs } from './latency-model';
import { SCALE_CLIENT, SCALE_NODE, SCALE_TARGET, scaleCluster } from './synthetic-cluster';

/** What a new connection's first packet costs the node's kernel. */
export interface ConnectionCost {
  /** Rules evaluated one by one (iptables rules and policies, nft rules and policies), as the trace lists them. */
  readonly rules: number;
  /** nftables map and set lookups (`vmap @service-ips`): one hash lookup each, whatever the map's size. */
  readonly mapLookups: number;
  /** IPVS virtual-server lookups (ip_vs_service_find: a hash lookup) that scheduled the connection. */
  readonly ipvsLookups: number;
  /** rules + mapLookups + ipvsLookups: what the chart draws. */
  readonly total: number;
  /** Where the connection was delivered (the sweep checks it reached one of the Service's pods). */
  readonly outcome: string;
}

/** What kube-proxy wrote to program the node. */
export interface ProgrammingWork {
  /**
   * Lines written: iptables-restore lines (`:CHAIN` and `-A`) in iptables mode; the `nft -f` transaction's
   * `add` lines in nftables mode; in IPVS mode one line per virtual server, real server and ipset entry
   * (each an `ipvsadm`/`ipset` operation) plus its iptables-restore lines.
   */
  readonly lines: number;
  /** iptables rules (every table) on the node; nft rules of table `ip kube-proxy`. */
  readonly rules: number;
  /** iptables chains, or nft chains. */
  readonly chains: number;
  /** nft sets and maps, or IPVS mode's ipsets. */
  readonly setsAndMaps: number;
  /** Entries in them: nft elements, ipset members. */
  readonly elements: number;
  /** IPVS mode: virtual servers and real servers. */
  readonly virtualServers: number;
  readonly realServers: number;
  /** Generating kube-proxy's rules and loading them into the simulated kernel, in ms (the caller's clock). */
  readonly generateAndLoadMs: number;
}

export interface ScalePoint {
  readonly services: number;
  readonly endpointsPerService: number;
  readonly mode: ProxyMode;
  readonly connection: ConnectionCost;
  readonly work: ProgrammingWork;
  /** The latency model's first-packet figure for this many rules and lookups, in µs (latency-model.ts). */
  readonly modelledLatencyUs: number;
  /** Points done so far (this one included) and the sweep's total, for a progress bar. */
  readonly index: number;
  readonly total: number;
}

export interface SweepOptions {
  /** Numbers of Services, ascending. @default DEFAULT_SCALE_SIZES */
  readonly sizes?: readonly number[];
  /** @default all three */
  readonly modes?: readonly ProxyMode[];
  /** @default DEFAULT_ENDPOINTS_PER_SERVICE */
  readonly endpointsPerService?: number;
  /** A clock in ms (performance.now in the worker and the CLI); the engine has none of its own. */
  readonly now: () => number;
}

/** A log series from 10 to 30,000 Services: 1, 3 per decade. */
export const DEFAULT_SCALE_SIZES: readonly number[] = [10, 30, 100, 300, 1000, 3000, 10_000, 30_000];
/** Small enough for the whole sweep to keep up with its chart (≤ 15 s on two cores; bench/RESULTS.md). */
export const DEFAULT_ENDPOINTS_PER_SERVICE = 1;

export function sweepPointCount(options: Pick<SweepOptions, 'sizes' | 'modes'> = {}): number {
  return (options.sizes ?? DEFAULT_SCALE_SIZES).length * (options.modes ?? PROXY_MODES).length;
}

/** One point's measurements, before the sweep numbers it. */
export type MeasuredPoint = Omit<ScalePoint, 'index' | 'total'>;

/**
 * Measures single points, as a sweep (or each of several workers sharing one) asks for them. Keeps what the
 * points of one size share: the synthetic cluster, built once for its three modes (the last size asked for is
 * kept), and kubelet's and kindnet's iptables rules, which stay in every mode and do not depend on the
 * Services: taken once from the smallest cluster rather than generating every Service's iptables rules in
 * nftables mode too.
 */
export function scalePointMeasurer(options: Pick<SweepOptions, 'endpointsPerService' | 'now'>): (services: number, mode: ProxyMode) => MeasuredPoint {
  const endpointsPerService = options.endpointsPerService ?? DEFAULT_ENDPOINTS_PER_SERVICE;
  let others: Ruleset | undefined;
  let last: { readonly services: number; readonly cluster: ClusterModel } | undefined;
  return (services, mode) => {
    others ??= nodeRuleset(scaleCluster(1, endpointsPerService), SCALE_NODE).ruleset;
    if (last?.services !== services) {
      // Let the previous size's cluster go before the next one is built.
      last = undefined;
      last = { services, cluster: scaleCluster(services, endpointsPerService) };
    }
    return { ...measurePoint(withMode(last.cluster, mode), others, options.now), services, endpointsPerService, mode };
  };
}

/** Yields one point per (size, mode), sizes ascending, modes in PROXY_MODES order. */
export function* scaleSweep(options: SweepOptions): Generator<ScalePoint, void, void> {
  const sizes = options.sizes ?? DEFAULT_SCALE_SIZES;
  const modes = PROXY_MODES.filter((m) => (options.modes ?? PROXY_MODES).includes(m));
  const total = sizes.length * modes.length;
  const measure = scalePointMeasurer(options);
  let index = 0;
  for (const services of sizes) {
    for (const mode of modes) {
      index++;
      yield { ...measure(services, mode), index, total };
    }
  }
}

function measurePoint(cluster: ClusterModel, others: Ruleset, now: () => number): Pick<ScalePoint, 'connection' | 'work' | 'modelledLatencyUs'> {
  const mode = cluster.kubeProxy.mode;
  const t0 = now();
  // iptables mode writes its restore text in the timed run, as nftables mode writes the transaction nft reads.
  const planes = nodeDataPlanes(cluster, SCALE_NODE, mode === 'iptables' ? undefined : others, { restoreText: 'now' });
  const generateAndLoadMs = now() - t0;
  const work = { ...programmingWork(planes), generateAndLoadMs };
  const connection = newConnectionCost(cluster, planes);
  return { connection, work, modelledLatencyUs: modelledLatencyUs(connection) };
}

/** The client pod's first packet to the Service, every hop recorded, on a network holding `planes`. */
function newConnectionCost(cluster: ClusterModel, planes: NodeDataPlanes): ConnectionCost {
  const network = createNetwork(cluster, { seed: 1, recordEvents: false, dataPlanes: (node) => (node === SCALE_NODE ? planes : undefined) });
  const journey = runConnection(network, { from: SCALE_CLIENT, to: SCALE_TARGET, firstPacketOnly: true, skipSnapshots: true, recordHops: true });
  let rules = 0;
  let mapLookups = 0;
  let ipvsLookups = 0;
  for (const hop of journey.packets[0]?.hops ?? []) {
    if (hop.kind === 'rule') rules++;
    else if (hop.kind === 'map-lookup') mapLookups++;
    else if (hop.kind === 'ipvs' && (hop.action === 'schedule' || hop.action === 'connection')) ipvsLookups++;
  }
  const outcome = journey.outcome === 'delivered' && journey.endpoint?.pod?.startsWith(`${SCALE_TARGET}-`) ? 'delivered' : journey.outcome;
  return { rules, mapLookups, ipvsLookups, total: rules + mapLookups + ipvsLookups, outcome };
}

function iptablesCounts(ruleset: Ruleset): { rules: number; chains: number } {
  let rules = 0;
  let chains = 0;
  for (const table of ruleset.tables.values()) {
    for (const chain of table.chains.values()) {
      chains++;
      rules += chain.rules.length;
    }
  }
  return { rules, chains };
}

function programmingWork(planes: NodeDataPlanes): Omit<ProgrammingWork, 'generateAndLoadMs'> {
  const none = { setsAndMaps: 0, elements: 0, virtualServers: 0, realServers: 0 };
  if (planes.mode === 'nftables' && planes.nftables) {
    let lines = 0;
    for (const line of planes.nftables.transaction.lines) if (line.startsWith('add ')) lines++;
    let rules = 0;
    let chains = 0;
    let setsAndMaps = 0;
    let elements = 0;
    for (const table of planes.nftables.plane.ruleset.tables) {
      setsAndMaps += table.sets.length;
      for (const set of table.sets) elements += set.elements.length;
      chains += table.chains.length;
      for (const chain of table.chains) rules += chain.rules.length;
    }
    return { ...none, lines, rules, chains, setsAndMaps, elements };
  }
  const ipt = iptablesCounts(planes.ruleset);
  if (planes.mode === 'ipvs' && planes.ipvs) {
    const virtualServers = planes.ipvs.services.size;
    let realServers = 0;
    for (const s of planes.ipvs.services.values()) realServers += s.dests.length;
    let elements = 0;
    for (const set of planes.ipsets.values()) elements += set.members.length;
    return { lines: virtualServers + realServers + elements + ipt.rules + ipt.chains, rules: ipt.rules, chains: ipt.chains, setsAndMaps: planes.ipsets.size, elements, virtualServers, realServers };
  }
  return { ...none, lines: ipt.rules + ipt.chains, rules: ipt.rules, chains: ipt.chains };
}
