/**
 * A connection's journey: each packet of a TCP connection (SYN … last ACK) or a UDP exchange, carried
 * from its sender across every node it crosses — the node's hooks, the wire, the next node's hooks — to
 * the pod, node process or external host that receives it, and the answer carried back the same way.
 * Conntrack on each node does what the kernel does, so the nat table is walked for the first packet only
 * and replies are de-NATed where the translation happened.
 */
import { IPS } from '../conntrack/model';
import { printConntrackList, remainingSeconds } from '../conntrack/print';
import { entriesInListOrder, remainingMs } from '../conntrack/table';
import type { ConntrackTuple } from '../conntrack/tuple';
import { formatIpv4, type Ipv4 } from '../ipv4';
import { entryNode, resolveDestination, resolveSource, type Destination, type Source } from './addresses';
import type { SimNetwork, SimNode } from './network';
import { DOCKER_GATEWAY } from './topology';
import type { TrackedPacket, TcpFlag, L4Protocol, HeaderView } from '../packet';
import { traversePacket } from '../node/netfilter-node';
import type { Arrival, Traversal } from '../node/model';
import type { Hop, RuleHop } from '../node/hops';

/** Somebody that sends or receives: a pod, a process on a node, or a host outside the cluster. */
export type Party =
  | { readonly kind: 'pod'; readonly name: string; readonly namespace: string; readonly node: string; readonly ip: Ipv4 }
  | { readonly kind: 'node'; readonly node: string }
  | { readonly kind: 'external'; readonly ip: Ipv4 };

/** Between the hooks: the packet on a wire or veth, or handed to its receiver. */
export type TransitHop =
  | { readonly kind: 'send'; readonly from: Party; readonly packet: HeaderView }
  | { readonly kind: 'wire'; readonly from: string; readonly to: string; readonly device: string; readonly packet: HeaderView }
  | { readonly kind: 'deliver'; readonly to: Party; readonly packet: HeaderView };

export type JourneyHop = Hop | TransitHop;

export type PacketFate =
  | { readonly kind: 'delivered'; readonly to: Party }
  | { readonly kind: 'rejected'; readonly node: string; readonly hop: RuleHop; readonly rejectWith: string }
  | { readonly kind: 'dropped'; readonly node: string; readonly hop?: RuleHop; readonly reason: string }
  | { readonly kind: 'no-route'; readonly node?: string; readonly reason: string };

export interface JourneyPacket {
  readonly label: string;
  readonly direction: 'original' | 'reply';
  readonly protocol: L4Protocol;
  readonly tcpFlags?: readonly TcpFlag[];
  readonly sentAtMs: number;
  readonly hops: readonly JourneyHop[];
  readonly fate: PacketFate;
  /** The header as the receiver saw it. */
  readonly delivered?: HeaderView;
  /** Rules the kernels evaluated one by one for this packet, over all nodes. */
  readonly rulesEvaluated: number;
  /** `conntrack -L` of every node that has entries, right after this packet. */
  readonly conntrack: Readonly<Record<string, readonly string[]>>;
  /** The same entries as fields, for a friendly table. */
  readonly conntrackEntries: Readonly<Record<string, readonly ConntrackRow[]>>;
}

/** One conntrack entry as a table row. */
export interface ConntrackRow {
  readonly id: number;
  readonly protocol: string;
  /** TCP state, or '' for other protocols. */
  readonly state: string;
  readonly timeoutSeconds: number;
  readonly original: string;
  readonly reply: string;
  readonly flags: readonly ('UNREPLIED' | 'ASSURED')[];
  readonly mark: number;
  /** Which translations the entry holds. */
  readonly nat: readonly ('SNAT' | 'DNAT')[];
}

export type JourneyOutcome = 'delivered' | 'rejected' | 'dropped' | 'no-route';

export interface JourneyEndpoint {
  readonly ip: Ipv4;
  readonly port: number;
  readonly pod?: string;
  readonly node?: string;
}

