/**
 * Deciding whether a rule matches without writing the notes. A spread of 10,000 connections evaluates
 * hundreds of thousands of rules whose notes nobody reads; the walk (walk.ts) uses these when it keeps
 * only the last step. They decide exactly as `evaluateMatches` does — the `-s -d -i -o -p -f` part first,
 * then each module in rule order, stopping at the first that fails — with the same side effects
 * (statistic draws and nth counters, `recent` lists, nfacct counters); match-quiet.test.ts checks both
 * against the noted evaluation on generated rules.
 */
import { cidrContains } from '../ipv4';
import { addressType } from './match-addrtype';
import { interfaceMatches, PROTOCOL_NUMBERS } from './match-header';
import type { IpHeaderMatch, Match, PortRange, Rule } from './model';
import type { MatchContext } from './match-context';
import { evaluateMatch, STATE_ORDER, TCP_FLAG_BITS } from './matches';
import type { ConntrackStateName, TcpFlag, Packet } from '../packet';

const inRange = (r: PortRange, port: number): boolean => port >= r.from && port <= r.to;

function flagBits(flags: readonly TcpFlag[]): number {
  let bits = 0;
  for (const f of flags) bits |= TCP_FLAG_BITS[f];
  return bits;
}

/** `ip_packet_match`, as `ipHeaderOutcome` decides it. */
export function ipHeaderMatches(ip: IpHeaderMatch, packet: Packet): boolean {
  if (ip.source && cidrContains(ip.source.value, packet.src) === ip.source.invert) return false;
  if (ip.destination && cidrContains(ip.destination.value, packet.dst) === ip.destination.invert) return false;
  if (ip.inInterface && interfaceMatches(ip.inInterface.value, packet.inInterface) === ip.inInterface.invert) return false;
  if (ip.outInterface && interfaceMatches(ip.outInterface.value, packet.outInterface) === ip.outInterface.invert) return false;
  if (ip.protocol) {
    const p = ip.protocol.value;
    const wanted = typeof p === 'number' ? p : p === 'all' ? 0 : PROTOCOL_NUMBERS[p];
    if (wanted !== 0 && (PROTOCOL_NUMBERS[packet.protocol] === wanted) === ip.protocol.invert) return false;
  }
  return !(ip.fragment && !ip.fragment.invert);
}

type PortsMatch = Extract<Match, { kind: 'tcp' | 'udp' | 'sctp' }>;

function portsHold(m: PortsMatch, packet: Packet): boolean {
  if (packet.protocol !== m.kind) return false;
  if (m.sourcePort && inRange(m.sourcePort.value, packet.sport) === m.sourcePort.invert) return false;
  if (m.destinationPort && inRange(m.destinationPort.value, packet.dport) === m.destinationPort.invert) return false;
  if (m.kind === 'tcp' && m.tcpFlags) {
    const equal = (flagBits(packet.tcpFlags ?? []) & flagBits(m.tcpFlags.value.mask)) === flagBits(m.tcpFlags.value.compare);
    if (equal === m.tcpFlags.invert) return false;
  }
  return true;
}

function stateHolds(module: 'conntrack' | 'state', want: { readonly value: readonly ConntrackStateName[]; readonly invert: boolean }, ctx: MatchContext): boolean {
  let known = false;
  let hit = false;
  for (const s of STATE_ORDER) {
    if (!ctx.ctstates.has(s) || (module === 'state' && (s === 'SNAT' || s === 'DNAT'))) continue;
    known = true;
    if (want.value.includes(s)) hit = true;
  }
  // A packet without a conntrack entry counts as INVALID (XT_CONNTRACK_STATE_INVALID).
  if (!known) hit = want.value.includes('INVALID');
  return hit !== want.invert;
}

/** Modules whose evaluation changes state (statistic, recent, nfacct) or that are rare enough to be asked with notes. */
function hasSideEffects(m: Match): boolean {
  return m.kind === 'statistic' || m.kind === 'recent' || m.kind === 'nfacct' || m.kind === 'set';
}

