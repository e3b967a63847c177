import type { CliIo } from '../io';
import { alignColumns } from '../../engine/sim/report';
import { UsageError } from '../io';
import { integer, oneOf, parseArgs } from '../args';
import { FULL, QUICK, SHAPE, runEngineBench, type BenchResult, type SizeResult, type Timing } from '../../../bench/engine';
import { runNftablesBench } from '../../../bench/nftables';
import { nftablesBenchTable } from './bench-nftables';
import { runSweepBench } from '../../../bench/scale-sweep';
import { sweepBenchTable } from './bench-sweep';

/**
 * `kpl bench [--json] [--quick] [--sizes N,N,…]`: the engine benchmark (bench/engine.ts). Prints tables of
 * medians (p95 in brackets), or the whole result as JSON; progress goes to stderr. `--quick` runs small sizes
 * with fewer runs; `--sizes` chooses the synthetic clusters' numbers of services.
 */
export async function benchCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { flags: ['sizes', 'mode'], switches: ['json', 'quick', 'sweep', 'calibrate'] });
  if (args.positional.length > 0) throw new UsageError('usage: kpl bench [--json] [--quick] [--sizes N,N,…] [--mode iptables|nftables] [--sweep [--calibrate]]');
  if (args.switches.has('sweep')) {
    // The scale lab's sweep (bench/scale-sweep.ts): --sizes chooses its points, --quick stops at 1,000 Services.
    const sizes = args.flags.get('sizes')?.split(',').map((n) => integer(n.trim(), 'sizes', 0, 1, 100_000)) ?? (args.switches.has('quick') ? [10, 100, 1000] : undefined);
    const sweep = runSweepBench(sizes, (line) => io.stderr(`kpl bench --sweep: ${line}\n`), args.switches.has('calibrate'));
    io.stdout(args.switches.has('json') ? `${JSON.stringify(sweep, null, 2)}\n` : sweepBenchTable(sweep));
    return 0;
  }
  const mode = oneOf(args.flags.get('mode'), ['iptables', 'nftables'] as const, 'mode', 'iptables');
  const base = args.switches.has('quick') ? QUICK : FULL;
  const sizes = args.flags.get('sizes');
  const config = sizes === undefined ? base : { ...base, sizes: sizes.split(',').map((n) => integer(n.trim(), 'sizes', 0, 1, 100_000)) };
  if (mode === 'nftables') {
    const nft = runNftablesBench(config, (line) => io.stderr(`kpl bench: ${line}\n`));
    io.stdout(args.switches.has('json') ? `${JSON.stringify(nft, null, 2)}\n` : nftablesBenchTable(nft));
    return 0;
  }
  const result = runEngineBench(config, (line) => io.stderr(`kpl bench: ${line}\n`));
  io.stdout(args.switches.has('json') ? `${JSON.stringify(result, null, 2)}\n` : benchTable(result));
  return 0;
}

