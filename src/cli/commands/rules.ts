import type { CliIo } from '../io';
import { UsageError } from '../io';
import { oneOf, parseArgs } from '../args';
import { loadScenarioFile } from '../scenario';
import { defaultNode, nodeRuleset } from '../../engine/kubeproxy';
import { printRuleset } from './print';
import { nftablesRules } from './rules-nftables';

/** `kpl rules FILE`: the rules kube-proxy (and kubelet) write on one node of the scenario. */
export async function rulesCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { flags: ['node', 'table', 'format', 'mode'], switches: [] });
  const [file, extra] = args.positional;
  if (!file || extra) throw new UsageError('usage: kpl rules FILE [--node NAME] [--mode iptables|nftables] [--table nat|filter] [--format save|S|L|transaction]');
  const modeFlag = args.flags.has('mode') ? oneOf(args.flags.get('mode'), ['iptables', 'nftables'] as const, 'mode', 'iptables') : undefined;
  const cluster = loadScenarioFile(file, io);
  if (!cluster) return 1;
  const node = args.flags.get('node') ?? defaultNode(cluster);
  if (!node || !cluster.nodes.some((n) => n.name === node)) {
    throw new UsageError(`no node named "${node ?? ''}" (nodes: ${cluster.nodes.map((n) => n.name).join(', ')})`);
  }
  if ((modeFlag ?? cluster.kubeProxy.mode) === 'nftables') return nftablesRules(args, cluster, node, io);
  const format = oneOf(args.flags.get('format'), ['save', 'S', 'L'] as const, 'format', 'save');
  const table = args.flags.has('table') ? oneOf(args.flags.get('table'), ['nat', 'filter'] as const, 'table', 'nat') : undefined;
  io.stdout(printRuleset(nodeRuleset(cluster, node).ruleset, format, table));
  return 0;
}
