/**
 * The table-wide part of kube-proxy's nftables transaction (proxier.go `setupNFTables`, v1.34): the
 * table, its base chains at their hooks and priorities, the jumps from them to the helper chains, the
 * masquerade chains, and the sets and verdict maps every Service's elements go into, with the rules
 * that look them up.
 */
import type { NodePortAddresses } from '../node-port-addresses';
import type { NftRuleMeaning } from './meaning';
import { quoted, type TransactionWriter } from './writer';

/** A base chain: `${type}-${hook}` (the filter chains before DNAT say so in their names). */
interface BaseChain {
  readonly name: string;
  readonly type: 'filter' | 'nat';
  readonly hook: 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
  readonly priority: number;
}

/**
 * v1.34's base chains (kubernetes#132456): the firewall check runs at dstnat − 10 on prerouting and output,
 * so it sees the destination before DNAT; the endpoint and ClusterIP checks run at filter priority (0) on
 * input, forward and output, after DNAT, where `reject` is allowed.
 */
export const BASE_CHAINS: readonly BaseChain[] = [
  { name: 'filter-prerouting-pre-dnat', type: 'filter', hook: 'prerouting', priority: -110 },
  { name: 'filter-output-pre-dnat', type: 'filter', hook: 'output', priority: -110 },
  { name: 'filter-input', type: 'filter', hook: 'input', priority: 0 },
  { name: 'filter-forward', type: 'filter', hook: 'forward', priority: 0 },
  { name: 'filter-output', type: 'filter', hook: 'output', priority: 0 },
  { name: 'nat-prerouting', type: 'nat', hook: 'prerouting', priority: -100 },
  { name: 'nat-output', type: 'nat', hook: 'output', priority: -100 },
  { name: 'nat-postrouting', type: 'nat', hook: 'postrouting', priority: 100 },
];

/** `nftablesJumpChains`: [helper chain, base chain, match before the jump], in the order kube-proxy adds them (a chain's rules run in this order). */
const JUMP_CHAINS: readonly (readonly [string, string, string])[] = [
  ['nodeport-endpoints-check', 'filter-input', 'ct state new'],
  ['service-endpoints-check', 'filter-input', 'ct state new'],
  ['service-endpoints-check', 'filter-forward', 'ct state new'],
  ['service-endpoints-check', 'filter-output', 'ct state new'],
  ['firewall-check', 'filter-prerouting-pre-dnat', 'ct state new'],
  ['firewall-check', 'filter-output-pre-dnat', 'ct state new'],
  ['services', 'nat-output', ''],
  ['services', 'nat-prerouting', ''],
  ['masquerading', 'nat-postrouting', ''],
  ['cluster-ips-check', 'filter-forward', 'ct state new'],
  ['cluster-ips-check', 'filter-output', 'ct state new'],
];

const ADDR_PROTO_PORT = 'ipv4_addr . inet_proto . inet_service : verdict';
const PROTO_PORT = 'inet_proto . inet_service : verdict';
/** `ip daddr != 127.0.0.0/8`: nftables mode never serves NodePorts on localhost. */
const NO_LOCALHOST = 'ip daddr != 127.0.0.0/8';

const node = (role: NftRuleMeaning['role']): NftRuleMeaning => ({ role });

export interface SetupSettings {
  /** kube-proxy's masquerade mark, `%#08x` of 1 << masqueradeBit (`0x004000`). */
  readonly mark: string;
  /** The Service CIDRs, comma-separated as kube-proxy joins them (empty: no drop rule). */
  readonly serviceCIDRs: string;
  readonly nodePortAddresses: NodePortAddresses;
}