export interface Journey {
  readonly outcome: JourneyOutcome;
  readonly client: Party;
  readonly destination: Destination;
  /** Where the connection's first packet was delivered. */
  readonly endpoint?: JourneyEndpoint;
  /** What the endpoint saw as the connection's source (the client, or a masqueraded address). */
  readonly seenSource?: { readonly ip: Ipv4; readonly port: number };
  readonly packets: readonly JourneyPacket[];
  /** `conntrack -L` per node at the end. */
  readonly conntrack: Readonly<Record<string, readonly string[]>>;
  readonly rulesEvaluated: number;
}

export interface ConnectionRequest {
  readonly from: string;
  readonly to: string;
  readonly via?: string;
  readonly protocol?: L4Protocol;
  /** The client's source port. @default drawn from the network's random stream (32768–60999). */
  readonly sport?: number;
  /** Only the connection's first packet (what a spread needs). @default false */
  readonly firstPacketOnly?: boolean;
  /** Skip the per-packet `conntrack -L` snapshots. @default false */
  readonly skipSnapshots?: boolean;
  /** Record every rule evaluated (false keeps only the hop that stopped a packet). @default true */
  readonly recordHops?: boolean;
}

/** net.ipv4.ip_local_port_range's default. */
export const EPHEMERAL_PORTS = { min: 32768, max: 60999 } as const;

const ICMP_UNREACH_CODES: Readonly<Record<string, number>> = {
  'icmp-net-unreachable': 0,
  'icmp-host-unreachable': 1,
  'icmp-proto-unreachable': 2,
  'icmp-port-unreachable': 3,
  'icmp-net-prohibited': 9,
  'icmp-host-prohibited': 10,
  'icmp-admin-prohibited': 13,
};

const MAX_NODE_CROSSINGS = 16;

const view = (p: TrackedPacket): HeaderView => ({ src: p.src, sport: p.sport, dst: p.dst, dport: p.dport, mark: p.mark });

export function partyName(p: Party): string {
  switch (p.kind) {
    case 'pod':
      return p.name;
    case 'node':
      return p.node;
    case 'external':
      return `external ${formatIpv4(p.ip)}`;
  }
}

function sourceParty(source: Source): Party {
  switch (source.kind) {
    case 'pod':
      return { kind: 'pod', name: source.pod.name, namespace: source.pod.namespace, node: source.node, ip: source.ip };
    case 'node':
      return { kind: 'node', node: source.node };
    case 'external':
      return { kind: 'external', ip: source.ip };
  }
}

/** Where a packet enters the netfilter of the cluster when `sender` sends it. */
type Start = { readonly node: SimNode; readonly arrival: Arrival } | { readonly outside: true };

interface Carried {
  readonly hops: JourneyHop[];
  readonly fate: PacketFate;
  readonly delivered?: TrackedPacket;
  readonly last?: { readonly node: SimNode; readonly traversal: Traversal };
  readonly rulesEvaluated: number;
}

function nodeByIp(network: SimNetwork, ip: Ipv4): SimNode | undefined {
  const name = network.topology.nodesByIP.get(ip);
  return name === undefined ? undefined : network.nodes.get(name);
}

function vethArrival(network: SimNetwork, party: Extract<Party, { kind: 'pod' }>): Start {
  const node = network.nodes.get(party.node)!;
  const veth = node.topology.interfaces.find((i) => i.pod === `${party.namespace}/${party.name}`);
  return { node, arrival: { from: 'network', interface: veth?.name ?? 'eth0' } };
}

/** The first netfilter a packet from `sender` to `dst` meets. External hosts send through `gatewayNode`. */
function startOf(network: SimNetwork, sender: Party, dst: Ipv4, gatewayNode: string): Start {
  switch (sender.kind) {
    case 'pod':
      return vethArrival(network, sender);
    case 'node':
      return { node: network.nodes.get(sender.node)!, arrival: { from: 'local' } };
    case 'external': {
      // The docker network reaches nodes directly; everything else the outside sends goes to the chosen node.
      const direct = nodeByIp(network, dst);
      return { node: direct ?? network.nodes.get(gatewayNode)!, arrival: { from: 'network', interface: 'eth0' } };
    }
  }
}

