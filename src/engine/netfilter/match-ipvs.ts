/**
 * `-m ipvs` (xt_ipvs): what libxt_ipvs.c keeps of its options in `struct xt_ipvs_mtinfo` and how
 * `ipvs_mt_dump` prints them back. kube-proxy's IPVS proxier writes `-m ipvs --vaddr IP --vproto tcp
 * --vport PORT` (KUBE-IPVS-OUT-FILTER); a node prints the options in the struct's bit order, the protocol
 * as its number and the address without `/32`: `-m ipvs --vproto 6 --vaddr IP --vport PORT`
 * (`iptables -L`: `vproto 6 vaddr IP vport PORT`).
 * Not simulated: the match reads the packet's IPVS connection (skb->ipvs_property, ip_vs_conn), which the
 * rule walk does not see; a rule with it is assumed to match, and says so.
 */
import { formatIpv4, parseIpv4, type Cidr } from '../ipv4';
import { portByName } from './port-names';
import { RuleSyntaxError } from './syntax-error';
import type { Token } from './tokenize';

export type IpvsMethod = 'GATE' | 'IPIP' | 'MASQ';

/** model.ts's `Negatable`, restated: model.ts imports this file's match type, so this file must not import it. */
interface Negatable<T> {
  readonly value: T;
  readonly invert: boolean;
}

/** The options of one `-m ipvs`, as the kernel keeps them (each present only when given). */
export interface IpvsMatch {
  readonly kind: 'ipvs';
  /** `[!] --ipvs` given alone: the packet belongs (or not) to an IPVS connection. Implied by every other option. */
  readonly ipvs?: Negatable<true>;
  /** `--vproto`: the protocol number (`tcp` is stored as 6). */
  readonly vproto?: Negatable<number>;
  /** `--vaddr address[/mask]`: the virtual address, unmasked as libxt_ipvs stores it. */
  readonly vaddr?: Negatable<Cidr>;
  readonly vport?: Negatable<number>;
  /** `--vdir ORIGINAL|REPLY` (no `!`: REPLY is stored as the inverted bit). */
  readonly vdir?: 'ORIGINAL' | 'REPLY';
  readonly vmethod?: Negatable<IpvsMethod>;
  readonly vportctl?: Negatable<number>;
}

export const IPVS_OPTIONS: readonly string[] = ['--ipvs', '--vproto', '--vaddr', '--vport', '--vdir', '--vmethod', '--vportctl'];

/** getprotobyname for the names /etc/protocols gives every node, and `all` (0). */
const PROTOCOLS: Readonly<Record<string, number>> = { all: 0, ip: 0, icmp: 1, tcp: 6, udp: 17, sctp: 132 };

function protocolNumber(t: Token): number {
  const text = t.text.toLowerCase();
  if (/^\d+$/.test(text) && Number(text) <= 255) return Number(text);
  const n = PROTOCOLS[text];
  if (n === undefined) throw new RuleSyntaxError(`unknown protocol "${t.text}" specified`, t.col);
  return n;
}

function portNumber(t: Token, option: string): number {
  if (/^\d+$/.test(t.text) && Number(t.text) <= 65535) return Number(t.text);
  const n = portByName(t.text, 'tcp');
  if (n === undefined) throw new RuleSyntaxError(`ipvs: bad value for option "${option}", or out of range (0-65535)`, t.col);
  return n;
}

/** XTTYPE_HOSTMASK: `address[/len]`; the address is kept as written (no mask applied). */
function hostMask(t: Token): Cidr {
  const [addr, len, extra] = t.text.split('/');
  const address = addr === undefined ? undefined : parseIpv4(addr);
  const prefix = len === undefined ? 32 : /^\d{1,2}$/.test(len) && Number(len) <= 32 ? Number(len) : undefined;
  if (address === undefined || prefix === undefined || extra !== undefined) throw new RuleSyntaxError(`host/network "${t.text}" not found`, t.col);
  return { address, prefix } as Cidr;
}

type Mutable = { -readonly [K in keyof IpvsMatch]: IpvsMatch[K] };

