/**
 * An nftables ruleset as one data plane of a node (nf_tables_register_hook: every base chain hooks in at
 * its hook and priority). `type filter` chains run for every packet; `type nat` chains are `nat` entries,
 * asked by the node's nf_nat stage only for a connection's first packet, their `dnat to` / `snat to` /
 * `masquerade` turned into the range conntrack binds (as the iptables nat table's targets are).
 * Dynamic sets, counters and numgen counters live in the plane's runtime and persist between packets.
 */
import type { NatRange } from '../conntrack/nat';
import { evaluateChain, type ChainResult, type EvalStep, type NatStatement } from '../nftables/evaluate';
import { tableRef, type NftChain, type NftHook, type NftRule, type NftRuleset, type NftTable, type RejectWith } from '../nftables/model';
import { ruleText } from '../nftables/print-rule';
import { createRuntime, type NftRuntime } from '../nftables/runtime';
import { headerView, type Hook } from '../packet';
import type { DataPlane, HookEntry, HookResult, NatChoice } from './data-plane';
import { ruleHop, type Hop, type NftTableRef, type RuleHop } from './hops';
import type { StopOutcome } from './model';
import { ctstateOf, type NodeTraversal } from './state';

const HOOKS: Readonly<Record<NftHook, Hook>> = { prerouting: 'PREROUTING', input: 'INPUT', forward: 'FORWARD', output: 'OUTPUT', postrouting: 'POSTROUTING' };

/** The plane and what it keeps between packets (to print counters and dynamic sets as `nft list ruleset` would). */
export interface NftablesPlane extends DataPlane {
  readonly ruleset: NftRuleset;
  readonly runtime: NftRuntime;
}

/** iptables' names for nft's reject types, which the node's REJECT handling (sim/reject.ts) answers with. */
export function rejectWithName(w: RejectWith): string {
  if (w.kind === 'tcp-reset') return 'tcp-reset';
  return w.code === 'prot-unreachable' ? 'icmp-proto-unreachable' : `icmp-${w.code}`;
}

export function nftablesPlane(ruleset: NftRuleset, runtime: NftRuntime = createRuntime()): NftablesPlane {
  const entries: HookEntry[] = [];
  for (const table of ruleset.tables) {
    // An ip6 table's base chains hook into IPv6's netfilter: the lab's IPv4 packets never reach them.
    if (table.family === 'ip6') continue;
    for (const chain of table.chains) {
      const base = chain.base;
      if (!base) continue;
      entries.push({
        hook: HOOKS[base.hook],
        priority: base.priority,
        type: base.type === 'nat' ? 'nat' : 'filter',
        name: `nft ${tableRef(table)} ${chain.name}`,
        run: (t, hook) => runBaseChain(table, chain, runtime, t, hook),
      });
    }
  }
  return { name: 'nftables', entries, ruleset, runtime };
}

const NO_HOPS: readonly Hop[] = [];

function runBaseChain(table: NftTable, chain: NftChain, runtime: NftRuntime, t: NodeTraversal, hook: Hook): HookResult {
  const entry = t.entry;
  const result = evaluateChain(
    chain,
    {
      table,
      runtime,
      packet: t.packet,
      ctstate: t.untracked ? 'UNTRACKED' : ctstateOf(t),
      ctstatus: entry?.status,
      ctmark: entry?.mark,
      localAddresses: t.node.localAddresses,
      nowMs: t.clock.nowMs,
      random32: t.clock.random32,
      record: t.record,
    },
    cachedRuleText,
  );
  const ref = tableRef(table);
  const hops = t.record || result.verdict.kind !== 'accept' ? stepHops(t, hook, ref, result.steps) : NO_HOPS;
  const last = [...hops].reverse().find((h): h is RuleHop => h.kind === 'rule');
  const stop = stopOf(result, hook, ref, last);
  const nat = result.nat ? natChoice(result.nat, t, last) : undefined;
  return {
    hops,
    evaluated: result.evaluated,
    mark: result.mark,
    ...(result.ctmark !== undefined ? { ctmark: result.ctmark } : {}),
    notrack: result.notrack,
    ...(stop ? { stop } : {}),
    ...(nat ? { nat } : {}),
  };
}

function stopOf(result: ChainResult, hook: Hook, table: NftTableRef, last: RuleHop | undefined): StopOutcome | undefined {
  const v = result.verdict;
  if (v.kind === 'accept') return undefined;
  const hop = last!;
  return v.kind === 'drop' ? { kind: 'dropped', hook, table, hop, byPolicy: v.byPolicy } : { kind: 'rejected', hook, table, hop, rejectWith: rejectWithName(v.with) };
}

/** The binding a NAT statement asks for; masquerade takes the address the route leaves from. */
function natChoice(s: NatStatement, t: NodeTraversal, hop: RuleHop | undefined): NatChoice {
  const withHop = hop ? { hop } : {};
  if (s.kind === 'masquerade') {
    const source = t.route?.kind === 'unicast' ? t.route.source : undefined;
    const range: NatRange | undefined =
      source === undefined ? undefined : { minIp: source, random: s.flags.includes('random'), randomFully: s.flags.includes('fully-random'), persistent: s.flags.includes('persistent') };
    return { manip: 'SRC', range, ...withHop };
  }
  const range: NatRange = { minIp: s.address as NatRange['minIp'], maxIp: s.address as NatRange['minIp'], ...(s.port !== undefined ? { minPort: s.port, maxPort: s.port } : {}), random: false, persistent: false };
  return { manip: s.kind === 'dnat' ? 'DST' : 'SRC', range, ...withHop };
}

function stepHops(t: NodeTraversal, hook: Hook, table: NftTableRef, steps: readonly EvalStep[]): Hop[] {
  const ctstate = ctstateOf(t);
  const base = headerView(t.packet);
  return steps.map((s): Hop => {
    switch (s.kind) {
      case 'rule':
        return ruleHop({ node: t.node.name, hook, table, ctstate }, base, s, s.rule);
      case 'policy':
        return ruleHop({ node: t.node.name, hook, table, ctstate }, base, { chain: s.chain, ruleIndex: -1, matched: true, target: s.policy, markBefore: s.mark, markAfter: s.mark, notes: [] }, `policy ${s.policy}`);
      case 'lookup':
        return {
          kind: 'map-lookup',
          node: t.node.name,
          hook,
          table,
          chain: s.chain,
          ruleIndex: s.ruleIndex,
          map: s.map,
          key: s.key,
          ...(s.verdict !== undefined ? { verdict: s.verdict } : {}),
          text: `${s.map}: ${s.key} → ${s.verdict ?? 'no element'}`,
          packet: base,
          ctstate,
        };
    }
  });
}

/** Rule text is printed once per rule, not once per packet. */
const ruleTexts = new WeakMap<NftRule, string>();
function cachedRuleText(rule: NftRule): string {
  let text = ruleTexts.get(rule);
  if (text === undefined) {
    text = ruleText(rule);
    ruleTexts.set(rule, text);
  }
  return text;
}
