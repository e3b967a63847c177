/** `kpl diff --dump FILE SCENARIO [--node NAME]`: what kube-proxy would write on the node against what the node holds. Exit 0 either way. */
import type { CliIo } from '../io';
import { UsageError } from '../io';
import { parseArgs } from '../args';
import { loadScenarioFile } from '../scenario';
import { readInput } from './print';
import { reportIssues } from './dump';
import { importDump } from '../../engine/import/import';
import { diffDump } from '../../engine/import/diff';
import { diffText } from '../../engine/import/diff-text';
import { defaultNode } from '../../engine/kubeproxy';

const USAGE = 'usage: kpl diff --dump FILE SCENARIO [--node NAME] [--json]';

export async function diffCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { flags: ['dump', 'node'], switches: ['json'] });
  const [scenario, extra] = args.positional;
  const file = args.flags.get('dump');
  if (!file || !scenario || extra !== undefined) throw new UsageError(USAGE);
  const cluster = loadScenarioFile(scenario, io);
  if (!cluster) return 1;
  const node = args.flags.get('node') ?? defaultNode(cluster);
  if (!node || !cluster.nodes.some((n) => n.name === node)) throw new UsageError(`no node "${node ?? ''}" in ${scenario} (nodes: ${cluster.nodes.map((n) => n.name).join(', ')})`);
  const dump = importDump(readInput(file));
  reportIssues(file, dump, io);
  if (dump.ruleset.tables.size === 0 && !dump.nft?.ruleset.tables.length) return 1;
  const d = diffDump(dump, cluster, node);
  io.stdout(args.switches.has('json') ? `${JSON.stringify(d, null, 2)}\n` : diffText(d, { dump: file, scenario }));
  return 0;
}
