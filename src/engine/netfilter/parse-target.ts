/**
 * `-j TARGET` and its options, stored as the kernel stores them: every MARK variant becomes
 * (value, mask) with new = (old & ~mask) ^ value (libxt_MARK.c mark_tg_parse), so `--or-mark 0x4000`
 * prints back as `--set-xmark 0x4000/0x4000`, as on a node.
 */
import type { NatRange, PortRange, Target } from './model';
import type { Token } from './tokenize';
import { RuleSyntaxError } from './syntax-error';
import { parseIpv4 } from '../ipv4';
import { isDigits, parseMarkMask } from './parse-match';
import { singlePort } from './shared-values';

export const TARGET_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  REJECT: ['--reject-with'],
  DNAT: ['--to-destination', '--random', '--persistent'],
  SNAT: ['--to-source', '--random', '--random-fully', '--persistent'],
  MASQUERADE: ['--to-ports', '--random', '--random-fully'],
  MARK: ['--set-xmark', '--set-mark', '--or-mark', '--and-mark', '--xor-mark'],
  CONNMARK: ['--set-xmark', '--set-mark', '--save-mark', '--restore-mark', '--nfmask', '--ctmask', '--mask'],
  LOG: ['--log-prefix', '--log-level', '--log-tcp-sequence', '--log-tcp-options', '--log-ip-options', '--log-uid'],
  CT: ['--notrack', '--zone', '--helper', '--ctevents', '--expevents', '--timeout'],
  NOTRACK: [],
};

const NO_OPTIONS: Readonly<Record<string, unknown>> = {};

/** Jumps to the chains many rules jump to (KUBE-MARK-MASQ: one per endpoint), shared; past this many chains, no more are kept. */
const MAX_SHARED_JUMPS = 4096;
const JUMPS = new Map<string, Target>();

/** `-j CHAIN` as the parser stores it (shared for the first few thousand chains). */
export function jumpTo(chain: string): Target {
  let t = JUMPS.get(chain);
  if (t === undefined) {
    t = { kind: 'jump', chain };
    if (JUMPS.size < MAX_SHARED_JUMPS) JUMPS.set(chain, t);
  }
  return t;
}

/** The verdicts, one shared object each (a loaded ruleset's rules only read their target). */
const STANDARD_TARGETS = new Map<string, Target>([['ACCEPT', { kind: 'ACCEPT' }], ['DROP', { kind: 'DROP' }], ['RETURN', { kind: 'RETURN' }]]);
const REJECT_WITH = new Set([
  'icmp-net-unreachable',
  'icmp-host-unreachable',
  'icmp-port-unreachable',
  'icmp-proto-unreachable',
  'icmp-net-prohibited',
  'icmp-host-prohibited',
  'icmp-admin-prohibited',
  'tcp-reset',
]);
const REJECT_ALIASES: Readonly<Record<string, string>> = {
  'net-unreach': 'icmp-net-unreachable',
  'host-unreach': 'icmp-host-unreachable',
  'port-unreach': 'icmp-port-unreachable',
  'proto-unreach': 'icmp-proto-unreachable',
  'net-prohib': 'icmp-net-prohibited',
  'host-prohib': 'icmp-host-prohibited',
  'tcp-rst': 'tcp-reset',
};

export interface TargetBuilder {
  readonly name: string;
  readonly unknown: boolean;
  accepts(opt: string): boolean;
  option(args: readonly Token[], i: number, invert: boolean): number;
  build(): Target;
}

function parsePorts(text: string, col: number): PortRange {
  // A single port (what every rule kube-proxy writes holds) without the regular expression.
  if (isDigits(text)) {
    const p = Number(text);
    if (p <= 65535) return singlePort(p);
  }
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m || Number(m[1]) > 65535 || (m[2] !== undefined && (Number(m[2]) > 65535 || Number(m[2]) < Number(m[1])))) throw new RuleSyntaxError(`Port range "${text}" is invalid`, col);
  return { from: Number(m[1]), to: m[2] === undefined ? Number(m[1]) : Number(m[2]) };
}