export function writeSetup(tx: TransactionWriter, s: SetupSettings): void {
  tx.table('rules for kube-proxy');
  for (const bc of BASE_CHAINS) tx.chain(bc.name, [`type ${bc.type} hook ${bc.hook} priority ${bc.priority}`]);

  const created = new Set<string>();
  const ensureChain = (name: string): void => {
    if (created.has(name)) return;
    created.add(name);
    tx.chain(name);
  };
  for (const [dst, src, extra] of JUMP_CHAINS) {
    ensureChain(dst);
    tx.rule(src, extra === '' ? `jump ${dst}` : `${extra} jump ${dst}`, node('base-jump'));
  }
  for (const chain of ['services', 'cluster-ips-check', 'masquerading', 'mark-for-masquerade']) ensureChain(chain);

  tx.rule('mark-for-masquerade', `mark set mark or ${s.mark}`, node('masquerade-mark'));
  tx.rule('masquerading', `mark and ${s.mark} == 0 return`, node('masquerade-skip-unmarked'));
  tx.rule('masquerading', `mark set mark xor ${s.mark}`, node('masquerade-clear-mark'));
  tx.rule('masquerading', 'masquerade fully-random', node('masquerade'));

  tx.set('cluster-ips', ['type ipv4_addr', `comment ${quoted('Active ClusterIPs')}`]);
  tx.rule('cluster-ips-check', 'ip daddr @cluster-ips reject', node('reject-invalid-port'), 'Reject traffic to invalid ports of ClusterIPs');
  if (s.serviceCIDRs !== '') {
    tx.rule('cluster-ips-check', `ip daddr { ${s.serviceCIDRs} } drop`, node('drop-unallocated-cluster-ip'), 'Drop traffic to unallocated ClusterIPs');
  }

  // With every local address accepting NodePorts kube-proxy adds and deletes the set in one transaction: it does not exist afterwards.
  const matchAll = s.nodePortAddresses.matchAll;
  if (!matchAll) {
    tx.set('nodeport-ips', ['type ipv4_addr', `comment ${quoted('IPs that accept NodePort traffic')}`]);
    // "--nodeport-addresses includes localhost but localhost NodePorts are not supported"
    for (const ip of s.nodePortAddresses.nodeIPs) if (!ip.startsWith('127.')) tx.element('nodeport-ips', ip, 'node-port-address');
  }

  tx.map('no-endpoint-services', [`type ${ADDR_PROTO_PORT}`, `comment ${quoted('vmap to drop or reject packets to services with no endpoints')}`]);
  tx.map('no-endpoint-nodeports', [`type ${PROTO_PORT}`, `comment ${quoted('vmap to drop or reject packets to service nodeports with no endpoints')}`]);
  tx.chain('reject-chain', [`comment ${quoted('helper for @no-endpoint-services / @no-endpoint-nodeports')}`]);
  tx.rule('reject-chain', 'reject', node('reject'));
  tx.rule('service-endpoints-check', 'ip daddr . meta l4proto . th dport vmap @no-endpoint-services', node('no-endpoints-lookup'));
  tx.rule('nodeport-endpoints-check', `${matchAll ? NO_LOCALHOST : 'ip daddr @nodeport-ips'} meta l4proto . th dport vmap @no-endpoint-nodeports`, node('no-endpoints-lookup'));

  tx.map('firewall-ips', [`type ${ADDR_PROTO_PORT}`, `comment ${quoted('destinations that are subject to LoadBalancerSourceRanges')}`]);
  ensureChain('firewall-check');
  tx.rule('firewall-check', 'ip daddr . meta l4proto . th dport vmap @firewall-ips', node('firewall-lookup'));

  tx.map('service-ips', [`type ${ADDR_PROTO_PORT}`, `comment ${quoted('ClusterIP, ExternalIP and LoadBalancer IP traffic')}`]);
  tx.map('service-nodeports', [`type ${PROTO_PORT}`, `comment ${quoted('NodePort traffic')}`]);
  tx.rule('services', 'ip daddr . meta l4proto . th dport vmap @service-ips', node('service-lookup'));
  tx.rule('services', `${matchAll ? `fib daddr type local ${NO_LOCALHOST}` : 'ip daddr @nodeport-ips'} meta l4proto . th dport vmap @service-nodeports`, node('node-port-lookup'));
}
