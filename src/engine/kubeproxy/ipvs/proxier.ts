/**
 * kube-proxy's IPVS proxier for one node: what `syncProxyRules` (pkg/proxy/ipvs/proxier.go, the v1.33
 * line) programs — the kube-ipvs0 dummy interface's addresses, one virtual server per ClusterIP,
 * externalIP, load-balancer ingress IP and (per node address) NodePort with every endpoint as a
 * masquerading real server of weight 1, and the ipsets the iptables rules match. Service ports are
 * visited in the canonical order (kube-proxy ranges over a Go map).
 */
import type { ClusterModel, IpvsProxyConfig } from '../../cluster/model';
import { cidrContains, parseCidr, parseIpv4 } from '../../ipv4';
import type { IpvsProtocol, RealServer, VirtualServer } from '../../ipvs/model';
import { ZERO_STATS } from '../../ipvs/model';
import { categorizeEndpoints } from '../categorize';
import { nodePortAddresses } from '../node-port-addresses';
import type { EndpointInfo, ServicePortInfo } from '../service-ports';
import { servicePorts } from '../service-ports';
import {
  KUBE_CLUSTER_IP, KUBE_EXTERNAL_IP, KUBE_EXTERNAL_IP_LOCAL, KUBE_HEALTH_CHECK_NODE_PORT, KUBE_IPVS_IPS, KUBE_LOAD_BALANCER,
  KUBE_LOAD_BALANCER_FW, KUBE_LOAD_BALANCER_LOCAL, KUBE_LOAD_BALANCER_SOURCE_CIDR, KUBE_LOAD_BALANCER_SOURCE_IP, KUBE_LOOP_BACK,
  KUBE_NODE_PORT_LOCAL_SCTP, KUBE_NODE_PORT_LOCAL_TCP, KUBE_NODE_PORT_LOCAL_UDP, KUBE_NODE_PORT_SCTP, KUBE_NODE_PORT_TCP, KUBE_NODE_PORT_UDP,
  IPSET_INFO,
} from './ipset-info';

/** kube-proxy's defaults for `ipvs.*` (no `ipvs` block, or kind's generated config). */
export const DEFAULT_IPVS_CONFIG: IpvsProxyConfig = { scheduler: 'rr', strictARP: false, excludeCIDRs: [] };

