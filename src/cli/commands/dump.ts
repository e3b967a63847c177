/**
 * `kpl trace --dump FILE …` and `kpl spread --dump FILE …`: one real node's pasted rules instead of a
 * scenario (DESIGN §4). What the import could not take exactly is printed on stderr, located by line;
 * the trace still runs on the rest.
 */
import type { CliIo } from '../io';
import { UsageError } from '../io';
import { integer, oneOf, parseArgs, type Args } from '../args';
import { readInput } from './print';
import { importDump } from '../../engine/import/import';
import type { ImportedDump } from '../../engine/import/model';
import { nodeSetup, SetupError, type NodeSetup } from '../../engine/import/node-setup';
import { dumpTraceJson, dumpTraceText } from '../../engine/import/report';
import { MAX_DUMP_SPREAD, spreadDump, type DumpSpreadResult } from '../../engine/import/spread';
import { traceDump, TraceRequestError, type DumpTraceRequest } from '../../engine/import/trace';
import type { Arrival } from '../../engine/node/model';
import { alignColumns } from '../../engine/sim/report';

const FLAGS = ['dump', 'src', 'dst', 'proto', 'in', 'node-ip', 'pod-cidr', 'seed', 'name'] as const;
const TRACE_USAGE = 'usage: kpl trace --dump FILE --src IP[:PORT] --dst IP:PORT [--proto tcp|udp] [--in IFACE|--local] [--node-ip IP[,IP…]] [--pod-cidr CIDR] [--seed N] [--json] [--verbose]';
const SPREAD_USAGE = 'usage: kpl spread --dump FILE --src IP[:PORT] --dst IP:PORT --connections N [--proto tcp|udp] [--in IFACE|--local] [--node-ip IP[,IP…]] [--seed N] [--json]';

export const hasDumpFlag = (argv: readonly string[]): boolean => argv.some((a) => a === '--dump' || a.startsWith('--dump='));

/** The import's report on stderr, `FILE:LINE: severity: message`. */
export function reportIssues(file: string, dump: ImportedDump, io: CliIo): void {
  for (const i of dump.issues) io.stderr(`${file}:${i.line}: ${i.severity}: ${i.message.replace(/^line \d+: /, '')}\n`);
}

interface Loaded {
  readonly file: string;
  readonly dump: ImportedDump;
  readonly setup: NodeSetup;
  readonly request: DumpTraceRequest;
}

function load(args: Args, usage: string, io: CliIo): Loaded | undefined {
  if (args.positional.length > 0) throw new UsageError(usage);
  const file = args.flags.get('dump');
  const src = args.flags.get('src');
  const dst = args.flags.get('dst');
  if (file === undefined || src === undefined || dst === undefined) throw new UsageError(usage);
  if (args.flags.has('in') && args.switches.has('local')) throw new UsageError('--in and --local exclude each other');
  const protocol = oneOf(args.flags.get('proto'), ['tcp', 'udp'] as const, 'proto', 'tcp');
  const seed = integer(args.flags.get('seed'), 'seed', 1, 0, 2 ** 32 - 1);
  const dump = importDump(readInput(file));
  reportIssues(file, dump, io);
  if (dump.ruleset.tables.size === 0 && !dump.nft?.ruleset.tables.length) return undefined;
  try {
    const setup = nodeSetup(dump, {
      ...(args.flags.has('node-ip') ? { nodeIps: args.flags.get('node-ip')!.split(',') } : {}),
      ...(args.flags.has('pod-cidr') ? { podCidr: args.flags.get('pod-cidr')! } : {}),
      ...(args.flags.has('name') ? { name: args.flags.get('name')! } : {}),
    });
    const arrival: Arrival = args.switches.has('local') ? { from: 'local' } : { from: 'network', interface: args.flags.get('in') ?? setup.uplink };
    return { file, dump, setup, request: { src, dst, protocol, arrival, seed } };
  } catch (e) {
    if (e instanceof SetupError) throw new UsageError(e.message);
    throw e;
  }
}

function requestErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof TraceRequestError) throw new UsageError(e.message);
    throw e;
  }
}

export async function dumpTraceCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { flags: FLAGS, switches: ['json', 'verbose', 'local'] });
  const loaded = load(args, TRACE_USAGE, io);
  if (!loaded) return 1;
  const trace = requestErrors(() => traceDump(loaded.dump, loaded.setup, loaded.request));
  io.stdout(args.switches.has('json') ? `${JSON.stringify(dumpTraceJson(trace, loaded.dump), null, 2)}\n` : dumpTraceText(trace, loaded.dump, { verbose: args.switches.has('verbose') }));
  return 0;
}

export async function dumpSpreadCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { flags: [...FLAGS, 'connections'], switches: ['json', 'local'] });
  if (!args.flags.has('connections')) throw new UsageError(`--connections is required (${SPREAD_USAGE})`);
  const connections = integer(args.flags.get('connections'), 'connections', 0, 1, MAX_DUMP_SPREAD);
  const loaded = load(args, SPREAD_USAGE, io);
  if (!loaded) return 1;
  const result = requestErrors(() => spreadDump(loaded.dump, loaded.setup, { ...loaded.request, connections }));
  if (args.switches.has('json')) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  io.stdout(dumpSpreadText(result, `${result.connections} new connections from ${loaded.request.src} to ${loaded.request.dst}/${loaded.request.protocol} through ${loaded.setup.name} (${loaded.file}), seed ${loaded.request.seed}`));
  return 0;
}

const percent = (n: number, total: number): string => `${((100 * n) / total).toFixed(1)}%`;

/** Endpoints in the order first reached; one named only by a cut chain's comment says so. */
export function dumpSpreadText(result: DumpSpreadResult, description: string): string {
  const total = result.connections;
  const bar = (n: number): string => '#'.repeat(Math.round((50 * n) / total));
  const rows: string[][] = [['endpoint', 'connections', 'share', '', '']];
  for (const [key, n] of Object.entries(result.endpoints)) rows.push([key, String(n), percent(n, total), bar(n), result.namedBy[key] ? `named by ${result.namedBy[key]} (not in the dump)` : '']);
  for (const [outcome, n] of Object.entries(result.failures)) rows.push([`(${outcome})`, String(n), percent(n, total), bar(n), '']);
  const lines = [description, '', ...alignColumns(rows, new Set([1, 2])).map((l) => `  ${l}`), '', `reached ${total - result.failed}, failed ${result.failed}; ${result.rulesEvaluated} rules evaluated`];
  return `${lines.join('\n')}\n`;
}