/** Carries one packet from its start until somebody receives it or a node stops it. */
function carry(
  network: SimNetwork,
  packet: TrackedPacket,
  start: Start,
  externals: ReadonlySet<Ipv4>,
  recordHops: boolean,
  answering?: { node: SimNode; traversal: Traversal },
): Carried {
  const hops: JourneyHop[] = [];
  let rulesEvaluated = 0;
  if ('outside' in start) return { hops, fate: { kind: 'no-route', reason: 'the sender has no route into the cluster' }, rulesEvaluated };
  let at = start;
  let p = packet;
  for (let crossing = 0; crossing < MAX_NODE_CROSSINGS; crossing++) {
    const node = at.node;
    const entry = answering && answering.node === node ? answering.traversal.classification?.entry : undefined;
    const options =
      entry && answering?.traversal.classification && p.protocol === 'tcp'
        ? { recordHops, answering: { entry, direction: answering.traversal.classification.direction } }
        : { recordHops };
    const t = traversePacket(node, p, at.arrival, { nowMs: network.nowMs, random32: () => network.random.next32() }, options);
    answering = undefined;
    hops.push(...t.hops);
    rulesEvaluated += t.rulesEvaluated;
    const last = { node, traversal: t };
    const o = t.outcome;
    switch (o.kind) {
      case 'local': {
        const to: Party = { kind: 'node', node: node.name };
        hops.push({ kind: 'deliver', to, packet: view(o.packet) });
        return { hops, fate: { kind: 'delivered', to }, delivered: o.packet, last, rulesEvaluated };
      }
      case 'dropped':
        return { hops, fate: { kind: 'dropped', node: node.name, hop: o.hop, reason: `${o.byPolicy ? 'policy DROP' : 'DROP'} in ${o.table} ${o.hook}` }, last, rulesEvaluated };
      case 'rejected':
        return { hops, fate: { kind: 'rejected', node: node.name, hop: o.hop, rejectWith: o.rejectWith }, last, rulesEvaluated };
      case 'stopped':
        return { hops, fate: { kind: 'dropped', node: node.name, hop: o.hop, reason: `target ${o.target} is not simulated` }, last, rulesEvaluated };
      case 'clash':
        return { hops, fate: { kind: 'dropped', node: node.name, reason: `conntrack could not confirm the connection (clashing tuple) at ${o.hook}` }, last, rulesEvaluated };
      case 'no-route':
        return { hops, fate: { kind: 'no-route', node: node.name, reason: `${node.name} has no route to ${formatIpv4(o.packet.dst)}` }, last, rulesEvaluated };
      case 'sent': {
        // The skb's mark does not travel on the wire: the next kernel starts from 0.
        const { outInterface: _o, inInterface: _i, ...wire } = o.packet;
        p = { ...wire, mark: 0 };
        const iface = node.topology.interfaces.find((i) => i.name === o.route.device);
        if (iface?.kind === 'veth') {
          const pod = network.topology.podsByIP.get(p.dst);
          const podKey = pod ? `${pod.pod.namespace}/${pod.pod.name}` : undefined;
          if (!pod || podKey !== iface.pod) {
            return { hops, fate: { kind: 'dropped', node: node.name, reason: `no pod behind ${o.route.device} owns ${formatIpv4(p.dst)}` }, last, rulesEvaluated };
          }
          const to: Party = { kind: 'pod', name: pod.pod.name, namespace: pod.pod.namespace, node: pod.node, ip: p.dst };
          hops.push({ kind: 'wire', from: node.name, to: pod.pod.name, device: o.route.device, packet: view(p) });
          hops.push({ kind: 'deliver', to, packet: view(p) });
          return { hops, fate: { kind: 'delivered', to }, delivered: p, last, rulesEvaluated };
        }
        const nextHop = o.route.via ?? p.dst;
        const next = nodeByIp(network, nextHop);
        if (next) {
          hops.push({ kind: 'wire', from: node.name, to: next.name, device: o.route.device, packet: view(p) });
          at = { node: next, arrival: { from: 'network', interface: 'eth0' } };
          continue;
        }
        if (nextHop === DOCKER_GATEWAY && externals.has(p.dst)) {
          const to: Party = { kind: 'external', ip: p.dst };
          hops.push({ kind: 'wire', from: node.name, to: `external ${formatIpv4(p.dst)}`, device: o.route.device, packet: view(p) });
          hops.push({ kind: 'deliver', to, packet: view(p) });
          return { hops, fate: { kind: 'delivered', to }, delivered: p, last, rulesEvaluated };
        }
        hops.push({ kind: 'wire', from: node.name, to: formatIpv4(nextHop), device: o.route.device, packet: view(p) });
        return {
          hops,
          fate: { kind: 'no-route', node: node.name, reason: `the packet left the cluster toward ${formatIpv4(nextHop)}; no simulated host has ${formatIpv4(p.dst)}` },
          last,
          rulesEvaluated,
        };
      }
    }
  }
  return { hops, fate: { kind: 'dropped', node: at.node.name, reason: `routing loop: more than ${MAX_NODE_CROSSINGS} node crossings` }, rulesEvaluated };
}

