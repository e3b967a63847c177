/**
 * One packet through one node's netfilter, stage by stage in the kernel's order (hooks.ts): the raw
 * table, conntrack, mangle, the nat table (walked for a connection's first packet only; every later
 * packet and every reply is translated from the conntrack entry), the routing decision, filter,
 * security, the SRC nat stage and the confirm. Every rule the kernel evaluates becomes a hop, so the UI
 * and the CLI can show how far the kernel read, and a test can see that the second packet of a
 * connection never enters the nat table.
 *
 * This module knows netfilter and conntrack, not Kubernetes: where a packet may go is asked of the
 * node's `route` function, which the simulation builds from the cluster's topology.
 */
import { classify, ctstatesOf, type Classification, type ClassifyOptions } from '../conntrack/classify';
import type { ConntrackEntry, ConntrackTable } from '../conntrack/model';
import { isConfirmed } from '../conntrack/model';
import { applyDnat, applySnat, ensureNatBinding, hookManip, needsNatLookup, type NatRange as BindingRange } from '../conntrack/nat';
import { printConntrackEntry } from '../conntrack/print';
import { confirm } from '../conntrack/table';
import { translate } from '../conntrack/translate';
import { HOOK_STAGES } from './hooks';
import { evaluateMatches } from './matches';
import type { Ruleset, TableName } from './model';
import type { IpSet, MatchContext, RecentTables } from './match-context';
import { ruleText } from './print-rule';
import { walkTable, type NatDecision, type WalkStep } from './walk';
import type { CtState, TrackedPacket, Hook } from '../packet';
import type { Ipv4 } from '../ipv4';

/** Where the kernel's route lookup sends a destination. */
export type RouteDecision =
  | { readonly kind: 'local' }
  /** Out of `device`, to `via` (or directly); `source` is the address the kernel picks on that device (MASQUERADE uses it). */
  | { readonly kind: 'unicast'; readonly device: string; readonly via?: Ipv4; readonly source: Ipv4 };

/** Everything netfilter keeps on one node between packets. Counters live in the ruleset's rules. */
export interface NetfilterNode {
  readonly name: string;
  readonly ruleset: Ruleset;
  readonly conntrack: ConntrackTable;
  /** Addresses the node owns (`-m addrtype --dst-type LOCAL`). */
  readonly localAddresses: ReadonlySet<Ipv4>;
  readonly recent: RecentTables;
  readonly nthCounters: Map<object, number>;
  readonly nfacct: Map<string, { packets: number; bytes: number }>;
  readonly ipsets: ReadonlyMap<string, IpSet>;
  /** The node's route lookup (`ip route get`). Undefined: no route to the destination. */
  readonly route: (destination: Ipv4) => RouteDecision | undefined;
}

/** The header fields a hop shows before and after. */
export interface HeaderView {
  readonly src: Ipv4;
  readonly sport: number;
  readonly dst: Ipv4;
  readonly dport: number;
  readonly mark: number;
}

/** One rule (or policy) evaluated, with the hook and what the packet looked like around it. */
export interface RuleHop {
  readonly kind: 'rule';
  readonly node: string;
  readonly hook: Hook;
  readonly table: TableName;
  readonly chain: string;
  /** 0-based index in the chain; -1 for a built-in chain's policy. */
  readonly ruleIndex: number;
  /** The rule's `-A` text, or `policy ACCEPT` / `policy DROP`. */
  readonly rule: string;
  readonly matched: boolean;
  readonly target?: string;
  readonly before: HeaderView;
  readonly after: HeaderView;
  readonly ctstate: CtState;
  readonly notes: readonly string[];
}

