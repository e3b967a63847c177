/**
 * A connection traced through one imported node: the conversation's packets (TCP SYN … last ACK, or a
 * UDP query and response) enter the node's hooks where the user says they arrive (an interface, or a
 * local process), conntrack and NAT do what the kernel does, and where a packet leaves the node the trace
 * says through which interface and toward what — the dump does not describe the rest of the cluster.
 */
import { printConntrackList } from '../conntrack/print';
import { formatIpv4, parseIpv4, type Ipv4 } from '../ipv4';
import { iptablesTableOf, type RuleHop, type Hop } from '../node/hops';
import type { Arrival, Traversal } from '../node/model';
import { traversePacket, type NetfilterNode } from '../node/netfilter-node';
import { headerView, type HeaderView, type L4Protocol, type TrackedPacket } from '../packet';
import { createRandom, type Random } from '../random';
import { conversationOf, wirePacket } from '../sim/conversation';
import { EPHEMERAL_PORTS } from '../sim/journey';
import type { ImportedDump } from './model';
import { chainKey } from './model';
import { dumpNode, lookup, type NodeSetup } from './node-setup';

export class TraceRequestError extends Error {}

export interface DumpTraceRequest {
  /** `IP` or `IP:PORT`. */
  readonly src: string;
  /** `IP:PORT`. */
  readonly dst: string;
  /** @default tcp */
  readonly protocol?: 'tcp' | 'udp';
  /** @default from the network on the node's uplink */
  readonly arrival?: Arrival;
  /** @default 1 */
  readonly seed?: number;
}

/** Where a packet's path on the node ended. */
export type DumpFate =
  | { readonly kind: 'left'; readonly device: string; readonly via?: Ipv4; readonly header: HeaderView; readonly toward: string }
  | { readonly kind: 'local'; readonly header: HeaderView }
  | { readonly kind: 'dropped'; readonly hop?: RuleHop; readonly reason: string }
  | { readonly kind: 'rejected'; readonly hop: RuleHop; readonly rejectWith: string }
  | { readonly kind: 'no-route'; readonly reason: string }
  /** Stopped at a jump to a chain the dump does not hold; `named` is the endpoint kube-proxy's comment names there. */
  | { readonly kind: 'incomplete'; readonly hop: RuleHop; readonly chain: string; readonly named?: { readonly ip: string; readonly port: number } };

export interface DumpTracePacket {
  readonly label: string;
  readonly direction: 'original' | 'reply';
  readonly sent: HeaderView;
  readonly hops: readonly Hop[];
  readonly fate: DumpFate;
  readonly rulesEvaluated: number;
}

export type DumpOutcome = 'delivered' | 'rejected' | 'dropped' | 'no-route' | 'incomplete';

export interface DumpTrace {
  readonly node: string;
  readonly outcome: DumpOutcome;
  /** Where the first packet went: the address it left the node for (after DNAT), a local socket, or the endpoint a cut chain names. */
  readonly endpoint?: { readonly ip: string; readonly port: number; readonly local?: boolean; readonly namedBy?: string };
  readonly packets: readonly DumpTracePacket[];
  readonly conntrack: readonly string[];
  readonly rulesEvaluated: number;
}

export function parseHostPort(text: string, what: string, portRequired: boolean): { ip: Ipv4; port?: number } {
  const [host = '', port, extra] = text.split(':');
  const ip = parseIpv4(host);
  if (ip === undefined || extra !== undefined) throw new TraceRequestError(`${what}: "${text}" is not IP${portRequired ? ':PORT' : '[:PORT]'}`);
  if (port === undefined) {
    if (portRequired) throw new TraceRequestError(`${what}: "${text}" needs a port (IP:PORT)`);
    return { ip };
  }
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new TraceRequestError(`${what}: port "${port}" must be 1–65535`);
  return { ip, port: Number(port) };
}