function snapshot(network: SimNetwork): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, node] of network.nodes) {
    if (node.conntrack.entries.size === 0) continue;
    const text = printConntrackList(node.conntrack, network.nowMs);
    if (text) out[name] = text.trimEnd().split('\n');
  }
  return out;
}

const tupleText = (t: ConntrackTuple): string =>
  t.protocol === 'icmp' ? `${formatIpv4(t.src)} → ${formatIpv4(t.dst)} id ${t.icmpId ?? 0}` : `${formatIpv4(t.src)}:${t.sport} → ${formatIpv4(t.dst)}:${t.dport}`;

function rowsSnapshot(network: SimNetwork): Record<string, ConntrackRow[]> {
  const out: Record<string, ConntrackRow[]> = {};
  for (const [name, node] of network.nodes) {
    const rows = entriesInListOrder(node.conntrack)
      .filter((e) => remainingMs(e, network.nowMs) > 0)
      .map(
        (e): ConntrackRow => ({
          id: e.id,
          protocol: e.original.protocol,
          state: e.tcp?.state ?? '',
          timeoutSeconds: remainingSeconds(e, network.nowMs),
          original: tupleText(e.original),
          reply: tupleText(e.reply),
          flags: [...((e.status & IPS.SEEN_REPLY) === 0 ? (['UNREPLIED'] as const) : []), ...((e.status & IPS.ASSURED) !== 0 ? (['ASSURED'] as const) : [])],
          mark: e.mark,
          nat: [...((e.status & IPS.SRC_NAT) !== 0 ? (['SNAT'] as const) : []), ...((e.status & IPS.DST_NAT) !== 0 ? (['DNAT'] as const) : [])],
        }),
      );
    if (rows.length > 0) out[name] = rows;
  }
  return out;
}

interface Step {
  readonly label: string;
  readonly direction: 'original' | 'reply';
  readonly flags?: readonly TcpFlag[];
  readonly payload: number;
}

const TCP_STEPS: readonly Step[] = [
  { label: 'SYN', direction: 'original', flags: ['SYN'], payload: 0 },
  { label: 'SYN-ACK', direction: 'reply', flags: ['SYN', 'ACK'], payload: 0 },
  { label: 'ACK', direction: 'original', flags: ['ACK'], payload: 0 },
  { label: 'request', direction: 'original', flags: ['PSH', 'ACK'], payload: 120 },
  { label: 'response', direction: 'reply', flags: ['PSH', 'ACK'], payload: 480 },
  { label: 'FIN', direction: 'original', flags: ['FIN', 'ACK'], payload: 0 },
  { label: 'FIN-ACK', direction: 'reply', flags: ['FIN', 'ACK'], payload: 0 },
  { label: 'last ACK', direction: 'original', flags: ['ACK'], payload: 0 },
];
const UDP_STEPS: readonly Step[] = [
  { label: 'query', direction: 'original', payload: 40 },
  { label: 'response', direction: 'reply', payload: 120 },
];

