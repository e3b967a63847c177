/**
 * Who sends and where to (DESIGN §4): a source is a pod, a node (a process on it: the OUTPUT path) or an
 * external host; a destination is `IP:PORT`, a Service `NAME[.NAMESPACE][:PORT]` or `NODE:PORT`.
 * External clients reach the cluster through one node: the node named in the destination, else `via`,
 * else the first worker (else the only node).
 */
import type { ClusterModel, ClusterNode, PodModel, ServiceModel, ServicePortModel } from '../cluster/model';
import { formatIpv4, parseIpv4, type Ipv4 } from '../ipv4';
import type { L4Protocol } from '../packet';

/** The default address of a client outside the cluster (TEST-NET-3, RFC 5737). */
export const DEFAULT_EXTERNAL_IP = '203.0.113.10';

export type Source =
  | { readonly kind: 'pod'; readonly pod: PodModel; readonly ip: Ipv4; readonly node: string }
  | { readonly kind: 'node'; readonly node: string }
  | { readonly kind: 'external'; readonly ip: Ipv4 };

export interface Destination {
  readonly ip: Ipv4;
  readonly port: number;
  readonly protocol: L4Protocol;
  /** The Service (and port) the destination names or whose address it is, if any. */
  readonly service?: { readonly service: ServiceModel; readonly port: ServicePortModel; readonly via: 'clusterIP' | 'nodePort' | 'externalIP' | 'loadBalancer' };
  /** The node the destination names (`NODE:PORT`). */
  readonly node?: string;
}

/** A source or destination the cluster does not have; the message says what exists instead. */
export class AddressError extends Error {}

const names = (xs: readonly { name: string }[]): string => xs.map((x) => x.name).join(', ');

export function resolveSource(cluster: ClusterModel, text: string): Source {
  const t = text.trim();
  if (t === 'external' || t.startsWith('external:')) {
    const ipText = t === 'external' ? DEFAULT_EXTERNAL_IP : t.slice('external:'.length);
    const ip = parseIpv4(ipText);
    if (ip === undefined) throw new AddressError(`--from ${text}: "${ipText}" is not an IPv4 address`);
    return { kind: 'external', ip };
  }
  const node = cluster.nodes.find((n) => n.name === t);
  if (node) return { kind: 'node', node: node.name };
  const pod = findPod(cluster, t);
  if (pod) {
    if (pod.hostNetwork) return { kind: 'node', node: pod.nodeName };
    const ip = parseIpv4(pod.ip);
    if (ip === undefined) throw new AddressError(`--from ${text}: pod ${pod.namespace}/${pod.name} has no IP`);
    return { kind: 'pod', pod, ip, node: pod.nodeName };
  }
  const pods = cluster.pods.filter((p) => !p.hostNetwork).map((p) => ({ name: p.name }));
  throw new AddressError(
    `--from ${text}: no pod or node of that name (pods: ${names(pods)}; nodes: ${names(cluster.nodes)}; or external, external:IP)`,
  );
}

function findPod(cluster: ClusterModel, text: string): PodModel | undefined {
  if (text.includes('/')) {
    const [ns, name] = text.split('/', 2);
    return cluster.pods.find((p) => p.namespace === ns && p.name === name);
  }
  const dot = text.indexOf('.');
  if (dot > 0) {
    const found = cluster.pods.find((p) => p.name === text.slice(0, dot) && p.namespace === text.slice(dot + 1));
    if (found) return found;
  }
  return cluster.pods.find((p) => p.name === text && p.namespace === 'default') ?? cluster.pods.find((p) => p.name === text);
}

const protocolOf = (p: ServicePortModel): L4Protocol => (p.protocol === 'UDP' ? 'udp' : p.protocol === 'SCTP' ? 'sctp' : 'tcp');

function splitPort(text: string): { host: string; port?: string } {
  const colon = text.lastIndexOf(':');
  return colon < 0 ? { host: text } : { host: text.slice(0, colon), port: text.slice(colon + 1) };
}

function parsePort(text: string, what: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 65535)) throw new AddressError(`--to ${what}: port "${text}" must be between 1 and 65535`);
  return n;
}

/** What the cluster has at an address and port, so `IP:PORT` destinations still name their Service. */
function serviceAt(cluster: ClusterModel, ip: Ipv4, port: number, nodeIP: boolean): Destination['service'] {
  const addr = formatIpv4(ip);
  for (const service of cluster.services) {
    for (const p of service.ports) {
      if (service.clusterIP === addr && p.port === port) return { service, port: p, via: 'clusterIP' };
      if (nodeIP && p.nodePort === port) return { service, port: p, via: 'nodePort' };
      if (service.externalIPs.includes(addr) && p.port === port) return { service, port: p, via: 'externalIP' };
      if (service.loadBalancerIngressIPs.includes(addr) && p.port === port) return { service, port: p, via: 'loadBalancer' };
    }
  }
  return undefined;
}

/**
 * A ping's destination: an address, a node, a pod or a Service (its cluster IP), without a port: ICMP has none.
 * What owns the address (a Service's cluster IP, external IP or load-balancer IP) is named as for ports.
 */
