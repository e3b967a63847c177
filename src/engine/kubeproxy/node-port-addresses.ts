/**
 * `nodePortAddresses` (pkg/proxy/util/nodeport_addresses.go): which local addresses accept NodePort
 * traffic. No CIDR (or 0.0.0.0/0) matches every local address (`-m addrtype --dst-type LOCAL`);
 * otherwise kube-proxy lists the node's interface addresses inside the CIDRs and writes one
 * `-d IP -j KUBE-NODEPORTS` rule per address. `primary` stands for the node's primary IP.
 * Localhost NodePorts need a CIDR that holds 127.0.0.1: without one kube-proxy turns them off.
 */
import type { ClusterModel, ClusterNode } from '../cluster/model';
import { cidrContains, formatIpv4, ipv4, parseCidr, parseIpv4, type Cidr } from '../ipv4';

export interface NodePortAddresses {
  readonly matchAll: boolean;
  readonly containsIPv4Loopback: boolean;
  /** The node's own addresses inside the CIDRs, in numeric order (kube-proxy gathers them through a map). */
  readonly nodeIPs: readonly string[];
}

const LOOPBACK = parseIpv4('127.0.0.1') ?? 0;

export function nodePortAddresses(cluster: ClusterModel, node: ClusterNode | undefined): NodePortAddresses {
  const cidrs: Cidr[] = [];
  let matchAll = false;
  for (const text of cluster.kubeProxy.nodePortAddresses) {
    const cidr = text === 'primary' ? (node === undefined ? undefined : parseCidr(`${node.internalIP}/32`)) : parseCidr(text.trim());
    if (cidr === undefined) continue;
    if (cidr.prefix === 0) matchAll = true;
    cidrs.push(cidr);
  }
  if (cidrs.length === 0) {
    matchAll = true;
    cidrs.push({ address: ipv4(0), prefix: 0 });
  }
  const containsIPv4Loopback = cidrs.some((c) => cidrContains(c, LOOPBACK));
  const local = node === undefined ? [] : nodeInterfaceAddresses(cluster, node);
  const nodeIPs = [...new Set(local.filter((ip) => cidrs.some((c) => cidrContains(c, ip))))].sort((a, b) => a - b).map(formatIpv4);
  return { matchAll, containsIPv4Loopback, nodeIPs };
}

/** The node's interface addresses (DESIGN §2 topology): eth0's InternalIP, lo, and the pod veths' host side. */
function nodeInterfaceAddresses(cluster: ClusterModel, node: ClusterNode): number[] {
  const out = [parseIpv4(node.internalIP), LOOPBACK];
  if (cluster.pods.some((p) => p.nodeName === node.name && !p.hostNetwork)) out.push(parseIpv4(node.gatewayIP));
  return out.filter((ip): ip is NonNullable<typeof ip> => ip !== undefined);
}
