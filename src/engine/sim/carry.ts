/**
 * Carrying one packet through the cluster: from its sender into the first node's hooks, out on the wire
 * or a veth to the next node's hooks, until a pod, a node process or an external host receives it, or a
 * node stops it.
 */
import { cidrContains, formatIpv4, parseCidr, type Ipv4 } from '../ipv4';
import { headerView, type HeaderView, type TrackedPacket } from '../packet';
import type { Hop, IpvsHop, RuleHop } from '../node/hops';
import type { Arrival, Traversal, TraversalOptions } from '../node/model';
import { traversePacket } from '../node/netfilter-node';
import type { SimNetwork, SimNode } from './network';
import type { Party } from './party';
import { DOCKER_GATEWAY } from './topology';

/** Between the hooks: the packet on a wire or veth, or handed to its receiver. */
export type TransitHop =
  | { readonly kind: 'send'; readonly from: Party; readonly packet: HeaderView }
  | { readonly kind: 'wire'; readonly from: string; readonly to: string; readonly device: string; readonly packet: HeaderView }
  | { readonly kind: 'deliver'; readonly to: Party; readonly packet: HeaderView };

export type JourneyHop = Hop | TransitHop;

export type PacketFate =
  | { readonly kind: 'delivered'; readonly to: Party }
  /** Rejected by a REJECT rule (`hop`), by IPVS finding no real server (ip_vs_leave answers ICMP port unreachable), or refused by the receiving stack: nothing listens there (`refused`). */
  | { readonly kind: 'rejected'; readonly node: string; readonly hop?: RuleHop | IpvsHop; readonly rejectWith: string; readonly refused?: Refusal }
  | { readonly kind: 'dropped'; readonly node: string; readonly hop?: RuleHop; readonly reason: string; readonly unanswered?: Unanswered }
  | { readonly kind: 'no-route'; readonly node?: string; readonly reason: string };

/** A TCP or UDP packet to a port nothing listens on: the receiver's own stack answers (sockets.ts, refuse.ts). */
export interface Refusal {
  readonly by: Party;
  readonly address: Ipv4;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
}

/** A packet for an address no host has (a ClusterIP no rule matched): the node sent it out of the cluster, unanswered. */
export interface Unanswered {
  readonly dst: Ipv4;
  readonly gateway: Ipv4;
  /** The destination is a Service's cluster IP (or in the service range): it exists only as kube-proxy's rules. */
  readonly clusterIP: boolean;
  /**
   * The destination is a Service's external or load-balancer IP, which the network outside routes to a node (that
   * is how such traffic arrives): the gateway sends it back, and it circles until its TTL runs out.
   */
  readonly loops?: boolean;
}

/** A node's hooks, entered from the network or from one of its processes. */
interface NodeStart {
  readonly node: SimNode;
  readonly arrival: Arrival;
}

/** Where a packet enters the netfilter of the cluster when its sender sends it. */
export type Start =
  | NodeStart
  | { readonly outside: true }
  /** A pod sending to its own address: the kernel routes it over the pod's own `lo`, and no node sees it. */
  | { readonly self: Party };

/** The last node a packet crossed, and what happened there (REJECT answers from it). */
export interface LastNode {
  readonly node: SimNode;
  readonly traversal: Traversal;
}

export interface Carried {
  readonly hops: JourneyHop[];
  readonly fate: PacketFate;
  readonly delivered?: TrackedPacket;
  readonly last?: LastNode;
  readonly rulesEvaluated: number;
}

const MAX_NODE_CROSSINGS = 16;

function nodeByIp(network: SimNetwork, ip: Ipv4): SimNode | undefined {
  const name = network.topology.nodesByIP.get(ip);
  return name === undefined ? undefined : network.nodes.get(name);
}

function inServiceRange(network: SimNetwork, ip: Ipv4): boolean {
  const range = parseCidr(network.cluster.serviceSubnet);
  const addr = formatIpv4(ip);
  return (range !== undefined && cidrContains(range, ip)) || network.cluster.services.some((s) => s.clusterIP === addr);
}

function routedToNodes(network: SimNetwork, ip: Ipv4): boolean {
  const addr = formatIpv4(ip);
  return network.cluster.services.some((s) => s.externalIPs.includes(addr) || s.loadBalancerIngressIPs.includes(addr));
}

