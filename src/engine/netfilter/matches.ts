/**
 * Evaluating a rule's matches against a packet, module by module, as the kernel's xtables modules do
 * (net/netfilter/xt_*.c). Every outcome carries a short note so the UI can say why a rule did or did
 * not match. Stateful modules (statistic nth, recent, nfacct) mutate the node's state in `ctx`.
 */
import type { Match, PortRange, Rule } from './model';
import type { MatchContext } from './match-context';
import type { MatchOutcome } from './match-outcome';
import { ipHeaderOutcome } from './match-header';
import { evaluateAddrtype } from './match-addrtype';
import { evaluateRecent } from './match-recent';
import { evaluateSet } from './match-set';
import type { ConntrackStateName, TcpFlag, Packet } from '../packet';

export type { MatchOutcome } from './match-outcome';
export { interfaceMatches, ipHeaderOutcome, matchesIpHeader, PROTOCOL_NUMBERS } from './match-header';

/** The result for a whole rule: whether it matched, every note in evaluation order, and whether an unsimulated module was assumed to match. */
export interface RuleMatchResult {
  readonly matched: boolean;
  readonly notes: string[];
  readonly unknown: boolean;
}

/** Bit values of the TCP header's flags byte (offset 13), which `--tcp-flags` masks and compares. */
export const TCP_FLAG_BITS: Readonly<Record<TcpFlag, number>> = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ECE: 64, CWR: 128 };
/** The states `--ctstate` can see, in the order notes list them. */
export const STATE_ORDER: readonly ConntrackStateName[] = ['INVALID', 'NEW', 'ESTABLISHED', 'RELATED', 'UNTRACKED', 'SNAT', 'DNAT'];

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;
const hex8 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;
/**
 * Notes are notation, shown as is in every UI language: the module and option as iptables writes them
 * (`!` in front when inverted), then how the packet's value relates to the option's (∋ ∌ ∈ ∉ = ≠ < ≥).
 * Whether the rule matched is the outcome's `matched`, not part of the note.
 */
const bang = (invert: boolean): string => (invert ? '! ' : '');
const range = (r: PortRange): string => (r.from === r.to ? `${r.from}` : `${r.from}:${r.to}`);
const inRange = (r: PortRange, port: number): boolean => port >= r.from && port <= r.to;
const flagBits = (flags: readonly TcpFlag[]): number => flags.reduce((b, f) => b | TCP_FLAG_BITS[f], 0);

type PortsMatch = Extract<Match, { kind: 'tcp' | 'udp' | 'sctp' }>;

/** xt_tcpudp `port_match` / xt_sctp: `(min <= port <= max) ^ invert`, then the TCP flags byte. */
function evaluatePorts(m: PortsMatch, packet: Packet): MatchOutcome {
  if (packet.protocol !== m.kind) return { matched: false, note: `${m.kind} ≠ ${packet.protocol}` };
  const parts: string[] = [];
  const checks: [string, number, PortsMatch['sourcePort']][] = [
    ['--sport', packet.sport, m.sourcePort],
    ['--dport', packet.dport, m.destinationPort],
  ];
  for (const [option, port, want] of checks) {
    if (!want) continue;
    const fits = inRange(want.value, port);
    const ok = fits !== want.invert;
    parts.push(`${bang(want.invert)}${option} ${range(want.value)} ${fits ? '∋' : '∌'} ${port}`);
    if (!ok) return { matched: false, note: `${m.kind} ${parts.join(', ')}` };
  }
  if (m.kind === 'tcp' && m.tcpFlags) {
    const have = flagBits(packet.tcpFlags ?? []);
    const mask = flagBits(m.tcpFlags.value.mask);
    const comp = flagBits(m.tcpFlags.value.compare);
    const equal = (have & mask) === comp;
    const ok = equal !== m.tcpFlags.invert;
    const shown = (packet.tcpFlags ?? []).join(',') || '∅';
    parts.push(`${bang(m.tcpFlags.invert)}--tcp-flags ${shown} & ${m.tcpFlags.value.mask.join(',')} ${equal ? '=' : '≠'} ${m.tcpFlags.value.compare.join(',') || 'NONE'}`);
    if (!ok) return { matched: false, note: `${m.kind} ${parts.join(', ')}` };
  }
  return { matched: true, note: parts.length ? `${m.kind} ${parts.join(', ')}` : undefined };
}

type IcmpMatch = Extract<Match, { kind: 'icmp' }>;

