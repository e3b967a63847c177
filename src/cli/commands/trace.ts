import type { CliIo } from '../io';
import { UsageError } from '../io';
import { integer, oneOf, parseArgs, type Args } from '../args';
import { loadScenarioFile } from '../scenario';
import { AddressError } from '../../engine/sim/addresses';
import { runConnection, type ConnectionRequest } from '../../engine/sim/journey';
import { createNetwork } from '../../engine/sim/network';
import { PROXY_MODES, withMode, type ProxyMode } from '../../engine/sim/data-planes';
import { traceJson, traceText } from '../../engine/sim/report';
import { traceScript } from './trace-script';
import { dumpTraceCommand, hasDumpFlag } from './dump';
import { traceAllModes, wantsAllModes, withoutMode } from './trace-modes';

/** The options `trace` and `spread` share (DESIGN §4): who connects to what, and the random stream's seed. */
export interface ConnectionArgs {
  readonly file: string;
  readonly request: Pick<ConnectionRequest, 'from' | 'to' | 'via' | 'protocol'>;
  readonly seed: number;
  /** `--mode`: run the nodes in this kube-proxy mode instead of the scenario's. */
  readonly mode?: ProxyMode;
}

export const CONNECTION_FLAGS = ['from', 'to', 'via', 'proto', 'seed', 'mode'] as const;

/** The engine's RNG takes any safe integer, but a 32-bit seed is what people can paste into the UI and back. */
const MAX_SEED = 2 ** 32 - 1;

export function connectionArgs(args: Args, usage: string): ConnectionArgs {
  const [file, extra] = args.positional;
  if (!file || extra !== undefined) throw new UsageError(usage);
  const from = args.flags.get('from');
  const to = args.flags.get('to');
  if (from === undefined) throw new UsageError(`--from is required (${usage})`);
  if (to === undefined) throw new UsageError(`--to is required (${usage})`);
  const via = args.flags.get('via');
  // Without --proto the Service port's own protocol is used; SCTP is left out as DESIGN §4 offers tcp|udp only.
  // icmp: a ping (echo request and reply); --to is then an address, node, pod or Service without a port.
  const protocol = args.flags.has('proto') ? oneOf(args.flags.get('proto'), ['tcp', 'udp', 'icmp'] as const, 'proto', 'tcp') : undefined;
  const seed = integer(args.flags.get('seed'), 'seed', 1, 0, MAX_SEED);
  const mode = args.flags.has('mode') ? oneOf(args.flags.get('mode'), PROXY_MODES, 'mode', 'iptables') : undefined;
  return { file, request: { from, to, ...(via !== undefined ? { via } : {}), ...(protocol ? { protocol } : {}) }, seed, ...(mode ? { mode } : {}) };
}

/**
 * Runs an engine call whose AddressError means the user named something the scenario lacks: that is
 * bad input (exit 1), not a crash. Other errors stay errors, so engine bugs are not reported as usage.
 */
export function resolving<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof AddressError) throw new UsageError(e.message);
    throw e;
  }
}

const USAGE = 'usage: kpl trace FILE --from SRC --to DST [--via NODE] [--proto tcp|udp|icmp] [--mode iptables|nftables|ipvs|all] [--seed N] [--json] [--verbose]\n       kpl trace FILE --script STEPS [--seed N] [--json] [--verbose]';

/** `kpl trace FILE`: one connection, every packet, every rule evaluated. A packet stopped on the way is an answer, not an error: exit 0. */
export async function traceCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (hasDumpFlag(argv)) return dumpTraceCommand(argv, io);
  const args = parseArgs(argv, { flags: [...CONNECTION_FLAGS, 'script'], switches: ['json', 'verbose'] });
  if (args.flags.has('script')) return traceScript(args, io);
  if (wantsAllModes(args)) return traceAllModes(connectionArgs(withoutMode(args), USAGE), args.switches, io);
  const { file, request, seed, mode } = connectionArgs(args, USAGE);
  const cluster = loadScenarioFile(file, io);
  if (!cluster) return 1;
  const network = createNetwork(withMode(cluster, mode), { seed });
  const journey = resolving(() => runConnection(network, request));
  io.stdout(args.switches.has('json') ? `${JSON.stringify(traceJson(journey), null, 2)}\n` : traceText(journey, { verbose: args.switches.has('verbose') }));
  return 0;
}
