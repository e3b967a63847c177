/**
 * The nftables side of the engine benchmark (`kpl bench --mode nftables`): on the same synthetic clusters
 * (10 … 10,000 services × 10 endpoints, synthetic-cluster.ts), how long kube-proxy's nftables transaction
 * takes to generate beside the iptables restore text, how big each is, and — where root can `unshare -n` and
 * nft is installed — how long the real `nft -f` takes to load the transaction into a fresh namespace.
 * Timing is wall-clock (`performance.now()`), the median of timed runs after warm-up runs.
 */
import { spawnSync } from 'node:child_process';
import { defaultNode, generateNodeRules } from '../src/engine/kubeproxy';
import { generateNftablesTransaction } from '../src/engine/kubeproxy/nftables';
import { probeRealNft } from '../src/engine/test-support/nft';
import { summarize, type BenchConfig, type Timing } from './engine';
import { evaluatedByMode, type EvaluatedByMode } from './evaluated';
import { ENDPOINTS_PER_SERVICE, syntheticCluster } from './synthetic-cluster';

export interface NftablesSizeResult {
  readonly services: number;
  readonly endpointsPerService: number;
  readonly node: string;
  readonly iptables: { readonly rules: number; readonly bytes: number; readonly generate: Timing };
  readonly nftables: {
    /** `add …` lines of the transaction (blank and `#` lines not counted). */
    readonly lines: number;
    readonly rules: number;
    readonly elements: number;
    readonly bytes: number;
    readonly generate: Timing;
    /** Reading every rule's and element's meaning the first time (made on first read, as for iptables). */
    readonly explain: Timing;
    /** The real `nft -f` loading the transaction into a fresh network namespace. */
    readonly kernel?: Timing;
  };
  /** What the kernel evaluates for one new connection to one Service (client → web's SYN), per mode (evaluated.ts). */
  readonly evaluated: EvaluatedByMode;
}

export interface NftablesBenchResult {
  readonly date: string;
  readonly quick: boolean;
  readonly sizes: readonly NftablesSizeResult[];
  readonly kernel: { readonly available: true; readonly version: string } | { readonly available: false; readonly reason: string };
}

function time(runs: { readonly warmup: number; readonly runs: number }, fn: () => void): Timing {
  const samples: number[] = [];
  for (let i = 0; i < runs.warmup + runs.runs; i++) {
    const t0 = performance.now();
    fn();
    if (i >= runs.warmup) samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/** `nft -f -` inside a fresh namespace, timed there (not the namespace's creation), in ms; undefined if it failed. */
function timeNftLoad(text: string): number | undefined {
  const script = 'start=$(date +%s%N); nft -f - || exit 1; end=$(date +%s%N); echo $(( (end - start) / 1000 ))';
  const run = spawnSync('unshare', ['-n', 'bash', '-c', script], { input: text, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return run.status === 0 ? Number(run.stdout.trim()) / 1000 : undefined;
}

export function runNftablesBench(config: BenchConfig, progress: (line: string) => void = () => {}): NftablesBenchResult {
  const probe = probeRealNft();
  const sizes = config.sizes.map((services): NftablesSizeResult => {
    const label = `${services.toLocaleString('en-US')} × ${ENDPOINTS_PER_SERVICE}`;
    const cluster = syntheticCluster(services);
    const node = defaultNode(cluster)!;
    const runs = config.slowRuns(services);
    progress(`${label}: iptables restore text`);
    let restoreText = '';
    const iptGenerate = time(runs, () => {
      restoreText = generateNodeRules(cluster, node).restoreText;
    });
    const iptRules = restoreText.split('\n').filter((l) => l.startsWith('-A ')).length;
    progress(`${label}: nftables transaction`);
    let tx = generateNftablesTransaction(cluster, node);
    const generate = time(runs, () => {
      tx = generateNftablesTransaction(cluster, node);
    });
    let rules = 0;
    let elements = 0;
    const explain = time(runs, () => {
      const fresh = generateNftablesTransaction(cluster, node);
      rules = fresh.rules.length;
      elements = fresh.elements.length;
    });
    let kernel: Timing | undefined;
    if (probe.available) {
      progress(`${label}: nft -f into a namespace`);
      const ms: number[] = [];
      for (let i = 0; i < config.kernelRuns(services); i++) {
        const t = timeNftLoad(tx.text);
        if (t !== undefined) ms.push(t);
      }
      if (ms.length > 0) kernel = summarize(ms);
    }
    const evaluated = evaluatedByMode(services, (line) => progress(`${label}: ${line.replace(/^[\d,]+ services: /, '')}`));
    return {
      services,
      endpointsPerService: ENDPOINTS_PER_SERVICE,
      node,
      evaluated,
      iptables: { rules: iptRules, bytes: restoreText.length, generate: iptGenerate },
      nftables: {
        lines: tx.lines.filter((l) => l.startsWith('add ')).length,
        rules,
        elements,
        bytes: tx.text.length,
        generate,
        explain,
        ...(kernel ? { kernel } : {}),
      },
    };
  });
  return {
    date: new Date().toISOString(),
    quick: config.quick,
    sizes,
    kernel: probe.available ? { available: true, version: probe.version } : { available: false, reason: probe.reason },
  };
}
