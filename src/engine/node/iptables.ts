/**
 * The iptables tables as one data plane of a node (x_tables' ipt_register_table: each table hooks its
 * built-in chains at its priority). Each entry walks one table's chain for the hook (netfilter/walk.ts)
 * and turns the walk into hops; the nat table is a `nat` entry, asked by the node's nf_nat stage only
 * for a connection's first packet, its DNAT/SNAT/MASQUERADE target turned into the range conntrack binds.
 */
import { ctstatesOf } from '../conntrack/classify';
import type { NatRange } from '../conntrack/nat';
import type { Ipv4 } from '../ipv4';
import { evaluateMatches } from '../netfilter/matches';
import type { IpSet, MatchContext, RecentTables } from '../netfilter/match-context';
import { BUILTIN_CHAINS, TABLE_NAMES, type Rule, type Ruleset, type TableName } from '../netfilter/model';
import { ruleText } from '../netfilter/print-rule';
import { walkTable, type NatDecision, type WalkResult, type WalkStep } from '../netfilter/walk';
import { headerView, type ConntrackStateName, type Hook, type TrackedPacket } from '../packet';
import { UNCHANGED, type DataPlane, type HookEntry, type HookResult, type NatChoice } from './data-plane';
import { PRIORITY } from './hook-stages';
import { ruleHop, type RuleHop } from './hops';
import type { StopOutcome } from './model';
import { ctstateOf, type NodeTraversal } from './state';

/** What iptables keeps on one node between packets. Counters live in the ruleset's rules. */
export interface XtablesState {
  readonly ruleset: Ruleset;
  /** Addresses the node owns (`-m addrtype --dst-type LOCAL`). */
  readonly localAddresses: ReadonlySet<Ipv4>;
  readonly recent: RecentTables;
  readonly nthCounters: Map<object, number>;
  readonly nfacct: Map<string, { packets: number; bytes: number }>;
  readonly ipsets: ReadonlyMap<string, IpSet>;
  /** @default 'assume-match' (see MatchContext.unknownMatches) */
  readonly unknownMatches?: MatchContext['unknownMatches'];
}

/** Each table's priority (enum nf_ip_hook_priorities); nat's depends on the hook's manip type. */
function priorityOf(table: TableName, hook: Hook): number {
  switch (table) {
    case 'raw':
      return PRIORITY.raw;
    case 'mangle':
      return PRIORITY.mangle;
    case 'nat':
      return hook === 'PREROUTING' || hook === 'OUTPUT' ? PRIORITY.natDst : PRIORITY.natSrc;
    case 'filter':
      return PRIORITY.filter;
    case 'security':
      return PRIORITY.security;
  }
}

/** The iptables tables of `state` as hook entries: every table at every hook it has a built-in chain for. */
export function iptablesPlane(state: XtablesState): DataPlane {
  const entries: HookEntry[] = [];
  for (const table of TABLE_NAMES) {
    for (const hook of BUILTIN_CHAINS[table]) {
      entries.push({ hook, priority: priorityOf(table, hook), type: table === 'nat' ? 'nat' : 'filter', name: table, run: (t, h) => walkAt(state, table, t, h) });
    }
  }
  return { name: 'iptables', entries };
}

const NO_CONNTRACK: ReadonlySet<ConntrackStateName> = new Set(['INVALID']);
const NO_HOPS: readonly RuleHop[] = [];

function matchContext(state: XtablesState, t: NodeTraversal): MatchContext & { ctmark: number } {
  return {
    ctstates: t.classification ? ctstatesOf(t.classification) : NO_CONNTRACK,
    ctmark: t.entry?.mark ?? 0,
    localAddresses: state.localAddresses,
    nowMs: t.clock.nowMs,
    random32: t.clock.random32,
    recent: state.recent,
    nthCounters: state.nthCounters,
    nfacct: state.nfacct,
    ipsets: state.ipsets,
    ...(state.unknownMatches ? { unknownMatches: state.unknownMatches } : {}),
  };
}

/** Walks `table`'s chain at `hook` for the packet as it is now. */
function walkAt(state: XtablesState, table: TableName, t: NodeTraversal, hook: Hook): HookResult {
  if (!state.ruleset.tables.has(table)) return UNCHANGED;
  const result = walkTable(state.ruleset, table, hook, t.packet, matchContext(state, t), evaluateMatches, t.record);
  // Unrecorded (spreads), only a walk that stops the packet needs its last step as a hop.
  const hops = t.record || result.verdict.kind !== 'ACCEPT' ? ruleHops(t, hook, result.steps) : NO_HOPS;
  const last = hops[hops.length - 1];
  const stop = stopOf(result, hook, table, last);
  const nat = result.nat ? natChoice(result.nat, t, last) : undefined;
  return { hops, evaluated: result.evaluated, mark: result.mark, ctmark: result.ctmark, notrack: result.notrack, ...(stop ? { stop } : {}), ...(nat ? { nat } : {}) };
}

/** The binding a nat table's target asks for; MASQUERADE takes the address the route leaves from. */
function natChoice(decision: NatDecision, t: NodeTraversal, hop: RuleHop | undefined): NatChoice {
  const masqueradeSource = t.route?.kind === 'unicast' ? t.route.source : undefined;
  return { manip: decision.kind === 'DNAT' ? 'DST' : 'SRC', range: bindingRange(decision, t.packet, masqueradeSource), ...(hop ? { hop } : {}) };
}

function stopOf(result: WalkResult, hook: Hook, table: TableName, last: RuleHop | undefined): StopOutcome | undefined {
  const v = result.verdict;
  if (v.kind === 'ACCEPT') return undefined;
  // A walk that stops the packet keeps its last step even when it records nothing else.
  const hop = last!;
  switch (v.kind) {
    case 'DROP':
      return { kind: 'dropped', hook, table, hop, byPolicy: v.byPolicy };
    case 'REJECT':
      return { kind: 'rejected', hook, table, hop, rejectWith: v.rejectWith };
    case 'UNKNOWN':
      return { kind: 'stopped', hook, table, hop, target: v.target };
  }
}

function ruleHops(t: NodeTraversal, hook: Hook, steps: readonly WalkStep[]): RuleHop[] {
  const ctstate = ctstateOf(t);
  const header = headerView(t.packet);
  return steps.map((s) => ruleHop({ node: t.node.name, hook, table: s.table, ctstate }, header, s, s.rule ? cachedRuleText(s.chain, s.rule) : (s.target ?? 'policy ACCEPT')));
}

/** Rule text is printed once per rule, not once per packet: rules never change while loaded. */
const ruleTexts = new WeakMap<Rule, string>();
function cachedRuleText(chain: string, rule: Rule): string {
  let text = ruleTexts.get(rule);
  if (text === undefined) {
    text = ruleText(chain, rule);
    ruleTexts.set(rule, text);
  }
  return text;
}

/** A DNAT/SNAT/MASQUERADE target's range as conntrack's binding takes it (struct nf_nat_range2). */
function bindingRange(decision: NatDecision, packet: TrackedPacket, masqueradeSource: Ipv4 | undefined): NatRange | undefined {
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