const IP_HEADER = 20;
const L4_HEADER: Readonly<Record<L4Protocol, number>> = { tcp: 32, udp: 8, sctp: 12, icmp: 8 };

/** Resolves `from`/`to` and runs the connection. Throws AddressError for names the cluster lacks. */
export function runConnection(network: SimNetwork, request: ConnectionRequest): Journey {
  const source = resolveSource(network.cluster, request.from);
  const destination = resolveDestination(network.cluster, request.to, request.protocol);
  const gatewayNode = entryNode(network.cluster, destination, request.via);
  return runResolvedConnection(network, source, destination, gatewayNode, request);
}

export function runResolvedConnection(
  network: SimNetwork,
  source: Source,
  destination: Destination,
  gatewayNode: string,
  request: Pick<ConnectionRequest, 'sport' | 'firstPacketOnly' | 'skipSnapshots' | 'recordHops'> = {},
): Journey {
  const client = sourceParty(source);
  const protocol = destination.protocol;
  const sport = request.sport ?? network.random.int(EPHEMERAL_PORTS.min, EPHEMERAL_PORTS.max);
  const externals = new Set<Ipv4>(client.kind === 'external' ? [client.ip] : []);
  const clientStart = startOf(network, client, destination.ip, gatewayNode);
  // A node process picks its source address from the route to the destination.
  const clientIp =
    client.kind === 'node'
      ? (() => {
          const r = network.nodes.get(client.node)!.route(destination.ip);
          return r?.kind === 'unicast' ? r.source : r?.kind === 'local' ? destination.ip : network.nodes.get(client.node)!.topology.internalIP;
        })()
      : client.ip;

  const steps = protocol === 'udp' ? UDP_STEPS : protocol === 'tcp' ? TCP_STEPS : UDP_STEPS;
  const packets: JourneyPacket[] = [];
  let outcome: JourneyOutcome | undefined;
  let endpoint: JourneyEndpoint | undefined;
  let server: Party | undefined;
  /** The connection as the server sees it (after every translation on the way). */
  let serverView: TrackedPacket | undefined;
  let rulesEvaluated = 0;

  const record = (step: Pick<Step, 'label' | 'direction' | 'flags'>, proto: L4Protocol, carried: Carried): JourneyPacket => {
    const packet: JourneyPacket = {
      label: step.label,
      direction: step.direction,
      protocol: proto,
      ...(step.flags ? { tcpFlags: step.flags } : {}),
      sentAtMs: network.nowMs,
      hops: carried.hops,
      fate: carried.fate,
      ...(carried.delivered ? { delivered: view(carried.delivered) } : {}),
      rulesEvaluated: carried.rulesEvaluated,
      conntrack: request.skipSnapshots ? {} : snapshot(network),
      conntrackEntries: request.skipSnapshots ? {} : rowsSnapshot(network),
    };
    packets.push(packet);
    rulesEvaluated += carried.rulesEvaluated;
    return packet;
  };

  for (const step of request.firstPacketOnly ? steps.slice(0, 1) : steps) {
    let packet: TrackedPacket;
    let sender: Party;
    let start: Start;
    if (step.direction === 'original') {
      packet = {
        src: clientIp,
        dst: destination.ip,
        protocol,
        sport,
        dport: destination.port,
        ...(step.flags ? { tcpFlags: step.flags, tcpPayload: step.payload } : {}),
        mark: 0,
        length: IP_HEADER + L4_HEADER[protocol] + step.payload,
      };
      sender = client;
      start = clientStart;
    } else {
      const seen = serverView!;
      packet = {
        src: seen.dst,
        dst: seen.src,
        protocol,
        sport: seen.dport,
        dport: seen.sport,
        ...(step.flags ? { tcpFlags: step.flags, tcpPayload: step.payload } : {}),
        mark: 0,
        length: IP_HEADER + L4_HEADER[protocol] + step.payload,
      };
      sender = server!;
      start = startOf(network, sender, packet.dst, gatewayNode);
      if (sender.kind === 'external') externals.add(sender.ip);
    }
    const carried = carry(network, packet, start, externals, request.recordHops ?? true);
    carried.hops.unshift({ kind: 'send', from: sender, packet: view(packet) });
    record(step, protocol, carried);

    if (carried.fate.kind !== 'delivered') {
      outcome = carried.fate.kind;
      if (carried.fate.kind === 'rejected' && carried.last) answerReject(network, carried, packet, step.direction === 'original' ? client : server!, externals, request.recordHops ?? true, record);
      network.nowMs += 1;
      break;
    }
    if (step.direction === 'original' && !server) {
      server = carried.fate.to;
      serverView = carried.delivered!;
      endpoint = endpointOf(network, server, serverView);
    }
    network.nowMs += 1;
  }

  const seen = serverView;
  return {
    outcome: outcome ?? 'delivered',
    client,
    destination,
    ...(endpoint ? { endpoint } : {}),
    ...(seen ? { seenSource: { ip: seen.src, port: seen.sport } } : {}),
    packets,
    conntrack: request.skipSnapshots ? {} : snapshot(network),
    rulesEvaluated,
  };
}