/** `ip[-ip][:port[-port]]` as --to-destination/--to-source take it. */
export function parseNatRange(text: string, col: number): NatRange {
  const colon = text.indexOf(':');
  const addrPart = colon === -1 ? text : text.slice(0, colon);
  const portPart = colon === -1 ? undefined : text.slice(colon + 1);
  if (addrPart === '') return portPart === undefined ? {} : { ports: parsePorts(portPart, col) };
  // The first two `-`-separated parts, as a split would give them (a third is ignored).
  const dash = addrPart.indexOf('-');
  const nextDash = dash === -1 ? -1 : addrPart.indexOf('-', dash + 1);
  const min = parseIpv4(dash === -1 ? addrPart : addrPart.slice(0, dash));
  const max = dash === -1 ? min : parseIpv4(nextDash === -1 ? addrPart.slice(dash + 1) : addrPart.slice(dash + 1, nextDash));
  if (min === undefined || max === undefined || max < min) throw new RuleSyntaxError(`Bad IP address "${addrPart}"`, col);
  return portPart === undefined ? { minAddress: min, maxAddress: max } : { minAddress: min, maxAddress: max, ports: parsePorts(portPart, col) };
}

/** Target extensions we keep verbatim without simulating them (they exist in the kernel, so they are not chain names). */
export const EXTENSION_TARGETS = new Set([
  'AUDIT', 'CHECKSUM', 'CLASSIFY', 'CONNSECMARK', 'DSCP', 'HMARK', 'IDLETIMER', 'LED', 'NETMAP', 'NFLOG', 'NFQUEUE',
  'RATEEST', 'REDIRECT', 'SECMARK', 'SET', 'SYNPROXY', 'TCPMSS', 'TCPOPTSTRIP', 'TEE', 'TOS', 'TPROXY', 'TRACE', 'TTL', 'ULOG',
]);

export function newTarget(name: string, isGoto: boolean): TargetBuilder {
  if (EXTENSION_TARGETS.has(name) && !isGoto) {
    const tokens: string[] = [];
    return {
      name,
      unknown: true,
      accepts: (opt) => opt.startsWith('--'),
      option(args, i) {
        tokens.push(args[i]!.text);
        while (args[i + 1] && !args[i + 1]!.text.startsWith('-')) tokens.push(args[++i]!.text);
        return i;
      },
      build: () => ({ kind: 'unknown', name, tokens }),
    };
  }
  return new KnownTarget(name, isGoto);
}

/** A target the simulation knows (or a chain): one object per rule, its methods shared (a rule loads 300,000 times for 10,000 services). */
class KnownTarget implements TargetBuilder {
  readonly unknown = false;
  /** Options read so far, made on the first option (most targets kube-proxy writes are a bare chain name). */
  private options: Record<string, unknown> | undefined;
  private extra: string[] | undefined;

  constructor(
    readonly name: string,
    private readonly isGoto: boolean,
  ) {}

  accepts(opt: string): boolean {
    return (TARGET_OPTIONS[this.name] ?? []).includes(opt);
  }

  option(args: readonly Token[], i: number, invert: boolean): number {
    const s = (this.options ??= {});
    const tokens = (this.extra ??= []);
    const name = this.name;
    const tok = args[i]!;
    if (invert) throw new RuleSyntaxError(`unexpected ! before ${tok.text}`, tok.col);
    const value = (): Token => {
      const v = args[i + 1];
      if (!v) throw new RuleSyntaxError(`option "${tok.text}" requires an argument`, tok.col);
      i++;
      return v;
    };
    const opt = tok.text;
    switch (name) {
      case 'REJECT': {
        const v = value();
        const w = REJECT_ALIASES[v.text] ?? v.text;
        if (!REJECT_WITH.has(w)) throw new RuleSyntaxError(`unknown reject type "${v.text}"`, v.col);
        s.rejectWith = w;
        break;
      }
      case 'DNAT':
      case 'SNAT':
        if (opt === '--to-destination' || opt === '--to-source') {
          const v = value();
          s.to = parseNatRange(v.text, v.col);
        } else s[opt === '--random' ? 'random' : opt === '--random-fully' ? 'randomFully' : 'persistent'] = true;
        break;
      case 'MASQUERADE':
        if (opt === '--to-ports') {
          const v = value();
          s.toPorts = parsePorts(v.text, v.col);
        } else s[opt === '--random' ? 'random' : 'randomFully'] = true;
        break;
      case 'MARK': {
        const v = value();
        const { value: mark, mask } = parseMarkMask(v.text, v.col);
        if (opt !== '--set-xmark' && opt !== '--set-mark' && v.text.includes('/')) throw new RuleSyntaxError(`${opt} takes no mask`, v.col);
        if (opt === '--set-xmark') Object.assign(s, { value: mark, mask });
        else if (opt === '--set-mark') Object.assign(s, { value: mark, mask: (mark | mask) >>> 0 });
        else if (opt === '--and-mark') Object.assign(s, { value: 0, mask: ~mark >>> 0 });
        else if (opt === '--or-mark') Object.assign(s, { value: mark, mask: mark });
        else Object.assign(s, { value: mark, mask: 0 });
        break;
      }
      case 'CONNMARK':
        if (opt === '--set-xmark' || opt === '--set-mark') {
          const v = value();
          const mm = parseMarkMask(v.text, v.col);
          Object.assign(s, { mode: 'set', value: mm.value, mask: opt === '--set-mark' ? (mm.value | mm.mask) >>> 0 : mm.mask });
        } else if (opt === '--save-mark' || opt === '--restore-mark') s.mode = opt === '--save-mark' ? 'save' : 'restore';
        else {
          const v = value();
          const n = parseMarkMask(v.text, v.col).value;
          if (opt === '--nfmask') s.nfmask = n;
          else if (opt === '--ctmask') s.ctmask = n;
          else Object.assign(s, { nfmask: n, ctmask: n });
        }
        break;
      case 'LOG':
        if (opt === '--log-prefix') s.prefix = value().text;
        else if (opt === '--log-level') {
          const v = value();
          const levels = ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'];
          const n = /^\d$/.test(v.text) ? Number(v.text) : levels.indexOf(v.text === 'warn' ? 'warning' : v.text === 'err' ? 'error' : v.text);
          if (n < 0 || n > 7) throw new RuleSyntaxError(`log-level "${v.text}" unknown`, v.col);
          s.level = n;
        } else tokens.push(opt);
        break;
      case 'CT':
        if (opt === '--notrack') s.notrack = true;
        else tokens.push(opt, value().text);
        break;
      default:
        throw new RuleSyntaxError(`unknown option "${opt}"`, tok.col);
    }
    return i;
  }