/** The first netfilter a packet from `sender` to `dst` meets. External hosts send through `gatewayNode`. */
export function startOf(network: SimNetwork, sender: Party, dst: Ipv4, gatewayNode: string): Start {
  switch (sender.kind) {
    case 'pod': {
      if (dst === sender.ip) return { self: sender };
      const node = network.nodes.get(sender.node)!;
      const veth = node.topology.interfaces.find((i) => i.pod === `${sender.namespace}/${sender.name}`);
      return { node, arrival: { from: 'network', interface: veth?.name ?? 'eth0' } };
    }
    case 'node':
      return { node: network.nodes.get(sender.node)!, arrival: { from: 'local' } };
    case 'external': {
      // The docker network reaches nodes directly; everything else the outside sends goes to the chosen node.
      const direct = nodeByIp(network, dst);
      return { node: direct ?? network.nodes.get(gatewayNode)!, arrival: { from: 'network', interface: 'eth0' } };
    }
  }
}

/** Where a packet that left `node` goes next: a pod behind a veth, the next node, or an external host. */
type Onward = { readonly kind: 'node'; readonly start: NodeStart } | { readonly kind: 'end'; readonly carried: Omit<Carried, 'hops' | 'last' | 'rulesEvaluated'> };

function onward(network: SimNetwork, node: SimNode, p: TrackedPacket, device: string, via: Ipv4 | undefined, externals: ReadonlySet<Ipv4>, hops: JourneyHop[]): Onward {
  const iface = node.topology.interfaces.find((i) => i.name === device);
  if (iface?.kind === 'veth') {
    const pod = network.topology.podsByIP.get(p.dst);
    const podKey = pod ? `${pod.pod.namespace}/${pod.pod.name}` : undefined;
    if (!pod || podKey !== iface.pod) return { kind: 'end', carried: { fate: { kind: 'dropped', node: node.name, reason: `no pod behind ${device} owns ${formatIpv4(p.dst)}` } } };
    const to: Party = { kind: 'pod', name: pod.pod.name, namespace: pod.pod.namespace, node: pod.node, ip: p.dst };
    hops.push({ kind: 'wire', from: node.name, to: pod.pod.name, device, packet: headerView(p) }, { kind: 'deliver', to, packet: headerView(p) });
    return { kind: 'end', carried: { fate: { kind: 'delivered', to }, delivered: p } };
  }
  const nextHop = via ?? p.dst;
  const next = nodeByIp(network, nextHop);
  if (next) {
    hops.push({ kind: 'wire', from: node.name, to: next.name, device, packet: headerView(p) });
    return { kind: 'node', start: { node: next, arrival: { from: 'network', interface: 'eth0' } } };
  }
  if (nextHop === DOCKER_GATEWAY && externals.has(p.dst)) {
    const to: Party = { kind: 'external', ip: p.dst };
    hops.push({ kind: 'wire', from: node.name, to: `external ${formatIpv4(p.dst)}`, device, packet: headerView(p) }, { kind: 'deliver', to, packet: headerView(p) });
    return { kind: 'end', carried: { fate: { kind: 'delivered', to }, delivered: p } };
  }
  hops.push({ kind: 'wire', from: node.name, to: formatIpv4(nextHop), device, packet: headerView(p) });
  if (!externals.has(p.dst) && routedToNodes(network, p.dst)) {
    // An external or load-balancer IP no rule translated (a ping, a port the Service lacks): no node owns it, yet the
    // network routes it to a node (MetalLB's speaker answers ARP for it on the docker network, or a route points at a
    // node), so the gateway or the docker network hands it back to a node.
    const how = nextHop === p.dst ? `out on ${device} to the docker network, where a node answers ARP for it (as MetalLB's speaker does)` : `by its default route to ${formatIpv4(nextHop)}, which routes it back to a node`;
    const reason = `nobody owns ${formatIpv4(p.dst)}: no rule translated it, so ${node.name} sent it ${how}: it circles until its TTL runs out`;
    return { kind: 'end', carried: { fate: { kind: 'dropped', node: node.name, reason, unanswered: { dst: p.dst, gateway: nextHop, clusterIP: false, loops: true } } } };
  }
  if (nextHop === DOCKER_GATEWAY && inServiceRange(network, p.dst)) {
    // Nothing owns a cluster IP: it is only a match in kube-proxy's rules. A packet no rule translated (a ping, a
    // port the Service does not have) follows the node's default route out to the docker network's gateway and on
    // toward the internet, where no host has it either: the sender waits for an answer that never comes.
    const reason = `nobody owns ${formatIpv4(p.dst)}: no rule translated it, so ${node.name} sent it by its default route to ${formatIpv4(nextHop)}, out of the cluster, and no answer comes back`;
    return { kind: 'end', carried: { fate: { kind: 'dropped', node: node.name, reason, unanswered: { dst: p.dst, gateway: nextHop, clusterIP: true } } } };
  }
  return {
    kind: 'end',
    carried: { fate: { kind: 'no-route', node: node.name, reason: `the packet left the cluster toward ${formatIpv4(nextHop)}; no simulated host has ${formatIpv4(p.dst)}` } },
  };
}