function endpointOf(network: SimNetwork, server: Party, seen: TrackedPacket): JourneyEndpoint {
  if (server.kind === 'pod') return { ip: seen.dst, port: seen.dport, pod: server.name, node: server.node };
  if (server.kind === 'node') {
    const hostPod = network.cluster.pods.find(
      (p) => p.hostNetwork && p.nodeName === server.node && p.ports.some((c) => c.containerPort === seen.dport),
    );
    return { ip: seen.dst, port: seen.dport, node: server.node, ...(hostPod ? { pod: hostPod.name } : {}) };
  }
  return { ip: seen.dst, port: seen.dport };
}

/**
 * REJECT answers the sender: an ICMP destination-unreachable quoting the offending header (from the
 * node's address toward the sender), or a TCP reset from the address the packet was sent to.
 */
function answerReject(
  network: SimNetwork,
  rejected: Carried,
  offending: TrackedPacket,
  sender: Party,
  externals: ReadonlySet<Ipv4>,
  recordHops: boolean,
  record: (step: Pick<Step, 'label' | 'direction' | 'flags'>, proto: L4Protocol, carried: Carried) => JourneyPacket,
): void {
  if (rejected.fate.kind !== 'rejected' || !rejected.last) return;
  const { node, traversal } = rejected.last;
  const at = rejected.fate.hop.before;
  let answer: TrackedPacket;
  let label: string;
  if (rejected.fate.rejectWith === 'tcp-reset' && offending.protocol === 'tcp') {
    answer = { src: at.dst, dst: at.src, protocol: 'tcp', sport: at.dport, dport: at.sport, tcpFlags: ['RST', 'ACK'], mark: 0, length: IP_HEADER + 20 };
    label = 'RST';
  } else {
    const code = ICMP_UNREACH_CODES[rejected.fate.rejectWith] ?? 3;
    const r = node.route(at.src);
    const src = r?.kind === 'unicast' ? r.source : node.topology.internalIP;
    answer = {
      src,
      dst: at.src,
      protocol: 'icmp',
      sport: 0,
      dport: 0,
      icmpType: 3,
      icmpCode: code,
      icmpEmbedded: { src: at.src, dst: at.dst, protocol: offending.protocol, sport: at.sport, dport: at.dport },
      mark: 0,
      length: IP_HEADER + 8 + IP_HEADER + 8,
    };
    label = `ICMP ${rejected.fate.rejectWith.replace(/^icmp-/, '').replace(/-/g, ' ')}`;
  }
  const carried = carry(network, answer, { node, arrival: { from: 'local' } }, new Set([...externals, ...(sender.kind === 'external' ? [sender.ip] : [])]), recordHops, {
    node,
    traversal,
  });
  carried.hops.unshift({ kind: 'send', from: { kind: 'node', node: node.name }, packet: view(answer) });
  record({ label, direction: 'reply', ...(answer.tcpFlags ? { flags: answer.tcpFlags } : {}) }, answer.protocol, carried);
}