function resolveIcmpDestination(cluster: ClusterModel, text: string): Destination {
  const ip = parseIpv4(text);
  const node = cluster.nodes.find((x) => x.name === text);
  const pod = ip === undefined && !node ? findPod(cluster, text) : undefined;
  const dot = text.indexOf('.');
  const [name, namespace] = dot > 0 ? [text.slice(0, dot), text.slice(dot + 1)] : [text, undefined];
  const service = ip === undefined && !node && !pod ? cluster.services.filter((s) => s.name === name && (namespace === undefined || s.namespace === namespace)).sort((a) => (a.namespace === 'default' ? -1 : 0))[0] : undefined;
  let address: Ipv4 | undefined = ip ?? (node ? parseIpv4(node.internalIP) : pod ? parseIpv4(pod.ip) : undefined);
  if (service) {
    address = parseIpv4(service.clusterIP);
    if (address === undefined) throw new AddressError(`--to ${text}: ${service.namespace}/${service.name} has no cluster IP (headless or ExternalName)`);
  }
  if (address === undefined) {
    if (splitPort(text).port !== undefined && parseIpv4(splitPort(text).host) !== undefined) throw new AddressError(`--to ${text}: ICMP has no ports; give the address alone (--proto icmp --to ${splitPort(text).host})`);
    throw new AddressError(`--to ${text}: ICMP needs an address, a node, a pod or a Service without a port (nodes: ${names(cluster.nodes)})`);
  }
  const owner = serviceOwning(cluster, address);
  const nodeName = cluster.nodes.find((x) => parseIpv4(x.internalIP) === address)?.name;
  return { ip: address, port: 0, protocol: 'icmp', ...(owner ? { service: owner } : {}), ...(nodeName ? { node: nodeName } : {}) };
}

/** The Service whose cluster IP, external IP or load-balancer IP `ip` is (its first port stands for it). */
function serviceOwning(cluster: ClusterModel, ip: Ipv4): Destination['service'] {
  const addr = formatIpv4(ip);
  for (const service of cluster.services) {
    const port = service.ports[0];
    if (!port) continue;
    if (service.clusterIP === addr) return { service, port, via: 'clusterIP' };
    if (service.externalIPs.includes(addr)) return { service, port, via: 'externalIP' };
    if (service.loadBalancerIngressIPs.includes(addr)) return { service, port, via: 'loadBalancer' };
  }
  return undefined;
}

export function resolveDestination(cluster: ClusterModel, text: string, protocol?: L4Protocol): Destination {
  const t = text.trim();
  if (protocol === 'icmp') return resolveIcmpDestination(cluster, t);
  const { host, port } = splitPort(t);
  // Loopback counts: kube-proxy serves NodePorts on 127.0.0.1 too (localhost NodePorts, route_localnet).
  const isNodeIP = (ip: Ipv4): boolean => ip >>> 24 === 127 || cluster.nodes.some((n) => parseIpv4(n.internalIP) === ip);

  const ip = parseIpv4(host);
  if (ip !== undefined) {
    if (port === undefined) throw new AddressError(`--to ${text}: an address needs a port (IP:PORT)`);
    const n = parsePort(port, text);
    const service = serviceAt(cluster, ip, n, isNodeIP(ip));
    const node = cluster.nodes.find((x) => parseIpv4(x.internalIP) === ip)?.name;
    return { ip, port: n, protocol: protocol ?? (service ? protocolOf(service.port) : 'tcp'), ...(service ? { service } : {}), ...(node ? { node } : {}) };
  }

  const node: ClusterNode | undefined = cluster.nodes.find((x) => x.name === host);
  if (node) {
    if (port === undefined) throw new AddressError(`--to ${text}: a node needs a port (NODE:PORT, e.g. a NodePort)`);
    const n = parsePort(port, text);
    const nodeIp = parseIpv4(node.internalIP)!;
    const service = serviceAt(cluster, nodeIp, n, true);
    return { ip: nodeIp, port: n, protocol: protocol ?? (service ? protocolOf(service.port) : 'tcp'), node: node.name, ...(service ? { service } : {}) };
  }

  const dot = host.indexOf('.');
  const name = dot > 0 ? host.slice(0, dot) : host;
  const namespace = dot > 0 ? host.slice(dot + 1) : undefined;
  const candidates = cluster.services.filter((s) => s.name === name && (namespace === undefined || s.namespace === namespace));
  const service = candidates.find((s) => s.namespace === 'default') ?? candidates[0];
  if (!service) {
    const known = cluster.services.map((s) => `${s.name}.${s.namespace}`).join(', ');
    throw new AddressError(`--to ${text}: no Service, node or IP:PORT of that name (services: ${known})`);
  }
  if (service.type === 'ExternalName' || service.clusterIP === 'None' || service.clusterIP === '') {
    throw new AddressError(`--to ${text}: ${service.namespace}/${service.name} has no cluster IP (headless or ExternalName), so kube-proxy writes no rules for it`);
  }
  const wanted = protocol ? service.ports.filter((p) => protocolOf(p) === protocol) : service.ports;
  let sp: ServicePortModel | undefined;
  if (port === undefined) sp = wanted[0];
  else if (/^\d+$/.test(port)) sp = wanted.find((p) => p.port === Number(port));
  else sp = wanted.find((p) => p.name === port);
  if (!sp) {
    const ports = service.ports.map((p) => `${p.name ? `${p.name}=` : ''}${p.port}/${p.protocol}`).join(', ');
    throw new AddressError(`--to ${text}: ${service.namespace}/${service.name} has no port${port !== undefined ? ` ${port}` : ''}${protocol ? ` for ${protocol}` : ''} (ports: ${ports})`);
  }
  return { ip: parseIpv4(service.clusterIP)!, port: sp.port, protocol: protocol ?? protocolOf(sp), service: { service, port: sp, via: 'clusterIP' } };
}

/** The node an external client's packets arrive at. */
export function entryNode(cluster: ClusterModel, destination: Destination, via?: string): string {
  if (destination.node) return destination.node;
  if (via) {
    if (!cluster.nodes.some((n) => n.name === via)) throw new AddressError(`--via ${via}: no such node (nodes: ${names(cluster.nodes)})`);
    return via;
  }
  const node = cluster.nodes.find((n) => n.role === 'worker') ?? cluster.nodes[0];
  if (!node) throw new AddressError('the cluster has no nodes');
  return node.name;
}
