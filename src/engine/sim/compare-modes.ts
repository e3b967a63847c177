/**
 * One connection in the three kube-proxy modes, side by side (`kpl trace --mode all`, the UI's Compare
 * modes): each mode on a network of its own, from the same seed, and for each the decisive facts of the
 * connection's first packet — where the DNAT happened, which structure chose the endpoint and among
 * which endpoints, how many rules and lookups the kernels evaluated, what stopped or received it — read
 * from the journey's hops and the nodes' structures. Then what differs between the modes, each
 * difference with a sentence saying why (compare-modes-text.ts).
 */
import type { ClusterModel } from '../cluster/model';
import { formatIpv4 } from '../ipv4';
import type { RuleTable } from '../node/hops';
import type { Hook } from '../packet';
import type { JourneyHop, PacketFate } from './carry';
import { dnatSite, endpointChooser, type DnatSite } from './compare-modes-structures';
import { explainDifferences } from './compare-modes-text';
import type { FirstPacketEnd, ModeComparison, ModeSummary, PathMark, PathStep, StopRule } from './compare-modes-types';
import { PROXY_MODES, withMode, type ProxyMode } from './data-planes';
import { runConnection, type ConnectionRequest, type Journey } from './journey';
import { createNetwork, type SimNetwork } from './network';
import { partyName } from './party';

export type { Candidate, DnatSite, EndpointChooser } from './compare-modes-structures';
export type { DifferenceKind, FirstPacketEnd, ModeComparison, ModeDifference, ModeSummary, PathMark, PathStep, StopRule } from './compare-modes-types';

/** A mode's journey and the network it ran on (the nodes' structures explain the hops). */
export interface ModeRun {
  readonly mode: ProxyMode;
  readonly journey: Journey;
  readonly network: SimNetwork;
}

/** The connection in each mode, each on a fresh network from `seed`. Throws AddressError for names the cluster lacks. */
export function runInEveryMode(cluster: ClusterModel, request: ConnectionRequest, seed: number, modes: readonly ProxyMode[] = PROXY_MODES): ModeRun[] {
  return modes.map((mode) => {
    const network = createNetwork(withMode(cluster, mode), { seed });
    return { mode, journey: runConnection(network, request), network };
  });
}

export function compareRuns(runs: readonly ModeRun[]): ModeComparison {
  const modes = runs.map(summarize);
  return { modes, differences: explainDifferences(modes) };
}

export function compareModes(cluster: ClusterModel, request: ConnectionRequest, seed: number): ModeComparison {
  return compareRuns(runInEveryMode(cluster, request, seed));
}

const addr = (ip: number, port: number): string => (port === 0 ? formatIpv4(ip) : `${formatIpv4(ip)}:${port}`);

export function summarize(run: ModeRun): ModeSummary {
  const { journey, network, mode } = run;
  const first = journey.packets[0];
  const hops = first?.hops ?? [];
  const dnat = dnatSite(hops);
  const chooser = endpointChooser(network, hops, dnat, first?.protocol ?? 'tcp');
  const snatHop = hops.find((h) => h.kind === 'rule' && h.matched && (h.before.src !== h.after.src || h.before.sport !== h.after.sport));
  const end = firstPacketEnd(first?.fate);
  const e = journey.endpoint;
  const d = journey.destination;
  return {
    mode,
    destination: addr(d.ip, d.port),
    loopback: d.ip >>> 24 === 127,
    ...(d.service ? { via: d.service.via } : {}),
    outcome: journey.outcome,
    ...(e ? { endpoint: { ip: formatIpv4(e.ip), port: e.port, ...(e.pod ? { pod: e.pod } : {}), ...(e.node ? { node: e.node } : {}) } } : {}),
    ...(journey.seenSource ? { seenSource: addr(journey.seenSource.ip, journey.seenSource.port) } : {}),
    ...(dnat ? { dnat } : {}),
    ...(snatHop?.kind === 'rule' ? { snat: { node: snatHop.node, hook: snatHop.hook, table: snatHop.table, chain: snatHop.chain, to: formatIpv4(snatHop.after.src) } } : {}),
    ...(chooser ? { chooser } : {}),
    endpointSet: chooser ? [...new Set(chooser.candidates.map((c) => c.endpoint))].sort() : [],
    rulesEvaluated: first?.rulesEvaluated ?? 0,
    mapLookups: hops.filter((h) => h.kind === 'map-lookup').length,
    ipvsLookups: hops.filter((h) => h.kind === 'ipvs').length,
    connectionRulesEvaluated: journey.rulesEvaluated,
    end,
    path: pathOf(hops, dnat, snatHop?.kind === 'rule' ? { node: snatHop.node, hook: snatHop.hook } : undefined, end),
  };
}

