/**
 * Options of each match module (`-m NAME --opt value`), parsed into the values the kernel stores:
 * e.g. `--probability 0.3333333333` becomes the u32 715827883 xt_statistic keeps, so that it prints
 * back as `0.33333333349` exactly as a node does.
 */
import { icmpTypeByName } from './icmp-types';
import type { AddrType, Match, Negatable, PortRange } from './model';
import type { Token } from './tokenize';
import { RuleSyntaxError } from './syntax-error';
import { parseIpv4 } from '../ipv4';
import { portByName } from './port-names';
import { barePortMatch, randomStatistic, singlePort } from './shared-values';
import type { ConntrackStateName, TcpFlag } from '../packet';
import { buildIpvsMatch, IPVS_OPTIONS, parseIpvsOption } from './match-ipvs';

export const MATCH_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  comment: ['--comment'],
  tcp: ['--sport', '--source-port', '--dport', '--destination-port', '--tcp-flags', '--syn'],
  udp: ['--sport', '--source-port', '--dport', '--destination-port'],
  sctp: ['--sport', '--source-port', '--dport', '--destination-port'],
  icmp: ['--icmp-type'],
  multiport: ['--sports', '--source-ports', '--dports', '--destination-ports', '--ports'],
  mark: ['--mark'],
  connmark: ['--mark'],
  statistic: ['--mode', '--probability', '--every', '--packet'],
  addrtype: ['--src-type', '--dst-type', '--limit-iface-in', '--limit-iface-out'],
  conntrack: ['--ctstate', '--ctproto', '--ctorigsrc', '--ctorigdst', '--ctreplsrc', '--ctrepldst', '--ctorigsrcport', '--ctorigdstport', '--ctreplsrcport', '--ctrepldstport', '--ctstatus', '--ctexpire', '--ctdir'],
  state: ['--state'],
  recent: ['--name', '--set', '--rcheck', '--update', '--remove', '--seconds', '--reap', '--hitcount', '--rttl', '--mask', '--rsource', '--rdest'],
  nfacct: ['--nfacct-name'],
  set: ['--match-set'],
  ipvs: IPVS_OPTIONS,
};

const KNOWN = new Set(Object.keys(MATCH_OPTIONS));

type State = Record<string, unknown>;

export interface MatchBuilder {
  readonly kind: string;
  readonly state: State;
  build(): Match;
}

/** One `-m NAME` being read: a class, so a rule's matches share their methods instead of each making a closure. */
class Builder implements MatchBuilder {
  constructor(
    readonly kind: string,
    readonly state: State,
  ) {}

  build(): Match {
    return buildMatch(this.kind, this.state);
  }
}

export function newMatch(name: string): MatchBuilder {
  const kind = KNOWN.has(name) ? name : 'unknown';
  return new Builder(kind, kind === 'unknown' ? { module: name, tokens: [] as string[] } : {});
}

/** The flags libxt_tcp knows (`ALL` is these six: ECE and CWR are refused with "Unknown TCP flag"). */
const TCP_FLAGS: readonly TcpFlag[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG'];
export const CT_STATES: readonly ConntrackStateName[] = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];
const ADDR_TYPES: readonly AddrType[] = ['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE'];


/** Only ASCII digits, at least one (what `\\d+` matches), without a regular expression per port. */
export function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function port(text: string, proto: string, col: number): number {
  if (isDigits(text) && Number(text) <= 65535) return Number(text);
  const n = portByName(text, proto);
  if (n === undefined) throw new RuleSyntaxError(`invalid port/service \`${text}' specified`, col);
  return n;
}

export function parsePortRange(text: string, proto: string, col: number): PortRange {
  const colon = text.indexOf(':');
  if (colon === -1) return singlePort(port(text, proto, col));
  const from = colon === 0 ? 0 : port(text.slice(0, colon), proto, col);
  const to = colon === text.length - 1 ? 65535 : port(text.slice(colon + 1), proto, col);
  if (from > to) throw new RuleSyntaxError(`invalid portrange (min > max)`, col);
  return { from, to };
}

/** `0x4000/0x4000`, `16384`, `0x4000` (mask then 0xffffffff). */
export function parseMarkMask(text: string, col: number): { value: number; mask: number } {
  const [v, m] = text.split('/');
  const num = (s: string | undefined): number | undefined => {
    if (s === undefined || !/^(0x[0-9a-fA-F]+|\d+)$/.test(s)) return undefined;
    const n = Number(s);
    return n <= 0xffffffff ? n : undefined;
  };
  const value = num(v);
  const mask = m === undefined ? 0xffffffff : num(m);
  if (value === undefined || mask === undefined || text.split('/').length > 2) throw new RuleSyntaxError(`Bad MARK value "${text}"`, col);
  return { value, mask };
}