/** Things that happen between rules: conntrack's lookup, a translation taken from the entry, routing, confirm. */
export type StageHop =
  | {
      readonly kind: 'conntrack';
      readonly node: string;
      readonly hook: Hook;
      readonly ctstate: CtState;
      readonly direction: 'original' | 'reply';
      readonly isNew: boolean;
      readonly entryId?: number;
      /** The entry as `conntrack -L` would print it right after this lookup (a new one is not listed until confirmed). */
      readonly entryLine?: string;
    }
  /** The nat table was not walked: the connection's binding rewrote (or kept) the packet — a conntrack hit. */
  | {
      readonly kind: 'nat-from-entry';
      readonly node: string;
      readonly hook: Hook;
      readonly manip: 'SRC' | 'DST';
      /** Replies are translated back: the DST hook undoes SNAT, the SRC hook undoes DNAT. */
      readonly direction: 'original' | 'reply';
      readonly before: HeaderView;
      readonly after: HeaderView;
      readonly ctstate: CtState;
    }
  | { readonly kind: 'routing'; readonly node: string; readonly hook: Hook; readonly decision: RouteDecision | undefined; readonly destination: Ipv4 }
  | {
      readonly kind: 'confirm';
      readonly node: string;
      readonly hook: Hook;
      readonly entryId: number;
      readonly ok: boolean;
      /** The entry's `conntrack -L` line as it enters the table. */
      readonly entryLine?: string;
    };

export type Hop = RuleHop | StageHop;

/** Where the packet came from when it reached this node. */
export type Arrival =
  /** On the wire or a veth, through `interface`. */
  | { readonly from: 'network'; readonly interface: string }
  /** Sent by a process on this node. */
  | { readonly from: 'local' };

export type TraversalOutcome =
  /** Accepted at INPUT: a local socket gets it. */
  | { readonly kind: 'local'; readonly packet: TrackedPacket }
  /** Left the node through `route.device`. */
  | { readonly kind: 'sent'; readonly packet: TrackedPacket; readonly route: Extract<RouteDecision, { kind: 'unicast' }> }
  | { readonly kind: 'dropped'; readonly hook: Hook; readonly table: TableName; readonly hop: RuleHop; readonly byPolicy: boolean }
  | { readonly kind: 'rejected'; readonly hook: Hook; readonly table: TableName; readonly hop: RuleHop; readonly rejectWith: string }
  /** A target we do not simulate stopped evaluation. */
  | { readonly kind: 'stopped'; readonly hook: Hook; readonly table: TableName; readonly hop: RuleHop; readonly target: string }
  | { readonly kind: 'no-route'; readonly hook: Hook; readonly packet: TrackedPacket }
  /** Conntrack refused the packet at confirm (a clashing tuple) — the kernel drops it. */
  | { readonly kind: 'clash'; readonly hook: Hook; readonly packet: TrackedPacket };

export interface Traversal {
  readonly hops: readonly Hop[];
  readonly outcome: TraversalOutcome;
  /** What conntrack made of the packet; undefined only if it never reached the conntrack stage. */
  readonly classification?: Classification;
  /** How many rules (and policies) the kernel evaluated, one by one. */
  readonly rulesEvaluated: number;
}

export interface TraversalOptions {
  /** The node generated this packet in answer to another (REJECT's TCP reset): it is RELATED to that connection. */
  readonly answering?: ClassifyOptions['answering'];
  /** Record every rule evaluated as a hop. When false, only the hop that stopped a packet is kept (spreads). @default true */
  readonly recordHops?: boolean;
}

export interface TraversalClock {
  readonly nowMs: number;
  readonly random32: () => number;
}

/** Rule text is printed once per rule, not once per packet: rules never change while loaded. */
const ruleTexts = new WeakMap<object, string>();
function cachedRuleText(chain: string, rule: Parameters<typeof ruleText>[1]): string {
  let text = ruleTexts.get(rule);
  if (text === undefined) {
    text = ruleText(chain, rule);
    ruleTexts.set(rule, text);
  }
  return text;
}

const NO_CONNTRACK: ReadonlySet<'INVALID'> = new Set(['INVALID']);

const headerOf = (p: TrackedPacket): HeaderView => ({ src: p.src, sport: p.sport, dst: p.dst, dport: p.dport, mark: p.mark });

