/**
 * Evaluating a base chain for one packet as nf_tables does (nft_do_chain): rules in order, each rule's
 * statements in order until one does not match (NFT_BREAK: next rule); `jump` pushes a return point,
 * `goto` does not, `return` (or a regular chain's end) pops one, a base chain's end applies its policy.
 * `accept`, `drop`, `reject` and the NAT statements end the chain. Expressions read the packet, its
 * conntrack entry and the node (fib) with the kernel's semantics; `vmap` and `@set` are one hash lookup
 * each. Pure: what it changes (dynamic sets, counters, numgen) is in the runtime it is given.
 */
import type { Ipv4 } from '../ipv4';
import type { Packet } from '../packet';
import type { MapElement, NftChain, NftRule, NftSet, NftTable, RejectWith, Selector, SetElement, SetRef, Statement, Value } from './model';
import { ruleText, verdictText } from './print-rule';
import { liveElements, setKey, type NftRuntime } from './runtime';
import { CT_STATE_BITS, FIB_ADDRTYPE, formatScalar, formatValue, valueContains } from './values';
import { typesOf } from './parse-rule';

export interface NftEvalContext {
  readonly table: NftTable;
  readonly runtime: NftRuntime;
  /** The packet as the hook sees it (its mark is the one before the chain). */
  readonly packet: Packet;
  /** conntrack's state of the packet; 'INVALID' before conntrack has seen it. */
  readonly ctstate: 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';
  /** The entry's status bits (IPS_*) and mark; undefined without an entry (then `ct status`/`ct mark` do not match, as nft_ct_get_eval breaks). */
  readonly ctstatus: number | undefined;
  readonly ctmark: number | undefined;
  readonly localAddresses: ReadonlySet<Ipv4>;
  readonly nowMs: number;
  readonly random32: () => number;
  /** Build steps for every rule (a trace); otherwise only the step that stops the packet. */
  readonly record: boolean;
}

export type NatStatement = Extract<Statement, { kind: 'dnat' | 'snat' | 'masquerade' }>;

export type ChainVerdict = { readonly kind: 'accept' } | { readonly kind: 'drop'; readonly byPolicy: boolean } | { readonly kind: 'reject'; readonly with: RejectWith };

export type EvalStep =
  | {
      readonly kind: 'rule';
      readonly chain: string;
      readonly ruleIndex: number;
      readonly rule: string;
      readonly matched: boolean;
      /** What the rule did when it matched: its verdict, NAT or reject (`goto service-…`, `dnat to 10.180.0.1:80`). */
      readonly target?: string;
      readonly markBefore: number;
      readonly markAfter: number;
      readonly notes: readonly string[];
    }
  | { readonly kind: 'policy'; readonly chain: string; readonly policy: 'accept' | 'drop'; readonly mark: number }
  | { readonly kind: 'lookup'; readonly chain: string; readonly ruleIndex: number; readonly map: string; readonly key: string; readonly verdict?: string };

export interface ChainResult {
  readonly verdict: ChainVerdict;
  readonly nat?: NatStatement;
  readonly mark: number;
  /** undefined: the packet has no conntrack entry to carry a mark. */
  readonly ctmark: number | undefined;
  readonly notrack: boolean;
  /** Rules evaluated (a rule with a map lookup is one), plus one when the policy applied. */
  readonly evaluated: number;
  readonly steps: readonly EvalStep[];
}

/** nf_tables' jump stack depth (NFT_JUMP_STACK_SIZE). */
const MAX_DEPTH = 16;

type Scalar = number | string;
type Read = Scalar | Scalar[] | undefined;

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

interface Live {
  mark: number;
  ctmark: number | undefined;
}