function tcpFlagList(t: Token): TcpFlag[] {
  const given = t.text.split(',').map((f) => f.toUpperCase());
  for (const f of given) if (!(TCP_FLAGS as readonly string[]).includes(f)) throw new RuleSyntaxError(`Unknown TCP flag \`${f}'`, t.col);
  return TCP_FLAGS.filter((f) => given.includes(f));
}

function list<T extends string>(text: string, allowed: readonly T[], what: string, col: number): T[] {
  const out = text.split(',').map((s) => s.toUpperCase());
  for (const s of out) if (!(allowed as readonly string[]).includes(s)) throw new RuleSyntaxError(`Bad ${what} "${s}"`, col);
  // These lists are bit masks in the kernel: order and repetition are lost, and iptables prints them in bit order.
  return allowed.filter((a) => out.includes(a));
}

/** Parses one option of `m` at args[i]; returns the index of the last token consumed. */
export function parseMatchOption(m: MatchBuilder, args: readonly Token[], i: number, invert: boolean): number {
  const tok = args[i]!;
  const opt = tok.text;
  const s = m.state;
  const value = (): Token => {
    const v = args[i + 1];
    if (!v) throw new RuleSyntaxError(`option "${opt}" requires an argument`, tok.col);
    i++;
    return v;
  };
  const noInvert = (): void => {
    if (invert) throw new RuleSyntaxError(`unexpected ! before ${opt}`, tok.col);
  };
  switch (m.kind) {
    case 'unknown': {
      const tokens = s.tokens as string[];
      if (invert) tokens.push('!');
      tokens.push(opt);
      // Keep the option's values: everything up to the next option-looking token.
      while (args[i + 1] && !args[i + 1]!.text.startsWith('-') && args[i + 1]!.text !== '!') tokens.push(args[++i]!.text);
      return i;
    }
    case 'comment':
      noInvert();
      s.comment = value().text;
      return i;
    case 'tcp':
    case 'udp':
    case 'sctp': {
      if (opt === '--sport' || opt === '--source-port') s.sourcePort = { value: parsePortRange(value().text, m.kind, tok.col), invert };
      else if (opt === '--dport' || opt === '--destination-port') s.destinationPort = { value: parsePortRange(value().text, m.kind, tok.col), invert };
      else if (opt === '--syn') s.tcpFlags = { value: { mask: ['FIN', 'SYN', 'RST', 'ACK'], compare: ['SYN'] }, invert };
      else if (opt === '--tcp-flags') {
        const mask = value();
        const comp = value();
        const flags = (t: Token): TcpFlag[] => (t.text.toUpperCase() === 'ALL' ? [...TCP_FLAGS] : t.text.toUpperCase() === 'NONE' ? [] : tcpFlagList(t));
        s.tcpFlags = { value: { mask: flags(mask), compare: flags(comp) }, invert };
      }
      return i;
    }
    case 'icmp': {
      const v = value();
      const named = icmpTypeByName(v.text);
      let parsed: { type: number; code?: number } | undefined = named;
      if (!parsed) {
        const mm = /^(\d+)(?:\/(\d+))?$/.exec(v.text);
        if (mm && Number(mm[1]) <= 255 && (mm[2] === undefined || Number(mm[2]) <= 255)) parsed = mm[2] === undefined ? { type: Number(mm[1]) } : { type: Number(mm[1]), code: Number(mm[2]) };
      }
      if (!parsed) throw new RuleSyntaxError(`Invalid ICMP type \`${v.text}'`, v.col);
      s.icmpType = { value: parsed, invert };
      return i;
    }
    case 'multiport': {
      const v = value();
      const ranges = v.text.split(',').map((p) => parsePortRange(p, 'tcp', v.col));
      if (ranges.reduce((n, r) => n + (r.from === r.to ? 1 : 2), 0) > 15) throw new RuleSyntaxError('too many ports specified', v.col);
      s.which = opt === '--sports' || opt === '--source-ports' ? 'sports' : opt === '--ports' ? 'ports' : 'dports';
      s.ports = { value: ranges, invert };
      return i;
    }
    case 'mark':
    case 'connmark': {
      const v = value();
      Object.assign(s, parseMarkMask(v.text, v.col), { invert });
      return i;
    }
    case 'statistic': {
      if (opt === '--mode') {
        noInvert();
        const v = value();
        if (v.text !== 'random' && v.text !== 'nth') throw new RuleSyntaxError(`Bad mode "${v.text}"`, v.col);
        s.mode = v.text;
      } else if (opt === '--probability') {
        const v = value();
        const p = Number(v.text);
        if (!/^[0-9.eE+-]+$/.test(v.text) || !(p >= 0 && p <= 1)) throw new RuleSyntaxError(`--probability must be between 0 and 1`, v.col);
        // xt_statistic stores lround(0x80000000 * p) (libxt_statistic.c statistic_parse).
        s.probabilityU32 = Math.round(0x80000000 * p);
        s.invert = invert;
      } else if (opt === '--every') {
        const v = value();
        if (!/^\d+$/.test(v.text) || Number(v.text) < 1) throw new RuleSyntaxError('--every must be at least 1', v.col);
        s.every = Number(v.text);
        s.invert = invert;
      } else {
        noInvert();
        const v = value();
        if (!/^\d+$/.test(v.text)) throw new RuleSyntaxError('--packet needs a number', v.col);
        s.packet = Number(v.text);
      }
      return i;
    }
    case 'addrtype': {
      if (opt === '--limit-iface-in') s.limitIfaceIn = true;
      else if (opt === '--limit-iface-out') s.limitIfaceOut = true;
      else {
        const v = value();
        const field = opt === '--src-type' ? 'srcType' : 'dstType';
        s[field] = { value: list(v.text, ADDR_TYPES, 'address type', v.col), invert } satisfies Negatable<readonly AddrType[]>;
      }
      return i;
    }
    case 'conntrack': {
      if (opt === '--ctstate') {
        const v = value();
        s.ctstate = { value: list(v.text, CT_STATES, 'ctstate', v.col), invert };
      } else {
        const extra = (s.extra as string[] | undefined) ?? [];
        if (invert) extra.push('!');
        extra.push(opt, value().text);
        s.extra = extra;
      }
      return i;
    }
    case 'state': {
      const v = value();
      s.state = { value: list(v.text, CT_STATES.slice(0, 5), 'state', v.col), invert };
      return i;
    }
    case 'recent': {
      const command: Record<string, string> = { '--set': 'set', '--rcheck': 'rcheck', '--update': 'update', '--remove': 'remove' };
      if (command[opt]) {
        if (s.command) throw new RuleSyntaxError('recent: only one of --set, --rcheck, --update or --remove may be given', tok.col);
        s.command = command[opt];
        s.invert = invert;
      } else if (opt === '--name') s.name = value().text;
      else if (opt === '--seconds' || opt === '--hitcount') {
        const v = value();
        if (!/^\d+$/.test(v.text)) throw new RuleSyntaxError(`${opt} needs a number`, v.col);
        s[opt === '--seconds' ? 'seconds' : 'hitcount'] = Number(v.text);
      } else if (opt === '--reap') s.reap = true;
      else if (opt === '--rttl') s.rttl = true;
      else if (opt === '--mask') {
        const v = value();
        const mask = parseIpv4(v.text);
        if (mask === undefined) throw new RuleSyntaxError(`recent: bad mask "${v.text}"`, v.col);
        s.mask = mask;
      } else s.side = opt === '--rsource' ? 'source' : 'dest';
      return i;
    }
    case 'nfacct':
      noInvert();
      s.name = value().text;
      return i;
    case 'set': {
      const name = value();
      const flags = value();
      const f = flags.text.split(',');
      if (f.some((x) => x !== 'src' && x !== 'dst')) throw new RuleSyntaxError(`set: bad flags "${flags.text}"`, flags.col);
      s.setName = name.text;
      s.flags = f;
      s.invert = invert;
      return i;
    }
    case 'ipvs':
      return parseIpvsOption(s, args, i, invert);
    default:
      throw new RuleSyntaxError(`unknown option "${opt}"`, tok.col);
  }
}

