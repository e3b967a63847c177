/**
 * Each node's interfaces, addresses and routes, as a kind cluster with kindnet sets them up (DESIGN §2):
 * `eth0` with the InternalIP, `lo`, a veth per pod whose host side carries the pod CIDR's gateway address
 * (the ptp plugin), a /32 route per local pod, a route to every other node's pod CIDR via that node's
 * InternalIP (host-gw), and a default route via the docker network's gateway.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { ClusterModel, ClusterNode, PodModel } from '../cluster/model';
import { cidrContains, formatIpv4, ipv4, parseCidr, parseIpv4, prefixMask, type Cidr, type Ipv4 } from '../ipv4';

export interface Interface {
  readonly name: string;
  readonly kind: 'ethernet' | 'loopback' | 'veth';
  readonly addresses: readonly Cidr[];
  /** `namespace/name` of the pod on the other end of a veth. */
  readonly pod?: string;
}

export interface Route {
  readonly destination: Cidr;
  readonly device: string;
  /** Next hop; absent for directly connected destinations. */
  readonly via?: Ipv4;
  /** Preferred source address for locally generated packets. */
  readonly source?: Ipv4;
  /** `local` routes deliver to this host (the kernel's local table). */
  readonly type: 'local' | 'unicast';
}

export interface NodeTopology {
  readonly name: string;
  readonly internalIP: Ipv4;
  readonly gateway: Ipv4;
  readonly podCIDR: Cidr;
  readonly interfaces: readonly Interface[];
  readonly routes: readonly Route[];
  /** Every address the node owns (what `-m addrtype --dst-type LOCAL` matches, besides 127.0.0.0/8). */
  readonly localAddresses: ReadonlySet<Ipv4>;
}

export interface ClusterTopology {
  readonly nodes: ReadonlyMap<string, NodeTopology>;
  /** Pod IP → the pod and its node. */
  readonly podsByIP: ReadonlyMap<Ipv4, { readonly pod: PodModel; readonly node: string }>;
  /** Node InternalIP → node name. */
  readonly nodesByIP: ReadonlyMap<Ipv4, string>;
}

/** The docker network kind creates: nodes 172.18.0.2…, gateway 172.18.0.1. */
export const DOCKER_GATEWAY = parseIpv4('172.18.0.1')!;

const LOOPBACK = parseCidr('127.0.0.0/8')!;
const ANY = parseCidr('0.0.0.0/0')!;

/** kindnet's ptp plugin names host-side veths `veth` + 8 hex characters; ours are derived from the pod's name so they are stable. */
export function vethName(pod: PodModel): string {
  const digest = sha256(utf8ToBytes(`${pod.namespace}/${pod.name}`));
  return `veth${Array.from(digest.slice(0, 4), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`topology: invalid ${what}`);
  return value;
}

function nodeTopology(node: ClusterNode, cluster: ClusterModel): NodeTopology {
  const internalIP = must(parseIpv4(node.internalIP), `InternalIP ${node.internalIP}`);
  const gateway = must(parseIpv4(node.gatewayIP), `gateway ${node.gatewayIP}`);
  const podCIDR = must(parseCidr(node.podCIDR), `podCIDR ${node.podCIDR}`);
  const host = (a: Ipv4): Cidr => ({ address: a, prefix: 32 });
  const interfaces: Interface[] = [
    { name: 'lo', kind: 'loopback', addresses: [{ address: ipv4(0x7f000001), prefix: 8 }] },
    // kind's docker network is a /16 (172.18.0.0/16).
    { name: 'eth0', kind: 'ethernet', addresses: [{ address: internalIP, prefix: 16 }] },
  ];
  const routes: Route[] = [
    { destination: LOOPBACK, device: 'lo', type: 'local', source: ipv4(0x7f000001) },
    { destination: host(internalIP), device: 'eth0', type: 'local', source: internalIP },
    { destination: host(gateway), device: 'lo', type: 'local', source: gateway },
    { destination: { address: ipv4(internalIP & prefixMask(16)), prefix: 16 }, device: 'eth0', type: 'unicast', source: internalIP },
    { destination: ANY, device: 'eth0', via: DOCKER_GATEWAY, type: 'unicast', source: internalIP },
  ];
  for (const pod of cluster.pods) {
    if (pod.nodeName !== node.name || pod.hostNetwork) continue;
    const ip = parseIpv4(pod.ip);
    if (ip === undefined) continue;
    const name = vethName(pod);
    interfaces.push({ name, kind: 'veth', addresses: [host(gateway)], pod: `${pod.namespace}/${pod.name}` });
    routes.push({ destination: host(ip), device: name, type: 'unicast', source: gateway });
  }
  for (const other of cluster.nodes) {
    if (other.name === node.name) continue;
    const cidr = parseCidr(other.podCIDR);
    const via = parseIpv4(other.internalIP);
    if (cidr && via !== undefined) routes.push({ destination: cidr, device: 'eth0', via, type: 'unicast', source: internalIP });
  }
  return {
    name: node.name,
    internalIP,
    gateway,
    podCIDR,
    interfaces,
    routes,
    localAddresses: new Set([internalIP, gateway, ipv4(0x7f000001)]),
  };
}

export function buildTopology(cluster: ClusterModel): ClusterTopology {
  const nodes = new Map<string, NodeTopology>();
  const nodesByIP = new Map<Ipv4, string>();
  for (const n of cluster.nodes) {
    const t = nodeTopology(n, cluster);
    nodes.set(n.name, t);
    nodesByIP.set(t.internalIP, n.name);
  }
  const podsByIP = new Map<Ipv4, { pod: PodModel; node: string }>();
  for (const pod of cluster.pods) {
    const ip = parseIpv4(pod.ip);
    if (ip !== undefined && !pod.hostNetwork) podsByIP.set(ip, { pod, node: pod.nodeName });
  }
  return { nodes, podsByIP, nodesByIP };
}

/**
 * The kernel's route lookup: local routes first (the local table is consulted before main),
 * then the longest matching prefix.
 */
export function lookupRoute(node: NodeTopology, destination: Ipv4): Route | undefined {
  let best: Route | undefined;
  for (const r of node.routes) {
    if (!cidrContains(r.destination, destination)) continue;
    if (r.type === 'local') return r;
    if (!best || r.destination.prefix > best.destination.prefix) best = r;
  }
  return best;
}

/** `ip route` style text of a node's routes, for the UI and for tests. */
export function printRoutes(node: NodeTopology): string {
  return node.routes
    .filter((r) => r.type === 'unicast')
    .map((r) => {
      const dst = r.destination.prefix === 0 ? 'default' : r.destination.prefix === 32 ? formatIpv4(r.destination.address) : `${formatIpv4(r.destination.address)}/${r.destination.prefix}`;
      const via = r.via !== undefined ? ` via ${formatIpv4(r.via)}` : '';
      const scope = r.via === undefined && r.destination.prefix === 32 ? ' scope host' : r.via === undefined ? ' proto kernel scope link' : '';
      const src = r.via === undefined && r.source !== undefined ? ` src ${formatIpv4(r.source)}` : '';
      return `${dst}${via} dev ${r.device}${scope}${src}`;
    })
    .join('\n');
}