/** What a selector reads; undefined when the packet has no such field (`tcp dport` of a UDP packet: the rule breaks). */
function read(s: Selector, ctx: NftEvalContext, live: Live): Read {
  const p = ctx.packet;
  switch (s.kind) {
    case 'payload':
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

function contains(key: Value, v: Read, flags: boolean): boolean {
  if (v === undefined) return false;
  if (key.kind === 'concat') {
    if (!Array.isArray(v) || v.length !== key.parts.length) return false;
    return key.parts.every((k, i) => contains(k, v[i], false));
  }
  if (Array.isArray(v)) return false;
  if (key.kind === 'string') return v === key.value;
  if (typeof v !== 'number') return false;
  // ct state / ct status are bitmasks: `ct state established,related` is "any of these bits".
  if (flags && key.kind === 'int') return (v & key.value) !== 0;
  return valueContains(key, v);
}

const isFlagType = (s: Selector): boolean => {
  const t = typesOf(s);
  return t.length === 1 && (t[0] === 'ct_state' || t[0] === 'ct_status') && s.kind !== 'binop';
};

/** Chains and sets by name, built once per loaded table (a spread evaluates millions of chains). */
const chainIndex = new WeakMap<NftTable, ReadonlyMap<string, NftChain>>();
const setIndex = new WeakMap<NftTable, ReadonlyMap<string, NftSet>>();

function chainsOf(t: NftTable): ReadonlyMap<string, NftChain> {
  let m = chainIndex.get(t);
  if (!m) chainIndex.set(t, (m = new Map(t.chains.map((c) => [c.name, c]))));
  return m;
}

function findSet(ctx: NftEvalContext, name: string): NftSet | undefined {
  let m = setIndex.get(ctx.table);
  if (!m) setIndex.set(ctx.table, (m = new Map(ctx.table.sets.map((s) => [s.name, s]))));
  return m.get(name);
}

/**
 * Elements by their exact key text (a hash lookup, as the kernel's hash sets do), and the interval
 * elements (prefixes, ranges) that need a scan, as the kernel's rbtree/pipapo sets search them.
 */
interface ElementIndex<T> {
  readonly exact: ReadonlyMap<string, T>;
  readonly intervals: readonly T[];
}
const elementIndex = new WeakMap<readonly { readonly key: Value }[], ElementIndex<unknown>>();
const isExact = (v: Value): boolean => v.kind === 'int' || v.kind === 'string' || (v.kind === 'concat' && v.parts.every(isExact));

function indexOf<T extends { readonly key: Value }>(elements: readonly T[]): ElementIndex<T> {
  let idx = elementIndex.get(elements) as ElementIndex<T> | undefined;
  if (!idx) {
    const exact = new Map<string, T>();
    const intervals: T[] = [];
    for (const e of elements) {
      if (isExact(e.key)) exact.set(formatValue(e.key), e);
      else intervals.push(e);
    }
    idx = { exact, intervals };
    elementIndex.set(elements, idx);
  }
  return idx;
}

/** The element of `elements` whose key holds the value `v` read by `s`. */
function find<T extends { readonly key: Value }>(elements: readonly T[], s: Selector, v: Read): T | undefined {
  if (v === undefined) return undefined;
  const idx = indexOf(elements);
  return idx.exact.get(readText(s, v)) ?? idx.intervals.find((e) => contains(e.key, v, false));
}

/** A named set's element holding `v`: the loaded ones, then those the packet path added (live ones only). */
function lookup(set: NftSet, s: Selector, v: Read, ctx: NftEvalContext): boolean {
  if (find(set.elements, s, v)) return true;
  const added = liveElements(ctx.runtime, setKey(ctx.table, set.name), ctx.nowMs);
  return added.length > 0 && added.some((e) => contains(e.key, v, false));
}

function readText(s: Selector, v: Read): string {
  const types = typesOf(s);
  const one = (x: Scalar, i: number): string => (typeof x === 'string' ? `"${x}"` : formatScalar(types[i] ?? 'integer', x));
  if (v === undefined) return '(none)';
  return Array.isArray(v) ? v.map(one).join(' . ') : one(v, 0);
}

function matches(s: Extract<Statement, { kind: 'match' }>, ctx: NftEvalContext, live: Live, notes: string[]): boolean {
  const v = read(s.left, ctx, live);
  if (v === undefined) return false;
  const right: Value | SetRef = s.right;
  let hit: boolean;
  if (right.kind === 'named') {
    const set = findSet(ctx, right.name);
    hit = set !== undefined && lookup(set, s.left, v, ctx);
    if (ctx.record) notes.push(`${readText(s.left, v)} ${hit ? 'in' : 'not in'} @${right.name}`);
  } else if (right.kind === 'anonymous') hit = right.elements.some((e) => contains(e, v, false));
  else hit = contains(right, v, isFlagType(s.left));
  return s.op === '!=' ? !hit : hit;
}

type Flow = { readonly kind: 'next' } | { readonly kind: 'break' } | { readonly kind: 'verdict'; readonly verdict: MapElement['verdict'] } | { readonly kind: 'end'; readonly verdict: ChainVerdict; readonly nat?: NatStatement };

/** Runs one rule's statements; what happens next. */
function runRule(rule: NftRule, ctx: NftEvalContext, live: Live, out: { notrack: boolean; notes: string[]; target?: string; lookup?: { map: string; key: string; verdict?: string } }): Flow {
  for (const s of rule.statements) {
    switch (s.kind) {
      case 'match':
        if (!matches(s, ctx, live, out.notes)) return { kind: 'break' };
        break;
      case 'vmap': {
        const v = read(s.key, ctx, live);
        const name = s.map.kind === 'named' ? s.map.name : '{…}';
        const elements: readonly (MapElement | SetElement)[] = s.map.kind === 'named' ? (findSet(ctx, s.map.name)?.elements ?? []) : s.map.elements;
        const hit = find(elements, s.key, v);
        const verdict = hit && 'verdict' in hit ? hit.verdict : undefined;
        out.lookup = { map: name, key: readText(s.key, v), ...(verdict ? { verdict: verdictText(verdict) } : {}) };
        if (!verdict) return { kind: 'break' };
        out.target = verdictText(verdict);
        return { kind: 'verdict', verdict };
      }
      case 'verdict':
        out.target = verdictText(s.verdict);
        return { kind: 'verdict', verdict: s.verdict };
      case 'counter': {
        const c = ctx.runtime.counters.get(s) ?? { packets: 0, bytes: 0 };
        c.packets++;
        c.bytes += ctx.packet.length;
        ctx.runtime.counters.set(s, c);
        break;
      }
      case 'set-update': {
        const v = read(s.key, ctx, live);
        if (v === undefined) return { kind: 'break' };
        const set = findSet(ctx, s.set);
        const timeout = s.timeoutMs ?? set?.timeoutMs;
        const types = typesOf(s.key);
        const parts = (Array.isArray(v) ? v : [v]).map((x, i): Value => (typeof x === 'string' ? { kind: 'string', type: 'ifname', value: x } : { kind: 'int', type: types[i] ?? 'integer', value: x }));
        const key: Value = parts.length === 1 ? parts[0]! : { kind: 'concat', parts };
        const k = setKey(ctx.table, s.set);
        const elements = ctx.runtime.dynamic.get(k) ?? new Map();
        ctx.runtime.dynamic.set(k, elements);
        const text = formatValue(key);
        const existing = elements.get(text);
        const alive = existing && (existing.expiresAtMs === undefined || existing.expiresAtMs > ctx.nowMs);
        // `update` refreshes the timeout of an element already there; `add` leaves it.
        if (!alive || s.op === 'update') elements.set(text, { key, expiresAtMs: timeout === undefined ? undefined : ctx.nowMs + timeout });
        if (ctx.record) out.notes.push(`${s.op} @${s.set} { ${text} }${timeout !== undefined ? ` expires in ${Math.round(timeout / 1000)} s` : ''}`);
        break;
      }
      case 'mark-set': {
        const value = typeof s.value === 'number' ? s.value : read(s.value, ctx, live);
        if (typeof value !== 'number') return { kind: 'break' };
        if (s.target === 'meta') live.mark = value >>> 0;
        // `ct mark set` without a conntrack entry does nothing (nft_ct_set_eval has no entry to write).
        else if (live.ctmark !== undefined) live.ctmark = value >>> 0;
        break;
      }
      case 'notrack':
        out.notrack = true;
        break;
      case 'reject':
        // `reject with tcp reset` carries its own `meta l4proto tcp` dependency.
        if (s.with.kind === 'tcp-reset' && ctx.packet.protocol !== 'tcp') return { kind: 'break' };
        out.target = s.with.kind === 'tcp-reset' ? 'reject with tcp reset' : s.with.code === 'port-unreachable' ? 'reject' : `reject with icmp ${s.with.code}`;
        return { kind: 'end', verdict: { kind: 'reject', with: s.with } };
      case 'dnat':
      case 'snat':
      case 'masquerade':
        out.target = ruleText({ statements: [s] });
        return { kind: 'end', verdict: { kind: 'accept' }, nat: s };
    }
  }
  return { kind: 'next' };
}

/** Evaluates base chain `base` of `ctx.table` for the packet. */
export function evaluateChain(base: NftChain, ctx: NftEvalContext, ruleTextOf: (r: NftRule) => string = ruleText): ChainResult {
  const live: Live = { mark: ctx.packet.mark, ctmark: ctx.ctmark };
  const steps: EvalStep[] = [];
  const chains = chainsOf(ctx.table);
  const stack: { chain: NftChain; index: number }[] = [];
  let chain = base;
  let index = 0;
  let evaluated = 0;
  let notrack = false;
  const finish = (verdict: ChainVerdict, nat?: NatStatement): ChainResult => ({ verdict, ...(nat ? { nat } : {}), mark: live.mark, ctmark: live.ctmark, notrack, evaluated, steps });
  const policy = (): ChainResult => {
    evaluated++;
    const p = base.base?.policy ?? 'accept';
    if (ctx.record || p === 'drop') steps.push({ kind: 'policy', chain: base.name, policy: p, mark: live.mark });
    return finish(p === 'drop' ? { kind: 'drop', byPolicy: true } : { kind: 'accept' });
  };
  for (;;) {
    if (index >= chain.rules.length) {
      const back = stack.pop();
      if (!back) return policy();
      chain = back.chain;
      index = back.index;
      continue;
    }
    const rule = chain.rules[index]!;
    evaluated++;
    const markBefore = live.mark;
    const out: { notrack: boolean; notes: string[]; target?: string; lookup?: { map: string; key: string; verdict?: string } } = { notrack: false, notes: [] };
    const flow = runRule(rule, ctx, live, out);
    if (out.notrack) notrack = true;
    const stops = flow.kind === 'end' || (flow.kind === 'verdict' && flow.verdict.kind === 'drop');
    if (ctx.record || stops) {
      steps.push({
        kind: 'rule',
        chain: chain.name,
        ruleIndex: index,
        rule: ruleTextOf(rule),
        matched: flow.kind !== 'break',
        ...(out.target !== undefined && flow.kind !== 'break' ? { target: out.target } : {}),
        markBefore,
        markAfter: live.mark,
        notes: out.notes,
      });
      if (out.lookup && ctx.record) steps.push({ kind: 'lookup', chain: chain.name, ruleIndex: index, ...out.lookup });
    }
    if (flow.kind === 'end') return finish(flow.verdict, flow.nat);
    if (flow.kind !== 'verdict') {
      index++;
      continue;
    }
    const v = flow.verdict;
    switch (v.kind) {
      case 'accept':
        return finish({ kind: 'accept' });
      case 'drop':
        return finish({ kind: 'drop', byPolicy: false });
      case 'continue':
        index++;
        continue;
      case 'return': {
        const back = stack.pop();
        if (!back) return policy();
        chain = back.chain;
        index = back.index;
        continue;
      }
      case 'jump':
      case 'goto': {
        const target = chains.get(v.chain);
        if (!target || stack.length >= MAX_DEPTH) return finish({ kind: 'drop', byPolicy: false });
        if (v.kind === 'jump') stack.push({ chain, index: index + 1 });
        chain = target;
        index = 0;
        continue;
      }
    }
  }
}