/** ipvs_mt_parse for one option at args[i]; returns the index of the last token consumed. */
export function parseIpvsOption(state: Record<string, unknown>, args: readonly Token[], i: number, invert: boolean): number {
  const tok = args[i]!;
  const m = state as Mutable;
  const value = (): Token => {
    const v = args[i + 1];
    if (!v) throw new RuleSyntaxError(`option "${tok.text}" requires an argument`, tok.col);
    i++;
    return v;
  };
  const once = (key: keyof IpvsMatch): void => {
    // xtables refuses an option given twice (XTOPT_MULTI is not set for any of them).
    if (m[key] !== undefined) throw new RuleSyntaxError(`ipvs: "${tok.text}" option cannot be used more than once`, tok.col);
  };
  switch (tok.text) {
    case '--ipvs':
      once('ipvs');
      m.ipvs = { value: true, invert };
      return i;
    case '--vproto':
      once('vproto');
      m.vproto = { value: protocolNumber(value()), invert };
      return i;
    case '--vaddr':
      once('vaddr');
      m.vaddr = { value: hostMask(value()), invert };
      return i;
    case '--vport':
      once('vport');
      m.vport = { value: portNumber(value(), tok.text), invert };
      return i;
    case '--vportctl':
      once('vportctl');
      m.vportctl = { value: portNumber(value(), tok.text), invert };
      return i;
    case '--vdir': {
      once('vdir');
      if (invert) throw new RuleSyntaxError('unexpected ! before --vdir', tok.col);
      const v = value();
      const dir = v.text.toUpperCase();
      if (dir !== 'ORIGINAL' && dir !== 'REPLY') throw new RuleSyntaxError(`ipvs: bad value for option "--vdir", or out of range ("${v.text}")`, v.col);
      m.vdir = dir;
      return i;
    }
    case '--vmethod': {
      once('vmethod');
      const v = value();
      const method = v.text.toUpperCase();
      if (method !== 'GATE' && method !== 'IPIP' && method !== 'MASQ') throw new RuleSyntaxError(`ipvs: bad value for option "--vmethod", or out of range ("${v.text}")`, v.col);
      m.vmethod = { value: method, invert };
      return i;
    }
    default:
      throw new RuleSyntaxError(`unknown option "${tok.text}"`, tok.col);
  }
}

/** ipvs_mt_check: at least one option; `! --ipvs` cannot go with the others (they imply `--ipvs`). */
export function buildIpvsMatch(state: Record<string, unknown>): IpvsMatch {
  const m = state as Mutable;
  const others = m.vproto ?? m.vaddr ?? m.vport ?? m.vdir ?? m.vmethod ?? m.vportctl;
  if (m.ipvs === undefined && others === undefined) throw new RuleSyntaxError('IPVS: At least one option is required', 0);
  if (m.ipvs?.invert && others !== undefined) throw new RuleSyntaxError('! --ipvs cannot be together with other options', 0);
  const { ipvs, ...rest } = m;
  // With any other option the kernel's bitmask has XT_IPVS_IPVS_PROPERTY set too, and the dump prints no `--ipvs`.
  return { ...(others === undefined && ipvs ? { ipvs } : {}), ...rest, kind: 'ipvs' };
}

const bang = (invert: boolean): string => (invert ? '! ' : '');
const address = (c: Cidr): string => (c.prefix === 32 ? formatIpv4(c.address) : `${formatIpv4(c.address)}/${c.prefix}`);

/** ipvs_mt_dump's fields in its order, each `[! ]PREFIXname value`. */
function dumpParts(m: IpvsMatch, prefix: '--' | '', numeric: boolean): string[] {
  const parts: string[] = [];
  if (m.ipvs) parts.push(`${bang(m.ipvs.invert)}${prefix}ipvs`);
  if (m.vproto) parts.push(`${bang(m.vproto.invert)}${prefix}vproto ${m.vproto.value}`);
  // ipvs_mt_dump_addr: without -n an all-zero address is "anywhere" (mask and all); others need DNS we never ask.
  if (m.vaddr) parts.push(`${bang(m.vaddr.invert)}${prefix}vaddr ${!numeric && m.vaddr.value.address === 0 ? 'anywhere' : address(m.vaddr.value)}`);
  if (m.vport) parts.push(`${bang(m.vport.invert)}${prefix}vport ${m.vport.value}`);
  if (m.vdir) parts.push(`${prefix}vdir ${m.vdir}`);
  if (m.vmethod) parts.push(`${bang(m.vmethod.invert)}${prefix}vmethod ${m.vmethod.value}`);
  if (m.vportctl) parts.push(`${bang(m.vportctl.invert)}${prefix}vportctl ${m.vportctl.value}`);
  return parts;
}

/** `iptables-save` / `iptables -S`: `-m ipvs --vproto 6 --vaddr 1.2.3.4 --vport 80`. */
export function ipvsSaveText(m: IpvsMatch): string {
  return ['-m ipvs', ...dumpParts(m, '--', true)].join(' ');
}

/** `iptables -L`'s options column (with a leading space): ` vproto 6 vaddr 1.2.3.4 vport 80`. */
export function ipvsListText(m: IpvsMatch, numeric: boolean): string {
  return dumpParts(m, '', numeric).map((p) => ` ${p}`).join('');
}
