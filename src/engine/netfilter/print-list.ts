/**
 * `iptables -L [-n] [-v] [-x] [--line-numbers]`, column for column as iptables 1.8.11 prints it
 * (iptables.c print_header/print_firewall, libxtables xtables_print_num, each extension's print()).
 * Without `-n` the real tool would also try reverse DNS for addresses; we never do (the lab has no DNS
 * for node addresses), so addresses stay numeric while ports become service names and 0/0 becomes `anywhere`.
 */
import type { Chain, Match, PortRange, Rule, Ruleset, Table, TableName, Target } from './model';
import { counterValue } from './model';
import { formatIpv4 } from '../ipv4';
import { orderedChains } from './print';
import { ctStatesText, hex, natRangeText, probabilityText, protocolName, tcpFlagsText } from './print-rule';
import { serviceByPort } from './port-names';
import { icmpTypeName } from './icmp-types';
import { ipvsListText } from './match-ipvs';

export interface ListOptions {
  readonly numeric?: boolean;
  readonly verbose?: boolean;
  readonly exact?: boolean;
  readonly lineNumbers?: boolean;
  /** Only this chain. */
  readonly chain?: string;
}

const padEnd = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const padStart = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/**
 * xtables_print_num: `%5llu` with K/M/G/T suffixes unless -x; `notable` drops the padding (policy line).
 * Counters above 2^53 come as bigints, so the kernel's u64 prints exactly.
 */
export function printNum(n: number | bigint, exact: boolean, notable = false): string {
  if (exact) return notable ? `${n} ` : `${padStart(String(n), 8)} `;
  if (n <= 99999) return notable ? `${n} ` : `${padStart(String(n), 5)} `;
  let v = BigInt(n);
  for (const suffix of ['K', 'M', 'G']) {
    v = (v + 500n) / 1000n;
    if (v <= 9999n) return notable ? `${v}${suffix} ` : `${padStart(String(v), 4)}${suffix} `;
  }
  v = (v + 500n) / 1000n;
  return notable ? `${v}T ` : `${padStart(String(v), 4)}T `;
}

function portText(p: number, proto: string, numeric: boolean): string {
  return numeric ? String(p) : (serviceByPort(p, proto) ?? String(p));
}

function portsText(name: string, r: PortRange, invert: boolean, proto: string, numeric: boolean): string {
  // print_ports of libxt_tcp/udp/sctp: a full range is no condition and is not listed (sctp still saves it).
  if (r.from === 0 && r.to === 65535 && !invert) return '';
  if (r.from === r.to) return ` ${name}:${invert ? '!' : ''}${portText(r.from, proto, numeric)}`;
  return ` ${name}s:${invert ? '!' : ''}${portText(r.from, proto, numeric)}:${portText(r.to, proto, numeric)}`;
}

const TCP_FLAG_BITS: Readonly<Record<string, number>> = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ECE: 64, CWR: 128 };
const flagBits = (flags: readonly string[]): number => flags.reduce((n, f) => n | (TCP_FLAG_BITS[f] ?? 0), 0);
const hex2 = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;


