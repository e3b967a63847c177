/**
 * Runs a lesson through the engine and decides its claims: which hops a step points at, and whether a
 * question's answer is what the kernel (as the engine simulates it) really does. Pure: the same lesson
 * and scenario text always give the same run, so the UI, the CLI and lessons.test.ts agree.
 */
import { loadScenario } from '../../engine/cluster/load';
import type { ClusterModel } from '../../engine/cluster/model';
import { formatIpv4 } from '../../engine/ipv4';
import { nodeRuleset } from '../../engine/kubeproxy';
import { printIptablesS, printIptablesSave } from '../../engine/netfilter/print';
import { printIptablesList } from '../../engine/netfilter/print-list';
import { runConnection, type Journey, type JourneyPacket } from '../../engine/sim/journey';
import { createNetwork, type SimNetwork } from '../../engine/sim/network';
import { runSpread, type SpreadResult } from '../../engine/sim/spread';
import { advanceClock } from '../../engine/sim/clock';
import { reloadNetwork } from '../../engine/sim/reload';
import { removeEndpoint } from '../../engine/cluster/edit';
import { nodeDataPlanes, withMode, type ProxyMode } from '../../engine/sim/data-planes';
import { printNftList } from '../../engine/nftables';
import type { Observation } from './observed';
import type { Claim, ConnectionSend, HopPointer, IpvsTool, Lesson, Send, SpreadSend } from './types';
import type { HeaderView } from '../../engine/packet';
import type { JourneyHop } from '../../engine/sim/carry';
import type { Party } from '../../engine/sim/party';
import { TCP_OPEN } from '../../engine/sim/conversation';
import { ipvsTable } from '../../engine/ipvs/runtime';
import { printIpvsadmList } from '../../engine/ipvs/print-ipvsadm';
import { printIpsetList } from '../../engine/ipvs/ipset';
import { printIpAddrShow } from '../../engine/ipvs/dummy-interface';
import { generateIpvsNode } from '../../engine/kubeproxy/ipvs/generate';
import type { IpvsScheduler } from '../../engine/ipvs/model';
import { scaleCounts } from './scale-claims';
import { importDump } from '../../engine/import/import';
import type { ImportedDump } from '../../engine/import/model';
import { nodeSetup } from '../../engine/import/node-setup';
import { traceDump } from '../../engine/import/trace';
import { spreadDump } from '../../engine/import/spread';
import { DUMP_EXAMPLES, type DumpExample } from '../dumps/index';
import type { DumpPacket } from './types';

const dumps = new Map<DumpExample, ImportedDump>();
/** A notes' dump, imported once (the same text always gives the same node). */
function exampleDump(name: DumpExample): ImportedDump {
  let d = dumps.get(name);
  if (!d) dumps.set(name, (d = importDump(DUMP_EXAMPLES[name])));
  return d;
}

function dumpRequest(c: DumpPacket) {
  return { src: c.src, dst: c.dst, ...(c.inInterface !== undefined ? { arrival: { from: 'network' as const, interface: c.inInterface } } : {}) };
}

/** A lesson that cannot run as written (its scenario has errors, or it names a send, packet or node that does not exist). */
export class LessonError extends Error {}

export type SendResult =
  | { readonly kind: 'connection'; readonly send: ConnectionSend; readonly journey: Journey }
  | { readonly kind: 'spread'; readonly send: SpreadSend; readonly spread: SpreadResult };