  build(): Target {
    const { name, isGoto } = this;
    const s = this.options ?? NO_OPTIONS;
    const tokens = this.extra ?? [];
    const standard = STANDARD_TARGETS.get(name);
    if (standard !== undefined) return standard;
    switch (name) {
      case 'REJECT':
        return { kind: 'REJECT', rejectWith: (s.rejectWith as string | undefined) ?? 'icmp-port-unreachable' };
      case 'DNAT':
        // Without the spreads when neither flag is set (every DNAT kube-proxy writes).
        if (!s.random && !s.persistent) return { kind: 'DNAT', to: (s.to as NatRange | undefined) ?? {} };
        return { kind: 'DNAT', to: (s.to as NatRange | undefined) ?? {}, ...(s.random ? { random: true } : {}), ...(s.persistent ? { persistent: true } : {}) };
      case 'SNAT':
        return { kind: 'SNAT', to: (s.to as NatRange | undefined) ?? {}, ...(s.random ? { random: true } : {}), ...(s.randomFully ? { randomFully: true } : {}), ...(s.persistent ? { persistent: true } : {}) };
      case 'MASQUERADE':
        return { kind: 'MASQUERADE', ...(s.toPorts ? { toPorts: s.toPorts as PortRange } : {}), ...(s.random ? { random: true } : {}), ...(s.randomFully ? { randomFully: true } : {}) };
      case 'MARK':
        return { kind: 'MARK', value: (s.value as number | undefined) ?? 0, mask: (s.mask as number | undefined) ?? 0 };
      case 'CONNMARK': {
        const mode = (s.mode as 'set' | 'save' | 'restore' | undefined) ?? 'set';
        if (mode === 'set') return { kind: 'CONNMARK', mode, value: (s.value as number | undefined) ?? 0, mask: (s.mask as number | undefined) ?? 0xffffffff };
        return { kind: 'CONNMARK', mode, nfmask: (s.nfmask as number | undefined) ?? 0xffffffff, ctmask: (s.ctmask as number | undefined) ?? 0xffffffff };
      }
      case 'LOG':
        return { kind: 'LOG', ...(s.prefix !== undefined ? { prefix: s.prefix as string } : {}), ...(s.level !== undefined ? { level: s.level as number } : {}) };
      case 'CT':
        return { kind: 'CT', notrack: Boolean(s.notrack), ...(tokens.length ? { tokens } : {}) };
      case 'NOTRACK':
        return { kind: 'NOTRACK' };
      default:
        // Any other name is a user chain; the document parser checks that it exists.
        return isGoto ? { kind: 'goto', chain: name } : jumpTo(name);
    }
  }
}
