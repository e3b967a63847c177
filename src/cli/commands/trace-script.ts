import { readFileSync } from 'node:fs';
import type { CliIo } from '../io';
import { UsageError } from '../io';
import { integer, type Args } from '../args';
import { loadScenarioFile } from '../scenario';
import { createNetwork } from '../../engine/sim/network';
import { parseScript, ScriptError } from '../../engine/sim/script';
import { runScript, ScriptRunError } from '../../engine/sim/script-run';
import { scriptJson, scriptText } from '../../engine/sim/script-report';

export const SCRIPT_USAGE = 'usage: kpl trace FILE --script STEPS [--seed N] [--json] [--verbose]';

/**
 * `kpl trace FILE --script STEPS`: the steps of STEPS (connections, waits, endpoint changes; see
 * engine/sim/script.ts) on one network, in order. A bad step is reported as STEPS:LINE:COL and exits 1.
 */
export function traceScript(args: Args, io: CliIo): number {
  const [file, extra] = args.positional;
  if (!file || extra !== undefined) throw new UsageError(SCRIPT_USAGE);
  for (const f of ['from', 'to', 'via', 'proto']) if (args.flags.has(f)) throw new UsageError(`--${f} goes into the script's connect steps with --script (${SCRIPT_USAGE})`);
  const scriptFile = args.flags.get('script')!;
  let text: string;
  try {
    text = readFileSync(scriptFile, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${scriptFile}: ${(e as Error).message}`);
  }
  let steps;
  try {
    steps = parseScript(text);
  } catch (e) {
    if (e instanceof ScriptError) throw new UsageError(`${scriptFile}:${e.line}:${e.col}: ${e.reason}`);
    throw e;
  }
  const cluster = loadScenarioFile(file, io);
  if (!cluster) return 1;
  const seed = integer(args.flags.get('seed'), 'seed', 1, 0, 2 ** 32 - 1);
  let run;
  try {
    run = runScript(createNetwork(cluster, { seed }), steps);
  } catch (e) {
    if (e instanceof ScriptRunError) throw new UsageError(`${scriptFile}:${e.line}: ${e.reason}`);
    throw e;
  }
  io.stdout(args.switches.has('json') ? `${JSON.stringify(scriptJson(run.events), null, 2)}\n` : scriptText(run.events, { verbose: args.switches.has('verbose') }));
  return 0;
}
