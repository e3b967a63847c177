/**
 * One case: connections sent through the real kernel, each compared with the lab's trace of the same
 * connection, then (where the lab says the choice is random) the set of endpoints reached.
 *
 * How the comparison stays free of flakiness although both worlds choose endpoints at random (the kernel's
 * `statistic --mode random`, the lab's seeded draws):
 * - Per connection, the lab's side is the trace, among seeds 1…64, whose outcome and endpoint are the ones the
 *   kernel's connection had. The lab's choice is a deterministic function of the seed, so this pins the lab
 *   to the kernel's draw; every other fact (source seen, masquerade, conntrack entries) is then compared for
 *   that same choice. A draw the lab can never make (no seed reaches it) is a disagreement.
 * - The set of endpoints, only where the lab's walk met a choice (a `statistic` rule of kube-proxy's cascade):
 *   `kpl spread` (200 connections) says which endpoints (or failures) the lab can reach. Every one the kernel
 *   reaches must be in it (exact). That the kernel reaches all of them is checked by sending until it has, up
 *   to 40 connections: the scenarios here have at most 5 endpoints of equal weight, so the chance of missing
 *   one by bad luck is below 5·(4/5)⁴⁰ ≈ 7·10⁻⁴ for the largest and below 10⁻⁶ for the usual 2–3.
 * - Session affinity (the walk met kube-proxy's `recent` rules): the lab's spread from one client reaches a
 *   single endpoint, and the kernel's next connections from that client must all reach the endpoint its last
 *   compared connection reached (a certainty, not a chance, when both are right).
 * - The rules: the kernel's counters (zeroed before each connection) against the rules the lab's hops matched
 *   for the chosen trace (compareRules).
 * - Ports that are random in both worlds (the client's ephemeral port, MASQUERADE --random-fully) are compared
 *   as symbols (conntrack.ts); conntrack countdowns are not compared.
 */
import type { Difference, JourneyCase, JourneyResult } from './cases';
import { masquerades, normalizeConntrack } from './conntrack';
import type { ConnectResult } from './agent-protocol';
import { LabRefused, labSpread, labTrace, type LabRequest, type LabTrace } from './lab-cli';
import type { Client, RealCluster } from './real-cluster';

export const DEFAULT_EXTERNAL_IP = '203.0.113.10';
const SEEDS = 64;
const COVER_LIMIT = 40;
const STICKY_CONNECTIONS = 6;
/** Under the kernel's first SYN retransmission (1 s): a dropped SYN is sent once. */
const CONNECT_TIMEOUT_MS = 900;
const UDP_TIMEOUT_MS = 1500;
const NO_ROUTE_TIMEOUT_MS = 4500;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const splitAddress = (a: string): { ip: string; port: number } => ({ ip: a.slice(0, a.lastIndexOf(':')), port: Number(a.slice(a.lastIndexOf(':') + 1)) });

export function commandFor(file: string, c: JourneyCase): string {
  return `kpl trace ${file} --from ${c.from} --to ${c.to}${c.via ? ` --via ${c.via}` : ''}${c.protocol && c.protocol !== 'tcp' ? ` --proto ${c.protocol}` : ''} --json`;
}

/** TCP states a finished connection passes through on its way to TIME_WAIT (or CLOSE). */
const CLOSING = / (SYN_RECV|ESTABLISHED|FIN_WAIT|CLOSE_WAIT|LAST_ACK) /;

/**
 * The nodes' conntrack tables once the connection's last packets have crossed them: the client has closed
 * (its last ACK sent) when the agent answers, but that ACK may still be queued on a busy machine. A delivered
 * TCP connection is read again while any entry is still closing (up to ~1 s); nothing else waits.
 */
async function settledState(real: RealCluster, r: ConnectResult): Promise<ReturnType<RealCluster['readState']>> {
  await sleep(20);
  let state = real.readState(true);
  for (let i = 0; i < 5 && r.outcome === 'delivered' && r.reply && Object.values(state.conntrack).flat().some((l) => CLOSING.test(l)); i++) {
    await sleep(200);
    state = real.readState(true);
  }
  return state;
}