/** One module's verdict, as `evaluateMatch(...).matched`, with the same side effects. */
function matchHolds(m: Match, packet: Packet, ctx: MatchContext, rule: object): boolean {
  switch (m.kind) {
    case 'comment':
    case 'ipvs':
      return true;
    case 'unknown':
      return ctx.unknownMatches !== 'no-match';
    case 'tcp':
    case 'udp':
    case 'sctp':
      return portsHold(m, packet);
    case 'icmp': {
      if (packet.protocol !== 'icmp') return false;
      const want = m.icmpType;
      if (!want) return true;
      const type = packet.icmpType ?? 0;
      const code = packet.icmpCode ?? 0;
      const hit = want.value.type === 255 || (type === want.value.type && (want.value.code === undefined || code === want.value.code));
      return hit !== want.invert;
    }
    case 'multiport': {
      if (packet.protocol === 'icmp') return false;
      const list = m.ports.value;
      const fits = (port: number): boolean => list.some((r) => inRange(r, port));
      const hit = m.which === 'sports' ? fits(packet.sport) : m.which === 'dports' ? fits(packet.dport) : fits(packet.sport) || fits(packet.dport);
      return hit !== m.ports.invert;
    }
    case 'mark':
    case 'connmark': {
      const mark = m.kind === 'mark' ? packet.mark : ctx.ctmark;
      return (((mark & m.mask) >>> 0) === m.value >>> 0) !== m.invert;
    }
    case 'statistic': {
      if (m.mode === 'random') return (((ctx.random32() >>> 0) & 0x7fffffff) < m.probabilityU32) !== m.invert;
      // The nth counter as evaluateStatistic keeps it (see there).
      const top = m.every - 1;
      const before = ctx.nthCounters.get(rule) ?? top - m.packet;
      const after = before === top ? 0 : before + 1;
      ctx.nthCounters.set(rule, after);
      return (after === 0) !== m.invert;
    }
    case 'addrtype': {
      if (m.srcType && m.srcType.value.includes(addressType(packet.src, ctx.localAddresses)) === m.srcType.invert) return false;
      if (m.dstType && m.dstType.value.includes(addressType(packet.dst, ctx.localAddresses)) === m.dstType.invert) return false;
      return true;
    }
    case 'conntrack':
      // Other `-m conntrack` options are not simulated and assumed to match.
      return m.ctstate ? stateHolds('conntrack', m.ctstate, ctx) : true;
    case 'state':
      return stateHolds('state', m.state, ctx);
    case 'nfacct': {
      const counter = ctx.nfacct.get(m.name) ?? { packets: 0, bytes: 0 };
      counter.packets += 1;
      counter.bytes += packet.length;
      ctx.nfacct.set(m.name, counter);
      return true;
    }
    case 'recent':
    case 'set':
      return evaluateMatch(m, packet, ctx, rule).matched;
  }
}

/** `evaluateMatches(rule, packet, ctx).matched`, with the same side effects, without the notes. */
export function ruleMatches(rule: Rule, packet: Packet, ctx: MatchContext): boolean {
  if (!ipHeaderMatches(rule.ip, packet)) return false;
  for (const m of rule.matches) if (!matchHolds(m, packet, ctx, rule)) return false;
  return true;
}

/**
 * True when the rule certainly does not match and evaluating it changes nothing: a check without side
 * effects fails before any module with them is reached. False says nothing (the rule may still fail).
 */
export function rejectsQuietly(rule: Rule, packet: Packet, ctx: MatchContext): boolean {
  if (!ipHeaderMatches(rule.ip, packet)) return true;
  for (const m of rule.matches) {
    if (hasSideEffects(m)) return false;
    if (!matchHolds(m, packet, ctx, rule)) return true;
  }
  return false;
}
