/**
 * Where a connection's first packet was DNATed and which structure of the node chose the endpoint, read
 * from the trace's hops and the structures the node holds (the iptables chains, the nftables table, the
 * IPVS virtual servers) — never from printed text:
 * - iptables: the KUBE-SVC-/KUBE-SVL- chain whose rule jumped to the DNAT's chain; every rule of it that
 *   jumps to a chain with a DNAT is a candidate, with its `statistic --probability` (proxier.go
 *   writeServiceToEndpointRules: 1/n, 1/(n-1), …, the last unconditional);
 * - nftables: the `numgen random mod N vmap { … }` lookup whose element sent the packet to the DNAT's chain;
 * - IPVS: the virtual server the packet's destination named, its scheduler and real servers.
 */
import { formatIpv4, type Ipv4 } from '../ipv4';
import { findService } from '../ipvs/runtime';
import type { IpvsScheduler } from '../ipvs/model';
import type { Chain, Ruleset, TableName } from '../netfilter/model';
import type { NftChain, NftRuleset, NftTable, Statement } from '../nftables/model';
import { tableRef } from '../nftables/model';
import { iptablesTableOf, type IpvsHop, type MapLookupHop, type RuleHop, type RuleTable } from '../node/hops';
import type { Hook, HeaderView, L4Protocol } from '../packet';
import type { JourneyHop } from './carry';
import type { SimNetwork } from './network';

/** One endpoint the structure could have chosen: `ip:port`, and for a probability cascade the chance its rule takes a packet reaching it. */
export interface Candidate {
  readonly endpoint: string;
  readonly probability?: number;
}

/** Where the destination was rewritten to the endpoint; `from` is the Service address it had (`ip:port`), `to` the endpoint's. */
export type DnatSite =
  /** A NAT rule (iptables `-j DNAT`, nftables `dnat to`) bound the connection. */
  | { readonly kind: 'rule'; readonly node: string; readonly hook: Hook; readonly table: RuleTable; readonly chain: string; readonly ruleIndex: number; readonly from: string; readonly to: string }
  /** IPVS rewrote it at LOCAL_IN (after filter INPUT) or LOCAL_OUT (after nat OUTPUT). */
  | { readonly kind: 'ipvs'; readonly node: string; readonly hook: Hook; readonly stage: 'LOCAL_IN' | 'LOCAL_OUT'; readonly virtualServer: string; readonly from: string; readonly to: string };

/** The structure that picked the endpoint. */
export type EndpointChooser =
  /** iptables: `-m statistic --mode random --probability p` rules tried one by one, the last without a match. */
  | {
      readonly kind: 'statistic';
      readonly node: string;
      readonly table: TableName;
      readonly chain: string;
      /** 1-based position of the rule that matched among the candidates' rules. */
      readonly matched: number;
      readonly candidates: readonly Candidate[];
      /** The rule that matched checks `recent` (sessionAffinity ClientIP): an earlier connection chose. */
      readonly affinity: boolean;
    }
  /** nftables: one `numgen random mod N` value looked up in an anonymous verdict map. */
  | { readonly kind: 'numgen'; readonly node: string; readonly chain: string; readonly ruleIndex: number; readonly modulus: number; readonly value: string; readonly candidates: readonly Candidate[] }
  /** IPVS: the virtual server's scheduler (or its persistence template) picked a real server. */
  | { readonly kind: 'scheduler'; readonly node: string; readonly scheduler: IpvsScheduler; readonly virtualServer: string; readonly persistent: boolean; readonly candidates: readonly Candidate[] };

const endpointOf = (ip: Ipv4, port: number): string => `${formatIpv4(ip)}:${port}`;
const movedDst = (before: HeaderView, after: HeaderView): boolean => before.dst !== after.dst || before.dport !== after.dport;

/** The first hop that rewrote the destination to an endpoint: a NAT rule or IPVS choosing a real server. */
export function dnatSite(hops: readonly JourneyHop[]): DnatSite | undefined {
  for (const h of hops) {
    if (h.kind === 'rule' && h.matched && movedDst(h.before, h.after)) {
      return { kind: 'rule', node: h.node, hook: h.hook, table: h.table, chain: h.chain, ruleIndex: h.ruleIndex, from: endpointOf(h.before.dst, h.before.dport), to: endpointOf(h.after.dst, h.after.dport) };
    }
    if (h.kind === 'ipvs' && (h.action === 'schedule' || h.action === 'connection')) {
      return { kind: 'ipvs', node: h.node, hook: h.hook, stage: h.hook === 'OUTPUT' ? 'LOCAL_OUT' : 'LOCAL_IN', virtualServer: h.virtualServer, from: endpointOf(h.before.dst, h.before.dport), to: endpointOf(h.after.dst, h.after.dport) };
    }
  }
  return undefined;
}

/** The structure that chose the endpoint the DNAT rewrote to, or undefined when no DNAT happened. */
export function endpointChooser(network: SimNetwork, hops: readonly JourneyHop[], site: DnatSite | undefined, protocol: L4Protocol): EndpointChooser | undefined {
  if (!site) return undefined;
  if (site.kind === 'ipvs') return schedulerChooser(network, hops, site, protocol);
  const table = iptablesTableOf(site.table);
  return table ? statisticChooser(network, hops, site, table) : numgenChooser(network, hops, site);
}