/** `default/svc-clusterip:svc-webport -> 10.10.1.2:80`: the endpoint kube-proxy names in the jump to its KUBE-SEP chain. */
export function endpointNamedBy(comment: string | undefined): { ip: string; port: number } | undefined {
  const m = comment ? /-> (\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(comment) : null;
  return m ? { ip: m[1]!, port: Number(m[2]) } : undefined;
}

function commentOf(node: NetfilterNode, hop: RuleHop): string | undefined {
  const table = iptablesTableOf(hop.table);
  const rule = table && node.ruleset.tables.get(table)?.chains.get(hop.chain)?.rules[hop.ruleIndex];
  const m = rule?.matches.find((x) => x.kind === 'comment');
  return m && m.kind === 'comment' ? m.comment : undefined;
}

/** What a route's destination is, in the words of the node's setup. */
function toward(setup: NodeSetup, dst: Ipv4, device: string, via: Ipv4 | undefined): string {
  if (setup.podCidr && device === setup.podInterface) return `a pod on this node (${formatIpv4(dst)} is in its pod CIDR)`;
  if (via !== undefined) return `${formatIpv4(dst)} through ${device}, next hop ${formatIpv4(via)}`;
  return `${formatIpv4(dst)} on the network of ${device}`;
}

export function fateOf(t: Traversal, node: NetfilterNode, setup: NodeSetup, dump: ImportedDump): DumpFate {
  const o = t.outcome;
  switch (o.kind) {
    case 'sent':
      return { kind: 'left', device: o.route.device, ...(o.route.via !== undefined ? { via: o.route.via } : {}), header: headerView(o.packet), toward: toward(setup, o.packet.dst, o.route.device, o.route.via) };
    case 'local':
      return { kind: 'local', header: headerView(o.packet) };
    case 'dropped':
      return { kind: 'dropped', hop: o.hop, reason: `${o.byPolicy ? 'policy DROP' : 'DROP'} in ${o.table} ${o.hook}` };
    case 'rejected':
      return { kind: 'rejected', hop: o.hop, rejectWith: o.rejectWith };
    case 'stopped': {
      const table = iptablesTableOf(o.table);
      if (table && dump.missingChains.has(chainKey(table, o.target))) {
        const named = endpointNamedBy(commentOf(node, o.hop));
        return { kind: 'incomplete', hop: o.hop, chain: o.target, ...(named ? { named } : {}) };
      }
      return { kind: 'dropped', hop: o.hop, reason: `target ${o.target} is not simulated` };
    }
    case 'clash':
      return { kind: 'dropped', reason: `conntrack could not confirm the connection (clashing tuple) at ${o.hook}` };
    case 'no-route':
      return { kind: 'no-route', reason: `${node.name} has no route to ${formatIpv4(o.packet.dst)}` };
    case 'ipvs-unreachable':
      // An imported node has no IPVS plane (its virtual servers are not in an iptables dump); kept for completeness.
      return { kind: 'dropped', reason: `IPVS found no real server for ${o.hop.virtualServer} (ICMP port unreachable)` };
  }
}

export interface PreparedTrace {
  readonly node: NetfilterNode;
  readonly random: Random;
  nowMs: number;
}

export function prepareNode(dump: ImportedDump, setup: NodeSetup, seed = 1): PreparedTrace {
  return { node: dumpNode(dump, setup), random: createRandom(seed), nowMs: 0 };
}

export interface ResolvedRequest {
  readonly src: Ipv4;
  readonly sport?: number;
  readonly dst: Ipv4;
  readonly dport: number;
  readonly protocol: L4Protocol;
  readonly arrival: Arrival;
}

export function resolveRequest(setup: NodeSetup, request: DumpTraceRequest): ResolvedRequest {
  const src = parseHostPort(request.src, '--src', false);
  const dst = parseHostPort(request.dst, '--dst', true);
  return { src: src.ip, ...(src.port !== undefined ? { sport: src.port } : {}), dst: dst.ip, dport: dst.port!, protocol: request.protocol ?? 'tcp', arrival: request.arrival ?? { from: 'network', interface: setup.uplink } };
}

/** The interface a reply to `client` arrives on, or a local process when the original came from one. */
function replyArrival(fate: DumpFate): Arrival {
  return fate.kind === 'left' ? { from: 'network', interface: fate.device } : { from: 'local' };
}

export function runDumpConnection(p: PreparedTrace, dump: ImportedDump, setup: NodeSetup, r: ResolvedRequest, options: { readonly firstPacketOnly?: boolean; readonly recordHops?: boolean; readonly skipConntrack?: boolean } = {}): DumpTrace {
  const sport = r.sport ?? p.random.int(EPHEMERAL_PORTS.min, EPHEMERAL_PORTS.max);
  const conversation = options.firstPacketOnly ? conversationOf(r.protocol).slice(0, 1) : conversationOf(r.protocol);
  const packets: DumpTracePacket[] = [];
  let seen: HeaderView | undefined;
  let serverArrival: Arrival | undefined;
  let outcome: DumpOutcome | undefined;
  let endpoint: DumpTrace['endpoint'];
  let rulesEvaluated = 0;
  for (const sent of conversation) {
    const original = sent.direction === 'original';
    const packet: TrackedPacket = original ? wirePacket(sent, r.protocol, r.src, sport, r.dst, r.dport) : wirePacket(sent, r.protocol, seen!.dst, seen!.dport, seen!.src, seen!.sport);
    const arrival = original ? r.arrival : serverArrival!;
    const t = traversePacket(p.node, packet, arrival, { nowMs: p.nowMs, random32: () => p.random.next32() }, { recordHops: options.recordHops ?? true });
    const fate = fateOf(t, p.node, setup, dump);
    packets.push({ label: sent.label, direction: sent.direction, sent: headerView(packet), hops: t.hops, fate, rulesEvaluated: t.rulesEvaluated });
    rulesEvaluated += t.rulesEvaluated;
    p.nowMs += 1;
    if (fate.kind !== 'left' && fate.kind !== 'local') {
      outcome = fate.kind;
      if (fate.kind === 'incomplete' && fate.named && !endpoint) endpoint = { ...fate.named, namedBy: fate.chain };
      break;
    }
    if (original && !seen) {
      seen = fate.header;
      serverArrival = replyArrival(fate);
      endpoint = { ip: formatIpv4(fate.header.dst), port: fate.header.dport, ...(fate.kind === 'local' ? { local: true } : {}) };
    }
  }
  return {
    node: p.node.name,
    outcome: outcome ?? 'delivered',
    ...(endpoint ? { endpoint } : {}),
    packets,
    conntrack: !options.skipConntrack && p.node.conntrack.entries.size ? printConntrackList(p.node.conntrack, p.nowMs).trimEnd().split('\n') : [],
    rulesEvaluated,
  };
}

/** One connection through the imported node. Throws TraceRequestError for a request it cannot read. */
export function traceDump(dump: ImportedDump, setup: NodeSetup, request: DumpTraceRequest): DumpTrace {
  const r = resolveRequest(setup, request);
  return runDumpConnection(prepareNode(dump, setup, request.seed ?? 1), dump, setup, r);
}

export { lookup };