/** A load-balancer IP whose sourceRanges leave out the node: KUBE-IPVS-OUT-FILTER drops the node's own access to it. */
export interface NoNodeAccessEntry {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/** What one sync leaves on the node. */
export interface IpvsProxierState {
  readonly node: string;
  /** Each set's active entries (`activeEntries`), in `ipsetInfo` order; entries sorted as `sets.List` sorts them. */
  readonly ipsets: ReadonlyMap<string, readonly string[]>;
  /** Virtual servers in the order they were created. */
  readonly virtualServers: readonly VirtualServer[];
  /** kube-ipvs0's addresses in the order they were bound (`activeBindAddrs`). */
  readonly boundAddresses: readonly string[];
  readonly noNodeAccess: readonly NoNodeAccessEntry[];
  /** The service ports synced, for explanations and the rules writer. */
  readonly servicePorts: readonly ServicePortInfo[];
}

/** The node's addresses on interfaces other than kube-ipvs0, without loopback (`GetAllLocalAddressesExcept` + `isValidForSet`). */
function nodeAddressSet(cluster: ClusterModel, nodeName: string): string[] {
  const node = cluster.nodes.find((n) => n.name === nodeName);
  if (node === undefined) return [];
  const out = [node.internalIP];
  if (cluster.pods.some((p) => p.nodeName === node.name && !p.hostNetwork)) out.push(node.gatewayIP);
  return [...new Set(out)];
}

/** The addresses NodePort virtual servers are created on: every node address, or those inside `nodePortAddresses`. */
function nodePortIPs(cluster: ClusterModel, nodeName: string): string[] {
  const node = cluster.nodes.find((n) => n.name === nodeName);
  const npa = nodePortAddresses(cluster, node);
  if (npa.matchAll) return nodeAddressSet(cluster, nodeName);
  return npa.nodeIPs.filter((ip) => !ip.startsWith('127.'));
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function syncIpvsProxier(cluster: ClusterModel, nodeName: string): IpvsProxierState {
  const config = cluster.kubeProxy.ipvs ?? DEFAULT_IPVS_CONFIG;
  const node = cluster.nodes.find((n) => n.name === nodeName);
  const nodeIP = parseIpv4(node?.internalIP ?? '') ?? 0;
  const entries = new Map<string, Set<string>>(IPSET_INFO.map((i) => [i.name, new Set<string>()]));
  const add = (set: string, entry: string): void => void entries.get(set)!.add(entry);
  const servers = new Map<string, VirtualServer>();
  const bound: string[] = [];
  // kube-ipvs0's addresses in the order bound; the set keeps 30,000 Services from costing 30,000² comparisons.
  const isBound = new Set<string>();
  const noNodeAccess: NoNodeAccessEntry[] = [];
  const nodeAddresses = new Set(nodeAddressSet(cluster, nodeName));
  const ports = servicePorts(cluster, nodeName);
  const hasNodePort = ports.some((sp) => sp.nodePort !== 0);
  const nodeIPs = hasNodePort ? nodePortIPs(cluster, nodeName) : [];

  const syncService = (sp: ServicePortInfo, address: string, port: number, onlyNodeLocal: boolean, bind: boolean): void => {
    const vs: VirtualServer = {
      protocol: sp.port.protocol as IpvsProtocol,
      address,
      port,
      scheduler: config.scheduler,
      ...(sp.sessionAffinityClientIP ? { persistentTimeout: sp.stickyMaxAgeSeconds } : {}),
      ...(config.scheduler === 'mh' ? { sourceHash: true } : {}),
      realServers: realServers(sp, onlyNodeLocal),
      stats: ZERO_STATS,
    };
    servers.set(`${vs.protocol}/${address}:${port}`, vs);
    if (bind && !isBound.has(address)) {
      isBound.add(address);
      bound.push(address);
    }
  };

  for (const sp of ports) {
    const protocol = sp.protocol;
    // Hairpin: a local endpoint reaching its own service is masqueraded (KUBE-LOOP-BACK).
    for (const ep of sp.endpoints) if (ep.isLocal) add(KUBE_LOOP_BACK, `${ep.ip},${protocol}:${ep.port},${ep.ip}`);

    const clusterIP = sp.clusterIP.value;
    add(KUBE_CLUSTER_IP, `${clusterIP},${protocol}:${sp.port.port}`);
    syncService(sp, clusterIP, sp.port.port, sp.internalPolicyLocal, true);

    for (const { value: ip } of sp.externalIPs) {
      add(sp.externalPolicyLocal ? KUBE_EXTERNAL_IP_LOCAL : KUBE_EXTERNAL_IP, `${ip},${protocol}:${sp.port.port}`);
      // An address already on another interface is not bound to the dummy device.
      syncService(sp, ip, sp.port.port, sp.externalPolicyLocal, !nodeAddresses.has(ip));
    }

    for (const { value: ip } of sp.loadBalancerVIPs) {
      const entry = `${ip},${protocol}:${sp.port.port}`;
      add(KUBE_LOAD_BALANCER, entry);
      if (sp.externalPolicyLocal) add(KUBE_LOAD_BALANCER_LOCAL, entry);
      if (sp.loadBalancerSourceRanges.length > 0) {
        add(KUBE_LOAD_BALANCER_FW, entry);
        let allowFromNode = false;
        for (const { value: cidr } of sp.loadBalancerSourceRanges) {
          add(KUBE_LOAD_BALANCER_SOURCE_CIDR, `${entry},${cidr}`);
          const parsed = parseCidr(cidr);
          if (parsed !== undefined && cidrContains(parsed, nodeIP)) allowFromNode = true;
        }
        if (allowFromNode) add(KUBE_LOAD_BALANCER_SOURCE_IP, `${entry},${ip}`);
        else noNodeAccess.push({ ip, protocol, port: sp.port.port });
      }
      syncService(sp, ip, sp.port.port, sp.externalPolicyLocal, !nodeAddresses.has(ip));
    }

    if (sp.nodePort !== 0 && nodeIPs.length > 0) {
      const sets = protocol === 'tcp' ? [KUBE_NODE_PORT_TCP, KUBE_NODE_PORT_LOCAL_TCP] : protocol === 'udp' ? [KUBE_NODE_PORT_UDP, KUBE_NODE_PORT_LOCAL_UDP] : [KUBE_NODE_PORT_SCTP, KUBE_NODE_PORT_LOCAL_SCTP];
      // SCTP uses hash:ip,port with every node address; TCP and UDP a bitmap of ports.
      const nodePortEntries = protocol === 'sctp' ? nodeIPs.map((ip) => `${ip},${protocol}:${sp.nodePort}`) : [String(sp.nodePort)];
      for (const e of nodePortEntries) add(sets[0]!, e);
      if (sp.externalPolicyLocal) for (const e of nodePortEntries) add(sets[1]!, e);
      for (const ip of nodeIPs) syncService(sp, ip, sp.nodePort, sp.externalPolicyLocal, false);
    }

    if (sp.healthCheckNodePort !== 0) add(KUBE_HEALTH_CHECK_NODE_PORT, String(sp.healthCheckNodePort));
  }
  for (const ip of bound) add(KUBE_IPVS_IPS, ip);

  const ipsets = new Map([...entries].map(([name, set]) => [name, [...set].sort(byString)]));
  return { node: nodeName, ipsets, virtualServers: [...servers.values()], boundAddresses: bound, noNodeAccess, servicePorts: ports };
}

/**
 * `syncEndpoint`: the endpoints CategorizeEndpoints gives the policy; with `onlyNodeLocal` and no local
 * endpoint, IPVS falls back to the cluster-wide ones (kubernetes#97081) where iptables mode drops.
 */
function realServers(sp: ServicePortInfo, onlyNodeLocal: boolean): RealServer[] {
  const { cluster, local } = categorizeEndpoints(sp);
  const chosen: readonly EndpointInfo[] = onlyNodeLocal && local.length > 0 ? local : cluster;
  const unique = new Map(chosen.map((ep) => [ep.key, ep]));
  return [...unique.values()].map((ep) => ({
    address: ep.ip,
    port: ep.port,
    forward: 'Masq',
    weight: 1,
    activeConns: 0,
    inactiveConns: 0,
    persistConns: 0,
    stats: ZERO_STATS,
  }));
}
