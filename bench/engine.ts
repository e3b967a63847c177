/**
 * The engine benchmark (`npm run bench`, `kpl bench`): kube-proxy rule generation, loading the rules
 * into the simulated kernel, one connection's trace and a 10,000-connection spread, on synthetic clusters
 * of 10 … 10,000 services × 10 endpoints (synthetic-cluster.ts), plus the spread on the default scenario;
 * and, where the real iptables can run in a namespace, how long `iptables-restore` takes to load the
 * same rules into the kernel. Each figure is the median (and p95) of timed runs after warm-up runs.
 * Timing is wall-clock (`performance.now()`), so a busy machine shows in the numbers.
 */
import { readFileSync } from 'node:fs';
import { cpus, platform, arch, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../src/engine/cluster/load';
import type { ClusterModel } from '../src/engine/cluster/model';
import { defaultNode, generateNodeRules } from '../src/engine/kubeproxy';
import { generateAndLoadNodeRules, KERNEL_TABLE_ORDER, loadNodeRules } from '../src/engine/kubeproxy/generate';
import type { Ruleset } from '../src/engine/netfilter/model';
import { entryNode, resolveDestination, resolveSource } from '../src/engine/sim/addresses';
import { runResolvedConnection } from '../src/engine/sim/journey';
import { createNetwork } from '../src/engine/sim/network';
import { runSpread } from '../src/engine/sim/spread';
import { timeIptablesRestore, probeKernel } from './iptables-restore';
import { CLIENT, ENDPOINTS_PER_SERVICE, TARGET, WORKERS, syntheticCluster } from './synthetic-cluster';

/** Milliseconds over the timed runs. */
export interface Timing {
  /** Wall-clock (performance.now()). */
  readonly median: number;
  /** Nearest-rank 95th percentile: with fewer than 20 runs, the slowest run. */
  readonly p95: number;
  readonly runs: number;
  /**
   * Median CPU time of the process (process.cpuUsage(): every thread, so the garbage collector's helpers
   * count too). On a shared machine it moves less than the wall clock when other work competes for the CPUs.
   */
  readonly cpuMedian?: number;
}

export interface SizeResult {
  readonly services: number;
  readonly endpointsPerService: number;
  /** The node whose rules are generated, loaded and given to iptables-restore (`kpl rules`' default node). */
  readonly node: string;
  /** `-A` rules on that node (nat + filter). */
  readonly rules: number;
  readonly restoreBytes: number;
  /** generateNodeRules: the restore text (what kube-proxy writes, what the simulated kernel loads). */
  readonly generate: Timing;
  /** Reading the generated rules' explanations and sources the first time (the UI does on hover): the writer runs again, keeping them. */
  readonly explain: Timing;
  /**
   * The node's rules loaded into the simulated kernel: the writer hands each rule to the kernel model (loadNodeRules)
   * instead of the text being parsed again — the same ruleset (src/test-support/direct-load.test.ts). Timed as its
   * own run of the writer, so generate + load counts the writer's shared work twice (nodeRuleset does both in one pass:
   * `generateAndLoad`).
   */
  readonly load: Timing;
  /** Always false since loading no longer parses the text (kept for readers of older results). */
  readonly loadInPieces: boolean;
  /** The restore text and the loaded rules from one run of the writer, as nodeRuleset makes them (what a node costs the engine). */
  readonly generateAndLoad: Timing;
  /** A new connection's first packet from the client pod to the service, every node it crosses, only the count of rules kept. */
  readonly trace: Timing;
  /** Rules the kernels evaluate one by one for that packet (what a linear iptables walk costs). */
  readonly traceRulesEvaluated: number;
  /** The whole connection (SYN … last ACK) with every hop recorded and conntrack snapshots: what `kpl trace` prints. */
  readonly traceRecorded: Timing;
  readonly traceRecordedHops: number;
  /** `spreadConnections` new connections from the client to the service. */
  readonly spread: Timing;
  readonly spreadFailed: number;
  /** iptables-restore of the same restore text into a fresh namespace, if it could run. */
  readonly kernel?: Timing;
}

export interface SpreadResultRow {
  readonly scenario: string;
  readonly from: string;
  readonly to: string;
  readonly connections: number;
  readonly timing: Timing;
  readonly endpoints: Readonly<Record<string, number>>;
  readonly failed: number;
}

export interface Target {
  readonly name: string;
  readonly limitMs: number;
  /** The median (wall clock) it is compared with; undefined when not measured in this run. */
  readonly measuredMs?: number;
  /** The median CPU time of the same runs. */
  readonly cpuMs?: number;
  readonly met?: boolean;
}

export interface BenchResult {
  readonly date: string;
  readonly machine: {
    readonly node: string;
    readonly platform: string;
    readonly arch: string;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryGB: number;
  };
  readonly quick: boolean;
  readonly sizes: readonly SizeResult[];
  /** The spread the performance target is about: the default scenario. */
  readonly spread: SpreadResultRow;
  readonly kernel: { readonly available: true; readonly version: string } | { readonly available: false; readonly reason: string };
  readonly targets: readonly Target[];
}

export interface BenchConfig {
  /** Services per synthetic cluster, one row each. */
  readonly sizes: readonly number[];
  readonly spreadConnections: number;
  readonly quick: boolean;
  /** Warm-up and timed runs for the slow steps (generate, load, spread) at a size. */
  readonly slowRuns: (services: number) => { readonly warmup: number; readonly runs: number };
  /** Warm-up and timed runs for a trace (sub-millisecond: many runs). */
  readonly traceRuns: { readonly warmup: number; readonly runs: number };
  readonly recordedRuns: (services: number) => { readonly warmup: number; readonly runs: number };
  readonly kernelRuns: (services: number) => number;
}

export const FULL: BenchConfig = {
  sizes: [10, 100, 1000, 10_000],
  spreadConnections: 10_000,
  quick: false,
  slowRuns: (n) => (n >= 10_000 ? { warmup: 1, runs: 5 } : { warmup: 2, runs: 7 }),
  traceRuns: { warmup: 50, runs: 201 },
  recordedRuns: (n) => (n >= 10_000 ? { warmup: 2, runs: 7 } : { warmup: 5, runs: 21 }),
  // Three at every size: at 10,000 services one iptables-restore takes ~10 s and varied 9.1–10.6 s between runs,
  // so one run beside the engine's median of five made the ratio swing by as much as the margin it is read for.
  kernelRuns: () => 3,
};

/** Small and fast, for a smoke test: the same steps, fewer and smaller runs. */
export const QUICK: BenchConfig = {
  sizes: [10, 100],
  spreadConnections: 1000,
  quick: true,
  slowRuns: () => ({ warmup: 1, runs: 3 }),
  traceRuns: { warmup: 5, runs: 21 },
  recordedRuns: () => ({ warmup: 1, runs: 3 }),
  kernelRuns: () => 1,
};

export const TARGETS = {
  generate10k: 500,
  trace10k: 0.2,
  spread: 300,
} as const;

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

export function summarize(samples: readonly number[], cpuSamples?: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const timing = { median: median(sorted), p95: sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)]!, runs: sorted.length };
  return cpuSamples ? { ...timing, cpuMedian: median([...cpuSamples].sort((a, b) => a - b)) } : timing;
}