/** A DNAT/SNAT target's range as conntrack's binding takes it. */
function bindingRange(decision: NatDecision, packet: TrackedPacket, masqueradeSource: Ipv4 | undefined): BindingRange | undefined {
  switch (decision.kind) {
    case 'DNAT': {
      const t = decision.target;
      const minIp = t.to.minAddress ?? packet.dst;
      return {
        minIp,
        maxIp: t.to.maxAddress ?? minIp,
        ...(t.to.ports ? { minPort: t.to.ports.from, maxPort: t.to.ports.to } : {}),
        random: t.random === true,
        persistent: t.persistent === true,
      };
    }
    case 'SNAT': {
      const t = decision.target;
      const minIp = t.to.minAddress ?? packet.src;
      return {
        minIp,
        maxIp: t.to.maxAddress ?? minIp,
        ...(t.to.ports ? { minPort: t.to.ports.from, maxPort: t.to.ports.to } : {}),
        random: t.random === true,
        randomFully: t.randomFully === true,
        persistent: t.persistent === true,
      };
    }
    case 'MASQUERADE': {
      if (masqueradeSource === undefined) return undefined;
      const t = decision.target;
      return {
        minIp: masqueradeSource,
        ...(t.toPorts ? { minPort: t.toPorts.from, maxPort: t.toPorts.to } : {}),
        random: t.random === true,
        randomFully: t.randomFully === true,
      };
    }
  }
}

/**
 * Runs `packet` through `node`. Mutates what the kernel mutates: rule and policy counters, the conntrack
 * table, `-m recent` lists, nth counters, nfacct counters.
 */
