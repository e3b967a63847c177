import type { CliIo } from '../io';
import { UsageError } from '../io';
import { oneOf, type Args } from '../args';
import type { ClusterModel } from '../../engine/cluster/model';
import { generateNftablesTransaction } from '../../engine/kubeproxy/nftables';
import { parseTransaction, printNftList } from '../../engine/nftables';

/**
 * `kpl rules FILE --mode nftables`: what kube-proxy's nftables proxier writes on the node. `nft` (the default) is
 * what `nft list ruleset` prints on the node, `transaction` the `nft -f` input kube-proxy sends.
 */
export function nftablesRules(args: Args, cluster: ClusterModel, node: string, io: CliIo): number {
  if (args.flags.has('table')) throw new UsageError('--table is for iptables mode: nftables mode writes one table, ip kube-proxy');
  const format = oneOf(args.flags.get('format'), ['nft', 'transaction'] as const, 'format', 'nft');
  const transaction = generateNftablesTransaction(cluster, node);
  if (format === 'transaction') {
    io.stdout(transaction.text);
    return 0;
  }
  // What the node's `nft list ruleset` prints once nft has loaded the transaction (our parser reads it as nft -f does).
  const loaded = parseTransaction(transaction.text, { declarationsFirst: false, maxChars: Number.POSITIVE_INFINITY });
  if (loaded.errors.length > 0) throw new Error(`kube-proxy wrote an nftables transaction nft refuses: ${loaded.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('; ')}`);
  io.stdout(printNftList(loaded.ruleset));
  return 0;
}