/** A number of milliseconds with three significant digits (no unit). */
function millis(ms: number): string {
  if (ms >= 100) return Math.round(ms).toLocaleString('en-US');
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

/** A duration for people: three significant digits, in ms (or s from 10 s up). */
export function duration(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${millis(ms)} ms`;
}

/** Median and p95 in the median's unit: `1.23 ms (1.50)`, `31.0 s (33.2)`. */
export const timing = (t: Timing): string =>
  t.median >= 10_000 ? `${duration(t.median)} (${(t.p95 / 1000).toFixed(1)})` : `${duration(t.median)} (${millis(t.p95)})`;
export const count = (n: number): string => n.toLocaleString('en-US');
export const size = (bytes: number): string => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`);

/** Left-aligned first column, right-aligned others, two spaces between, with a dashed rule under the header. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set(header.map((_, i) => i).filter((i) => i > 0));
  return alignColumns([header, widths.map((w) => '-'.repeat(w)), ...rows], right).join('\n');
}

const label = (s: SizeResult): string => `${count(s.services)} × ${s.endpointsPerService}`;

export function benchTable(r: BenchResult): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(`Kube Packet Lab engine benchmark${r.quick ? ' (quick)' : ''} — ${r.date.slice(0, 10)}`);
  out.push(`node ${m.node}, ${m.platform} ${m.arch}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB`);
  out.push('Times are medians, p95 in brackets (the slowest run when there are fewer than 20).');
  out.push(
    `Synthetic clusters: N services × ${SHAPE.endpointsPerService} endpoints on ${SHAPE.workers} workers; pod ${SHAPE.client} → service ${SHAPE.target}, which sorts last in KUBE-SERVICES.`,
  );
  out.push('');

  const first = r.sizes[0];
  out.push(`Rules (node ${first?.node ?? '-'})`);
  const ratio = (s: SizeResult, engineMs: number): string => (s.kernel ? `${(s.kernel.median / engineMs).toFixed(1)}×` : '-');
  out.push(
    table(
      ['services × endpoints', 'rules', 'restore text', 'generate', 'explanations', 'load', 'one run', 'iptables-restore', 'real ÷ simulated', 'real ÷ one run'],
      r.sizes.map((s) => [
        label(s), count(s.rules), size(s.restoreBytes), timing(s.generate), timing(s.explain), `${timing(s.load)}${s.loadInPieces ? '*' : ''}`, timing(s.generateAndLoad),
        s.kernel ? timing(s.kernel) : '-', ratio(s, s.generate.median + s.load.median), ratio(s, s.generateAndLoad.median),
      ]),
    ),
  );
  out.push('generate: kube-proxy\'s restore text; explanations: every rule\'s explanation and sources, made on first read;');
  out.push('load: the rules into the simulated kernel, handed over by the writer (the ruleset parsing the text gives), in a run of their own;');
  out.push('one run: text and loaded rules from one run of the writer (what a node\'s sync does in the app and the CLI).');
  if (r.sizes.some((s) => s.loadInPieces)) out.push('* above the parser\'s 20 M-character limit for pastes: parsed table by table in pieces (bench/load-ruleset.ts).');
  out.push(
    r.kernel.available
      ? `iptables-restore: ${r.kernel.version}, loading the same text into a fresh namespace (unshare -n); real ÷ simulated = iptables-restore ÷ (generate + load); real ÷ one run = iptables-restore ÷ one run.`
      : `iptables-restore: skipped — ${r.kernel.reason}.`,
  );
  out.push('');

  const spreadN = r.sizes[0] ? count(r.spread.connections) : '';
  out.push('Traffic');
  out.push(
    table(
      ['services × endpoints', 'trace, 1st packet', 'rules evaluated', 'trace, every hop', 'hops', `spread ${spreadN}`],
      r.sizes.map((s) => [label(s), timing(s.trace), count(s.traceRulesEvaluated), timing(s.traceRecorded), count(s.traceRecordedHops), `${timing(s.spread)}${s.spreadFailed ? ` (${count(s.spreadFailed)} failed)` : ''}`]),
    ),
  );
  out.push('trace, 1st packet: a new connection\'s SYN across every node, only the count of rules kept (what a spread does per connection);');
  out.push('rules evaluated: what the kernels read one by one; trace, every hop: the whole connection as `kpl trace` records it.');
  out.push('');

  const sp = r.spread;
  const reached = Object.entries(sp.endpoints).map(([ep, n]) => `${ep} ${count(n)}`).join(', ');
  out.push(`Spread on ${sp.scenario}: ${count(sp.connections)} connections ${sp.from} → ${sp.to}: ${timing(sp.timing)}; ${reached}${sp.failed ? `; ${count(sp.failed)} failed` : ''}`);
  out.push('');

  out.push('Targets (measured here, not asserted in tests)');
  out.push(
    table(
      ['target', 'limit', 'median', 'cpu', ''],
      r.targets.map((t) => [
        t.name,
        `≤ ${duration(t.limitMs)}`,
        t.measuredMs === undefined ? 'not measured' : duration(t.measuredMs),
        t.cpuMs === undefined ? '' : duration(t.cpuMs),
        t.met === undefined ? '' : t.met ? 'met' : 'above',
      ]),
    ),
  );
  out.push('cpu: the median CPU time of the same runs, every thread of the process (a busy machine moves it less than the wall clock).');
  return `${out.join('\n')}\n`;
}
