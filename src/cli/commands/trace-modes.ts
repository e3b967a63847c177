import type { CliIo } from '../io';
import { oneOf, type Args } from '../args';
import { loadScenarioFile } from '../scenario';
import { compareRuns, runInEveryMode } from '../../engine/sim/compare-modes';
import { compareJson, compareText } from '../../engine/sim/compare-modes-report';
import { connectionArgs, resolving } from './trace';
import { PROXY_MODES } from '../../engine/sim/data-planes';

/** `--mode all` on trace: the value `trace` accepts beside the three modes. */
export const ALL_MODES = 'all';

/** True for `--mode all`; a mode that is neither a mode nor `all` is a usage error naming all four. */
export function wantsAllModes(args: Args): boolean {
  if (!args.flags.has('mode')) return false;
  return oneOf(args.flags.get('mode'), [...PROXY_MODES, ALL_MODES], 'mode', 'iptables') === ALL_MODES;
}

/**
 * `kpl trace FILE --from … --to … --mode all`: the same connection in iptables, nftables and IPVS mode,
 * each on a network of its own from the same seed, then the comparison table (compare-modes.ts).
 */
export function traceAllModes(args: Args, usage: string, io: CliIo): number {
  // connectionArgs knows the three modes; "all" is this command's own value.
  const { file, request, seed } = connectionArgs({ ...args, flags: new Map([...args.flags].filter(([name]) => name !== 'mode')) }, usage);
  const cluster = loadScenarioFile(file, io);
  if (!cluster) return 1;
  const runs = resolving(() => runInEveryMode(cluster, request, seed));
  const comparison = compareRuns(runs);
  io.stdout(args.switches.has('json') ? `${JSON.stringify(compareJson(runs, comparison), null, 2)}\n` : compareText(runs, comparison, { verbose: args.switches.has('verbose') }));
  return 0;
}