/** The lab's traces for seeds 1…64, computed as far as needed. */
class LabTraces {
  private readonly traces: LabTrace[] = [];
  constructor(private readonly request: LabRequest) {}
  async get(seed: number): Promise<LabTrace> {
    while (this.traces.length < seed) this.traces.push(await labTrace(this.request, this.traces.length + 1));
    return this.traces[seed - 1]!;
  }
  async find(match: (t: LabTrace) => boolean): Promise<LabTrace | undefined> {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const t = await this.get(seed);
      if (match(t)) return t;
    }
    return undefined;
  }
  async keys(key: (t: LabTrace) => string): Promise<Set<string>> {
    const out = new Set<string>();
    for (let seed = 1; seed <= SEEDS; seed++) out.add(key(await this.get(seed)));
    return out;
  }
}

const labKey = (t: LabTrace): string => (t.outcome === 'delivered' && t.endpoint ? `${t.endpoint.ip}:${t.endpoint.port}` : t.outcome);

function realKey(real: RealCluster, r: ConnectResult): string {
  if (r.outcome !== 'delivered') return r.outcome;
  return r.reply ? real.endpointKey(r.reply.who, r.reply.local) : 'delivered (the echo server said nothing)';
}

/** The first packet's first hop: where the client's packet enters netfilter, and with which header. */
function firstHop(t: LabTrace): { node?: string; src?: string; sport?: number; dst?: string; dport?: number } {
  const hop = t.packets[0]?.hops[0];
  return { node: hop?.node, src: hop?.before?.src, sport: hop?.before?.sport, dst: hop?.before?.dst, dport: hop?.before?.dport };
}

/** How a source looks to the endpoint: the client itself (`IP:C`), or an address with a port SNAT chose (`IP:M`). */
const seen = (ip: string, port: number, clientPort: number): string => `${ip}:${port === clientPort ? 'C' : 'M'}`;

/** The rules the lab's packets matched, by node: `TABLE -A …`. */
function labMatchedRules(t: LabTrace): Record<string, Set<string>> {
  const out: Record<string, Set<string>> = {};
  for (const p of t.packets) {
    for (const h of p.hops) {
      if (h.matched && h.node && h.table && h.rule?.startsWith('-A ')) (out[h.node] ??= new Set()).add(`${h.table} ${h.rule}`);
    }
  }
  return out;
}

/**
 * Which rules decided, from the kernel's own counters: the nat table sees only a connection's first packet
 * in each direction, so the rules it matched must be exactly the lab's; filter sees every packet (and the
 * kernel sends a few more than the lab's eight, pure ACKs), so every filter rule the lab matched must have
 * counted at least one packet.
 */
function compareRules(kernel: Record<string, Map<string, number>>, lab: LabTrace): Difference[] {
  const out: Difference[] = [];
  const labRules = labMatchedRules(lab);
  for (const node of new Set([...Object.keys(kernel), ...Object.keys(labRules)])) {
    const k = kernel[node] ?? new Map<string, number>();
    const l = labRules[node] ?? new Set<string>();
    const kernelNat = [...k.keys()].filter((r) => r.startsWith('nat ') && !l.has(r));
    const labNat = [...l].filter((r) => r.startsWith('nat ') && !k.has(r));
    const labFilter = [...l].filter((r) => r.startsWith('filter ') && !k.has(r));
    if (kernelNat.length > 0 || labNat.length > 0) out.push({ fact: `nat rules matched on ${node}`, kernel: `also ${kernelNat.join('\n') || '(none)'}`, lab: `also ${labNat.join('\n') || '(none)'}` });
    if (labFilter.length > 0) out.push({ fact: `filter rules matched on ${node}`, kernel: '(none of these counted a packet)', lab: labFilter.join('\n') });
  }
  return out;
}

export const RELATED_PENDING = 'RELATED: the lab classifies the ICMP error of a REJECT as INVALID where the kernel says RELATED (issue 14, "RELATED")';

