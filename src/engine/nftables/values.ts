/**
 * nft's datatypes as the lab needs them: how a constant of each type is written (parse) and how
 * `nft list ruleset` prints it (format) — addresses dotted, marks as 0x%08x, protocols and ct states by
 * name, ports in decimal (nft prints services numerically unless asked for names).
 */
import { formatIpv4, parseIpv4 } from '../ipv4';
import type { NftType, Value } from './model';

const PROTOCOLS: Readonly<Record<string, number>> = { icmp: 1, igmp: 2, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, sctp: 132 };
const PROTOCOL_NAMES = new Map(Object.entries(PROTOCOLS).map(([k, v]) => [v, k]));

/** Bits of `ct state` (NF_CT_STATE_*), in the order nft prints a combination. */
const CT_STATES: readonly (readonly [string, number])[] = [
  ['invalid', 1],
  ['established', 2],
  ['related', 4],
  ['new', 8],
  ['untracked', 64],
];
const CT_STATUS: readonly (readonly [string, number])[] = [
  ['expected', 1],
  ['seen-reply', 2],
  ['assured', 4],
  ['confirmed', 8],
  ['snat', 16],
  ['dnat', 32],
  ['dying', 512],
];
const ICMP_TYPES: Readonly<Record<number, string>> = {
  0: 'echo-reply',
  3: 'destination-unreachable',
  4: 'source-quench',
  5: 'redirect',
  8: 'echo-request',
  9: 'router-advertisement',
  10: 'router-solicitation',
  11: 'time-exceeded',
  12: 'parameter-problem',
  13: 'timestamp-request',
  14: 'timestamp-reply',
  15: 'info-request',
  16: 'info-reply',
  17: 'address-mask-request',
  18: 'address-mask-reply',
};
const ICMP_TYPE_NUMBERS = new Map(Object.entries(ICMP_TYPES).map(([n, name]) => [name, Number(n)]));
const FIB_TYPES = ['unspec', 'unicast', 'local', 'broadcast', 'anycast', 'multicast', 'blackhole', 'unreachable', 'prohibit'];

/** The largest value of each integer type (what a constant may hold). */
const MAX: Readonly<Record<NftType, number>> = {
  ipv4_addr: 0xffffffff,
  inet_proto: 255,
  inet_service: 65535,
  mark: 0xffffffff,
  ct_state: 0xffffffff,
  ct_status: 0xffffffff,
  fib_addrtype: 8,
  integer: 0xffffffff,
  ifname: 0,
  icmp_type: 255,
};

export const CT_STATE_BITS: Readonly<Record<string, number>> = Object.fromEntries(CT_STATES);
export const CT_STATUS_BITS: Readonly<Record<string, number>> = Object.fromEntries(CT_STATUS);
export const FIB_ADDRTYPE = (name: string): number => FIB_TYPES.indexOf(name);

function parseNumber(text: string): number | undefined {
  if (/^0x[0-9a-fA-F]{1,8}$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^(0|[1-9]\d{0,9})$/.test(text)) return Number(text);
  return undefined;
}

function parseFlags(text: string, table: readonly (readonly [string, number])[]): number | undefined {
  let bits = 0;
  for (const part of text.split(',')) {
    const hit = table.find(([name]) => name === part);
    if (!hit) return undefined;
    bits |= hit[1];
  }
  return bits;
}

/** One scalar of `type` (no prefix or range); undefined when the text is not one. */
function parseScalar(type: NftType, text: string): number | undefined {
  switch (type) {
    case 'ipv4_addr':
      return parseIpv4(text);
    case 'inet_proto':
      return PROTOCOLS[text] ?? within(parseNumber(text), 255);
    case 'inet_service':
      return within(parseNumber(text), 65535);
    case 'mark':
    case 'integer':
      return parseNumber(text);
    case 'ct_state':
      return parseFlags(text, CT_STATES);
    case 'ct_status':
      return parseFlags(text, CT_STATUS);
    case 'fib_addrtype': {
      const i = FIB_TYPES.indexOf(text);
      return i < 0 ? undefined : i;
    }
    case 'icmp_type':
      return ICMP_TYPE_NUMBERS.get(text) ?? within(parseNumber(text), 255);
    case 'ifname':
      return undefined;
  }
}

const within = (n: number | undefined, max: number): number | undefined => (n !== undefined && n <= max ? n : undefined);

