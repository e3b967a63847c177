/**
 * One rule's statements, from its tokens (both forms write rules the same way): matches of selectors
 * against constants, anonymous sets and `@named` sets, `vmap`s, verdicts, `counter`, `update @set`,
 * `dnat to`, `masquerade`, `mark set`, `reject`, `comment`. nft's own normalisations are applied as its
 * evaluation step does (`mark or 0x4000` → `meta mark | 0x4000`, a one-element anonymous set → a plain
 * comparison, anonymous set elements in the kernel's order), so the rule is what `nft list` shows.
 */
import { Cursor, NftSyntaxError } from './cursor';
import type { Token } from './lexer';
import { sortElements } from './element-order';
import { ICMP_REJECT_CODES, type IcmpRejectCode, type MapElement, type NftRule, type NftType, type Selector, type Statement, type Value, type Verdict } from './model';
import { typesOf } from './selector-types';
import { parseDuration } from './time';
import { canonicalElement, parseValue } from './values';

const BINOPS: Readonly<Record<string, '&' | '|' | '^'>> = { '&': '&', and: '&', '|': '|', or: '|', '^': '^', xor: '^' };
const META_KEYS = new Set(['l4proto', 'mark', 'iifname', 'oifname']);

function primary(c: Cursor): Selector {
  const t = c.word('an expression');
  switch (t.text) {
    case 'ip': {
      const f = c.word('an ip header field');
      if (f.text === 'saddr' || f.text === 'daddr' || f.text === 'protocol') return { kind: 'payload', proto: 'ip', field: f.text };
      throw c.fail(`ip ${f.text} is not simulated (ip saddr, ip daddr, ip protocol are)`, f);
    }
    case 'icmp': {
      c.expect('type');
      return { kind: 'payload', proto: 'icmp', field: 'type' };
    }
    case 'tcp':
    case 'udp':
    case 'sctp':
    case 'th': {
      const f = c.word('a port field');
      if (f.text === 'sport' || f.text === 'dport') return { kind: 'payload', proto: t.text, field: f.text };
      throw c.fail(`${t.text} ${f.text} is not simulated (sport, dport are)`, f);
    }
    case 'meta': {
      const k = c.word('a meta key');
      if (META_KEYS.has(k.text)) return { kind: 'meta', key: k.text as 'l4proto' };
      throw c.fail(`meta ${k.text} is not simulated (l4proto, mark, iifname, oifname are)`, k);
    }
    case 'mark':
      return { kind: 'meta', key: 'mark' };
    case 'iifname':
    case 'oifname':
      return { kind: 'meta', key: t.text };
    case 'ct': {
      const k = c.word('a ct key');
      if (k.text === 'state' || k.text === 'status' || k.text === 'mark') return { kind: 'ct', key: k.text };
      throw c.fail(`ct ${k.text} is not simulated (state, status, mark are)`, k);
    }
    case 'fib': {
      const f = c.word('saddr or daddr');
      if (f.text !== 'saddr' && f.text !== 'daddr') throw c.fail(`fib ${f.text} is not simulated (fib saddr type, fib daddr type are)`, f);
      c.expect('type');
      return { kind: 'fib', flag: f.text, result: 'type' };
    }
    case 'numgen': {
      const m = c.word('random or inc');
      if (m.text !== 'random' && m.text !== 'inc') throw c.fail(`numgen ${m.text}: expected random or inc`, m);
      c.expect('mod');
      const mod = integer(c, 'the modulus');
      if (mod === 0) throw c.fail('numgen mod 0: the modulus must be at least 1');
      const offset = c.eat('offset') ? integer(c, 'the offset') : 0;
      return { kind: 'numgen', mode: m.text, mod, offset };
    }
    default:
      throw c.fail(`"${t.text}" is not a statement or expression the lab simulates`, t);
  }
}

function integer(c: Cursor, what: string): number {
  const t = c.word(what);
  const v = parseValue('integer', t.text);
  if (typeof v === 'string' || v.kind !== 'int') throw c.fail(`expected ${what}, found "${t.text}"`, t);
  return v.value;
}

/** A selector: primaries joined by ` . `, one with a bitwise operation (`meta mark & 0x4000`). */
export function selector(c: Cursor): Selector {
  const parts: Selector[] = [];
  for (;;) {
    let s = primary(c);
    const op = c.peek()?.kind === 'word' ? BINOPS[c.peek()!.text] : undefined;
    if (op) {
      c.next('an operator');
      const right = parseValue('mark', c.word('a number').text);
      if (typeof right === 'string' || right.kind !== 'int') throw c.fail(right as string);
      s = { kind: 'binop', op, left: s, right: right.value };
    }
    parts.push(s);
    if (!c.eat('.')) break;
  }
  return parts.length === 1 ? parts[0]! : { kind: 'concat', parts };
}