function buildMatch(kind: string, s: State): Match {
  const inv = (s.invert as boolean | undefined) ?? false;
  switch (kind) {
    case 'comment':
      return { kind: 'comment', comment: (s.comment as string | undefined) ?? '' };
    case 'tcp':
    case 'udp':
    case 'sctp':
    {
      // libxt_tcp/libxt_udp keep a port range of 0:65535 and a flag mask of NONE as "no condition" and print
      // nothing for them (tcp_save: `if (spts[0] != 0 || spts[1] != 0xFFFF || inverted)`); sctp keeps what was given.
      const keepsPorts = (r: unknown): r is Negatable<PortRange> => {
        const n = r as Negatable<PortRange> | undefined;
        return n !== undefined && (kind === 'sctp' || n.invert || n.value.from !== 0 || n.value.to !== 65535);
      };
      const flags = s.tcpFlags as Negatable<{ mask: TcpFlag[]; compare: TcpFlag[] }> | undefined;
      // Built field by field (in this order) rather than with spreads: every service rule has one.
      if (!keepsPorts(s.sourcePort) && !keepsPorts(s.destinationPort) && !(flags && (flags.invert || flags.value.mask.length > 0))) return barePortMatch(kind);
      const m: { kind: typeof kind; sourcePort?: Negatable<PortRange>; destinationPort?: Negatable<PortRange>; tcpFlags?: Negatable<{ mask: TcpFlag[]; compare: TcpFlag[] }> } = { kind };
      if (keepsPorts(s.sourcePort)) m.sourcePort = s.sourcePort;
      if (keepsPorts(s.destinationPort)) m.destinationPort = s.destinationPort;
      if (flags && (flags.invert || flags.value.mask.length > 0)) m.tcpFlags = flags;
      return m;
    }
    case 'icmp':
      return { kind: 'icmp', icmpType: s.icmpType as Negatable<{ type: number; code?: number }> | undefined };
    case 'multiport':
      return { kind: 'multiport', which: (s.which as 'sports' | 'dports' | 'ports' | undefined) ?? 'dports', ports: (s.ports as Negatable<PortRange[]> | undefined) ?? { value: [], invert: false } };
    case 'mark':
    case 'connmark':
      return { kind, value: (s.value as number | undefined) ?? 0, mask: (s.mask as number | undefined) ?? 0xffffffff, invert: inv };
    case 'statistic':
      return s.mode === 'nth'
        ? { kind: 'statistic', mode: 'nth', every: (s.every as number | undefined) ?? 1, packet: (s.packet as number | undefined) ?? 0, invert: inv }
        : randomStatistic((s.probabilityU32 as number | undefined) ?? 0, inv);
    case 'addrtype':
      return {
        kind: 'addrtype',
        ...(s.srcType ? { srcType: s.srcType as Negatable<readonly AddrType[]> } : {}),
        ...(s.dstType ? { dstType: s.dstType as Negatable<readonly AddrType[]> } : {}),
        ...(s.limitIfaceIn ? { limitIfaceIn: true } : {}),
        ...(s.limitIfaceOut ? { limitIfaceOut: true } : {}),
      };
    case 'conntrack':
      return {
        kind: 'conntrack',
        ...(s.ctstate ? { ctstate: s.ctstate as Negatable<readonly ConntrackStateName[]> } : {}),
        ...(s.extra ? { extra: s.extra as string[] } : {}),
      };
    case 'state':
      return { kind: 'state', state: (s.state as Negatable<readonly ConntrackStateName[]> | undefined) ?? { value: [], invert: false } };
    case 'recent':
      return {
        kind: 'recent',
        command: (s.command as 'set' | 'rcheck' | 'update' | 'remove' | undefined) ?? 'set',
        invert: inv,
        // xt_recent's default list name.
        name: (s.name as string | undefined) ?? 'DEFAULT',
        ...(s.seconds !== undefined ? { seconds: s.seconds as number } : {}),
        ...(s.reap ? { reap: true } : {}),
        ...(s.hitcount !== undefined ? { hitcount: s.hitcount as number } : {}),
        ...(s.rttl ? { rttl: true } : {}),
        mask: ((s.mask as number | undefined) ?? 0xffffffff) as never,
        side: (s.side as 'source' | 'dest' | undefined) ?? 'source',
      };
    case 'nfacct':
      return { kind: 'nfacct', name: (s.name as string | undefined) ?? '' };
    case 'set':
      return { kind: 'set', setName: (s.setName as string | undefined) ?? '', flags: (s.flags as ('src' | 'dst')[] | undefined) ?? [], invert: inv };
    case 'ipvs':
      return buildIpvsMatch(s);
    default:
      return { kind: 'unknown', module: s.module as string, tokens: s.tokens as string[] };
  }
}
