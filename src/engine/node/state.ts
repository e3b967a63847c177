/**
 * One packet crossing one node, as one explicit record: the packet as it is now, conntrack's verdict,
 * the route, and the hops recorded so far. The node's stages (conntrack-stages.ts, traverse.ts) and
 * the data planes' hook functions read and advance it; nothing else holds traversal state.
 */
import type { Classification } from '../conntrack/classify';
import type { ConntrackEntry } from '../conntrack/model';
import type { CtState, TrackedPacket } from '../packet';
import type { Hop, IpvsHop, RouteDecision } from './hops';
import type { Arrival, LinuxNode, Traversal, TraversalClock, TraversalOptions, TraversalOutcome } from './model';

export interface NodeTraversal {
  readonly node: LinuxNode;
  readonly clock: TraversalClock;
  /**
   * Record every hop; when false only the hop that stops a packet is made. Stages build a hop only when
   * recording (`if (t.record) t.hops.push(…)`): a spread crosses millions of stages and prints no entry.
   */
  readonly record: boolean;
  readonly answering: TraversalOptions['answering'];
  readonly hops: Hop[];
  rulesEvaluated: number;
  /** The packet as it is now: marks, translations and interfaces applied so far. */
  packet: TrackedPacket;
  /** Conntrack's verdict, from the conntrack stage on. */
  classification: Classification | undefined;
  entry: ConntrackEntry | undefined;
  /** The raw table (or an nft chain at raw priority) asked conntrack to leave the packet alone. */
  untracked: boolean;
  confirmed: boolean;
  route: RouteDecision | undefined;
  /** A data plane took the packet and sent it again from LOCAL_OUT (IPVS: skb->ipvs_property, which IPVS then leaves alone). */
  resent: boolean;
}

export function startTraversal(node: LinuxNode, packet: TrackedPacket, arrival: Arrival, clock: TraversalClock, options: TraversalOptions): NodeTraversal {
  return {
    node,
    clock,
    record: options.recordHops ?? true,
    answering: options.answering,
    hops: [],
    rulesEvaluated: 0,
    packet: arrival.from === 'network' ? { ...packet, inInterface: arrival.interface } : packet,
    classification: undefined,
    entry: undefined,
    untracked: false,
    confirmed: false,
    route: undefined,
    resent: false,
  };
}

/** Before conntrack's stage (the raw table) the packet has no conntrack yet, which `--ctstate` reads as INVALID. */
export const ctstateOf = (t: NodeTraversal): CtState => t.classification?.ctstate ?? 'INVALID';

function ipvsOf(hops: readonly Hop[]): { ipvs?: IpvsHop[] } {
  const ipvs = hops.filter((h): h is IpvsHop => h.kind === 'ipvs');
  return ipvs.length > 0 ? { ipvs } : {};
}

export function finish(t: NodeTraversal, outcome: TraversalOutcome): Traversal {
  return { hops: t.hops, outcome, ...(t.classification ? { classification: t.classification } : {}), rulesEvaluated: t.rulesEvaluated, ...ipvsOf(t.hops) };
}