/** `proto` is the rule's `-p`: libxt_multiport looks service names up for that protocol. */
export function matchListText(m: Match, numeric: boolean, proto = 'tcp'): string {
  switch (m.kind) {
    case 'comment':
      return ` /* ${m.comment} */`;
    case 'tcp':
    case 'udp':
    case 'sctp': {
      let s = ` ${m.kind}`;
      if (m.sourcePort) s += portsText('spt', m.sourcePort.value, m.sourcePort.invert, m.kind, numeric);
      if (m.destinationPort) s += portsText('dpt', m.destinationPort.value, m.destinationPort.invert, m.kind, numeric);
      if (m.tcpFlags) {
        const f = m.tcpFlags;
        s += ` flags:${f.invert ? '!' : ''}${numeric ? `${hex2(flagBits(f.value.mask))}/${hex2(flagBits(f.value.compare))}` : `${tcpFlagsText(f.value.mask)}/${tcpFlagsText(f.value.compare)}`}`;
      }
      return s;
    }
    case 'icmp': {
      if (!m.icmpType) return ' icmp';
      const t = m.icmpType.value;
      const inv = m.icmpType.invert;
      const name = numeric ? undefined : icmpTypeName(t.type, t.code);
      if (name) return ` icmp ${inv ? '!' : ''}${name}`;
      return ` icmp${inv ? ' !' : ''}type ${t.type}${t.code !== undefined ? ` code ${t.code}` : ''}`;
    }
    case 'multiport': {
      const list = m.ports.value.map((r) => (r.from === r.to ? portText(r.from, proto, numeric) : `${portText(r.from, proto, numeric)}:${portText(r.to, proto, numeric)}`)).join(',');
      // multiport_print_v1: "multiport sports " then " !" then the list, so an inverted list shows "sports  !80".
      return ` multiport ${m.which} ${m.ports.invert ? ' !' : ''}${list}`;
    }
    case 'mark':
      return ` mark match${m.invert ? ' !' : ''} ${m.mask === 0xffffffff ? hex(m.value) : `${hex(m.value)}/${hex(m.mask)}`}`;
    case 'connmark':
      // libxt_connmark prints "connmark match ", the "!", then print_mark's own leading space: two spaces when not inverted.
      return ` connmark match ${m.invert ? '!' : ''} ${m.mask === 0xffffffff ? hex(m.value) : `${hex(m.value)}/${hex(m.mask)}`}`;
    case 'statistic':
      return m.mode === 'random'
        ? ` statistic mode random${m.invert ? ' !' : ''} probability ${probabilityText(m.probabilityU32)}`
        : ` statistic mode nth ${m.invert ? '! ' : ''}every ${m.every}${m.packet ? ` packet ${m.packet}` : ''}`;
    case 'addrtype': {
      let s = ' ADDRTYPE match';
      if (m.srcType) s += ` src-type ${m.srcType.invert ? '!' : ''}${m.srcType.value.join(',')}`;
      if (m.dstType) s += ` dst-type ${m.dstType.invert ? '!' : ''}${m.dstType.value.join(',')}`;
      if (m.limitIfaceIn) s += ' limit-in';
      if (m.limitIfaceOut) s += ' limit-out';
      return s;
    }
    case 'conntrack':
      return `${m.ctstate ? `${m.ctstate.invert ? ' !' : ''} ctstate ${ctStatesText(m.ctstate.value)}` : ''}${m.extra ? ` ${m.extra.join(' ')}` : ''}`;
    case 'state':
      return `${m.state.invert ? ' !' : ''} state ${ctStatesText(m.state.value)}`;
    case 'recent': {
      const cmd = { set: 'SET', rcheck: 'CHECK', update: 'UPDATE', remove: 'REMOVE' }[m.command];
      let s = `${m.invert ? ' !' : ''} recent: ${cmd}`;
      if (m.seconds !== undefined) s += ` seconds: ${m.seconds}`;
      if (m.reap) s += ' reap';
      if (m.hitcount !== undefined) s += ` hit_count: ${m.hitcount}`;
      if (m.rttl) s += ' TTL-Match';
      s += ` name: ${m.name} side: ${m.side} mask: ${formatIpv4(m.mask)}`;
      return s;
    }
    case 'nfacct':
      return ` nfacct-name  ${m.name}`;
    case 'set':
      return `${m.invert ? ' !' : ''} match-set ${m.setName} ${m.flags.join(',')}`;
    case 'ipvs':
      return ipvsListText(m, numeric);
    case 'unknown':
      return ` ${m.module} ${m.tokens.join(' ')}`.trimEnd();
  }
}

/** libxt_LOG log_print: the syslog level names of its table that come first for each level. */
const LOG_LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];