export function traversePacket(
  node: NetfilterNode,
  packet: TrackedPacket,
  arrival: Arrival,
  clock: TraversalClock,
  options: TraversalOptions = {},
): Traversal {
  const hops: Hop[] = [];
  let rulesEvaluated = 0;
  let p: TrackedPacket = arrival.from === 'network' ? { ...packet, inInterface: arrival.interface } : packet;
  let classification: Classification | undefined;
  let entry: ConntrackEntry | undefined;
  let untracked = false;
  let confirmed = false;
  let route: RouteDecision | undefined;

  // Before conntrack's stage (the raw table) the packet has no conntrack yet, which `--ctstate` reads as INVALID.
  const ctstate = (): CtState => classification?.ctstate ?? 'INVALID';

  const matchContext = (): MatchContext & { ctmark: number } => ({
    ctstates: classification ? ctstatesOf(classification) : NO_CONNTRACK,
    ctmark: entry?.mark ?? 0,
    localAddresses: node.localAddresses,
    nowMs: clock.nowMs,
    random32: clock.random32,
    recent: node.recent,
    nthCounters: node.nthCounters,
    nfacct: node.nfacct,
    ipsets: node.ipsets,
  });

  const record = options.recordHops ?? true;
  const pushSteps = (hook: Hook, steps: readonly WalkStep[], before: TrackedPacket, evaluated: number): RuleHop[] => {
    const out: RuleHop[] = [];
    const state = ctstate();
    const base = headerOf(before);
    for (const s of steps) {
      const b = s.markBefore === base.mark ? base : { ...base, mark: s.markBefore };
      const hop: RuleHop = {
        kind: 'rule',
        node: node.name,
        hook,
        table: s.table,
        chain: s.chain,
        ruleIndex: s.ruleIndex,
        rule: s.rule ? cachedRuleText(s.chain, s.rule) : (s.target ?? 'policy ACCEPT'),
        matched: s.matched,
        ...(s.target !== undefined ? { target: s.target } : {}),
        before: b,
        after: s.markAfter === b.mark ? b : { ...b, mark: s.markAfter },
        ctstate: state,
        notes: s.notes,
      };
      out.push(hop);
      if (record) hops.push(hop);
    }
    rulesEvaluated += evaluated;
    return out;
  };

  /** Walks one table at one hook; returns a final outcome when the packet stops here. */
  const walk = (hook: Hook, table: TableName): { stop?: TraversalOutcome; nat?: NatDecision; ruleHops: RuleHop[] } => {
    if (!node.ruleset.tables.has(table)) return { ruleHops: [] };
    const ctx = matchContext();
    const before = p;
    const result = walkTable(node.ruleset, table, hook, p, ctx, evaluateMatches, record);
    // Unrecorded (spreads), only a walk that stops the packet needs its last step as a hop.
    let ruleHops: RuleHop[];
    if (record || result.verdict.kind !== 'ACCEPT') ruleHops = pushSteps(hook, result.steps, before, result.evaluated);
    else {
      ruleHops = [];
      rulesEvaluated += result.evaluated;
    }
    if (p.mark !== result.mark) p = { ...p, mark: result.mark };
    if (entry && entry.mark !== result.ctmark) entry.mark = result.ctmark;
    if (result.notrack) untracked = true;
    const last = ruleHops[ruleHops.length - 1]!;
    switch (result.verdict.kind) {
      case 'ACCEPT':
        return { ruleHops, ...(result.nat ? { nat: result.nat } : {}) };
      case 'DROP':
        return { ruleHops, stop: { kind: 'dropped', hook, table, hop: last, byPolicy: result.verdict.byPolicy } };
      case 'REJECT':
        return { ruleHops, stop: { kind: 'rejected', hook, table, hop: last, rejectWith: result.verdict.rejectWith } };
      case 'UNKNOWN':
        return { ruleHops, stop: { kind: 'stopped', hook, table, hop: last, target: result.verdict.target } };
    }
  };

  /** The nat stage of `hook`: a rule walk for a connection's first packet, else the entry's binding. */
  const natStage = (hook: Hook): TraversalOutcome | undefined => {
    const manip = hookManip(hook)!;
    if (!entry || !classification) {
      // Untracked and invalid packets are never NATed (the nat hooks need a conntrack).
      return undefined;
    }
    if (needsNatLookup(classification, hook) && !isConfirmed(entry)) {
      const { stop, nat, ruleHops } = walk(hook, 'nat');
      if (stop) return stop;
      const masqueradeSource = route?.kind === 'unicast' ? route.source : undefined;
      if (nat) {
        const range = bindingRange(nat, p, masqueradeSource);
        if (range) {
          if (manip === 'DST' && nat.kind === 'DNAT') applyDnat(node.conntrack, entry, range, clock.random32, clock.nowMs);
          else if (manip === 'SRC' && nat.kind !== 'DNAT') applySnat(node.conntrack, entry, range, clock.random32, clock.nowMs);
        }
      }
      ensureNatBinding(node.conntrack, entry, hook, clock.random32, clock.nowMs);
      const before = p;
      p = translate(entry, p, classification.direction, hook);
      // The target's hop shows the packet as the binding rewrote it.
      const natHop = ruleHops[ruleHops.length - 1];
      if (natHop && natHop.matched && nat && (p.src !== before.src || p.dst !== before.dst || p.sport !== before.sport || p.dport !== before.dport)) {
        const index = hops.lastIndexOf(natHop);
        if (index >= 0) hops[index] = { ...natHop, after: { ...headerOf(p), mark: natHop.after.mark } };
      }
      return undefined;
    }
    const before = p;
    p = translate(entry, p, classification.direction, hook);
    if (record) hops.push({ kind: 'nat-from-entry', node: node.name, hook, manip, direction: classification.direction, before: headerOf(before), after: headerOf(p), ctstate: ctstate() });
    return undefined;
  };

  const conntrackStage = (hook: Hook): void => {
    if (classification) return;
    classification = classify(node.conntrack, p, clock.nowMs, { untracked, ...(options.answering ? { answering: options.answering } : {}) });
    entry = classification.entry;
    if (record) hops.push({
      kind: 'conntrack',
      node: node.name,
      hook,
      ctstate: classification.ctstate,
      direction: classification.direction,
      isNew: classification.isNew,
      ...(entry ? { entryId: entry.id, entryLine: printConntrackEntry(entry, clock.nowMs) } : {}),
    });
  };

  const confirmStage = (hook: Hook): TraversalOutcome | undefined => {
    if (!entry || !classification?.isNew || confirmed || isConfirmed(entry)) return undefined;
    const result = confirm(node.conntrack, entry, clock.nowMs);
    confirmed = true;
    if (record) {
      hops.push({ kind: 'confirm', node: node.name, hook, entryId: entry.id, ok: result.ok, ...(result.ok ? { entryLine: printConntrackEntry(entry, clock.nowMs) } : {}) });
    }
    return result.ok ? undefined : { kind: 'clash', hook, packet: p };
  };

  /** Runs every stage of one hook; returns an outcome if the packet stops. */
  const runHook = (hook: Hook, skipConntrack: boolean): TraversalOutcome | undefined => {
    for (const stage of HOOK_STAGES[hook]) {
      if (stage.kind === 'conntrack') {
        if (!skipConntrack) conntrackStage(hook);
        continue;
      }
      if (stage.kind === 'confirm') {
        const stop = confirmStage(hook);
        if (stop) return stop;
        continue;
      }
      if (stage.table === 'nat') {
        const stop = natStage(hook);
        if (stop) return stop;
        continue;
      }
      const { stop } = walk(hook, stage.table);
      if (stop) return stop;
    }
    return undefined;
  };

  const decideRoute = (hook: Hook): RouteDecision | undefined => {
    const decision = node.route(p.dst);
    if (record) hops.push({ kind: 'routing', node: node.name, hook, decision, destination: p.dst });
    return decision;
  };

  const finish = (outcome: TraversalOutcome): Traversal => ({
    hops,
    outcome,
    ...(classification ? { classification } : {}),
    rulesEvaluated,
  });

  /** INPUT, then the local socket. */
  const deliverLocally = (): Traversal => {
    const stop = runHook('INPUT', true);
    return finish(stop ?? { kind: 'local', packet: p });
  };

  if (arrival.from === 'network') {
    const stop = runHook('PREROUTING', false);
    if (stop) return finish(stop);
    route = decideRoute('PREROUTING');
    if (!route) return finish({ kind: 'no-route', hook: 'PREROUTING', packet: p });
    if (route.kind === 'local') return deliverLocally();
    p = { ...p, outInterface: route.device };
    const forward = runHook('FORWARD', true);
    if (forward) return finish(forward);
    const post = runHook('POSTROUTING', true);
    if (post) return finish(post);
    return finish({ kind: 'sent', packet: p, route });
  }

  // Locally generated: the route is chosen before OUTPUT (it sets the out interface), and chosen again
  // after it when the nat table changed the destination (ip_route_me_harder).
  route = node.route(p.dst);
  if (!route) {
    if (record) hops.push({ kind: 'routing', node: node.name, hook: 'OUTPUT', decision: undefined, destination: p.dst });
    return finish({ kind: 'no-route', hook: 'OUTPUT', packet: p });
  }
  p = { ...p, outInterface: route.kind === 'local' ? 'lo' : route.device };
  const originalDst = p.dst;
  const out = runHook('OUTPUT', false);
  if (out) return finish(out);
  if (p.dst !== originalDst) route = node.route(p.dst);
  if (record) hops.push({ kind: 'routing', node: node.name, hook: 'OUTPUT', decision: route, destination: p.dst });
  if (!route) return finish({ kind: 'no-route', hook: 'OUTPUT', packet: p });
  p = { ...p, outInterface: route.kind === 'local' ? 'lo' : route.device };
  const post = runHook('POSTROUTING', true);
  if (post) return finish(post);
  if (route.kind === 'unicast') return finish({ kind: 'sent', packet: p, route });
  // A packet for this node itself loops back over lo: PREROUTING (conntrack already attached) → INPUT.
  const { outInterface: _, ...looped } = p;
  p = { ...looped, inInterface: 'lo' };
  const pre = runHook('PREROUTING', true);
  if (pre) return finish(pre);
  return deliverLocally();
}
