/**
 * What a selector reads from the packet, its conntrack entry and the node, with the kernel's semantics
 * (a missing field breaks the rule), and whether a constant or an element holds it.
 */
import type { Ipv4 } from '../ipv4';
import type { Packet } from '../packet';
import type { NftEvalContext, Live } from './context';
import type { Selector, Value } from './model';
import { typesOf } from './selector-types';
import { CT_STATE_BITS, FIB_ADDRTYPE, formatScalar, valueContains } from './values';

export type Scalar = number | string;
export type Read = Scalar | Scalar[] | undefined;

const PROTO: Readonly<Record<Packet['protocol'], number>> = { icmp: 1, tcp: 6, udp: 17, sctp: 132 };
const CT: Readonly<Record<NftEvalContext['ctstate'], number>> = {
  NEW: CT_STATE_BITS['new']!,
  ESTABLISHED: CT_STATE_BITS['established']!,
  RELATED: CT_STATE_BITS['related']!,
  INVALID: CT_STATE_BITS['invalid']!,
  UNTRACKED: CT_STATE_BITS['untracked']!,
};

function fibType(a: number, ctx: NftEvalContext): number {
  if (ctx.localAddresses.has(a as Ipv4)) return FIB_ADDRTYPE('local');
  if (a >>> 28 === 0xe) return FIB_ADDRTYPE('multicast');
  if (a === 0xffffffff) return FIB_ADDRTYPE('broadcast');
  return FIB_ADDRTYPE('unicast');
}

/** What a selector reads; undefined when the packet has no such field (`tcp dport` of a UDP packet: the rule breaks). */
export function read(s: Selector, ctx: NftEvalContext, live: Live): Read {
  const p = ctx.packet;
  switch (s.kind) {
    case 'payload':
      if (s.proto === 'icmp') return p.protocol === 'icmp' ? (p.icmpType ?? 0) : undefined;
      if (s.proto === 'ip') return s.field === 'saddr' ? p.src : s.field === 'daddr' ? p.dst : PROTO[p.protocol];
      if (s.proto !== 'th' && s.proto !== p.protocol) return undefined;
      // `th` on ICMP reads the ICMP header's first bytes: type and code as the "source port", the checksum (not modelled: 0) as the "destination port".
      if (p.protocol === 'icmp') return s.field === 'sport' ? ((p.icmpType ?? 0) << 8) | (p.icmpCode ?? 0) : 0;
      return s.field === 'sport' ? p.sport : p.dport;
    case 'meta':
      switch (s.key) {
        case 'l4proto':
          return PROTO[p.protocol];
        case 'mark':
          return live.mark;
        case 'iifname':
          return p.inInterface ?? '';
        case 'oifname':
          return p.outInterface ?? '';
      }
      return undefined;
    case 'ct':
      return s.key === 'state' ? CT[ctx.ctstate] : s.key === 'status' ? ctx.ctstatus : live.ctmark;
    case 'fib':
      return fibType(s.flag === 'saddr' ? p.src : p.dst, ctx);
    case 'numgen': {
      if (s.mode === 'random') {
        // nft_ng_random_gen: reciprocal_scale(get_random_u32(), modulus) + offset.
        return Math.floor(((ctx.random32() >>> 0) * s.mod) / 0x100000000) + s.offset;
      }
      // nft_ng_inc_gen: the counter starts at modulus − 1, so the first packet gets 0.
      const before = ctx.runtime.numgenInc.get(s) ?? s.mod - 1;
      const next = before + 1 < s.mod ? before + 1 : 0;
      ctx.runtime.numgenInc.set(s, next);
      return next + s.offset;
    }
    case 'concat': {
      const parts: Scalar[] = [];
      for (const part of s.parts) {
        const v = read(part, ctx, live);
        if (v === undefined || Array.isArray(v)) return undefined;
        parts.push(v);
      }
      return parts;
    }
    case 'binop': {
      const v = read(s.left, ctx, live);
      if (typeof v !== 'number') return undefined;
      return (s.op === '&' ? v & s.right : s.op === '|' ? v | s.right : v ^ s.right) >>> 0;
    }
  }
}

export function contains(key: Value, v: Read, flags: boolean): boolean {
  if (v === undefined) return false;
  if (key.kind === 'concat') {
    if (!Array.isArray(v) || v.length !== key.parts.length) return false;
    return key.parts.every((k, i) => contains(k, v[i], false));
  }
  if (Array.isArray(v)) return false;
  // An interface name ending in `*` matches by prefix (nft's wildcard: a shorter compare length, nft_cmp).
  if (key.kind === 'string') return typeof v === 'string' && (key.value.endsWith('*') ? v.startsWith(key.value.slice(0, -1)) : v === key.value);
  if (typeof v !== 'number') return false;
  // ct state / ct status are bitmasks: `ct state established,related` is "any of these bits".
  if (flags && key.kind === 'int') return (v & key.value) !== 0;
  return valueContains(key, v);
}

export const isFlagType = (s: Selector): boolean => {
  const t = typesOf(s);
  return t.length === 1 && (t[0] === 'ct_state' || t[0] === 'ct_status') && s.kind !== 'binop';
};


/** The value read, as nft prints a key: `10.96.0.10 . udp . 53`. */
export function readText(s: Selector, v: Read): string {
  const types = typesOf(s);
  const one = (x: Scalar, i: number): string => (typeof x === 'string' ? `"${x}"` : formatScalar(types[i] ?? 'integer', x));
  if (v === undefined) return '(none)';
  return Array.isArray(v) ? v.map(one).join(' . ') : one(v, 0);
}