/** What a node's verdict means for the packet, unless it left the node (then `undefined`: carry on). */
function fateAt(node: SimNode, t: Traversal): Omit<Carried, 'hops' | 'last' | 'rulesEvaluated'> | undefined {
  const o = t.outcome;
  switch (o.kind) {
    case 'local': {
      const to: Party = { kind: 'node', node: node.name };
      return { fate: { kind: 'delivered', to }, delivered: o.packet };
    }
    case 'dropped':
      return { fate: { kind: 'dropped', node: node.name, hop: o.hop, reason: `${o.byPolicy ? 'policy DROP' : 'DROP'} in ${o.table} ${o.hook}` } };
    case 'rejected':
      return { fate: { kind: 'rejected', node: node.name, hop: o.hop, rejectWith: o.rejectWith } };
    case 'ipvs-unreachable':
      return { fate: { kind: 'rejected', node: node.name, hop: o.hop, rejectWith: 'icmp-port-unreachable' } };
    case 'stopped':
      return { fate: { kind: 'dropped', node: node.name, hop: o.hop, reason: `target ${o.target} is not simulated` } };
    case 'clash':
      return { fate: { kind: 'dropped', node: node.name, reason: `conntrack could not confirm the connection (clashing tuple) at ${o.hook}` } };
    case 'no-route':
      return { fate: { kind: 'no-route', node: node.name, reason: `${node.name} has no route to ${formatIpv4(o.packet.dst)}` } };
    case 'sent':
      return undefined;
  }
}

/**
 * Carries one packet from its start until somebody receives it or a node stops it. `answering`: the
 * packet is a node's answer to one its traversal stopped (REJECT's reset), RELATED to that connection there.
 */
export function carry(network: SimNetwork, packet: TrackedPacket, start: Start, externals: ReadonlySet<Ipv4>, recordHops: boolean, answering?: LastNode): Carried {
  const hops: JourneyHop[] = [];
  let rulesEvaluated = 0;
  if ('outside' in start) return { hops, fate: { kind: 'no-route', reason: 'the sender has no route into the cluster' }, rulesEvaluated };
  if ('self' in start) {
    // The pod's own network namespace is not simulated (no rules run inside pods): the packet is handed over inside it.
    hops.push({ kind: 'deliver', to: start.self, packet: headerView(packet) });
    return { hops, fate: { kind: 'delivered', to: start.self }, delivered: packet, rulesEvaluated };
  }
  let at: NodeStart = start;
  let p = packet;
  for (let crossing = 0; crossing < MAX_NODE_CROSSINGS; crossing++) {
    const node = at.node;
    const t = traversePacket(node, p, at.arrival, { nowMs: network.nowMs, random32: () => network.random.next32() }, traversalOptions(node, p, recordHops, answering));
    answering = undefined;
    hops.push(...t.hops);
    rulesEvaluated += t.rulesEvaluated;
    const last = { node, traversal: t };
    const stopped = fateAt(node, t);
    if (stopped) {
      if (stopped.fate.kind === 'delivered') hops.push({ kind: 'deliver', to: stopped.fate.to, packet: headerView(stopped.delivered!) });
      return { hops, ...stopped, last, rulesEvaluated };
    }
    if (t.outcome.kind !== 'sent') break;
    // The skb's mark does not travel on the wire: the next kernel starts from 0.
    const { outInterface: _o, inInterface: _i, ...wire } = t.outcome.packet;
    p = { ...wire, mark: 0 };
    const next = onward(network, node, p, t.outcome.route.device, t.outcome.route.via, externals, hops);
    if (next.kind === 'end') return { hops, ...next.carried, last, rulesEvaluated };
    at = next.start;
  }
  return { hops, fate: { kind: 'dropped', node: at.node.name, reason: `routing loop: more than ${MAX_NODE_CROSSINGS} node crossings` }, rulesEvaluated };
}

function traversalOptions(node: SimNode, p: TrackedPacket, recordHops: boolean, answering: LastNode | undefined): TraversalOptions {
  const c = answering && answering.node === node ? answering.traversal.classification : undefined;
  // nf_send_reset and nf_send_unreach hand the answer the offending packet's conntrack: a REJECT's TCP reset and
  // its ICMP error are both RELATED to the rejected connection, even though that entry was never confirmed
  // (measured: a REJECT in FORWARD, OUTPUT's ctstate counters show RELATED 1 packet, INVALID 0).
  return c?.entry && (p.protocol === 'tcp' || p.protocol === 'icmp') ? { recordHops, answering: { entry: c.entry, direction: c.direction } } : { recordHops };
}
