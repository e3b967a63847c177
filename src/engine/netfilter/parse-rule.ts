/**
 * One rule's arguments (after `-A CHAIN`) → the kernel's view of the rule, as iptables-restore builds it:
 * `-s/-d/-i/-o/-p/-f` go to the IP header part, each `-m NAME` loads a match that takes the options after
 * it, a protocol option without `-m` loads the protocol's match implicitly (iptables prints it back as
 * `-m tcp`), and `-j`/`-g` names the target whose options follow.
 */
import type { IpHeaderMatch, Match, Protocol, Target } from './model';
import type { Token } from './tokenize';
import { RuleSyntaxError } from './syntax-error';
import { parseCidr, parseIpv4, ipv4 } from '../ipv4';
import { parseMatchOption, newMatch, MATCH_OPTIONS } from './parse-match';
import type { MatchBuilder } from './parse-match';
import { newTarget, TARGET_OPTIONS } from './parse-target';
import { NO_IP_MATCH, NO_MATCHES, protocolMatch } from './shared-values';
import type { TargetBuilder } from './parse-target';

export { RuleSyntaxError };

export interface ParsedRule {
  readonly ip: IpHeaderMatch;
  readonly matches: readonly Match[];
  readonly target: Target;
  /** Modules or targets we keep verbatim without simulating them. */
  readonly unknown: readonly string[];
}

const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = { all: 0, icmp: 1, tcp: 6, udp: 17, sctp: 132 };

export function parseProtocol(text: string): Protocol | undefined {
  const t = text.toLowerCase();
  if (t === 'all' || t === 'tcp' || t === 'udp' || t === 'icmp' || t === 'sctp') return t;
  if (/^\d+$/.test(t) && Number(t) <= 255) {
    const n = Number(t);
    const name = Object.entries(PROTOCOL_NUMBERS).find(([, v]) => v === n)?.[0];
    return (name as Protocol | undefined) ?? n;
  }
  return undefined;
}

const IP_OPTIONS: Readonly<Record<string, keyof IpHeaderMatch>> = {
  '-s': 'source',
  '--source': 'source',
  '--src': 'source',
  '-d': 'destination',
  '--destination': 'destination',
  '--dst': 'destination',
  '-i': 'inInterface',
  '--in-interface': 'inInterface',
  '-o': 'outInterface',
  '--out-interface': 'outInterface',
  '-p': 'protocol',
  '--protocol': 'protocol',
  '-f': 'fragment',
  '--fragment': 'fragment',
};

/** Options a protocol's implicit match takes, so `-p tcp --dport 80` loads `-m tcp` as iptables does. */
const IMPLICIT: Readonly<Record<string, readonly string[]>> = {
  tcp: ['--sport', '--source-port', '--dport', '--destination-port', '--tcp-flags', '--syn', '--tcp-option'],
  udp: ['--sport', '--source-port', '--dport', '--destination-port'],
  sctp: ['--sport', '--source-port', '--dport', '--destination-port'],
  icmp: ['--icmp-type'],
};

function parseAddress(text: string, col: number): { address: number; prefix: number } {
  // iptables also accepts a dotted netmask after the slash.
  const slash = text.indexOf('/');
  if (slash !== -1) {
    const mask = parseIpv4(text.slice(slash + 1));
    if (mask !== undefined && text.slice(slash + 1).includes('.')) {
      const prefix = 32 - Math.log2((~mask >>> 0) + 1);
      const base = parseCidr(`${text.slice(0, slash)}/${Number.isInteger(prefix) ? prefix : 99}`);
      if (base) return base;
    }
  }
  const c = parseCidr(text);
  if (!c) throw new RuleSyntaxError(`host/network \`${text}' not found`, col);
  return c;
}

const NO_UNKNOWN: readonly string[] = [];

const IP_FIELD_BITS: Readonly<Record<keyof IpHeaderMatch, number>> = { source: 1, destination: 2, inInterface: 4, outInterface: 8, protocol: 16, fragment: 32 };

/** The value after option `opt` at args[i]. */
function take(args: readonly Token[], i: number, opt: Token): Token {
  const v = args[i + 1];
  if (!v) throw new RuleSyntaxError(`option "${opt.text}" requires an argument`, opt.col);
  return v;
}