function firstPacketEnd(fate: PacketFate | undefined): FirstPacketEnd {
  if (!fate) return { kind: 'lost', reason: 'no packet was sent' };
  switch (fate.kind) {
    case 'delivered':
      return { kind: 'delivered', to: partyName(fate.to) };
    case 'rejected':
      if (fate.refused) return { kind: 'refused', by: partyName(fate.refused.by), address: addr(fate.refused.address, fate.refused.port), protocol: fate.refused.protocol, rejectWith: fate.rejectWith };
      if (fate.hop?.kind === 'ipvs') return { kind: 'rejected', node: fate.node, by: { kind: 'ipvs', virtualServer: fate.hop.virtualServer }, rejectWith: fate.rejectWith };
      if (fate.hop) return { kind: 'rejected', node: fate.node, by: stopRule(fate.hop), rejectWith: fate.rejectWith };
      return { kind: 'lost', node: fate.node, reason: `rejected (${fate.rejectWith})` };
    case 'dropped':
      if (fate.hop) return { kind: 'dropped', node: fate.node, by: stopRule(fate.hop) };
      if (fate.unanswered) return { kind: 'unanswered', node: fate.node, dst: formatIpv4(fate.unanswered.dst), clusterIP: fate.unanswered.clusterIP, loops: fate.unanswered.loops ?? false };
      return { kind: 'lost', node: fate.node, reason: fate.reason };
    case 'no-route':
      return { kind: 'lost', ...(fate.node ? { node: fate.node } : {}), reason: fate.reason };
  }
}

const stopRule = (h: { node: string; hook: Hook; table: RuleTable; chain: string; ruleIndex: number }): StopRule => ({ kind: 'rule', node: h.node, hook: h.hook, table: h.table, chain: h.chain, ruleIndex: h.ruleIndex });

/** Hops grouped into the hooks they ran at, with the wires between nodes and the receiver. */
function pathOf(hops: readonly JourneyHop[], dnat: DnatSite | undefined, snat: { node: string; hook: Hook } | undefined, end: FirstPacketEnd): PathStep[] {
  const steps: PathStep[] = [];
  let current: { node: string; hook: Hook; rules: number; lookups: number; marks: PathMark[] } | undefined;
  const close = (): void => {
    if (current) steps.push({ kind: 'hook', ...current });
    current = undefined;
  };
  const stopAt = end.kind === 'rejected' || end.kind === 'dropped' ? { node: end.node, hook: end.by.kind === 'rule' ? end.by.hook : undefined } : undefined;
  for (const h of hops) {
    if (h.kind === 'send') continue;
    if (h.kind === 'wire') {
      close();
      steps.push({ kind: 'wire', from: h.from, to: h.to });
      continue;
    }
    if (h.kind === 'deliver') {
      close();
      steps.push({ kind: 'receive', by: partyName(h.to) });
      continue;
    }
    if (!current || current.node !== h.node || current.hook !== h.hook) {
      close();
      current = { node: h.node, hook: h.hook, rules: 0, lookups: 0, marks: [] };
    }
    if (h.kind === 'rule') current.rules += 1;
    if (h.kind === 'map-lookup' || h.kind === 'ipvs') current.lookups += 1;
    const mark = (m: PathMark): void => {
      if (current && !current.marks.includes(m)) current.marks.push(m);
    };
    if (dnat && dnat.node === h.node && dnat.hook === h.hook && ((h.kind === 'rule' && dnat.kind === 'rule' && h.chain === dnat.chain && h.ruleIndex === dnat.ruleIndex) || (h.kind === 'ipvs' && dnat.kind === 'ipvs'))) mark('dnat');
    if (snat && snat.node === h.node && snat.hook === h.hook && h.kind === 'rule') mark('snat');
    if (stopAt && stopAt.node === h.node && (stopAt.hook === undefined ? h.kind === 'ipvs' && h.action === 'no-destination' : stopAt.hook === h.hook)) mark('stop');
  }
  close();
  if (end.kind === 'unanswered') {
    for (let i = steps.length - 1; i >= 0; i--) {
      const step = steps[i]!;
      if (step.kind !== 'hook' || step.node !== end.node) continue;
      steps[i] = { ...step, marks: [...step.marks, 'out'] };
      break;
    }
  }
  return steps;
}
