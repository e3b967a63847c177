import type { CliIo } from '../io';
import { UsageError } from '../io';
import { oneOf, parseArgs } from '../args';
import { loadScenarioFile } from '../scenario';
import { defaultNode, nodeRuleset } from '../../engine/kubeproxy';
import { printRuleset } from './print';
import { IPVS_FORMATS, printIpvsRules } from './rules-ipvs';

/** `kpl rules FILE`: the rules kube-proxy (and kubelet) write on one node of the scenario. */
export async function rulesCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { flags: ['node', 'table', 'format', 'mode'], switches: [] });
  const [file, extra] = args.positional;
  if (!file || extra) throw new UsageError('usage: kpl rules FILE [--node NAME] [--table nat|filter] [--format save|S|L] [--mode iptables|ipvs] (ipvs: --format ipvsadm|stats|ipset|ip|save|S|L)');
  const modeFlag = args.flags.has('mode') ? oneOf(args.flags.get('mode'), ['iptables', 'ipvs'] as const, 'mode', 'iptables') : undefined;
  const formatText = args.flags.get('format');
  const ipvsOnlyFormat = formatText !== undefined && !['save', 'S', 'L'].includes(formatText) && (IPVS_FORMATS as readonly string[]).includes(formatText);
  const format = modeFlag === 'ipvs' || ipvsOnlyFormat ? 'save' : oneOf(formatText, ['save', 'S', 'L'] as const, 'format', 'save');
  const ipvsFormat = formatText === undefined ? undefined : oneOf(formatText, IPVS_FORMATS, 'format', 'save');
  const table = args.flags.has('table') ? oneOf(args.flags.get('table'), ['nat', 'filter'] as const, 'table', 'nat') : undefined;
  const cluster = loadScenarioFile(file, io);
  if (!cluster) return 1;
  const node = args.flags.get('node') ?? defaultNode(cluster);
  if (!node || !cluster.nodes.some((n) => n.name === node)) {
    throw new UsageError(`no node named "${node ?? ''}" (nodes: ${cluster.nodes.map((n) => n.name).join(', ')})`);
  }
  // --mode overrides the scenario's KubeProxyConfiguration.mode (DESIGN §4).
  if ((modeFlag ?? cluster.kubeProxy.mode) === 'ipvs') {
    io.stdout(printIpvsRules(cluster, node, ipvsFormat, table));
    return 0;
  }
  if (ipvsOnlyFormat) throw new UsageError(`--format ${formatText} is an IPVS mode format: add --mode ipvs (or mode: ipvs to the scenario's KubeProxyConfiguration)`);
  io.stdout(printRuleset(nodeRuleset(cluster, node).ruleset, format, table));
  return 0;
}