/** One constant of the given types (`a . b . c` for a concatenation). */
export function value(c: Cursor, types: readonly NftType[]): Value {
  const parts: Value[] = [];
  types.forEach((type, i) => {
    if (i > 0) c.expect('.');
    let text: string;
    let at: Token;
    if (type === 'ct_state' || type === 'ct_status') {
      const list = c.commaList(`a ${type}`);
      text = list.text;
      at = list.token;
    } else if (type === 'ifname') {
      at = c.next('an interface name');
      text = at.kind === 'string' ? `"${at.text}"` : at.text;
    } else {
      at = c.word(`a ${type}`);
      text = at.text;
    }
    const v = parseValue(type, text);
    if (typeof v === 'string') throw c.fail(v, at);
    parts.push(v);
  });
  return parts.length === 1 ? parts[0]! : { kind: 'concat', parts };
}

export function verdict(c: Cursor): Verdict {
  const t = c.word('a verdict');
  switch (t.text) {
    case 'accept':
    case 'drop':
    case 'return':
    case 'continue':
      return { kind: t.text };
    case 'jump':
    case 'goto':
      return { kind: t.text, chain: c.word('a chain name').text };
    default:
      throw c.fail(`expected a verdict, found "${t.text}"`, t);
  }
}

/** `{ a, b }` after a match: an anonymous set, or the value itself when it has one element. */
function anonymousSet(c: Cursor, types: readonly NftType[]): Value | { kind: 'anonymous'; elements: Value[] } {
  c.expect('{');
  const elements: Value[] = [];
  c.skipNewlines();
  while (!c.is('}')) {
    elements.push(value(c, types));
    c.skipNewlines();
    if (!c.eat(',')) break;
    c.skipNewlines();
  }
  c.expect('}');
  if (elements.length === 0) throw c.fail('an anonymous set needs at least one element');
  return elements.length === 1 ? elements[0]! : { kind: 'anonymous', elements: sortElements(elements.map((key) => ({ key: canonicalElement(key) }))).map((e) => e.key) };
}

function anonymousVmap(c: Cursor, types: readonly NftType[]): MapElement[] {
  c.expect('{');
  const elements: MapElement[] = [];
  c.skipNewlines();
  while (!c.is('}')) {
    const key = value(c, types);
    c.expect(':');
    elements.push({ key, verdict: verdict(c) });
    c.skipNewlines();
    if (!c.eat(',')) break;
    c.skipNewlines();
  }
  c.expect('}');
  return sortElements(elements);
}

function setName(c: Cursor): string {
  const t = c.word('@set');
  if (!t.text.startsWith('@') || t.text.length < 2) throw c.fail(`expected @set, found "${t.text}"`, t);
  return t.text.slice(1);
}

function markValue(c: Cursor): Selector | number {
  if (c.is('meta') || c.is('mark') || c.is('ct')) {
    const s = selector(c);
    if (s.kind !== 'binop' && !(s.kind === 'meta' && s.key === 'mark') && !(s.kind === 'ct' && s.key === 'mark')) throw c.fail('mark set: expected a mark, or a mark with & | ^');
    return s;
  }
  const t = c.word('a mark');
  const v = parseValue('mark', t.text);
  if (typeof v === 'string' || v.kind !== 'int') throw c.fail(`"${t.text}" is not a mark`, t);
  return v.value;
}

function reject(c: Cursor): Statement {
  if (!c.eat('with')) return { kind: 'reject', with: { kind: 'icmp', code: 'port-unreachable' } };
  if (c.eat('tcp')) {
    c.expect('reset');
    return { kind: 'reject', with: { kind: 'tcp-reset' } };
  }
  c.expect('icmp');
  c.eat('type');
  const t = c.word('an icmp reject code');
  if (!ICMP_REJECT_CODES.includes(t.text as IcmpRejectCode)) throw c.fail(`"${t.text}" is not an icmp reject code (${ICMP_REJECT_CODES.join(', ')})`, t);
  return { kind: 'reject', with: { kind: 'icmp', code: t.text as IcmpRejectCode } };
}