/** Runs `setup` then times `fn` over warm-up + timed runs; `setup` is not timed. */
function time<S>(runs: { readonly warmup: number; readonly runs: number }, setup: () => S, fn: (s: S) => void): Timing {
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs.warmup + runs.runs; i++) {
    const s = setup();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn(s);
    const t = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (i >= runs.warmup) {
      samples.push(t);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  return summarize(samples, cpu);
}

// bin/kpl.js runs a bundle from node_modules/.cache, where import.meta points elsewhere: it names the repo root.
const REPO_ROOT = process.env.KPL_ROOT ?? join(import.meta.dirname, '..');
const DEFAULT_SCENARIO = join(REPO_ROOT, 'src', 'scenarios', 'default.yaml');

function benchSize(services: number, config: BenchConfig, progress: (line: string) => void): SizeResult {
  const label = `${services.toLocaleString('en-US')} × ${ENDPOINTS_PER_SERVICE}`;
  const cluster = syntheticCluster(services);
  const node = defaultNode(cluster)!;
  const slow = config.slowRuns(services);

  progress(`${label}: generating ${node}'s rules`);
  let restoreText = '';
  const generate = time(slow, () => undefined, () => {
    restoreText = generateNodeRules(cluster, node).restoreText;
  });
  // Each rule's explanation and sources are made when first read (generate.ts): timed apart.
  let rules = 0;
  const explain = time(slow, () => generateNodeRules(cluster, node), (g) => {
    rules = g.rules.length;
  });

  progress(`${label}: loading them into the simulated kernel`);
  let loaded: Ruleset | undefined;
  const load = time(slow, () => undefined, () => {
    loaded = loadNodeRules(cluster, node);
  });
  // Text and loaded rules from one run of the writer: the text is asked for now (by default a node's sync writes it
  // when first read, and a run that never reads it would be a load alone).
  let oneRunText = '';
  const generateAndLoad = time(slow, () => undefined, () => {
    const { generated, kernel } = generateAndLoadNodeRules(cluster, node, { restoreText: 'now' });
    kernel.finish(KERNEL_TABLE_ORDER);
    oneRunText = generated.restoreText;
  });
  if (oneRunText !== restoreText) throw new Error(`benchmark at ${label}: one run of the writer wrote another text than generate`);
  const rulesets = new Map<string, Ruleset>([[node, loaded!]]);
  for (const n of cluster.nodes) {
    if (!rulesets.has(n.name)) rulesets.set(n.name, loadNodeRules(cluster, n.name));
  }
  const network = (): ReturnType<typeof createNetwork> => createNetwork(cluster, { seed: 1, recordEvents: false, rulesets: (name) => rulesets.get(name) });

  progress(`${label}: tracing ${CLIENT} → ${TARGET}`);
  const net = network();
  const source = resolveSource(cluster, CLIENT);
  const destination = resolveDestination(cluster, TARGET);
  const gateway = entryNode(cluster, destination);
  let sport = 32768;
  let traceRulesEvaluated = 0;
  const trace = time(config.traceRuns, () => sport++, (port) => {
    const j = runResolvedConnection(net, source, destination, gateway, { sport: port, firstPacketOnly: true, skipSnapshots: true, recordHops: false });
    if (j.outcome !== 'delivered') throw new Error(`benchmark trace at ${label} was not delivered (${j.outcome})`);
    traceRulesEvaluated = j.rulesEvaluated;
  });
  let traceRecordedHops = 0;
  // A fresh network each time: the conntrack snapshots a recorded trace prints grow with every connection before it.
  const traceRecorded = time(config.recordedRuns(services), network, (n) => {
    const j = runResolvedConnection(n, source, destination, gateway, {});
    if (j.outcome !== 'delivered') throw new Error(`benchmark trace at ${label} was not delivered (${j.outcome})`);
    traceRecordedHops = j.packets.reduce((sum, p) => sum + p.hops.length, 0);
  });

  progress(`${label}: spreading ${config.spreadConnections.toLocaleString('en-US')} connections`);
  let spreadFailed = 0;
  const spread = time(slow, network, (n) => {
    spreadFailed = runSpread(n, { from: CLIENT, to: TARGET, connections: config.spreadConnections }).failed;
  });

  let kernel: Timing | undefined;
  if (probeKernel().available) {
    progress(`${label}: iptables-restore into a namespace`);
    const timing = timeIptablesRestore(restoreText, config.kernelRuns(services));
    if (timing.ok) kernel = summarize(timing.ms);
    else progress(`${label}: ${timing.reason}`);
  }

  return {
    services,
    endpointsPerService: ENDPOINTS_PER_SERVICE,
    node,
    rules,
    restoreBytes: restoreText.length,
    generate,
    explain,
    load,
    loadInPieces: false,
    generateAndLoad,
    trace,
    traceRulesEvaluated,
    traceRecorded,
    traceRecordedHops,
    spread,
    spreadFailed,
    ...(kernel ? { kernel } : {}),
  };
}

function benchDefaultSpread(config: BenchConfig, progress: (line: string) => void): SpreadResultRow {
  const loaded = loadScenario(readFileSync(DEFAULT_SCENARIO, 'utf8'));
  const cluster: ClusterModel | undefined = loaded.cluster;
  if (!cluster) throw new Error('src/scenarios/default.yaml does not load');
  const from = 'net-pod';
  const to = 'svc-clusterip';
  progress(`default scenario: spreading ${config.spreadConnections.toLocaleString('en-US')} connections ${from} → ${to}`);
  // Rules are generated once, as the worker caches them; each run gets fresh conntrack tables.
  const first = createNetwork(cluster, { seed: 1, recordEvents: false });
  const rulesets = (name: string): Ruleset | undefined => first.nodes.get(name)?.ruleset;
  let last: ReturnType<typeof runSpread> | undefined;
  const timing = time(config.slowRuns(1), () => createNetwork(cluster, { seed: 1, recordEvents: false, rulesets }), (n) => {
    last = runSpread(n, { from, to, connections: config.spreadConnections });
  });
  return { scenario: 'src/scenarios/default.yaml', from, to, connections: config.spreadConnections, timing, endpoints: last!.endpoints, failed: last!.failed };
}

function machine(): BenchResult['machine'] {
  const list = cpus();
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round(totalmem() / 2 ** 30),
  };
}

