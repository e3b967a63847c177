import type { CliIo } from '../io';
import { UsageError } from '../io';
import { oneOf, type Args } from '../args';
import type { ClusterModel } from '../../engine/cluster/model';
import { generateNftablesTransaction } from '../../engine/kubeproxy/nftables';

/**
 * `kpl rules FILE --mode nftables`: what kube-proxy's nftables proxier writes on the node. `transaction` is the
 * `nft -f` input kube-proxy sends; `nft` (what `nft list ruleset` prints) arrives with the nftables printer.
 */
export function nftablesRules(args: Args, cluster: ClusterModel, node: string, io: CliIo): number {
  if (args.flags.has('table')) throw new UsageError('--table is for iptables mode: nftables mode writes one table, ip kube-proxy');
  const format = oneOf(args.flags.get('format'), ['transaction', 'nft'] as const, 'format', 'transaction');
  if (format === 'nft') throw new UsageError('--format nft (nft list ruleset) is not available yet; use --format transaction');
  io.stdout(generateNftablesTransaction(cluster, node).text);
  return 0;
}