function natTo(c: Cursor, kind: 'dnat' | 'snat'): Statement {
  c.eat('ip');
  c.expect('to');
  const t = c.word('an address');
  // `dnat to [fd00::5]:80` (an ip6 or inet table): IPv6, kept as printed.
  if (t.text.startsWith('[')) return { kind: 'ipv6-only', text: `${kind} to ${t.text}` };
  const m = /^([0-9.]+)(?::(\d{1,5}))?$/.exec(t.text);
  const addr = m ? parseValue('ipv4_addr', m[1]!) : undefined;
  if (!m || !addr || typeof addr === 'string' || addr.kind !== 'int') throw c.fail(`${kind} to "${t.text}": expected ADDRESS or ADDRESS:PORT`, t);
  const port = m[2] !== undefined ? Number(m[2]) : undefined;
  if (port !== undefined && port > 65535) throw c.fail(`port ${port} is out of range`, t);
  return { kind, address: addr.value, ...(port !== undefined ? { port } : {}) };
}

const MASQ_FLAGS = new Set(['random', 'fully-random', 'persistent']);

function statement(c: Cursor): Statement {
  const t = c.peek()!;
  switch (t.text) {
    case 'accept':
    case 'drop':
    case 'return':
    case 'continue':
    case 'jump':
    case 'goto':
      return { kind: 'verdict', verdict: verdict(c) };
    case 'counter': {
      c.next('counter');
      if (!c.eat('packets')) return { kind: 'counter', packets: 0, bytes: 0 };
      const packets = integer(c, 'a packet count');
      c.expect('bytes');
      return { kind: 'counter', packets, bytes: integer(c, 'a byte count') };
    }
    case 'reject':
      c.next('reject');
      return reject(c);
    case 'notrack':
      c.next('notrack');
      return { kind: 'notrack' };
    case 'log': {
      c.next('log');
      let prefix: string | undefined;
      let level: string | undefined;
      for (;;) {
        if (c.eat('prefix')) prefix = c.string('a log prefix');
        else if (c.eat('level')) level = c.word('a log level').text;
        else break;
      }
      // `warn` is the default level; nft does not show it.
      return { kind: 'log', ...(prefix !== undefined ? { prefix } : {}), ...(level !== undefined && level !== 'warn' ? { level } : {}) };
    }
    case 'dnat':
    case 'snat':
      c.next(t.text);
      return natTo(c, t.text);
    case 'masquerade': {
      c.next('masquerade');
      if (c.peek()?.kind !== 'word' || !MASQ_FLAGS.has(c.peek()!.text)) return { kind: 'masquerade', flags: [] };
      const list = c.commaList('a masquerade flag');
      const flags = list.text.split(',');
      const bad = flags.find((f) => !MASQ_FLAGS.has(f));
      if (bad) throw c.fail(`"${bad}" is not a masquerade flag`, list.token);
      return { kind: 'masquerade', flags: (['random', 'fully-random', 'persistent'] as const).filter((f) => flags.includes(f)) };
    }
    case 'update':
    case 'add': {
      c.next(t.text);
      const set = setName(c);
      c.expect('{');
      const key = selector(c);
      const timeoutMs = c.eat('timeout') ? duration(c) : undefined;
      c.expect('}');
      return { kind: 'set-update', op: t.text, set, key, ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
    }
  }
  if ((t.text === 'mark' && c.is('set', 1)) || (t.text === 'meta' && c.is('mark', 1) && c.is('set', 2)) || (t.text === 'ct' && c.is('mark', 1) && c.is('set', 2))) {
    const target = t.text === 'ct' ? 'ct' : 'meta';
    if (t.text !== 'mark') c.next('meta');
    c.expect('mark');
    c.expect('set');
    return { kind: 'mark-set', target, value: markValue(c) };
  }
  const left = selector(c);
  if (c.eat('vmap')) {
    if (c.peek()?.text.startsWith('@')) return { kind: 'vmap', key: left, map: { kind: 'named', name: setName(c) } };
    return { kind: 'vmap', key: left, map: { kind: 'anonymous', elements: anonymousVmap(c, typesOf(left)) } };
  }
  if (c.is('set')) throw c.fail('setting a header field is not simulated');
  const op = c.eat('!=') ? '!=' : (c.eat('=='), '==');
  if (c.peek()?.text.startsWith('@')) return { kind: 'match', left, op, right: { kind: 'named', name: setName(c) } };
  if (c.is('{')) return { kind: 'match', left, op, right: anonymousSet(c, typesOf(left)) };
  return { kind: 'match', left, op, right: value(c, typesOf(left)) };
}

export function duration(c: Cursor): number {
  const t = c.word('a duration');
  const ms = parseDuration(t.text);
  if (ms === undefined) throw c.fail(`"${t.text}" is not a duration (10800s, 3h, 1m30s)`, t);
  return ms;
}

const L4_NAMES: Readonly<Record<number, 'tcp' | 'udp' | 'sctp' | 'icmp'>> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 132: 'sctp' };