/** xt_tcpudp `icmp_type_code_match`: type 255 ("any") matches every type; an absent code means codes 0–255. */
function evaluateIcmp(m: IcmpMatch, packet: Packet): MatchOutcome {
  if (packet.protocol !== 'icmp') return { matched: false, note: `icmp ≠ ${packet.protocol}` };
  const want = m.icmpType;
  if (!want) return { matched: true };
  const type = packet.icmpType ?? 0;
  const code = packet.icmpCode ?? 0;
  const hit = want.value.type === 255 || (type === want.value.type && (want.value.code === undefined || code === want.value.code));
  const ok = hit !== want.invert;
  const wanted = `${want.value.type === 255 ? 'any' : want.value.type}${want.value.code === undefined ? '' : `/${want.value.code}`}`;
  return { matched: ok, note: `icmp ${bang(want.invert)}--icmp-type ${wanted} ${hit ? '∋' : '∌'} ${type}/${code}` };
}

type MultiportMatch = Extract<Match, { kind: 'multiport' }>;

/** xt_multiport `ports_match_v1`: the first listed port or range that fits decides; `--ports` tries source, then destination. */
function evaluateMultiport(m: MultiportMatch, packet: Packet): MatchOutcome {
  if (packet.protocol === 'icmp') return { matched: false, note: 'multiport ≠ icmp' };
  const list = m.ports.value;
  const fits = (port: number): boolean => list.some((r) => inRange(r, port));
  const hit =
    m.which === 'sports' ? fits(packet.sport) : m.which === 'dports' ? fits(packet.dport) : fits(packet.sport) || fits(packet.dport);
  const ok = hit !== m.ports.invert;
  const port = m.which === 'sports' ? `${packet.sport}` : m.which === 'dports' ? `${packet.dport}` : `${packet.sport}/${packet.dport}`;
  const listed = list.map(range).join(',');
  return { matched: ok, note: `multiport ${bang(m.ports.invert)}--${m.which} ${listed} ${hit ? '∋' : '∌'} ${port}` };
}

type MarkMatch = Extract<Match, { kind: 'mark' | 'connmark' }>;

/** xt_mark / xt_connmark: `((mark & mask) == value) ^ invert`, on skb->mark or ct->mark. */
function evaluateMark(m: MarkMatch, packet: Packet, ctx: MatchContext): MatchOutcome {
  const mark = m.kind === 'mark' ? packet.mark : ctx.ctmark;
  const masked = (mark & m.mask) >>> 0;
  const ok = (masked === m.value >>> 0) !== m.invert;
  return {
    matched: ok,
    note: `${bang(m.invert)}${m.kind} ${hex(mark)} & ${hex(m.mask)} = ${hex(masked)} ${masked === m.value >>> 0 ? '=' : '≠'} ${hex(m.value)}`,
  };
}

type StatisticMatch = Extract<Match, { kind: 'statistic' }>;

/**
 * xt_statistic `statistic_mt`. Random mode: `(get_random_u32() & 0x7FFFFFFF) < probability`.
 * Nth mode: iptables stores `every − 1` and starts the counter at `every − 1 − packet`; each packet
 * advances it (wrapping from `every − 1` to 0) and the packet that brings it to 0 matches — so with
 * `--every 3 --packet 1`, the 2nd, 5th, 8th … packets match. The counter lives per rule.
 */
function evaluateStatistic(m: StatisticMatch, ctx: MatchContext, rule: object): MatchOutcome {
  if (m.mode === 'random') {
    const drawn = ctx.random32() >>> 0;
    const x = drawn & 0x7fffffff;
    const hit = x < m.probabilityU32;
    const ok = hit !== m.invert;
    return {
      matched: ok,
      note: `${bang(m.invert)}statistic ${hex8(drawn)} & 0x7fffffff = ${x} ${hit ? '<' : '≥'} ${m.probabilityU32}`,
    };
  }
  const top = m.every - 1;
  const before = ctx.nthCounters.get(rule) ?? top - m.packet;
  const after = before === top ? 0 : before + 1;
  ctx.nthCounters.set(rule, after);
  const hit = after === 0;
  const ok = hit !== m.invert;
  return { matched: ok, note: `${bang(m.invert)}statistic --every ${m.every} --packet ${m.packet}: ${before} → ${after}` };
}

/**
 * xt_conntrack `--ctstate` and xt_state `--state`: the rule matches when the packet's state is one of
 * those listed. The conntrack module also sets the "virtual" SNAT/DNAT bits from the connection's
 * IPS_SRC_NAT/IPS_DST_NAT status; xt_state knows only the ctinfo states.
 */