/** Parses the arguments of one rule. Throws RuleSyntaxError with the column of the offending token. */
export function parseRuleArgs(args: readonly Token[]): ParsedRule {
  const ip: { -readonly [K in keyof IpHeaderMatch]: IpHeaderMatch[K] } = {};
  /** The IP_FIELD_BITS of the fields given so far (a Set per rule cost more than the rest of a short rule). */
  let ipSeen = 0;
  const matches: MatchBuilder[] = [];
  let target: TargetBuilder | undefined;
  let targetSeen = false;
  let unknown: string[] | undefined;
  let invert = false;
  let invertCol = 0;

  for (let i = 0; i < args.length; i++) {
    const tok = args[i]!;
    const a = tok.text;
    if (a === '!') {
      if (invert) throw new RuleSyntaxError('multiple consecutive ! not allowed', tok.col);
      invert = true;
      invertCol = tok.col;
      continue;
    }
    const ipField = IP_OPTIONS[a];
    if (ipField && !(target && TARGET_OPTIONS[target.name]?.includes(a))) {
      const bit = IP_FIELD_BITS[ipField];
      if ((ipSeen & bit) !== 0) throw new RuleSyntaxError(`multiple ${a} flags not allowed`, tok.col);
      ipSeen |= bit;
      if (ipField === 'fragment') {
        ip.fragment = { value: true, invert };
      } else {
        const v = take(args, i, tok);
        i++;
        if (ipField === 'source' || ipField === 'destination') {
          const c = parseAddress(v.text, v.col);
          // A /0 matches every address: iptables leaves it out of the rule (it prints no `-s 0.0.0.0/0`).
          if (c.prefix !== 0 || invert) ip[ipField] = { value: { address: ipv4(c.address), prefix: c.prefix }, invert };
        } else if (ipField === 'protocol') {
          const p = parseProtocol(v.text);
          if (p === undefined) throw new RuleSyntaxError(`unknown protocol "${v.text}" specified`, v.col);
          // `-p all` is protocol 0, "any": iptables stores no protocol match and refuses its negation.
          if (p === 'all' && invert) throw new RuleSyntaxError('rule would never match protocol', v.col);
          if (p !== 'all') ip.protocol = protocolMatch(p, invert);
        } else {
          if (v.text.length === 0 || v.text.length > 15) throw new RuleSyntaxError(`interface name \`${v.text}' must be shorter than IFNAMSIZ (15)`, v.col);
          ip[ipField] = { value: v.text, invert };
        }
      }
      invert = false;
      continue;
    }
    if (a === '-m' || a === '--match') {
      if (invert) throw new RuleSyntaxError('unexpected ! flag before --match', invertCol);
      const v = take(args, i, tok);
      i++;
      const m = newMatch(v.text);
      if (m.kind === 'unknown') (unknown ??= []).push(`-m ${v.text}`);
      matches.push(m);
      continue;
    }
    if (a === '-j' || a === '--jump' || a === '-g' || a === '--goto') {
      if (targetSeen) throw new RuleSyntaxError('multiple -j flags not allowed', tok.col);
      const v = take(args, i, tok);
      i++;
      target = newTarget(v.text, a === '-g' || a === '--goto');
      if (target.unknown) (unknown ??= []).push(`-j ${v.text}`);
      targetSeen = true;
      continue;
    }
    if (a.startsWith('-')) {
      // Target options first (iptables hands options after -j to the target), then the most recent match
      // that knows the option, then a protocol match loaded implicitly.
      if (target && target.accepts(a)) {
        i = target.option(args, i, invert);
        invert = false;
        continue;
      }
      let owner: MatchBuilder | undefined;
      for (let k = matches.length - 1; k >= 0; k--) {
        const m = matches[k]!;
        if (m.kind === 'unknown' || (MATCH_OPTIONS[m.kind] ?? []).includes(a)) {
          owner = m;
          break;
        }
      }
      if (!owner) {
        const proto = ip.protocol && !ip.protocol.invert ? String(ip.protocol.value) : undefined;
        if (proto && IMPLICIT[proto]?.includes(a)) {
          owner = newMatch(proto);
          matches.push(owner);
        }
      }
      if (!owner) throw new RuleSyntaxError(`unknown option "${a}"`, tok.col);
      i = parseMatchOption(owner, args, i, invert);
      invert = false;
      continue;
    }
    throw new RuleSyntaxError(`Bad argument \`${a}'`, tok.col);
  }
  if (invert) throw new RuleSyntaxError('trailing ! without an option', invertCol);
  for (const m of matches) {
    if ((m.kind === 'tcp' || m.kind === 'udp' || m.kind === 'sctp' || m.kind === 'icmp') && !(ip.protocol && !ip.protocol.invert && ip.protocol.value === m.kind)) {
      // The kernel refuses a protocol match without the matching -p (xt_tcpudp checkentry).
      throw new RuleSyntaxError(`${m.kind} match: only valid for protocol ${m.kind === 'icmp' ? 1 : PROTOCOL_NUMBERS[m.kind]} (use -p ${m.kind})`, args[0]?.col ?? 1);
    }
  }
  const built = matches.length === 0 ? NO_MATCHES : matches.map((m) => m.build());
  for (const m of built) {
    if (m.kind !== 'recent') continue;
    // xt_recent checkentry: modifiers only make sense when checking, and --reap needs a time window (--seconds)
    if ((m.command === 'set' || m.command === 'remove') && (m.seconds !== undefined || m.hitcount !== undefined || m.reap || m.rttl))
      throw new RuleSyntaxError('recent: --seconds, --hitcount, --reap and --rttl may only be used with --rcheck or --update', args[0]?.col ?? 1);
    if (m.reap && m.seconds === undefined) throw new RuleSyntaxError('recent: --reap requires --seconds', args[0]?.col ?? 1);
  }
  return {
    // `-s 0.0.0.0/0` and `-p all` are given but leave nothing: the shared empty part only when nothing was set.
    ip: ipSeen === 0 ? NO_IP_MATCH : ip,
    matches: built,
    target: target ? target.build() : { kind: 'none' },
    unknown: unknown ?? NO_UNKNOWN,
  };
}