export function targetListText(t: Target, numeric: boolean): string {
  switch (t.kind) {
    case 'REJECT':
      return ` reject-with ${t.rejectWith}`;
    case 'DNAT':
    case 'SNAT':
      return ` to:${natRangeText(t.to)}${t.random ? ' random' : ''}${t.kind === 'SNAT' && t.randomFully ? ' random-fully' : ''}${t.persistent ? ' persistent' : ''}`;
    case 'MASQUERADE':
      return `${t.toPorts ? ` masq ports: ${t.toPorts.from}${t.toPorts.to !== t.toPorts.from ? `-${t.toPorts.to}` : ''}` : ''}${t.random ? ' random' : ''}${t.randomFully ? ' random-fully' : ''}`;
    case 'MARK':
      // libxt_MARK mark_tg_print: the shortest honest word for (value, mask).
      if (t.value === 0) return ` MARK and ${hex(~t.mask >>> 0)}`;
      if (t.value === t.mask) return ` MARK or ${hex(t.value)}`;
      if (t.mask === 0) return ` MARK xor ${hex(t.value)}`;
      if (t.mask === 0xffffffff) return ` MARK set ${hex(t.value)}`;
      return ` MARK xset ${hex(t.value)}/${hex(t.mask)}`;
    case 'CONNMARK': {
      // libxt_CONNMARK connmark_tg_print (revision 1).
      const nf = t.nfmask ?? 0xffffffff;
      const ct = t.ctmask ?? 0xffffffff;
      if (t.mode === 'save') return nf === 0xffffffff && ct === 0xffffffff ? ' CONNMARK save' : nf === ct ? ` CONNMARK save mask ${hex(nf)}` : ` CONNMARK save nfmask ${hex(nf)} ctmask ~${hex(ct)}`;
      if (t.mode === 'restore') return ct === 0xffffffff && nf === 0xffffffff ? ' CONNMARK restore' : ct === nf ? ` CONNMARK restore mask ${hex(ct)}` : ` CONNMARK restore ctmask ${hex(ct)} nfmask ~${hex(nf)}`;
      const value = t.value ?? 0;
      const mask = t.mask ?? 0xffffffff;
      if (value === 0) return ` CONNMARK and ${hex(~mask >>> 0)}`;
      if (value === mask) return ` CONNMARK or ${hex(value)}`;
      if (mask === 0) return ` CONNMARK xor ${hex(value)}`;
      return ` CONNMARK xset ${hex(value)}/${hex(mask)}`;
    }
    case 'LOG': {
      const level = t.level ?? 4;
      const head = numeric ? ` LOG flags 0 level ${level}` : ` LOG level ${LOG_LEVELS[level]}`;
      return `${head}${t.prefix !== undefined ? ` prefix "${t.prefix}"` : ''}`;
    }
    case 'NOTRACK':
      return ' NOTRACK';
    case 'CT':
      return `${t.notrack ? ' CT notrack' : ' CT'}${t.tokens ? ` ${t.tokens.join(' ')}` : ''}`;
    case 'unknown':
      return t.tokens.length ? ` ${t.tokens.join(' ')}` : '';
    default:
      return '';
  }
}

function targetColumn(t: Target): string {
  switch (t.kind) {
    case 'none':
      return '';
    case 'jump':
    case 'goto':
      return t.chain;
    case 'NOTRACK':
      return 'CT';
    case 'unknown':
      return t.name;
    default:
      return t.kind;
  }
}

/**
 * Without -n, xtables_ipaddr_to_anyname asks gethostbyaddr (/etc/hosts, then DNS) and then getnetbyaddr
 * (/etc/networks). We answer from a stock Debian node's files only and never do DNS, so every other address
 * stays numeric (a real node might show a DNS name there).
 */
const HOST_NAMES: ReadonlyMap<string, string> = new Map([['127.0.0.1', 'localhost']]);
const NETWORK_NAMES: ReadonlyMap<string, string> = new Map([
  ['0.0.0.0', 'default'],
  ['127.0.0.0', 'loopback'],
  ['169.254.0.0', 'link-local'],
]);

function addressColumn(c: { address: number; prefix: number } | undefined, invert: boolean, numeric: boolean): string {
  const inv = invert ? '!' : ' ';
  if (!c || c.prefix === 0) return `${inv}${padEnd(numeric ? '0.0.0.0/0' : 'anywhere', 19)} `;
  const dotted = formatIpv4(c.address);
  const name = numeric ? dotted : (HOST_NAMES.get(dotted) ?? NETWORK_NAMES.get(dotted) ?? dotted);
  return `${inv}${padEnd(c.prefix === 32 ? name : `${name}/${c.prefix}`, 19)} `;
}