/** A constant of `type` as written: `10.0.0.0/8`, `172.16.0.0-172.16.0.9`, `1024-2000`, `tcp`, `0x4000`, `"eth0"`. */
export function parseValue(type: NftType, text: string): Value | string {
  if (type === 'ifname') {
    const m = /^"([^"]*)"$/.exec(text) ?? /^([A-Za-z0-9_.:-]+\*?)$/.exec(text);
    return m ? { kind: 'string', type, value: m[1]! } : `"${text}" is not an interface name`;
  }
  const scalar = parseScalar(type, text);
  if (scalar !== undefined) return { kind: 'int', type, value: scalar };
  if (type === 'ipv4_addr') {
    const slash = /^([^/]+)\/(\d{1,2})$/.exec(text);
    if (slash) {
      const a = parseIpv4(slash[1]!);
      const len = Number(slash[2]);
      if (a === undefined || len > 32) return `"${text}" is not an IPv4 prefix`;
      const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
      // nft refuses host bits in a prefix ("Error: … is not a valid prefix"); the kernel would never see them.
      if ((a & ~mask) >>> 0 !== 0) return `${text}: the prefix has host bits set`;
      return { kind: 'prefix', type, value: a, length: len };
    }
  }
  const dash = text.indexOf('-', 1);
  if (dash > 0 && type !== 'ct_state' && type !== 'ct_status' && type !== 'fib_addrtype') {
    const from = parseScalar(type, text.slice(0, dash));
    const to = parseScalar(type, text.slice(dash + 1));
    if (from !== undefined && to !== undefined && from <= to && to <= MAX[type]) return { kind: 'range', type, from, to };
  }
  return `"${text}" is not a valid ${type}`;
}

const hex8 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

function formatFlags(bits: number, table: readonly (readonly [string, number])[]): string {
  const names = table.filter(([, b]) => (bits & b) !== 0).map(([n]) => n);
  return names.length > 0 ? names.join(',') : hex8(bits);
}

export function formatScalar(type: NftType, n: number): string {
  switch (type) {
    case 'ipv4_addr':
      return formatIpv4(n);
    case 'inet_proto':
      return PROTOCOL_NAMES.get(n) ?? String(n);
    case 'inet_service':
    case 'integer':
      return String(n);
    case 'mark':
      return hex8(n);
    case 'ct_state':
      return formatFlags(n, CT_STATES);
    case 'ct_status':
      return formatFlags(n, CT_STATUS);
    case 'fib_addrtype':
      return FIB_TYPES[n] ?? String(n);
    case 'icmp_type':
      return ICMP_TYPES[n] ?? String(n);
    case 'ifname':
      return String(n);
  }
}

export function formatValue(v: Value): string {
  switch (v.kind) {
    case 'int':
      return formatScalar(v.type, v.value);
    case 'prefix':
      return `${formatScalar(v.type, v.value)}/${v.length}`;
    case 'range':
      return `${formatScalar(v.type, v.from)}-${formatScalar(v.type, v.to)}`;
    case 'string':
      return `"${v.value}"`;
    case 'concat':
      return v.parts.map(formatValue).join(' . ');
  }
}

/** Whether a packet's field value `n` is in `v` (a scalar, prefix or range). */
export function valueContains(v: Value, n: number): boolean {
  switch (v.kind) {
    case 'int':
      return v.value === n;
    case 'prefix': {
      const mask = v.length === 0 ? 0 : (0xffffffff << (32 - v.length)) >>> 0;
      return ((n & mask) >>> 0) === v.value;
    }
    case 'range':
      return n >= v.from && n <= v.to;
    case 'string':
    case 'concat':
      return false;
  }
}

/**
 * A set element as the kernel gives it back (nft's interval decomposition): a one-value range is that
 * value, and an address range that is exactly a prefix lists as the prefix (`10.0.0.0-10.0.0.255` →
 * `10.0.0.0/24`; port ranges stay ranges).
 */
export function canonicalElement(v: Value): Value {
  if (v.kind === 'concat') return { kind: 'concat', parts: v.parts.map(canonicalElement) };
  if (v.kind !== 'range') return v;
  if (v.from === v.to) return { kind: 'int', type: v.type, value: v.from };
  if (v.type === 'ipv4_addr') {
    const size = v.to - v.from + 1;
    const length = 32 - Math.log2(size);
    if (Number.isInteger(length) && v.from % size === 0) return { kind: 'prefix', type: v.type, value: v.from, length };
  }
  return v;
}