export function runEngineBench(config: BenchConfig, progress: (line: string) => void = () => {}): BenchResult {
  const date = new Date().toISOString();
  const spread = benchDefaultSpread(config, progress);
  const sizes = config.sizes.map((n) => benchSize(n, config, progress));
  const at10k = sizes.find((s) => s.services === 10_000);
  const target = (name: string, limitMs: number, measured: Timing | undefined): Target =>
    measured === undefined
      ? { name, limitMs }
      : { name, limitMs, measuredMs: measured.median, ...(measured.cpuMedian !== undefined ? { cpuMs: measured.cpuMedian } : {}), met: measured.median <= limitMs };
  const probe = probeKernel();
  return {
    date,
    machine: machine(),
    quick: config.quick,
    sizes,
    spread,
    kernel: probe.available ? { available: true, version: probe.version } : { available: false, reason: probe.reason },
    targets: [
      target('10,000 × 10 generation', TARGETS.generate10k, at10k?.generate),
      target('one trace at 10,000 services', TARGETS.trace10k, at10k?.trace),
      target(`${spread.connections.toLocaleString('en-US')}-connection spread (default scenario)`, TARGETS.spread, spread.connections === 10_000 ? spread.timing : undefined),
    ],
  };
}

/** For the table: the synthetic clusters' shape. */
export const SHAPE = { endpointsPerService: ENDPOINTS_PER_SERVICE, workers: WORKERS, client: CLIENT, target: TARGET } as const;
