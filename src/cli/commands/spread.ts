import type { CliIo } from '../io';
import { UsageError } from '../io';
import { integer, parseArgs } from '../args';
import { loadScenarioFile } from '../scenario';
import { parseIpv4 } from '../../engine/ipv4';
import { createNetwork } from '../../engine/sim/network';
import { withMode } from '../../engine/sim/data-planes';
import { alignColumns } from '../../engine/sim/report';
import { MAX_SPREAD_CONNECTIONS, runSpread, type SpreadResult } from '../../engine/sim/spread';
import { CONNECTION_FLAGS, connectionArgs, resolving } from './trace';
import { dumpSpreadCommand, hasDumpFlag } from './dump';

const USAGE = 'usage: kpl spread FILE --from SRC --to DST [--via NODE] --connections N [--proto tcp|udp|icmp] [--seed N] [--json]';

/** A full bar is 100% of the connections; 50 columns keeps a row within 80 characters. */
const BAR_WIDTH = 50;

const percent = (n: number, total: number): string => `${((100 * n) / total).toFixed(1)}%`;

/** `IP:PORT` keys in address order, so the table reads the same whichever endpoint happened to be reached first. */
function byAddress(a: string, b: string): number {
  const [ipA = '', portA = '0'] = a.split(':');
  const [ipB = '', portB = '0'] = b.split(':');
  return (parseIpv4(ipA) ?? 0) - (parseIpv4(ipB) ?? 0) || Number(portA) - Number(portB);
}

/** The measured counts only: what a share "should" be depends on affinity, traffic policies and readiness, which the counts already show. */
export function spreadText(result: SpreadResult, description: string): string {
  const total = result.connections;
  const rows: string[][] = [['endpoint', 'pod', 'connections', 'share', '']];
  for (const key of Object.keys(result.endpoints).sort(byAddress)) {
    const n = result.endpoints[key]!;
    rows.push([key, result.pods[key] ?? '-', String(n), percent(n, total), '#'.repeat(Math.round((BAR_WIDTH * n) / total))]);
  }
  for (const [outcome, n] of Object.entries(result.failures)) {
    rows.push([`(${outcome})`, '', String(n), percent(n, total), '#'.repeat(Math.round((BAR_WIDTH * n) / total))]);
  }
  const lines = [
    `${description}`,
    '',
    ...alignColumns(rows, new Set([2, 3])).map((l) => `  ${l}`),
    '',
    `delivered ${total - result.failed}, failed ${result.failed}; ${result.rulesEvaluated} rules evaluated`,
  ];
  return `${lines.join('\n')}\n`;
}

/** `kpl spread FILE`: N new connections, first packet each, and which endpoint each one reached. */
export async function spreadCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (hasDumpFlag(argv)) return dumpSpreadCommand(argv, io);
  const args = parseArgs(argv, { flags: [...CONNECTION_FLAGS, 'connections'], switches: ['json'] });
  const { file, request, seed, mode } = connectionArgs(args, USAGE);
  if (!args.flags.has('connections')) throw new UsageError(`--connections is required (${USAGE})`);
  // Checked here rather than left to runSpread's RangeError, so that only this input is reported as usage.
  const connections = integer(args.flags.get('connections'), 'connections', 0, 1, MAX_SPREAD_CONNECTIONS);
  const cluster = loadScenarioFile(file, io);
  if (!cluster) return 1;
  // Event logs are for `conntrack -E` in the UI; thousands of connections would only fill memory.
  const network = createNetwork(withMode(cluster, mode), { seed, recordEvents: false });
  const result = resolving(() => runSpread(network, { ...request, connections }));
  if (args.switches.has('json')) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const via = request.via !== undefined ? ` via ${request.via}` : '';
    io.stdout(spreadText(result, `${result.connections} new connections from ${request.from} to ${request.to}${via}${request.protocol ? `/${request.protocol}` : ''}, seed ${seed}`));
  }
  return 0;
}