export interface LessonRun {
  readonly lesson: Lesson;
  readonly cluster: ClusterModel;
  /** By send id, in the lesson's order. */
  readonly results: ReadonlyMap<string, SendResult>;
  /** IPVS mode: every node's `ipvsadm -Ln` right after each send (by send id, then node); empty in other modes. */
  readonly ipvsadm: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** Loads the lesson's scenario and runs its sends in order. */
export function runLesson(lesson: Lesson, scenarioText: string): LessonRun {
  const { cluster, diagnostics } = loadScenario(scenarioText);
  if (!cluster) {
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.col} ${d.message}`);
    throw new LessonError(`${lesson.id}: the scenario does not load: ${errors.join('; ')}`);
  }
  return runSends(lesson, cluster);
}

/** The lesson's sends in order on `cluster`, up to and including `last` when given. */
function runSends(lesson: Lesson, cluster: ClusterModel, last?: string): LessonRun {
  const networks = new Map<string, SimNetwork>();
  const results = new Map<string, SendResult>();
  const ipvsadm = new Map<string, ReadonlyMap<string, string>>();
  for (const send of lesson.sends) {
    if (results.has(send.id)) throw new LessonError(`${lesson.id}: two sends are called "${send.id}"`);
    const network = before(lesson, send, networkFor(lesson, send, cluster, networks));
    const request = { from: send.from, to: send.to, ...(send.via !== undefined ? { via: send.via } : {}), ...(send.protocol ? { protocol: send.protocol } : {}) };
    if (send.kind === 'connection') {
      if (send.keepOpen && (send.protocol ?? 'tcp') !== 'tcp') throw new LessonError(`${lesson.id}: send "${send.id}" keeps open a connection that is not TCP`);
      const options = { ...(send.sport !== undefined ? { sport: send.sport } : {}), ...(send.keepOpen ? { conversation: TCP_OPEN } : {}) };
      results.set(send.id, { kind: 'connection', send, journey: runConnection(network, { ...request, ...options }) });
    } else {
      results.set(send.id, { kind: 'spread', send, spread: runSpread(network, { ...request, connections: send.connections }) });
    }
    networks.set(send.id, network);
    const tables = new Map<string, string>();
    for (const [name, node] of network.nodes) if (node.dataPlanes.ipvs) tables.set(name, printIpvsadmList(ipvsTable(node.dataPlanes.ipvs, network.nowMs)));
    if (tables.size > 0) ipvsadm.set(send.id, tables);
    if (send.id === last) break;
  }
  return { lesson, cluster, results, ipvsadm };
}

function networkFor(lesson: Lesson, send: Send, cluster: ClusterModel, earlier: ReadonlyMap<string, SimNetwork>): SimNetwork {
  if (send.continues === undefined) return createNetwork(withMode(cluster, send.mode), { seed: send.seed ?? 1 });
  if (send.mode !== undefined) throw new LessonError(`${lesson.id}: send "${send.id}" has a mode but continues "${send.continues}", whose network has its own`);
  const network = earlier.get(send.continues);
  if (!network) throw new LessonError(`${lesson.id}: send "${send.id}" continues "${send.continues}", which is not an earlier send`);
  return network;
}

/** `send.before` applied to the network it continues: the clock moves, then the endpoints go (reload.ts). */
function before(lesson: Lesson, send: Send, network: SimNetwork): SimNetwork {
  const b = send.before;
  if (!b) return network;
  if (send.continues === undefined) throw new LessonError(`${lesson.id}: send "${send.id}" has "before" but continues no send`);
  if (b.waitSeconds !== undefined) advanceClock(network, Math.round(b.waitSeconds * 1000));
  let next = network;
  for (const ip of b.removeEndpoints ?? []) next = reloadNetwork(next, removeEndpoint(next.cluster, ip)).network;
  return next;
}

/** The result of `id` (the lesson's first send when undefined). */
export function sendResult(run: LessonRun, id: string | undefined): SendResult {
  const key = id ?? run.lesson.sends[0]?.id;
  const result = key === undefined ? undefined : run.results.get(key);
  if (!result) throw new LessonError(`${run.lesson.id}: no send "${key ?? ''}" (sends: ${[...run.results.keys()].join(', ')})`);
  return result;
}

function journeyOf(run: LessonRun, id: string | undefined): Journey {
  const r = sendResult(run, id);
  if (r.kind !== 'connection') throw new LessonError(`${run.lesson.id}: send "${r.send.id}" is a spread; this needs one connection`);
  return r.journey;
}

function spreadOf(run: LessonRun, id: string | undefined): SpreadResult {
  const r = sendResult(run, id);
  if (r.kind !== 'spread') throw new LessonError(`${run.lesson.id}: send "${r.send.id}" is one connection; this needs a spread`);
  return r.spread;
}

/** The index of the packet labelled `label`; a label the journey does not have is a mistake in the lesson. */
export function packetIndex(journey: Journey, label: string): number {
  const i = journey.packets.findIndex((p) => p.label === label);
  if (i < 0) throw new LessonError(`no packet "${label}" (packets: ${journey.packets.map((p) => p.label).join(', ')})`);
  return i;
}

const packetOf = (journey: Journey, label: string): JourneyPacket => journey.packets[packetIndex(journey, label)]!;

function partyNode(p: Party): string | undefined {
  return p.kind === 'pod' ? p.node : p.kind === 'node' ? p.node : undefined;
}

function hopNode(h: JourneyHop): string | undefined {
  switch (h.kind) {
    case 'send':
      return partyNode(h.from);
    case 'deliver':
      return partyNode(h.to);
    case 'wire':
      return h.from;
    default:
      return h.node;
  }
}

/** Whether hop `h` fits every field of `pointer` (except `send` and `packet`). */
export function hopFits(h: JourneyHop, pointer: HopPointer): boolean {
  if (h.kind !== (pointer.stage ?? 'rule')) return false;
  if (pointer.node !== undefined && hopNode(h) !== pointer.node) return false;
  const ruleOnly = pointer.table !== undefined || pointer.chain !== undefined || pointer.target !== undefined || pointer.rule !== undefined;
  if (h.kind !== 'rule') {
    if (ruleOnly) return false;
    if (pointer.hook !== undefined && !('hook' in h && h.hook === pointer.hook)) return false;
    if (pointer.ctstate !== undefined && !('ctstate' in h && h.ctstate === pointer.ctstate)) return false;
    return true;
  }
  const matched = pointer.matched ?? true;
  return (
    (matched === 'any' || h.matched === matched) &&
    (pointer.hook === undefined || h.hook === pointer.hook) &&
    (pointer.table === undefined || h.table === pointer.table) &&
    (pointer.chain === undefined || h.chain === pointer.chain) &&
    (pointer.target === undefined || h.target === pointer.target) &&
    (pointer.rule === undefined || h.rule.includes(pointer.rule)) &&
    (pointer.ctstate === undefined || h.ctstate === pointer.ctstate)
  );
}

/** A hop of a journey: `journey.packets[packet].hops[hop]`. */
export interface HopRef {
  readonly packet: number;
  readonly hop: number;
}

/** The hops of `journey` a pointer with a `packet` designates, in order. */
export function findHops(journey: Journey, pointer: HopPointer & { readonly packet: string }): HopRef[] {
  const packet = packetIndex(journey, pointer.packet);
  const out: HopRef[] = [];
  journey.packets[packet]!.hops.forEach((h, hop) => {
    if (hopFits(h, pointer)) out.push({ packet, hop });
  });
  return out;
}

/** What a step's pointer designates: a send, and the hops of one of its packets when the pointer names a packet. */
export interface PointerTarget {
  readonly send: string;
  readonly hops: readonly HopRef[];
}

export function resolvePointer(run: LessonRun, pointer: HopPointer): PointerTarget {
  const result = sendResult(run, pointer.send);
  const { send: _s, packet, ...fields } = pointer;
  if (packet === undefined) {
    if (Object.keys(fields).length > 0) throw new LessonError(`${run.lesson.id}: a pointer that names hop fields needs a packet`);
    return { send: result.send.id, hops: [] };
  }
  if (result.kind !== 'connection') throw new LessonError(`${run.lesson.id}: send "${result.send.id}" is a spread; it has no packets to point at`);
  return { send: result.send.id, hops: findHops(result.journey, { ...pointer, packet }) };
}

/** The engine's verdict on a claim: whether it holds, and what the engine actually saw (for the reveal). */
export interface ClaimResult {
  readonly holds: boolean;
  /** In plain English, for test failures and the CLI. */
  readonly actual: string;
  /** The same as data, for the reveal's sentence in the learner's language. */
  readonly observed: Observation;
}

const squeeze = (s: string): string => s.replace(/[ \t]+/g, ' ');
const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
const verdict = (seen: boolean, equals: boolean, actual: string, observed: Observation): ClaimResult => ({ holds: seen === equals, actual, observed });
/** A claim that a printout includes `includes` (runs of spaces and tabs alike): whether it does, as `equals` expects. */
const printedVerdict = (text: string, includes: string, equals: boolean, observed: (found: boolean) => Observation): ClaimResult => {
  const found = squeeze(text).includes(squeeze(includes));
  return verdict(found, equals, found ? 'printed' : 'not printed', observed(found));
};
const same = (seen: string | number, equals: string | number, observed: Observation): ClaimResult => ({ holds: seen === equals, actual: String(seen), observed });

function printed(run: LessonRun, node: string, table: 'nat' | 'filter', format: 'save' | 'S' | 'L'): string {
  if (!run.cluster.nodes.some((n) => n.name === node)) throw new LessonError(`${run.lesson.id}: no node "${node}"`);
  // Outside iptables mode the node's tables are what that mode left in iptables (IPVS mode's own rules, or none).
  const ruleset = run.cluster.kubeProxy.mode === 'iptables' ? nodeRuleset(run.cluster, node).ruleset : nodeDataPlanes(run.cluster, node).ruleset;
  if (format === 'save') return printIptablesSave(ruleset, { tables: [table] });
  if (format === 'S') return printIptablesS(ruleset, table);
  return printIptablesList(ruleset, table, { numeric: true, verbose: true });
}

/** What `node` prints in `mode`: `nft list ruleset`, or its iptables tables as `iptables-save` does. */
function printedInMode(run: LessonRun, node: string, mode: ProxyMode, format: 'nft' | 'iptables-save'): string {
  if (!run.cluster.nodes.some((n) => n.name === node)) throw new LessonError(`${run.lesson.id}: no node "${node}"`);
  const planes = nodeDataPlanes(withMode(run.cluster, mode), node);
  if (format === 'iptables-save') return printIptablesSave(planes.ruleset);
  return planes.nftables ? printNftList(planes.nftables.plane.ruleset) : '';
}

/** The hops of `packet` on `node` (every node when undefined). */
function packetHops(run: LessonRun, send: string | undefined, packet: string, node: string | undefined): readonly JourneyHop[] {
  if (node !== undefined && !run.cluster.nodes.some((n) => n.name === node)) throw new LessonError(`${run.lesson.id}: no node "${node}"`);
  return packetOf(journeyOf(run, send), packet).hops.filter((h) => node === undefined || hopNode(h) === node);
}

const addresses = (h: Pick<HeaderView, 'src' | 'sport' | 'dst' | 'dport'>): string =>
  `${formatIpv4(h.src)}:${h.sport} → ${formatIpv4(h.dst)}:${h.dport}`;

function shares(spread: SpreadResult): string {
  const parts = Object.entries(spread.endpoints).map(([ep, n]) => `${spread.pods[ep] ?? ep} ${n}`);
  return [...parts, ...(spread.failed > 0 ? [`failed ${spread.failed}`] : [])].join(', ') || 'nothing delivered';
}

function spreadObserved(spread: SpreadResult): Observation {
  return {
    kind: 'spread',
    connections: spread.connections,
    shares: Object.entries(spread.endpoints).map(([endpoint, count]) => ({ endpoint, count, ...(spread.pods[endpoint] ? { pod: spread.pods[endpoint] } : {}) })),
    failed: spread.failed,
  };
}

/** A rule pointer's place fields, without the ones it leaves out. */
function ruleWhere(p: Pick<HopPointer, 'node' | 'hook' | 'table' | 'chain' | 'target'>): Omit<Extract<Observation, { kind: 'ruleMatched' }>, 'kind' | 'packet' | 'count'> {
  return {
    ...(p.node !== undefined ? { node: p.node } : {}),
    ...(p.hook !== undefined ? { hook: p.hook } : {}),
    ...(p.table !== undefined ? { table: p.table } : {}),
    ...(p.chain !== undefined ? { chain: p.chain } : {}),
    ...(p.target !== undefined ? { target: p.target } : {}),
  };
}

export function evaluateClaim(run: LessonRun, claim: Claim): ClaimResult {
  switch (claim.kind) {
    case 'outcome': {
      const outcome = journeyOf(run, claim.send).outcome;
      return same(outcome, claim.equals, { kind: 'outcome', outcome });
    }
    case 'packetFate': {
      const fate = packetOf(journeyOf(run, claim.send), claim.packet).fate.kind;
      return same(fate, claim.equals, { kind: 'packetFate', packet: claim.packet, fate });
    }
    case 'endpointPod': {
      const pod = journeyOf(run, claim.send).endpoint?.pod;
      return same(pod ?? '(no pod)', claim.equals, { kind: 'endpointPod', ...(pod !== undefined ? { pod } : {}) });
    }
    case 'endpointNode': {
      const node = journeyOf(run, claim.send).endpoint?.node;
      return same(node ?? '(no node)', claim.equals, { kind: 'endpointNode', ...(node !== undefined ? { node } : {}) });
    }
    case 'seenSource': {
      const seen = journeyOf(run, claim.send).seenSource;
      const ip = seen ? formatIpv4(seen.ip) : undefined;
      return same(ip ?? '(nothing delivered)', claim.equals, { kind: 'seenSource', ...(ip !== undefined ? { ip } : {}) });
    }
    case 'deliveredAddress': {
      const d = packetOf(journeyOf(run, claim.send), claim.packet).delivered;
      const address = !d ? undefined : claim.field === 'src' ? `${formatIpv4(d.src)}:${d.sport}` : `${formatIpv4(d.dst)}:${d.dport}`;
      return same(address ?? '(not delivered)', claim.equals, { kind: 'deliveredAddress', packet: claim.packet, field: claim.field, ...(address !== undefined ? { address } : {}) });
    }
    case 'packetTranslated': {
      const p = packetOf(journeyOf(run, claim.send), claim.packet);
      const sent = p.hops.find((h) => h.kind === 'send');
      if (!sent || sent.kind !== 'send' || !p.delivered) return verdict(false, claim.equals, '(not delivered)', { kind: 'translated', packet: claim.packet });
      const translated = addresses(sent.packet) !== addresses(p.delivered);
      const observed: Observation = { kind: 'translated', packet: claim.packet, sent: addresses(sent.packet), received: addresses(p.delivered) };
      return verdict(translated, claim.equals, `sent ${addresses(sent.packet)}, received ${addresses(p.delivered)}`, observed);
    }
    case 'natWalkedOnPacket': {
      const p = packetOf(journeyOf(run, claim.send), claim.packet);
      const rules = p.hops.filter((h) => h.kind === 'rule' && h.table === 'nat' && (claim.node === undefined || h.node === claim.node)).length;
      return verdict(rules > 0, claim.equals, yesNo(rules > 0), { kind: 'natWalked', packet: claim.packet, rules, ...(claim.node !== undefined ? { node: claim.node } : {}) });
    }
    case 'ruleMatched': {
      const { kind: _k, equals, ...pointer } = claim;
      const hops = findHops(journeyOf(run, claim.send), { ...pointer, stage: 'rule', matched: true });
      const observed: Observation = { kind: 'ruleMatched', packet: claim.packet, count: hops.length, ...ruleWhere(pointer) };
      return verdict(hops.length > 0, equals, hops.length > 0 ? `matched (${hops.length})` : 'no such rule matched', observed);
    }
    case 'hop': {
      const hops = findHops(journeyOf(run, claim.at.send), claim.at);
      return verdict(hops.length > 0, claim.equals, hops.length > 0 ? `found (${hops.length})` : 'no such hop', { kind: 'hops', packet: claim.at.packet, count: hops.length });
    }
    case 'conntrackState': {
      if (!run.cluster.nodes.some((n) => n.name === claim.node)) throw new LessonError(`${run.lesson.id}: no node "${claim.node}"`);
      const lines = packetOf(journeyOf(run, claim.send), claim.packet).conntrack[claim.node] ?? [];
      const found = lines.some((l) => squeeze(l).includes(squeeze(claim.matches)));
      return verdict(found, claim.equals ?? true, lines.length > 0 ? lines.join('\n') : '(no entries)', { kind: 'conntrackLines', node: claim.node, packet: claim.packet, lines });
    }
    case 'conntrackEntry': {
      if (!run.cluster.nodes.some((n) => n.name === claim.node)) throw new LessonError(`${run.lesson.id}: no node "${claim.node}"`);
      const row = (packetOf(journeyOf(run, claim.send), claim.packet).conntrackEntries[claim.node] ?? []).find((r) => r.original.includes(claim.original));
      const where = { kind: 'conntrackEntry', node: claim.node, packet: claim.packet, original: claim.original } as const;
      if (!row) return { holds: false, actual: `no entry for ${claim.original}`, observed: where };
      const set = (xs: readonly string[]): string => [...xs].sort().join(',');
      const holds =
        (claim.state === undefined || row.state === claim.state) &&
        (claim.flags === undefined || set(row.flags) === set(claim.flags)) &&
        (claim.nat === undefined || set(row.nat) === set(claim.nat)) &&
        (claim.timeoutSeconds === undefined || row.timeoutSeconds === claim.timeoutSeconds);
      const entry = { protocol: row.protocol, state: row.state, timeoutSeconds: row.timeoutSeconds, flags: row.flags, nat: row.nat };
      return { holds, actual: `${row.state || row.protocol} ${row.timeoutSeconds}s [${row.flags.join(' ')}] nat: ${row.nat.join(' ') || 'none'}`, observed: { ...where, entry } };
    }
    case 'spreadShare': {
      const spread = spreadOf(run, claim.send);
      const counts = Object.values(spread.endpoints);
      const even = 1 / claim.endpointCount;
      const holds =
        spread.failed === 0 && counts.length === claim.endpointCount && counts.every((n) => Math.abs(n / spread.connections - even) <= claim.tolerance);
      return { holds, actual: shares(spread), observed: spreadObserved(spread) };
    }
    case 'spreadPodShare': {
      const spread = spreadOf(run, claim.send);
      const reached = Object.entries(spread.endpoints).find(([ep]) => spread.pods[ep] === claim.pod)?.[1] ?? 0;
      return { holds: Math.abs(reached / spread.connections - claim.share) <= claim.tolerance, actual: shares(spread), observed: spreadObserved(spread) };
    }
    case 'spreadEndpoints': {
      const spread = spreadOf(run, claim.send);
      return { holds: Object.keys(spread.endpoints).length === claim.equals, actual: shares(spread), observed: spreadObserved(spread) };
    }
    case 'spreadFailed': {
      const spread = spreadOf(run, claim.send);
      return { holds: spread.failed === claim.equals, actual: shares(spread), observed: spreadObserved(spread) };
    }
    case 'sameEndpoint': {
      const [a, b] = claim.sends.map((id) => journeyOf(run, id).endpoint);
      const key = (e: typeof a): string | undefined => (e ? `${formatIpv4(e.ip)}:${e.port}` : undefined);
      const [first, second] = [key(a), key(b)];
      const observed: Observation = { kind: 'sameEndpoint', ...(first !== undefined ? { first } : {}), ...(second !== undefined ? { second } : {}) };
      return verdict(first !== undefined && first === second, claim.equals, `${first ?? '(none)'} / ${second ?? '(none)'}`, observed);
    }
    case 'dumpChainOwner': {
      const owner = [...exampleDump(claim.dump).owners].find(([key]) => key.endsWith(`/${claim.chain}`))?.[1] ?? 'unknown';
      return same(owner, claim.equals, { kind: 'dump', what: 'owner', subject: claim.chain, value: owner });
    }
    case 'dumpTraceOutcome': {
      const d = exampleDump(claim.dump);
      const t = traceDump(d, nodeSetup(d), dumpRequest(claim));
      const at = t.endpoint ? ` ${t.endpoint.ip}:${t.endpoint.port}` : '';
      return same(t.outcome, claim.equals, { kind: 'dump', what: 'outcome', subject: claim.dst, value: `${t.outcome}${at}` });
    }
    case 'dumpSpreadEndpoints': {
      const d = exampleDump(claim.dump);
      const r = spreadDump(d, nodeSetup(d), { ...dumpRequest(claim), connections: 2000 });
      const reached = Object.keys(r.endpoints);
      return same(reached.length, claim.equals, { kind: 'dump', what: 'endpoints', subject: claim.dst, value: reached.join(', ') });
    }
    case 'rulesPrint':
      return printedVerdict(printed(run, claim.node, claim.table, claim.format), claim.includes, claim.equals, (found) => ({ kind: 'rulesPrint', node: claim.node, table: claim.table, format: claim.format, includes: claim.includes, found }));
    case 'ipvsPrint':
      return printedVerdict(ipvsPrinted(run, claim.node, claim.tool, claim.send), claim.includes, claim.equals, (found) => ({ kind: 'ipvsPrint', node: claim.node, tool: claim.tool, includes: claim.includes, found }));
    case 'endpointPodWithScheduler': {
      if (run.cluster.kubeProxy.mode !== 'ipvs') throw new LessonError(`${run.lesson.id}: a scheduler is only asked of IPVS mode`);
      const r = sendResult(run, claim.send);
      const cluster = withScheduler(run.cluster, claim.scheduler);
      const again = runSends(run.lesson, cluster, r.send.id);
      const pod = journeyOf(again, claim.send).endpoint?.pod;
      return same(pod ?? '(no pod)', claim.equals, { kind: 'endpointPodWithScheduler', scheduler: claim.scheduler, ...(pod !== undefined ? { pod } : {}) });
    }
    case 'scaleGrowth': {
      const fromCount = scaleCounts(claim.mode, claim.from)[claim.metric];
      const toCount = scaleCounts(claim.mode, claim.to)[claim.metric];
      const factor = toCount / fromCount;
      const observed: Observation = { kind: 'scaleGrowth', mode: claim.mode, metric: claim.metric, from: claim.from, to: claim.to, fromCount, toCount };
      return { holds: factor >= claim.atLeast && factor <= claim.atMost, actual: `${fromCount} → ${toCount} (×${factor.toFixed(2)})`, observed };
    }
    case 'evaluatedCount': {
      if (claim.atLeast === undefined && claim.atMost === undefined) throw new LessonError(`${run.lesson.id}: an evaluatedCount claim needs atLeast or atMost`);
      const kind = claim.what === 'rules' ? 'rule' : 'map-lookup';
      const count = packetHops(run, claim.send, claim.packet, claim.node).filter((h) => h.kind === kind && (claim.chain === undefined || h.chain === claim.chain)).length;
      const holds = (claim.atLeast === undefined || count >= claim.atLeast) && (claim.atMost === undefined || count <= claim.atMost);
      const where = { ...(claim.node !== undefined ? { node: claim.node } : {}), ...(claim.chain !== undefined ? { chain: claim.chain } : {}) };
      return { holds, actual: `${count} ${claim.what}`, observed: { kind: 'evaluated', packet: claim.packet, what: claim.what, count, ...where } };
    }
    case 'mapLookup': {
      const lookups = packetHops(run, claim.send, claim.packet, claim.node).filter((h): h is Extract<JourneyHop, { kind: 'map-lookup' }> => h.kind === 'map-lookup' && h.map === claim.map);
      const fits = lookups.filter(
        (h) =>
          (claim.key === undefined || h.key === claim.key) &&
          (claim.found === undefined || (h.verdict !== undefined) === claim.found) &&
          (claim.verdict === undefined || (h.verdict ?? '').includes(claim.verdict)),
      );
      const texts = lookups.map((h) => `${h.key} → ${h.verdict ?? 'no element'}`);
      const observed: Observation = { kind: 'mapLookups', packet: claim.packet, map: claim.map, lookups: texts, ...(claim.node !== undefined ? { node: claim.node } : {}) };
      return verdict(fits.length > 0, claim.equals, texts.length > 0 ? texts.join('; ') : `no lookup in ${claim.map}`, observed);
    }
    case 'nodePrint':
      return printedVerdict(printedInMode(run, claim.node, claim.mode, claim.format), claim.includes, claim.equals, (found) => ({ kind: 'nodePrint', node: claim.node, mode: claim.mode, format: claim.format, includes: claim.includes, found }));
    case 'allOf': {
      if (claim.claims.length === 0) throw new LessonError(`${run.lesson.id}: an allOf claim needs claims`);
      const results = claim.claims.map((c) => evaluateClaim(run, c));
      return { holds: results.every((r) => r.holds), actual: results.map((r) => r.actual).join(' | '), observed: { kind: 'all', observations: results.map((r) => r.observed) } };
    }
  }
}

function withScheduler(cluster: ClusterModel, scheduler: IpvsScheduler): ClusterModel {
  const ipvs = { scheduler, strictARP: cluster.kubeProxy.ipvs?.strictARP ?? false, excludeCIDRs: cluster.kubeProxy.ipvs?.excludeCIDRs ?? [] };
  return { ...cluster, kubeProxy: { ...cluster.kubeProxy, ipvs } };
}

/** A node's IPVS-mode printout: `ipvsadm -Ln` right after `send` (or before any), `ipset list`, `ip addr show kube-ipvs0`. */
function ipvsPrinted(run: LessonRun, node: string, tool: IpvsTool, send: string | undefined): string {
  if (!run.cluster.nodes.some((n) => n.name === node)) throw new LessonError(`${run.lesson.id}: no node "${node}"`);
  if (run.cluster.kubeProxy.mode !== 'ipvs') throw new LessonError(`${run.lesson.id}: ${tool} is printed in IPVS mode only`);
  if (tool === 'ipvsadm' && send !== undefined) {
    const key = sendResult(run, send).send.id;
    return run.ipvsadm.get(key)?.get(node) ?? '';
  }
  const generated = generateIpvsNode(run.cluster, node);
  if (tool === 'ipvsadm') return printIpvsadmList(generated.ipvs);
  return tool === 'ipset' ? printIpsetList(generated.ipsets) : printIpAddrShow(generated.dummy);
}
