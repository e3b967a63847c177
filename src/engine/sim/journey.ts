/**
 * A connection's journey: each packet of its conversation (conversation.ts: TCP SYN … last ACK, a UDP
 * query and its response) carried from its sender across every node it crosses (carry.ts) to the pod,
 * node process or external host that receives it, and the answer carried back the same way; a REJECT
 * is answered (reject.ts). Conntrack on each node does what the kernel does, so the nat table is walked
 * for the first packet only and replies are de-NATed where the translation happened.
 */
import type { ConntrackRow } from '../conntrack/rows';
import type { Ipv4 } from '../ipv4';
import { headerView, type HeaderView, type L4Protocol, type TcpFlag, type TrackedPacket } from '../packet';
import { entryNode, resolveDestination, resolveSource, type Destination, type Source } from './addresses';
import { carry, startOf, type Carried, type JourneyHop, type PacketFate } from './carry';
import { conntrackLines, conntrackTableRows } from './conntrack-snapshot';
import { conversationOf, wirePacket, type ConversationPacket } from './conversation';
import type { SimNetwork } from './network';
import { sourceParty, type Party } from './party';
import { answerRefusal, refusalOf, refusedFate } from './refuse';
import { answerReject } from './reject';

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
  /** The packets to send instead of the protocol's whole conversation (a connection left open, one more request on it). */
  readonly conversation?: readonly ConversationPacket[];
}

/** net.ipv4.ip_local_port_range's default. */
export const EPHEMERAL_PORTS = { min: 32768, max: 60999 } as const;

/** Resolves `from`/`to` and runs the connection. Throws AddressError for names the cluster lacks. */
export function runConnection(network: SimNetwork, request: ConnectionRequest): Journey {
  const source = resolveSource(network.cluster, request.from);
  const destination = resolveDestination(network.cluster, request.to, request.protocol);
  const gatewayNode = entryNode(network.cluster, destination, request.via);
  return runResolvedConnection(network, source, destination, gatewayNode, request);
}

/** A node process picks its source address from the route to the destination. */
function clientAddress(network: SimNetwork, client: Party, destination: Ipv4): Ipv4 {
  if (client.kind !== 'node') return client.ip;
  const node = network.nodes.get(client.node)!;
  const r = node.route(destination);
  return r?.kind === 'unicast' ? r.source : r?.kind === 'local' ? destination : node.topology.internalIP;
}

/** The connection's state between its packets: who answers, and what the server saw. */
interface Connection {
  readonly network: SimNetwork;
  readonly request: Pick<ConnectionRequest, 'skipSnapshots'>;
  readonly packets: JourneyPacket[];
  rulesEvaluated: number;
  server?: Party;
  /** The connection as the server sees it (after every translation on the way). */
  serverView?: TrackedPacket;
}

function recordPacket(c: Connection, sent: Pick<ConversationPacket, 'label' | 'direction' | 'flags'>, protocol: L4Protocol, carried: Carried): void {
  const { network } = c;
  c.packets.push({
    label: sent.label,
    direction: sent.direction,
    protocol,
    ...(sent.flags ? { tcpFlags: sent.flags } : {}),
    sentAtMs: network.nowMs,
    hops: carried.hops,
    fate: carried.fate,
    ...(carried.delivered ? { delivered: headerView(carried.delivered) } : {}),
    rulesEvaluated: carried.rulesEvaluated,
    conntrack: c.request.skipSnapshots ? {} : conntrackLines(network),
    conntrackEntries: c.request.skipSnapshots ? {} : conntrackTableRows(network),
  });
  c.rulesEvaluated += carried.rulesEvaluated;
}

export function runResolvedConnection(
  network: SimNetwork,
  source: Source,
  destination: Destination,
  gatewayNode: string,
  request: Pick<ConnectionRequest, 'sport' | 'firstPacketOnly' | 'skipSnapshots' | 'recordHops' | 'conversation'> = {},
): Journey {
  const client = sourceParty(source);
  const protocol = destination.protocol;
  const sport = request.sport ?? network.random.int(EPHEMERAL_PORTS.min, EPHEMERAL_PORTS.max);
  const externals = new Set<Ipv4>(client.kind === 'external' ? [client.ip] : []);
  const clientStart = startOf(network, client, destination.ip, gatewayNode);
  const clientIp = clientAddress(network, client, destination.ip);
  const recordHops = request.recordHops ?? true;
  const conversation = request.conversation ?? conversationOf(protocol);
  const c: Connection = { network, request, packets: [], rulesEvaluated: 0 };
  let outcome: JourneyOutcome | undefined;
  let endpoint: JourneyEndpoint | undefined;

  for (const sent of request.firstPacketOnly ? conversation.slice(0, 1) : conversation) {
    const original = sent.direction === 'original';
    const seen = c.serverView;
    // A ping's identifier is drawn like a client port (ping uses its own, the kernel's ping socket a free one).
    const packet = original
      ? wirePacket(sent, protocol, clientIp, sport, destination.ip, destination.port, sport)
      : wirePacket(sent, protocol, seen!.dst, seen!.dport, seen!.src, seen!.sport, seen!.icmpId ?? 0);
    const sender = original ? client : c.server!;
    const start = original ? clientStart : startOf(network, sender, packet.dst, gatewayNode);
    if (sender.kind === 'external') externals.add(sender.ip);
    let carried = carry(network, packet, start, externals, recordHops);
    carried.hops.unshift({ kind: 'send', from: sender, packet: headerView(packet) });
    const refusal = original && !c.server && carried.fate.kind === 'delivered' ? refusalOf(network, carried.fate.to, carried.delivered!) : undefined;
    if (refusal) carried = { ...carried, fate: refusedFate(refusal) };
    recordPacket(c, sent, protocol, carried);

    if (refusal) {
      outcome = 'rejected';
      endpoint = endpointOf(network, refusal.by, carried.delivered!);
      const answer = answerRefusal(network, refusal, carried.delivered!, gatewayNode, externals, recordHops);
      recordPacket(c, { label: answer.label, direction: 'reply', ...(answer.packet.tcpFlags ? { flags: answer.packet.tcpFlags } : {}) }, answer.packet.protocol, answer.carried);
      network.nowMs += 1;
      break;
    }

    if (carried.fate.kind !== 'delivered') {
      outcome = carried.fate.kind;
      const answer = answerReject(network, carried, packet, sender, externals, recordHops);
      if (answer) {
        answer.carried.hops.unshift({ kind: 'send', from: { kind: 'node', node: answer.node }, packet: headerView(answer.packet) });
        recordPacket(c, { label: answer.label, direction: 'reply', ...(answer.packet.tcpFlags ? { flags: answer.packet.tcpFlags } : {}) }, answer.packet.protocol, answer.carried);
      }
      network.nowMs += 1;
      break;
    }
    if (original && !c.server) {
      c.server = carried.fate.to;
      c.serverView = carried.delivered!;
      endpoint = endpointOf(network, c.server, c.serverView);
    }
    network.nowMs += 1;
  }

  const seen = c.serverView;
  return {
    outcome: outcome ?? 'delivered',
    client,
    destination,
    ...(endpoint ? { endpoint } : {}),
    ...(seen ? { seenSource: { ip: seen.src, port: seen.sport } } : {}),
    packets: c.packets,
    conntrack: request.skipSnapshots ? {} : conntrackLines(network),
    rulesEvaluated: c.rulesEvaluated,
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