/**
 * nft's dependency killing, as `nft list` shows the rule: a `meta l4proto tcp` (or `ip protocol tcp`)
 * right before a match on the transport header, or before `reject with tcp reset`, is what that
 * statement implies, so it is not shown — and `th dport` after it reads as `tcp dport`.
 */
function withoutDependencies(statements: readonly Statement[]): Statement[] {
  const out: Statement[] = [];
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    const next = statements[i + 1];
    const l4 =
      s.kind === 'match' && s.op === '==' && 'type' in s.right && s.right.kind === 'int' && ((s.left.kind === 'meta' && s.left.key === 'l4proto') || (s.left.kind === 'payload' && s.left.field === 'protocol'))
        ? L4_NAMES[s.right.value]
        : undefined;
    if (l4 && next?.kind === 'match' && next.left.kind === 'payload' && next.left.proto !== 'ip') {
      const left = next.left;
      if (left.proto === l4) {
        out.push(next);
        i++;
        continue;
      }
      if (left.proto === 'th' && l4 !== 'icmp') {
        out.push({ ...next, left: { ...left, proto: l4 } });
        i++;
        continue;
      }
    }
    if (l4 === 'tcp' && next?.kind === 'reject' && next.with.kind === 'tcp-reset') continue;
    out.push(s);
  }
  return out;
}

/** Words that start the next statement after an IPv6 expression (a `.` continues a concatenation). */
const STATEMENT_HEADS = new Set(['ip', 'tcp', 'udp', 'sctp', 'th', 'icmp', 'meta', 'mark', 'iifname', 'oifname', 'ct', 'fib', 'numgen', 'counter', 'accept', 'drop', 'return', 'continue', 'jump', 'goto', 'reject', 'notrack', 'log', 'dnat', 'snat', 'masquerade', 'update', 'add', 'comment']);

const AWAITS_VALUE = new Set(['ip6', 'icmpv6', 'meta', 'saddr', 'daddr', 'nexthdr', 'type', 'nfproto', 'hoplimit', 'flowlabel', 'l4proto', 'th', 'tcp', 'udp', 'dport', 'sport', '!=', '==', '.', 'vmap', 'to']);

const startsIpv6 = (c: Cursor): boolean => c.is('ip6') || c.is('icmpv6') || (c.is('meta') && c.is('nfproto', 1) && c.is('ipv6', 2));

/**
 * `ip6 saddr fd00::/8`, `icmpv6 type { … }`, `ip6 daddr . meta l4proto . th dport vmap @service-ips`,
 * `dnat to [fd00::5]:80`: up to the next statement, braces and concatenations included, as printed.
 */
function ipv6Expression(c: Cursor): Statement {
  const parts: string[] = [];
  let depth = 0;
  let joined = false;
  while (!c.atEnd() && c.peek()!.kind !== 'newline') {
    const t = c.peek()!;
    if (parts.length > 0 && depth === 0 && !joined && (STATEMENT_HEADS.has(t.text) || t.text === 'ip6' || t.text === 'icmpv6')) break;
    c.next(t.text);
    if (t.text === '{') depth++;
    else if (t.text === '}') depth--;
    // Still waiting for its value (`ip6 nexthdr tcp`: tcp is the value, not the next statement).
    joined = AWAITS_VALUE.has(t.text);
    const text = t.kind === 'string' ? `"${t.text}"` : t.text;
    parts.push(parts.length > 0 && t.spaced ? ` ${text}` : text);
  }
  return { kind: 'ipv6-only', text: parts.join('') };
}

/** The statements up to the cursor's end; `comment "…"` closes the rule. */
export function parseRule(c: Cursor): NftRule {
  const statements: Statement[] = [];
  let comment: string | undefined;
  while (!c.atEnd() && c.peek()!.kind !== 'newline') {
    if (c.is('comment')) {
      c.next('comment');
      comment = c.string('a comment');
      if (!c.atEnd() && c.peek()!.kind !== 'newline') throw c.fail('a rule comment comes last');
      break;
    }
    statements.push(startsIpv6(c) ? ipv6Expression(c) : statement(c));
  }
  if (statements.length === 0) throw c.fail('an empty rule');
  return { statements: withoutDependencies(statements), ...(comment !== undefined ? { comment } : {}) };
}

export { NftSyntaxError, typesOf };
