import type { CliIo } from '../io';
import { UsageError } from '../io';
import { oneOf, type Args } from '../args';
import { loadScenarioFile } from '../scenario';
import { AddressError } from '../../engine/sim/addresses';
import { compareRuns, runInEveryMode } from '../../engine/sim/compare-modes';
import { compareJson, compareText } from '../../engine/sim/compare-modes-report';
import { PROXY_MODES } from '../../engine/sim/data-planes';
import type { ConnectionArgs } from './trace';

/** `--mode all` on trace: the value `trace` accepts beside the three modes. */
export const ALL_MODES = 'all';

/** True for `--mode all`; a mode that is neither a mode nor `all` is a usage error naming all four. */
export function wantsAllModes(args: Args): boolean {
  if (!args.flags.has('mode')) return false;
  return oneOf(args.flags.get('mode'), [...PROXY_MODES, ALL_MODES], 'mode', 'iptables') === ALL_MODES;
}

/** The arguments without `--mode all`, for the parser of the options trace and spread share (it knows the three modes). */
export function withoutMode(args: Args): Args {
  return { ...args, flags: new Map([...args.flags].filter(([name]) => name !== 'mode')) };
}

/**
 * `kpl trace FILE --from … --to … --mode all`: the same connection in iptables, nftables and IPVS mode,
 * each on a network of its own from the same seed, then the comparison table (compare-modes.ts).
 */
export function traceAllModes({ file, request, seed }: ConnectionArgs, switches: ReadonlySet<string>, io: CliIo): number {
  const cluster = loadScenarioFile(file, io);
  if (!cluster) return 1;
  let runs;
  try {
    runs = runInEveryMode(cluster, request, seed);
  } catch (e) {
    // A name the scenario lacks is bad input (exit 1), as for one mode (trace.ts `resolving`).
    if (e instanceof AddressError) throw new UsageError(e.message);
    throw e;
  }
  const comparison = compareRuns(runs);
  io.stdout(switches.has('json') ? `${JSON.stringify(compareJson(runs, comparison), null, 2)}\n` : compareText(runs, comparison, { verbose: switches.has('verbose') }));
  return 0;
}
