import type { CliIo } from '../io';
import { UsageError } from '../io';
import { oneOf, parseArgs } from '../args';
import { loadScenarioFile } from '../scenario';
import { defaultNode, nodeRuleset } from '../../engine/kubeproxy';
import { printRuleset } from './print';
import { nftablesRules } from './rules-nftables';
import { IPVS_FORMATS, printIpvsRules } from './rules-ipvs';

/** `kpl rules FILE`: the rules kube-proxy (and kubelet) write on one node of the scenario. */
export async function rulesCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { flags: ['node', 'table', 'format', 'mode'], switches: [] });
  const [file, extra] = args.positional;
  if (!file || extra) throw new UsageError('usage: kpl rules FILE [--node NAME] [--mode iptables|nftables|ipvs] [--table nat|filter] [--format save|S|L] (nftables: --format transaction; ipvs: --format ipvsadm|stats|ipset|ip|save|S|L)');
  const modeFlag = args.flags.has('mode') ? oneOf(args.flags.get('mode'), ['iptables', 'nftables', 'ipvs'] as const, 'mode', 'iptables') : undefined;
  const formatText = args.flags.get('format');
  const ipvsOnlyFormat = formatText !== undefined && !['save', 'S', 'L'].includes(formatText) && (IPVS_FORMATS as readonly string[]).includes(formatText);
  const cluster = loadScenarioFile(file, io);
  if (!cluster) return 1;
  const node = args.flags.get('node') ?? defaultNode(cluster);
  if (!node || !cluster.nodes.some((n) => n.name === node)) {
    throw new UsageError(`no node named "${node ?? ''}" (nodes: ${cluster.nodes.map((n) => n.name).join(', ')})`);
  }
  const mode = modeFlag ?? cluster.kubeProxy.mode;
  if (mode === 'nftables') return nftablesRules(args, cluster, node, io);
  // --mode overrides the scenario's KubeProxyConfiguration.mode (DESIGN §4).
  if (mode === 'ipvs') {
    const ipvsFormat = formatText === undefined ? undefined : oneOf(formatText, IPVS_FORMATS, 'format', 'save');
    const ipvsTable = args.flags.has('table') ? oneOf(args.flags.get('table'), ['nat', 'filter'] as const, 'table', 'nat') : undefined;
    io.stdout(printIpvsRules(cluster, node, ipvsFormat, ipvsTable));
    return 0;
  }
  if (ipvsOnlyFormat) throw new UsageError(`--format ${formatText} is an IPVS mode format: add --mode ipvs (or mode: ipvs to the scenario's KubeProxyConfiguration)`);
  const format = oneOf(formatText, ['save', 'S', 'L'] as const, 'format', 'save');
  const table = args.flags.has('table') ? oneOf(args.flags.get('table'), ['nat', 'filter'] as const, 'table', 'nat') : undefined;
  io.stdout(printRuleset(nodeRuleset(cluster, node).ruleset, format, table));
  return 0;
}
