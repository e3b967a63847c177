/**
 * A rule as `iptables-save` and `iptables -S` print it (iptables 1.8.11): the IP header part in the order
 * `-s -d -i -o -p -f`, then each match with its options, then the target.
 */
import type { Match, NatRange, PortRange, Protocol, Rule, Target } from './model';
import { formatIpv4, formatCidr } from '../ipv4';
import { quoteString } from './tokenize';
import { CT_STATES } from './parse-match';
import { ipvsSaveText } from './match-ipvs';
import type { ConntrackStateName, TcpFlag } from '../packet';

const neg = (invert: boolean): string => (invert ? '! ' : '');

export function protocolName(p: Protocol): string {
  return String(p);
}

function ports(r: PortRange): string {
  return r.from === r.to ? String(r.from) : `${r.from}:${r.to}`;
}

export const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** The probability the kernel stores, printed `%.11f` of u32/2^31 as libxt_statistic does. */
export function probabilityText(u32: number): string {
  return (u32 / 0x80000000).toFixed(11);
}

const TCP_FLAG_ORDER: readonly TcpFlag[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG'];

/** libxt_tcp print_tcpf: flag names in bit order (`ALL` comes back as the six names), `NONE` when empty. */
export function tcpFlagsText(flags: readonly TcpFlag[]): string {
  if (flags.length === 0) return 'NONE';
  return TCP_FLAG_ORDER.filter((f) => flags.includes(f)).join(',');
}

/** Conntrack states in the order libxt_conntrack prints them, whatever order they were written in. */
export function ctStatesText(states: readonly ConntrackStateName[]): string {
  return CT_STATES.filter((s) => states.includes(s)).join(',');
}

export function natRangeText(r: NatRange): string {
  let s = '';
  if (r.minAddress !== undefined) {
    s = formatIpv4(r.minAddress);
    if (r.maxAddress !== undefined && r.maxAddress !== r.minAddress) s += `-${formatIpv4(r.maxAddress)}`;
  }
  if (r.ports) s += `:${r.ports.from === r.ports.to ? r.ports.from : `${r.ports.from}-${r.ports.to}`}`;
  return s;
}

export function matchSaveText(m: Match): string {
  switch (m.kind) {
    case 'comment':
      return `-m comment --comment ${quoteString(m.comment)}`;
    case 'tcp':
    case 'udp':
    case 'sctp': {
      const parts = [`-m ${m.kind}`];
      if (m.sourcePort) parts.push(`${neg(m.sourcePort.invert)}--sport ${ports(m.sourcePort.value)}`);
      if (m.destinationPort) parts.push(`${neg(m.destinationPort.invert)}--dport ${ports(m.destinationPort.value)}`);
      if (m.tcpFlags) parts.push(`${neg(m.tcpFlags.invert)}--tcp-flags ${tcpFlagsText(m.tcpFlags.value.mask)} ${tcpFlagsText(m.tcpFlags.value.compare)}`);
      return parts.join(' ');
    }
    case 'icmp': {
      if (!m.icmpType) return '-m icmp';
      const t = m.icmpType.value;
      const v = t.type === 255 ? 'any' : t.code === undefined ? String(t.type) : `${t.type}/${t.code}`;
      return `-m icmp ${neg(m.icmpType.invert)}--icmp-type ${v}`;
    }
    case 'multiport':
      return `-m multiport ${neg(m.ports.invert)}--${m.which} ${m.ports.value.map(ports).join(',')}`;
    case 'mark':
    case 'connmark':
      return `-m ${m.kind} ${neg(m.invert)}--mark ${m.mask === 0xffffffff ? hex(m.value) : `${hex(m.value)}/${hex(m.mask)}`}`;
    case 'statistic':
      return m.mode === 'random'
        ? `-m statistic --mode random ${neg(m.invert)}--probability ${probabilityText(m.probabilityU32)}`
        : `-m statistic --mode nth ${neg(m.invert)}--every ${m.every} --packet ${m.packet}`;
    case 'addrtype': {
      const parts = ['-m addrtype'];
      if (m.srcType) parts.push(`${neg(m.srcType.invert)}--src-type ${m.srcType.value.join(',')}`);
      if (m.dstType) parts.push(`${neg(m.dstType.invert)}--dst-type ${m.dstType.value.join(',')}`);
      if (m.limitIfaceIn) parts.push('--limit-iface-in');
      if (m.limitIfaceOut) parts.push('--limit-iface-out');
      return parts.join(' ');
    }
    case 'conntrack': {
      const parts = ['-m conntrack'];
      if (m.ctstate) parts.push(`${neg(m.ctstate.invert)}--ctstate ${ctStatesText(m.ctstate.value)}`);
      if (m.extra) parts.push(...m.extra);
      return parts.join(' ');
    }
    case 'state':
      return `-m state ${neg(m.state.invert)}--state ${ctStatesText(m.state.value)}`;
    case 'recent': {
      // libxt_recent recent_save order: command, --seconds, --reap, --hitcount, --rttl, --name, --mask, side.
      const parts = [`-m recent ${neg(m.invert)}--${m.command}`];
      if (m.seconds !== undefined) parts.push(`--seconds ${m.seconds}`);
      if (m.reap) parts.push('--reap');
      if (m.hitcount !== undefined) parts.push(`--hitcount ${m.hitcount}`);
      if (m.rttl) parts.push('--rttl');
      parts.push(`--name ${m.name}`, `--mask ${formatIpv4(m.mask)}`, m.side === 'source' ? '--rsource' : '--rdest');
      return parts.join(' ');
    }
    case 'nfacct':
      // libxt_nfacct prints the option and its value with two spaces between them; nodes show it so.
      return `-m nfacct --nfacct-name  ${m.name}`;
    case 'set':
      return `-m set ${neg(m.invert)}--match-set ${m.setName} ${m.flags.join(',')}`;
    case 'ipvs':
      return ipvsSaveText(m);
    case 'unknown':
      return [`-m ${m.module}`, ...m.tokens].join(' ');
  }
}

export function targetSaveText(t: Target): string {
  switch (t.kind) {
    case 'none':
      return '';
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
      return `-j ${t.kind}`;
    case 'jump':
      return `-j ${t.chain}`;
    case 'goto':
      return `-g ${t.chain}`;
    case 'REJECT':
      return `-j REJECT --reject-with ${t.rejectWith}`;
    case 'DNAT':
      return `-j DNAT --to-destination ${natRangeText(t.to)}${t.random ? ' --random' : ''}${t.persistent ? ' --persistent' : ''}`;
    case 'SNAT':
      return `-j SNAT --to-source ${natRangeText(t.to)}${t.random ? ' --random' : ''}${t.randomFully ? ' --random-fully' : ''}${t.persistent ? ' --persistent' : ''}`;
    case 'MASQUERADE': {
      let s = '-j MASQUERADE';
      if (t.toPorts) s += ` --to-ports ${t.toPorts.from === t.toPorts.to ? t.toPorts.from : `${t.toPorts.from}-${t.toPorts.to}`}`;
      if (t.random) s += ' --random';
      if (t.randomFully) s += ' --random-fully';
      return s;
    }
    case 'MARK':
      return `-j MARK --set-xmark ${hex(t.value)}/${hex(t.mask)}`;
    case 'CONNMARK':
      if (t.mode === 'set') return `-j CONNMARK --set-xmark ${hex(t.value ?? 0)}/${hex(t.mask ?? 0xffffffff)}`;
      return `-j CONNMARK --${t.mode}-mark --nfmask ${hex(t.nfmask ?? 0xffffffff)} --ctmask ${hex(t.ctmask ?? 0xffffffff)}`;
    case 'LOG':
      return `-j LOG${t.prefix !== undefined ? ` --log-prefix ${quoteString(t.prefix)}` : ''}${t.level !== undefined && t.level !== 4 ? ` --log-level ${t.level}` : ''}`;
    case 'NOTRACK':
      return '-j NOTRACK';
    case 'CT':
      return ['-j CT', ...(t.notrack ? ['--notrack'] : []), ...(t.tokens ?? [])].join(' ');
    case 'unknown':
      return [`-j ${t.name}`, ...t.tokens].join(' ');
  }
}

/**
 * The rule's arguments after `-A CHAIN` (no leading space), e.g. `-d 10.96.0.10/32 -p udp -m comment ... -j KUBE-SVC-…`.
 * `countersBeforeTarget` is where `iptables -S -v` puts `-c PKTS BYTES`.
 */
export function ruleArgsText(rule: Rule, countersBeforeTarget?: string): string {
  const parts: string[] = [];
  const { source, destination, inInterface, outInterface, protocol, fragment } = rule.ip;
  if (source) parts.push(`${neg(source.invert)}-s ${formatCidr(source.value)}`);
  if (destination) parts.push(`${neg(destination.invert)}-d ${formatCidr(destination.value)}`);
  if (inInterface) parts.push(`${neg(inInterface.invert)}-i ${inInterface.value}`);
  if (outInterface) parts.push(`${neg(outInterface.invert)}-o ${outInterface.value}`);
  if (protocol && protocol.value !== 'all') parts.push(`${neg(protocol.invert)}-p ${protocolName(protocol.value)}`);
  if (fragment) parts.push(`${neg(fragment.invert)}-f`);
  for (const m of rule.matches) parts.push(matchSaveText(m));
  if (countersBeforeTarget) parts.push(countersBeforeTarget);
  const t = targetSaveText(rule.target);
  if (t) parts.push(t);
  return parts.join(' ');
}

/** `-A CHAIN args`, as one line of `iptables -S` or `iptables-save`. */
export function ruleText(chain: string, rule: Rule, countersBeforeTarget?: string): string {
  const args = ruleArgsText(rule, countersBeforeTarget);
  return args ? `-A ${chain} ${args}` : `-A ${chain}`;
}
