/**
 * `kpl rules FILE --mode ipvs`: what kube-proxy's IPVS proxier leaves on one node, as the node's own
 * tools print it — `ipvsadm -Ln` (`--format ipvsadm`, `stats` for `--stats`), `ipset list` (`ipset`),
 * its iptables rules (`save`, `S`, `L`) and `ip addr show kube-ipvs0` (`ip`). Without `--format`:
 * ipvsadm, ipset and iptables-save, each under a `# command` line.
 */
import type { ClusterModel } from '../../engine/cluster/model';
import { printIpAddrShow } from '../../engine/ipvs/dummy-interface';
import { printIpsetList } from '../../engine/ipvs/ipset';
import { printIpvsadmList, printIpvsadmStats } from '../../engine/ipvs/print-ipvsadm';
import { generateIpvsNode } from '../../engine/kubeproxy/ipvs/generate';
import type { TableName } from '../../engine/netfilter/model';
import { printRuleset } from './print';

export const IPVS_FORMATS = ['ipvsadm', 'stats', 'ipset', 'ip', 'save', 'S', 'L'] as const;
export type IpvsFormat = (typeof IPVS_FORMATS)[number];

export function printIpvsRules(cluster: ClusterModel, node: string, format: IpvsFormat | undefined, table: TableName | undefined): string {
  const n = generateIpvsNode(cluster, node);
  switch (format) {
    case 'ipvsadm':
      return printIpvsadmList(n.ipvs);
    case 'stats':
      return printIpvsadmStats(n.ipvs);
    case 'ipset':
      return printIpsetList(n.ipsets);
    case 'ip':
      return printIpAddrShow(n.dummy);
    case 'save':
    case 'S':
    case 'L':
      return printRuleset(n.ruleset, format, table);
    case undefined:
      return [
        `# ipvsadm -Ln\n${printIpvsadmList(n.ipvs)}`,
        `# ipset list\n${printIpsetList(n.ipsets)}`,
        `# iptables-save\n${printRuleset(n.ruleset, 'save', table)}`,
      ].join('\n');
  }
}
