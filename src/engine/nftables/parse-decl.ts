/**
 * What both forms declare the same way: a set's or map's properties (`type … ; flags … ; timeout … ;
 * comment …`, as `{ … ; }` in a transaction or one per line in a listing), its elements
 * (`key [timeout T] [expires T] [comment "…"] [: verdict]`, across lines), a base chain's
 * `type … hook … priority …; policy …;`, and priorities by name (`dstnat - 10`).
 */
import type { Cursor } from './cursor';
import { NFT_HOOKS, NFT_TYPES, SET_FLAGS, type BaseChainSpec, type NftHook, type NftSet, type NftType, type SetElement, type SetFlag, type Value } from './model';
import { duration, value, verdict } from './parse-rule';
import { sortElements } from './element-order';
import { canonicalElement } from './values';

/** Standard priorities (nft's std_prios for the ip/ip6/inet families), with the hooks each is valid at. */
export const STANDARD_PRIORITIES: readonly { readonly name: string; readonly value: number; readonly hooks?: readonly NftHook[] }[] = [
  { name: 'raw', value: -300 },
  { name: 'mangle', value: -150 },
  { name: 'dstnat', value: -100, hooks: ['prerouting'] },
  { name: 'filter', value: 0 },
  { name: 'security', value: 50 },
  { name: 'srcnat', value: 100, hooks: ['postrouting'] },
];

/** What reading elements needs to know of their set. */
export interface SetShape {
  readonly kind: 'set' | 'map';
  readonly name: string;
  readonly keyType: readonly NftType[];
}

/** A mutable set declaration being read. */
export interface SetDraft {
  kind: 'set' | 'map';
  name: string;
  keyType: NftType[];
  flags: SetFlag[];
  timeoutMs?: number;
  size?: number;
  comment?: string;
  elements: SetElement[];
}

export function toSet(d: SetDraft): NftSet {
  return {
    kind: d.kind,
    name: d.name,
    keyType: d.keyType,
    flags: d.flags,
    ...(d.timeoutMs !== undefined ? { timeoutMs: d.timeoutMs } : {}),
    ...(d.size !== undefined ? { size: d.size } : {}),
    ...(d.comment !== undefined ? { comment: d.comment } : {}),
    elements: sortElements(d.elements),
  };
}

function typeName(c: Cursor): NftType {
  const t = c.word('a data type');
  if (!NFT_TYPES.includes(t.text as NftType)) throw c.fail(`data type "${t.text}" is not simulated (${NFT_TYPES.join(', ')})`, t);
  return t.text as NftType;
}

/** One property of a set declaration (the cursor is at its keyword). */
export function setProperty(c: Cursor, d: SetDraft): void {
  const t = c.word('a set property');
  switch (t.text) {
    case 'type': {
      const types = [typeName(c)];
      while (c.eat('.')) types.push(typeName(c));
      d.keyType = types;
      if (d.kind === 'map') {
        c.expect(':');
        c.expect('verdict');
      }
      return;
    }
    case 'flags': {
      const list = c.commaList('set flags');
      const flags = list.text.split(',');
      const bad = flags.find((f) => !SET_FLAGS.includes(f as SetFlag));
      if (bad) throw c.fail(`"${bad}" is not a set flag`, list.token);
      d.flags = flags as SetFlag[];
      return;
    }
    case 'timeout':
      d.timeoutMs = duration(c);
      return;
    case 'size': {
      const s = c.word('a size');
      if (!/^\d{1,10}$/.test(s.text)) throw c.fail(`"${s.text}" is not a size`, s);
      d.size = Number(s.text);
      return;
    }
    case 'comment':
      d.comment = c.string('a comment');
      return;
    case 'elements':
      c.expect('=');
      d.elements.push(...elements(c, d));
      return;
    default:
      throw c.fail(`set property "${t.text}" is not simulated (type, flags, timeout, size, comment, elements)`, t);
  }
}

/** `{ key …, key … }` of a set or map of `d`'s type. */
export function elements(c: Cursor, d: SetShape): SetElement[] {
  if (d.keyType.length === 0) throw c.fail(`${d.kind} ${d.name} has no type`);
  c.expect('{');
  const out: SetElement[] = [];
  c.skipNewlines();
  while (!c.is('}')) {
    const key: Value = canonicalElement(value(c, d.keyType));
    let timeoutMs: number | undefined;
    let comment: string | undefined;
    let expiresMs: number | undefined;
    for (;;) {
      if (c.eat('timeout')) timeoutMs = duration(c);
      else if (c.eat('expires')) expiresMs = duration(c);
      else if (c.eat('comment')) comment = c.string('a comment');
      else break;
    }
    const e: SetElement = { key, ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(expiresMs !== undefined ? { expiresMs } : {}), ...(comment !== undefined ? { comment } : {}) };
    if (d.kind === 'map') {
      c.expect(':');
      out.push({ ...e, verdict: verdict(c) });
    } else out.push(e);
    c.skipNewlines();
    if (!c.eat(',')) break;
    c.skipNewlines();
  }
  c.expect('}');
  return out;
}

/** Keys only, as `delete element` names them. */
export function keys(c: Cursor, d: SetShape): Value[] {
  return elements(c, { ...d, kind: 'set' }).map((e) => e.key);
}

function priority(c: Cursor, hook: NftHook): number {
  const t = c.word('a priority');
  if (/^-?\d{1,10}$/.test(t.text)) return Number(t.text);
  const std = STANDARD_PRIORITIES.find((p) => p.name === t.text);
  if (!std) throw c.fail(`"${t.text}" is not a priority`, t);
  if (std.hooks && !std.hooks.includes(hook)) throw c.fail(`priority ${std.name} is only valid at ${std.hooks.join(', ')}`, t);
  if (c.is('+') || c.is('-')) {
    const sign = c.next('+ or -').text === '+' ? 1 : -1;
    const n = c.word('an offset');
    if (!/^\d{1,10}$/.test(n.text)) throw c.fail(`"${n.text}" is not a priority offset`, n);
    return std.value + sign * Number(n.text);
  }
  return std.value;
}

/** `type filter hook input priority 0` (the cursor is after `type`). */
export function baseChainSpec(c: Cursor): Omit<BaseChainSpec, 'policy'> {
  const type = c.word('filter, nat or route');
  if (type.text !== 'filter' && type.text !== 'nat' && type.text !== 'route') throw c.fail(`chain type "${type.text}": expected filter, nat or route`, type);
  c.expect('hook');
  const h = c.word('a hook');
  if (!NFT_HOOKS.includes(h.text as NftHook)) throw c.fail(`"${h.text}" is not a hook of the ip family (${NFT_HOOKS.join(', ')})`, h);
  c.expect('priority');
  return { type: type.text, hook: h.text as NftHook, priority: priority(c, h.text as NftHook) };
}

export function policy(c: Cursor): 'accept' | 'drop' {
  const p = c.word('accept or drop');
  if (p.text !== 'accept' && p.text !== 'drop') throw c.fail(`policy "${p.text}": expected accept or drop`, p);
  return p.text;
}