/** The chain a DNAT rule lives in is the endpoint's chain; the rule that jumped there chose it. */
function statisticChooser(network: SimNetwork, hops: readonly JourneyHop[], site: Extract<DnatSite, { kind: 'rule' }>, table: TableName): EndpointChooser | undefined {
  const ruleset = network.nodes.get(site.node)?.ruleset;
  const jump = hops.find((h): h is RuleHop => h.kind === 'rule' && h.node === site.node && h.table === site.table && h.matched && h.target === site.chain);
  if (!ruleset || !jump) return undefined;
  const chain = ruleset.tables.get(table)?.chains.get(jump.chain);
  if (!chain) return undefined;
  const candidates: Candidate[] = [];
  let matched = 0;
  let affinityTo: string | undefined;
  chain.rules.forEach((rule, i) => {
    if (rule.target.kind !== 'jump' && rule.target.kind !== 'goto') return;
    const to = dnatTarget(ruleset, table, rule.target.chain);
    if (to === undefined) return;
    const statistic = rule.matches.find((m) => m.kind === 'statistic' && m.mode === 'random');
    const isAffinity = rule.matches.some((m) => m.kind === 'recent' && m.command === 'rcheck');
    // Affinity rules come first and name the same endpoints again: the cascade is the statistic rules and the last one.
    if (isAffinity) {
      if (i === jump.ruleIndex) affinityTo = to;
      return;
    }
    candidates.push({ endpoint: to, probability: statistic && statistic.kind === 'statistic' && statistic.mode === 'random' ? statistic.probabilityU32 / 2 ** 31 : 1 });
    if (i === jump.ruleIndex) matched = candidates.length;
  });
  if (affinityTo !== undefined) matched = candidates.findIndex((c) => c.endpoint === affinityTo) + 1;
  return { kind: 'statistic', node: site.node, table, chain: jump.chain, matched, candidates, affinity: affinityTo !== undefined };
}

/** The `ip:port` a chain DNATs to (a KUBE-SEP chain), if it has a DNAT rule. */
function dnatTarget(ruleset: Ruleset, table: TableName, chainName: string): string | undefined {
  const chain: Chain | undefined = ruleset.tables.get(table)?.chains.get(chainName);
  const dnat = chain?.rules.find((r) => r.target.kind === 'DNAT')?.target;
  if (dnat?.kind !== 'DNAT' || dnat.to.minAddress === undefined) return undefined;
  return dnat.to.ports ? endpointOf(dnat.to.minAddress, dnat.to.ports.from) : formatIpv4(dnat.to.minAddress);
}

function nftTableOf(network: SimNetwork, node: string, ref: RuleTable): { ruleset: NftRuleset; table: NftTable } | undefined {
  const ruleset = network.nodes.get(node)?.dataPlanes.nftables?.plane.ruleset;
  const table = ruleset?.tables.find((t) => tableRef(t) === ref);
  return ruleset && table ? { ruleset, table } : undefined;
}

/** The `ip:port` an nftables chain DNATs to (an endpoint-… chain). */
function nftDnatTarget(table: NftTable, chainName: string): string | undefined {
  const chain: NftChain | undefined = table.chains.find((c) => c.name === chainName);
  for (const rule of chain?.rules ?? []) {
    const s = rule.statements.find((x): x is Extract<Statement, { kind: 'dnat' | 'snat' }> => x.kind === 'dnat');
    if (s) return s.port === undefined ? formatIpv4(s.address as Ipv4) : endpointOf(s.address as Ipv4, s.port);
  }
  return undefined;
}

function numgenChooser(network: SimNetwork, hops: readonly JourneyHop[], site: Extract<DnatSite, { kind: 'rule' }>): EndpointChooser | undefined {
  const found = nftTableOf(network, site.node, site.table);
  if (!found) return undefined;
  const target = `goto ${site.chain}`;
  const lookup = hops.find((h): h is MapLookupHop => h.kind === 'map-lookup' && h.node === site.node && h.table === site.table && h.verdict === target);
  if (!lookup) return undefined;
  const rule = found.table.chains.find((c) => c.name === lookup.chain)?.rules[lookup.ruleIndex];
  const vmap = rule?.statements.find((s): s is Extract<Statement, { kind: 'vmap' }> => s.kind === 'vmap');
  if (!vmap || vmap.key.kind !== 'numgen' || vmap.map.kind !== 'anonymous') return undefined;
  const candidates: Candidate[] = [];
  for (const e of vmap.map.elements) {
    if (e.verdict.kind !== 'goto' && e.verdict.kind !== 'jump') continue;
    const to = nftDnatTarget(found.table, e.verdict.chain);
    if (to !== undefined) candidates.push({ endpoint: to });
  }
  return { kind: 'numgen', node: site.node, chain: lookup.chain, ruleIndex: lookup.ruleIndex, modulus: vmap.key.mod, value: lookup.key, candidates };
}

function schedulerChooser(network: SimNetwork, hops: readonly JourneyHop[], site: Extract<DnatSite, { kind: 'ipvs' }>, protocol: L4Protocol): EndpointChooser | undefined {
  const hop = hops.find((h): h is IpvsHop => h.kind === 'ipvs' && h.node === site.node && (h.action === 'schedule' || h.action === 'connection'));
  const runtime = network.nodes.get(site.node)?.dataPlanes.ipvs;
  if (!hop || !runtime) return undefined;
  const vs = findService(runtime, { protocol, src: hop.before.src, sport: hop.before.sport, dst: hop.before.dst, dport: hop.before.dport, length: 0 });
  if (!vs) return undefined;
  return {
    kind: 'scheduler',
    node: site.node,
    scheduler: vs.scheduler,
    virtualServer: hop.virtualServer,
    persistent: vs.persistentTimeout !== undefined,
    candidates: vs.realServers.map((rs) => ({ endpoint: `${rs.address}:${rs.port}` })),
  };
}
