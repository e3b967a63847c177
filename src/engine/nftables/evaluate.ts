/**
 * Evaluating a base chain for one packet as nf_tables does (nft_do_chain): rules in order, each rule's
 * statements in order until one does not match (NFT_BREAK: next rule); `jump` pushes a return point,
 * `goto` does not, `return` (or a regular chain's end) pops one, a base chain's end applies its policy.
 * `accept`, `drop`, `reject` and the NAT statements end the chain. Expressions read the packet, its
 * conntrack entry and the node (fib) with the kernel's semantics (read.ts); `vmap` and `@set` are one
 * lookup each (lookup.ts). Pure: what it changes (dynamic sets, counters, numgen) is in the runtime it is given.
 */
import type { Live, NftEvalContext } from './context';
import { chainsOf, find, findSet, lookup } from './lookup';
import type { MapElement, NftChain, NftRule, RejectWith, SetElement, SetRef, Statement, Value } from './model';
import { typesOf } from './selector-types';
import { ruleText, verdictText } from './print-rule';
import { contains, isFlagType, read, readText } from './read';
import { setKey } from './runtime';
import { formatValue } from './values';

export type { NftEvalContext } from './context';

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
      case 'ipv6-only':
        if (ctx.record) out.notes.push(`${s.text}: an IPv6 match, an IPv4 packet never matches it`);
        return { kind: 'break' };
      case 'log':
        if (ctx.record) out.notes.push(`logged${s.prefix !== undefined ? ` with prefix "${s.prefix}"` : ''}`);
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
      // The lookup happens inside the rule, before its verdict: shown first, then the rule with what it decided.
      if (out.lookup && ctx.record) steps.push({ kind: 'lookup', chain: chain.name, ruleIndex: index, ...out.lookup });
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