/** How conntrack classified the ICMP errors the lab's journey has a node send (a REJECT's answer), on that node's OUTPUT. */
function compareIcmpErrors(kernel: Record<string, Map<string, number>>, lab: LabTrace): Difference[] {
  const out: Difference[] = [];
  for (const p of lab.packets) {
    const hop = p.hops[0];
    // Only an error the node sends itself is counted in its mangle OUTPUT; a pod's (a closed port's) it forwards.
    if (!p.label.startsWith('ICMP') || !hop?.node || hop.hook !== 'OUTPUT') continue;
    const counted = [...(kernel[hop.node]?.keys() ?? [])].flatMap((r) => /^mangle -A OUTPUT -p icmp -m conntrack --ctstate (\w+)$/.exec(r)?.[1] ?? []);
    const k = counted.join(',') || '(no ICMP error sent)';
    if (k !== hop.ctstate) out.push({ fact: `ctstate of the ${p.label} ${hop.node} sends`, kernel: k, lab: hop.ctstate ?? '-', ...(k === 'RELATED' ? { pending: RELATED_PENDING } : {}) });
  }
  return out;
}

function compareConnection(real: RealCluster, r: ConnectResult, conntrack: Record<string, string[]>, rules: Record<string, Map<string, number>>, lab: LabTrace): Difference[] {
  const out: Difference[] = [...compareRules(rules, lab), ...compareIcmpErrors(rules, lab)];
  const client = splitAddress(r.local);
  const hop = firstHop(lab);
  // A journey no node's hooks saw (a pod to its own address) has no hop: what was delivered is what was sent.
  const labClientPort = hop.sport ?? lab.packets[0]?.delivered?.sport ?? -1;
  if (r.outcome !== lab.outcome) out.push({ fact: 'outcome', kernel: `${r.outcome}${r.code ? ` (${r.code})` : ''}`, lab: lab.outcome });
  if (r.outcome === 'delivered' && lab.outcome === 'delivered' && r.reply) {
    const who = r.reply.who.replace(/^pod:[^/]*\//, 'pod:');
    const labWho = lab.endpoint?.pod ? `pod:${lab.endpoint.pod}` : `node:${lab.endpoint?.node ?? '?'}`;
    const realEndpoint = `${who} ${real.endpointKey(r.reply.who, r.reply.local)}`;
    const labEndpoint = `${labWho} ${lab.endpoint ? `${lab.endpoint.ip}:${lab.endpoint.port}` : '-'}`;
    if (realEndpoint !== labEndpoint) out.push({ fact: 'endpoint', kernel: realEndpoint, lab: labEndpoint });
    const remote = splitAddress(r.reply.remote);
    const realSeen = seen(remote.ip, remote.port, client.port);
    const labSeen = lab.seenSource ? seen(lab.seenSource.ip, lab.seenSource.port, labClientPort) : '-';
    if (realSeen !== labSeen) out.push({ fact: 'source seen', kernel: realSeen, lab: labSeen });
  }
  const realMasq = masquerades(conntrack).join('; ');
  const labMasq = masquerades(lab.conntrack).join('; ');
  if (realMasq !== labMasq) out.push({ fact: 'masquerade', kernel: realMasq || 'none', lab: labMasq || 'none' });
  const realCt = normalizeConntrack(conntrack, client.port);
  const labCt = normalizeConntrack(lab.conntrack, labClientPort);
  for (const node of new Set([...Object.keys(realCt), ...Object.keys(labCt)])) {
    const k = (realCt[node] ?? []).join('\n');
    const l = (labCt[node] ?? []).join('\n');
    if (k !== l) out.push({ fact: `conntrack ${node}`, kernel: k || '(no entry)', lab: l || '(no entry)' });
  }
  return out;
}

export interface JourneyContext {
  readonly real: RealCluster;
  readonly file: string;
  readonly scenario: string;
  readonly deadline: number;
}

export async function runJourney(ctx: JourneyContext, c: JourneyCase): Promise<JourneyResult> {
  const command = commandFor(ctx.file, c);
  const base = { scenario: ctx.scenario, id: c.id, command };
  const request: LabRequest = { file: ctx.file, from: c.from, to: c.to, ...(c.via ? { via: c.via } : {}), ...(c.protocol ? { protocol: c.protocol } : {}) };
  const pending = c.pending;
  const finish = (differences: Difference[], sent: number, note?: string): JourneyResult => {
    const open = differences.filter((d) => !d.pending);
    const status = differences.length === 0 ? 'agree' : pending || open.length === 0 ? 'pending' : 'disagree';
    const why = status === 'pending' ? [pending, ...new Set(differences.flatMap((d) => d.pending ?? []))].filter(Boolean).join('; ') : note;
    return { ...base, status, differences, sent, ...(why ? { note: why } : {}) };
  };
  if (c.protocol === 'icmp') return runPing(ctx, c, request, base);

  const traces = new LabTraces(request);
  let first: LabTrace;
  try {
    first = await traces.get(1);
  } catch (e) {
    if (e instanceof LabRefused && c.pending) return { ...base, status: 'pending', differences: [], sent: 0, note: `${c.pending}; ${e.message}` };
    throw e;
  }
  const hop = firstHop(first);
  const literal = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(c.to);
  const host = literal?.[1] ?? hop.dst;
  const port = literal ? Number(literal[2]) : hop.dport;
  if (host === undefined || port === undefined) return finish([{ fact: 'destination', kernel: '-', lab: 'the lab trace has no first hop to read the address from' }], 0);
  const client: Client = ctx.real.client(c.from, DEFAULT_EXTERNAL_IP);
  if (client.external) {
    // The lab's first hop is the node it says the packets arrive at (NODE:PORT, --via, else the first worker).
    const entry = hop.node ? ctx.real.nodeByName(hop.node) : undefined;
    if (!entry) return finish([{ fact: 'entry node', kernel: '-', lab: `no node named ${hop.node ?? '(none)'}` }], 0);
    ctx.real.routeExternal(host, entry);
  }
  // Without --proto the lab takes the named Service port's protocol; a TCP connection starts with a SYN.
  const protocol = c.protocol ?? (first.packets[0]?.label === 'SYN' ? 'tcp' : 'udp');
  // Where the lab finds no host, the kernel's answer (ARP unanswered → EHOSTUNREACH) takes ~3 s to come.
  const timeout = first.outcome === 'no-route' ? NO_ROUTE_TIMEOUT_MS : protocol === 'udp' ? UDP_TIMEOUT_MS : CONNECT_TIMEOUT_MS;
  const differences: Difference[] = [];
  const reached = new Set<string>();
  let lastKey = '';
  let sent = 0;
  for (let i = 0; i < (c.connections ?? 1); i++) {
    // Each compared connection starts from a clean kernel, as each `kpl trace` starts from a fresh network
    // (the CLI cannot continue one); what a second connection does under affinity is the sticky check below.
    ctx.real.forget();
    const [sentResult] = await client.agent.connect(protocol, host, port, 1, timeout);
    sent++;
    if (!sentResult) throw new Error('the agent returned no result');
    let r: ConnectResult = sentResult;
    if (r.outcome === 'dropped' && first.outcome === 'no-route') {
      const unanswered = ctx.real.unansweredNeighbours(client);
      if (unanswered.length > 0) r = { ...r, outcome: 'no-route', code: `ARP unanswered: ${unanswered.join('; ')}` };
    }
    const { conntrack, rules } = await settledState(ctx.real, r);
    const key = realKey(ctx.real, r);
    reached.add(key);
    lastKey = key;
    const lab = await traces.find((t) => labKey(t) === key);
    if (!lab) {
      const possible = [...(await traces.keys(labKey))].sort().join(', ');
      differences.push({ fact: `outcome/endpoint (connection ${i + 1})`, kernel: `${key}${r.code ? ` (${r.code})` : ''}`, lab: `seeds 1…${SEEDS} give only: ${possible}` });
      continue;
    }
    differences.push(...compareConnection(ctx.real, r, conntrack, rules, lab).map((d) => (c.connections && c.connections > 1 ? { ...d, fact: `${d.fact} (connection ${i + 1})` } : d)));
  }
  if (differences.length > 0 || Date.now() > ctx.deadline) return finish(differences, sent);

  // Which endpoints: only where the lab's walk met a choice, kube-proxy's `statistic` cascade or the
  // `recent` rules of session affinity (`-m recent --name KUBE-SEP-… --rcheck`); elsewhere there is one answer,
  // already compared.
  const walked = first.packets[0]?.hops ?? [];
  const sticky = walked.some((h) => / -m recent /.test(h.rule ?? ''));
  if (!sticky && !walked.some((h) => / -m statistic /.test(h.rule ?? ''))) return finish(differences, sent);
  const spread = await labSpread(request, 200);
  const spreadKeys = new Set([...Object.keys(spread.endpoints), ...Object.keys(spread.failures ?? {}).filter((k) => (spread.failures?.[k] ?? 0) > 0)]);
  if (spread.failed > 0 && Object.keys(spread.failures ?? {}).length === 0) spreadKeys.add('failed');
  if (sticky && spreadKeys.size === 1) {
    const results = await client.agent.connect(protocol, host, port, STICKY_CONNECTIONS, timeout);
    sent += results.length;
    const keys = new Set(results.map((r) => realKey(ctx.real, r)));
    // The last compared connection left its client in the `recent` lists; the ones after it must follow.
    keys.add(lastKey);
    if (keys.size !== 1) differences.push({ fact: `endpoints of one client over ${results.length + 1} connections`, kernel: [...keys].sort().join(', '), lab: `one (session affinity): ${[...spreadKeys].join('')}` });
  } else if (spreadKeys.size > 1) {
    while (sent < COVER_LIMIT && [...spreadKeys].some((k) => !reached.has(k)) && [...reached].every((k) => spreadKeys.has(k)) && Date.now() < ctx.deadline) {
      const results = await client.agent.connect(protocol, host, port, 4, timeout);
      sent += results.length;
      for (const r of results) reached.add(realKey(ctx.real, r));
    }
    const k = [...reached].sort().join(', ');
    const l = [...spreadKeys].sort().join(', ');
    if (k !== l) differences.push({ fact: `endpoints over ${sent} connections`, kernel: k, lab: `${l} (kpl spread, 200 connections)` });
  }
  return finish(differences, sent);
}

/** The echo id of a ping's first entry (`type=8 … id=N`), which plays the client port's part for ICMP. */
function echoId(byNode: Readonly<Record<string, readonly string[]>>): number {
  for (const lines of Object.values(byNode)) for (const l of lines) {
    const m = /^icmp .* type=8 code=0 id=(\d+) /.exec(l);
    if (m) return Number(m[1]);
  }
  return -1;
}

/**
 * A ping (`ping -c 1`) against the lab's `--proto icmp` trace: the outcome, where the echo was masqueraded,
 * every node's conntrack entries (the echo id as the client port) and the rules the kernel's packets matched.
 * The destination is the address the lab's first packet was sent to (a node, pod or Service name resolved).
 */
async function runPing(ctx: JourneyContext, c: JourneyCase, request: LabRequest, base: Pick<JourneyResult, 'scenario' | 'id' | 'command'>): Promise<JourneyResult> {
  const lab = await labTrace(request, 1);
  const client = ctx.real.client(c.from, DEFAULT_EXTERNAL_IP);
  const hop = firstHop(lab);
  const host = lab.packets[0]?.delivered?.dst ?? hop.dst ?? ctx.real.nodeByName(c.to)?.internalIP ?? c.to;
  const sentTo = (lab.packets[0]?.hops.find((h) => h.before)?.before?.dst) ?? host;
  if (client.external && hop.node) ctx.real.routeExternal(sentTo, ctx.real.nodeByName(hop.node)!);
  ctx.real.forget();
  const outcome = ctx.real.ping(client, sentTo);
  if (!outcome) return { ...base, status: 'pending', differences: [], sent: 0, note: 'this machine has no ping (iputils-ping)' };
  await sleep(20);
  const { conntrack, rules } = ctx.real.readState(true);
  const differences: Difference[] = [];
  if (outcome !== lab.outcome) differences.push({ fact: 'outcome', kernel: outcome, lab: lab.outcome });
  const realMasq = masquerades(conntrack).join('; ');
  const labMasq = masquerades(lab.conntrack).join('; ');
  if (realMasq !== labMasq) differences.push({ fact: 'masquerade', kernel: realMasq || 'none', lab: labMasq || 'none' });
  const realCt = normalizeConntrack(conntrack, echoId(conntrack));
  const labCt = normalizeConntrack(lab.conntrack, echoId(lab.conntrack));
  for (const node of new Set([...Object.keys(realCt), ...Object.keys(labCt)])) {
    const k = (realCt[node] ?? []).join('\n');
    const l = (labCt[node] ?? []).join('\n');
    if (k !== l) differences.push({ fact: `conntrack ${node}`, kernel: k || '(no entry)', lab: l || '(no entry)' });
  }
  differences.push(...compareRules(rules, lab));
  const status = differences.length === 0 ? 'agree' : c.pending ? 'pending' : 'disagree';
  return { ...base, status, differences, sent: 1, ...(status === 'pending' ? { note: c.pending } : {}) };
}