function evaluateState(
  module: 'conntrack' | 'state',
  want: { readonly value: readonly ConntrackStateName[]; readonly invert: boolean },
  ctx: MatchContext,
): MatchOutcome {
  const known = STATE_ORDER.filter((s) => ctx.ctstates.has(s) && (module === 'conntrack' || (s !== 'SNAT' && s !== 'DNAT')));
  // A packet without a conntrack entry counts as INVALID (XT_CONNTRACK_STATE_INVALID).
  const has: readonly ConntrackStateName[] = known.length ? known : ['INVALID'];
  const hit = want.value.some((s) => has.includes(s));
  const ok = hit !== want.invert;
  const option = module === 'conntrack' ? 'ctstate' : 'state';
  return {
    matched: ok,
    // The states the packet has that the option lists (∋), or all it has when none is listed (∌).
    note: `${module} ${bang(want.invert)}--${option} ${want.value.join(',')} ${hit ? `∋ ${has.filter((st) => want.value.includes(st)).join(',')}` : `∌ ${has.join(',')}`}`,
  };
}

/** Evaluates one match module. `rule` identifies the rule for per-rule state (statistic nth counters). */
export function evaluateMatch(match: Match, packet: Packet, ctx: MatchContext, rule: object): MatchOutcome {
  switch (match.kind) {
    case 'comment':
      return { matched: true };
    case 'tcp':
    case 'udp':
    case 'sctp':
      return evaluatePorts(match, packet);
    case 'icmp':
      return evaluateIcmp(match, packet);
    case 'multiport':
      return evaluateMultiport(match, packet);
    case 'mark':
    case 'connmark':
      return evaluateMark(match, packet, ctx);
    case 'statistic':
      return evaluateStatistic(match, ctx, rule);
    case 'addrtype':
      return evaluateAddrtype(match, packet, ctx);
    case 'conntrack': {
      const state = match.ctstate ? evaluateState('conntrack', match.ctstate, ctx) : { matched: true };
      if (!state.matched || !match.extra?.length) return state;
      const extra = `conntrack: ${match.extra.join(' ')} not simulated (assumed to match)`;
      return { matched: true, unknown: true, note: state.note ? `${state.note}; ${extra}` : extra };
    }
    case 'state':
      return evaluateState('state', match.state, ctx);
    case 'recent':
      return evaluateRecent(match, packet, ctx);
    case 'nfacct': {
      // The kernel refuses a rule naming a missing nfacct object; the simulated node creates it instead.
      const counter = ctx.nfacct.get(match.name) ?? { packets: 0, bytes: 0 };
      counter.packets += 1;
      counter.bytes += packet.length;
      ctx.nfacct.set(match.name, counter);
      return { matched: true, note: `nfacct ${match.name}: ${counter.packets} pkts ${counter.bytes} bytes` };
    }
    case 'set':
      return evaluateSet(match, packet, ctx);
    case 'ipvs':
      // xt_ipvs reads the packet's IPVS connection, which the rule walk does not see.
      return { matched: true, unknown: true, note: '-m ipvs: the packet’s IPVS connection is not simulated here (assumed to match)' };
    case 'unknown':
      return ctx.unknownMatches === 'no-match'
        ? { matched: false, unknown: true, note: `-m ${match.module}: not simulated (treated as not matching)` }
        : { matched: true, unknown: true, note: `-m ${match.module}: not simulated (assumed to match)` };
  }
}

/**
 * Evaluates a whole rule as `ipt_do_table` does: the `-s -d -i -o -p -f` part first, then each `-m`
 * module in rule order, stopping at the first that fails — so later modules with side effects
 * (`recent --set`, nfacct counting, nth counters) do not run for a packet an earlier match rejected.
 */
export function evaluateMatches(rule: Rule, packet: Packet, ctx: MatchContext): RuleMatchResult {
  const notes: string[] = [];
  let unknown = false;
  const header = ipHeaderOutcome(rule.ip, packet);
  if (header.note) notes.push(header.note);
  if (!header.matched) return { matched: false, notes, unknown };
  for (const match of rule.matches) {
    const outcome = evaluateMatch(match, packet, ctx, rule);
    if (outcome.note) notes.push(outcome.note);
    if (outcome.unknown) unknown = true;
    if (!outcome.matched) return { matched: false, notes, unknown };
  }
  return { matched: true, notes, unknown };
}