function ruleLine(rule: Rule, num: number, o: Required<Omit<ListOptions, 'chain'>>): string {
  let s = '';
  if (o.lineNumbers) s += `${padEnd(String(num), 4)} `;
  if (o.verbose) s += printNum(counterValue(rule.counters, 'packets'), o.exact) + printNum(counterValue(rule.counters, 'bytes'), o.exact);
  s += `${padEnd(targetColumn(rule.target), 9)} `;
  const p = rule.ip.protocol;
  s += p?.invert ? '!' : ' ';
  s += padEnd(p ? protocolName(p.value) : 'all', 5);
  s += `${rule.ip.fragment?.invert ? '!' : '-'}${rule.ip.fragment ? 'f' : '-'} `;
  if (o.verbose) {
    const iface = (v: { value: string; invert: boolean } | undefined): string => `${v?.invert ? '!' : ''}${v ? v.value : o.numeric ? '*' : 'any'}`;
    s += ` ${padEnd(iface(rule.ip.inInterface), 6)} ${padEnd(iface(rule.ip.outInterface), 6)} `;
  }
  s += addressColumn(rule.ip.source?.value, rule.ip.source?.invert ?? false, o.numeric);
  s += addressColumn(rule.ip.destination?.value, rule.ip.destination?.invert ?? false, o.numeric);
  if (rule.target.kind === 'goto') s += '[goto] ';
  const proto = p && !p.invert ? protocolName(p.value) : 'tcp';
  for (const m of rule.matches) s += matchListText(m, o.numeric, proto);
  s += targetListText(rule.target, o.numeric);
  return s;
}

function header(o: Required<Omit<ListOptions, 'chain'>>): string {
  let s = '';
  if (o.lineNumbers) s += `${padEnd('num', 4)} `;
  if (o.verbose) s += o.exact ? `${padStart('pkts', 8)} ${padStart('bytes', 10)} ` : `${padStart('pkts', 5)} ${padStart('bytes', 5)} `;
  s += `${padEnd('target', 9)}  prot opt`;
  if (o.verbose) s += ` ${padEnd('in', 6)} ${padEnd('out', 6)} `;
  s += ` ${padEnd('source', 19)}  ${padEnd('destination', 19)} `;
  return s;
}

/** How many rules jump or go to each chain, counted in one pass over the table (not one pass per chain). */
function references(table: Table): Map<string, number> {
  const refs = new Map<string, number>();
  for (const c of table.chains.values())
    for (const r of c.rules) if (r.target.kind === 'jump' || r.target.kind === 'goto') refs.set(r.target.chain, (refs.get(r.target.chain) ?? 0) + 1);
  return refs;
}

function chainBlock(refs: ReadonlyMap<string, number>, chain: Chain, o: Required<Omit<ListOptions, 'chain'>>): string {
  let title: string;
  if (chain.policy) {
    const pc = chain.policyCounters ?? { packets: 0, bytes: 0 };
    title = o.verbose
      ? `Chain ${chain.name} (policy ${chain.policy} ${printNum(counterValue(pc, 'packets'), o.exact, true)}packets, ${printNum(counterValue(pc, 'bytes'), o.exact, true)}bytes)`
      : `Chain ${chain.name} (policy ${chain.policy})`;
  } else title = `Chain ${chain.name} (${refs.get(chain.name) ?? 0} references)`;
  return [title, header(o), ...chain.rules.map((r, i) => ruleLine(r, i + 1, o))].join('\n');
}

export function printIptablesList(ruleset: Ruleset, tableName: TableName, options: ListOptions = {}): string {
  const table = ruleset.tables.get(tableName);
  if (!table) return '';
  const o = { numeric: options.numeric ?? false, verbose: options.verbose ?? false, exact: options.exact ?? false, lineNumbers: options.lineNumbers ?? false };
  const chains = orderedChains(table).filter((c) => options.chain === undefined || c.name === options.chain);
  const refs = references(table);
  return `${chains.map((c) => chainBlock(refs, c, o)).join('\n\n')}\n`;
}
