/**
 * One rule line of `iptables -L [-n] [-v] [-x] [--line-numbers]` read back into the arguments it was
 * written with: the columns (target, prot, opt, [in, out,] source, destination) and then the text each
 * extension's print() wrote (libxt_tcp `tcp dpt:http`, libxt_comment `/* … *\/`, libxt_statistic
 * `statistic mode random probability 0.25`, libxt_DNAT `to:10.56.115.164:80`, libxt_MARK `MARK or 0x4000`
 * …), the inverse of netfilter/print-list.ts. Columns may be collapsed to single spaces (as notes paste
 * them). Names print-list.ts would print without `-n` are read back where they carry their number
 * (names.ts); text no reader knows is kept as a match the lab does not simulate.
 */
import type { Counters, Match } from '../netfilter/model';
import { countersFromText } from '../netfilter/model';
import type { Token } from '../netfilter/tokenize';
import { addressColumn, portOfName } from './names';
import { isIpvsWord, readIpvsWords } from './read-list-ipvs';

export interface ListColumns {
  readonly lineNumbers: boolean;
  readonly verbose: boolean;
}

/** The column layout a `target prot opt …` header line announces. */
export function columnsOfHeader(header: string): ListColumns | undefined {
  const words = header.trim().split(/\s+/);
  const t = words.indexOf('target');
  if (t === -1 || words[t + 1] !== 'prot' || words[t + 2] !== 'opt') return undefined;
  return { lineNumbers: words[0] === 'num', verbose: words.includes('pkts') };
}

export type ListRule =
  | {
      readonly kind: 'rule';
      readonly args: readonly Token[];
      readonly counters: Counters;
      readonly approximate: boolean;
      /** Text no reader knew, kept as a match that is not simulated. */
      readonly unreadable?: Match;
    }
  | { readonly kind: 'unresolved'; readonly name: string }
  | { readonly kind: 'error'; readonly message: string };

const OPT = /^(--|-f|!f)$/;
const PROTO = /^!?(all|tcp|udp|icmp|sctp|udplite|esp|ah|gre|\d+)$/;

/** xtables_print_num's `12K` back to a number (rounded: the real count was within ±500 of the unit). */
function count(text: string): { value: string; approximate: boolean } | undefined {
  const m = /^(\d+)([KMGT]?)$/.exec(text);
  if (!m) return undefined;
  const unit = { '': 1n, K: 1000n, M: 1000_000n, G: 1000_000_000n, T: 1000_000_000_000n }[m[2] as '' | 'K' | 'M' | 'G' | 'T'];
  return { value: String(BigInt(m[1]!) * unit), approximate: m[2] !== '' };
}

const TCP_FLAG_BITS: readonly (readonly [number, string])[] = [
  [1, 'FIN'],
  [2, 'SYN'],
  [4, 'RST'],
  [8, 'PSH'],
  [16, 'ACK'],
  [32, 'URG'],
];
/** `-n` prints tcp flags as hex (`0x17/0x02`), without it as names. */
function flagNames(text: string): string {
  if (!text.startsWith('0x')) return text;
  const bits = Number(text);
  const names = TCP_FLAG_BITS.filter(([b]) => bits & b).map(([, n]) => n);
  return names.length ? names.join(',') : 'NONE';
}

/** A word-by-word reader over the text after the address columns. */
class Words {
  private i = 0;
  constructor(private readonly words: readonly string[]) {}
  peek(k = 0): string | undefined {
    return this.words[this.i + k];
  }
  next(): string | undefined {
    return this.words[this.i++];
  }
  get done(): boolean {
    return this.i >= this.words.length;
  }
  rest(): string[] {
    const r = this.words.slice(this.i);
    this.i = this.words.length;
    return r;
  }
}

/** Splits the match/target text into words, keeping a `/* comment *\/` and a quoted LOG prefix whole. */
function splitWords(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ') i++;
    if (i >= text.length) break;
    if (text.startsWith('/* ', i)) {
      const end = text.indexOf(' */', i + 3);
      const stop = end === -1 ? text.length : end;
      out.push('/*', text.slice(i + 3, stop));
      i = end === -1 ? text.length : end + 3;
      continue;
    }
    if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      const stop = end === -1 ? text.length : end;
      out.push(text.slice(i + 1, stop));
      i = stop + 1;
      continue;
    }
    const start = i;
    while (i < text.length && text[i] !== ' ') i++;
    out.push(text.slice(start, i));
  }
  return out;
}

/** Reads one rule line; `col` of every produced token is the line's column of the word it came from (approximate). */
export function readListRule(line: string, columns: ListColumns): ListRule {
  const cells = [...line.matchAll(/\S+/g)];
  let i = 0;
  const cell = (): string | undefined => cells[i++]?.[0];
  if (columns.lineNumbers) cell();
  let counters: Counters = { packets: 0, bytes: 0 };
  let approximate = false;
  if (columns.verbose) {
    const p = count(cell() ?? '');
    const b = count(cell() ?? '');
    if (!p || !b) return { kind: 'error', message: 'expected packet and byte counters first (this is `iptables -L -v` output)' };
    counters = countersFromText(p.value, b.value) ?? counters;
    approximate = p.approximate || b.approximate;
  }
  let target = '';
  if (!(PROTO.test(cells[i]?.[0] ?? '') && OPT.test(cells[i + 1]?.[0] ?? ''))) target = cell() ?? '';
  const prot = cell();
  const opt = cell();
  if (prot === undefined || opt === undefined || !OPT.test(opt)) return { kind: 'error', message: 'expected the columns target, prot, opt, source, destination' };
  let inIf: string | undefined;
  let outIf: string | undefined;
  if (columns.verbose) {
    inIf = cell();
    outIf = cell();
  }
  const src = cell();
  const dst = cell();
  if (src === undefined || dst === undefined) return { kind: 'error', message: 'expected source and destination columns' };
  const restStart = cells[i]?.index ?? line.length;
  const tokens: string[] = [];
  const push = (...t: string[]): void => {
    tokens.push(...t);
  };
  for (const [flag, text] of [
    ['-s', src],
    ['-d', dst],
  ] as const) {
    const a = addressColumn(text);
    if (a.unresolved !== undefined) return { kind: 'unresolved', name: a.unresolved };
    if (a.cidr) push(...(a.invert ? ['!'] : []), flag, a.cidr);
  }
  for (const [flag, text] of [
    ['-i', inIf],
    ['-o', outIf],
  ] as const) {
    if (text === undefined || text === '*' || text === 'any') continue;
    if (text.startsWith('!')) push('!', flag, text.slice(1));
    else push(flag, text);
  }
  const proto = prot.replace(/^!/, '');
  if (proto !== 'all') push(...(prot.startsWith('!') ? ['!'] : []), '-p', proto);
  if (opt !== '--') push(...(opt.startsWith('!') ? ['!'] : []), '-f');

  const w = new Words(splitWords(line.slice(restStart)));
  const targetArgs: string[] = [];
  let goto = false;
  let unreadable: Match | undefined;
  const port = (text: string): string => {
    const bare = text.replace(/^!/, '');
    const parts = bare.split(':').map((p) => portOfName(p, proto === 'udp' || proto === 'sctp' ? proto : 'tcp') ?? p);
    return parts.join(':');
  };
  while (!w.done && !unreadable) {
    let word = w.next()!;
    let invert = false;
    if (word === '!' && w.peek() !== undefined) {
      invert = true;
      word = w.next()!;
    }
    const neg = invert ? ['!'] : [];
    switch (word) {
      case '/*':
        push('-m', 'comment', '--comment', w.next() ?? '');
        continue;
      case '[goto]':
        goto = true;
        continue;
      case 'tcp':
      case 'udp':
      case 'sctp': {
        push('-m', word);
        for (;;) {
          const m = /^(spts?|dpts?|flags):(.*)$/.exec(w.peek() ?? '');
          if (!m) break;
          w.next();
          const value = m[2]!;
          const inv = value.startsWith('!') ? ['!'] : [];
          if (m[1] === 'flags') {
            const [mask = '', comp = ''] = value.replace(/^!/, '').split('/');
            push(...inv, '--tcp-flags', flagNames(mask), flagNames(comp));
          } else push(...inv, m[1]!.startsWith('s') ? '--sport' : '--dport', port(value));
        }
        continue;
      }
      case 'icmp': {
        push('-m', 'icmp');
        const t = w.peek();
        if (t === 'type' || t === '!type') {
          w.next();
          const type = w.next() ?? '';
          const code = w.peek() === 'code' ? (w.next(), w.next()) : undefined;
          push(...(t.startsWith('!') ? ['!'] : []), '--icmp-type', code !== undefined ? `${type}/${code}` : type);
        } else if (t !== undefined && /^!?[a-z][a-z-]+$/.test(t) && !KEYWORDS.has(t.replace(/^!/, ''))) {
          w.next();
          push(...(t.startsWith('!') ? ['!'] : []), '--icmp-type', t.replace(/^!/, ''));
        }
        continue;
      }
      case 'multiport': {
        const which = w.next() ?? 'dports';
        let list = w.next() ?? '';
        const inv = list === '!' ? ((list = w.next() ?? ''), ['!']) : [];
        push('-m', 'multiport', ...inv, `--${which}`, list.split(',').map(port).join(','));
        continue;
      }
      case 'mark':
      case 'connmark': {
        if (w.peek() === 'match') w.next();
        let v = w.next() ?? '';
        const inv = v === '!' ? ((v = w.next() ?? ''), ['!']) : [];
        push('-m', word, ...inv, '--mark', v);
        continue;
      }
      case 'statistic': {
        w.next(); // mode
        const mode = w.next() ?? 'random';
        const args: string[] = ['-m', 'statistic', '--mode', mode];
        let inv = false;
        while (w.peek() === '!' || w.peek() === 'probability' || w.peek() === 'every' || w.peek() === 'packet') {
          const k = w.next()!;
          if (k === '!') inv = true;
          else args.push(...(inv && k !== 'packet' ? ['!'] : []), `--${k}`, w.next() ?? '');
        }
        push(...args);
        continue;
      }
      case 'ADDRTYPE': {
        if (w.peek() === 'match') w.next();
        const args: string[] = ['-m', 'addrtype'];
        for (;;) {
          const k = w.peek();
          if (k === 'src-type' || k === 'dst-type') {
            w.next();
            const v = w.next() ?? '';
            args.push(...(v.startsWith('!') ? ['!'] : []), `--${k}`, v.replace(/^!/, ''));
          } else if (k === 'limit-in' || k === 'limit-out') {
            w.next();
            args.push(`--${k === 'limit-in' ? 'limit-iface-in' : 'limit-iface-out'}`);
          } else break;
        }
        push(...args);
        continue;
      }
      case 'ctstate':
        push('-m', 'conntrack', ...neg, '--ctstate', w.next() ?? '');
        continue;
      case 'state':
        push('-m', 'state', ...neg, '--state', w.next() ?? '');
        continue;
      case 'recent:': {
        // libxt_recent recent_print: `recent: CHECK seconds: 10800 reap name: KUBE-SEP-… side: source mask: 255.255.255.255`
        const command = { SET: '--set', CHECK: '--rcheck', UPDATE: '--update', REMOVE: '--remove' }[w.next() ?? ''] ?? '--set';
        const args = ['-m', 'recent', ...neg, command];
        for (;;) {
          const k = w.peek();
          if (k === 'seconds:' || k === 'hit_count:' || k === 'name:' || k === 'mask:') {
            w.next();
            args.push({ 'seconds:': '--seconds', 'hit_count:': '--hitcount', 'name:': '--name', 'mask:': '--mask' }[k], w.next() ?? '');
          } else if (k === 'side:') {
            w.next();
            args.push(w.next() === 'dest' ? '--rdest' : '--rsource');
          } else if (k === 'reap' || k === 'TTL-Match') {
            w.next();
            args.push(k === 'reap' ? '--reap' : '--rttl');
          } else break;
        }
        push(...args);
        continue;
      }
      case 'nfacct-name':
        push('-m', 'nfacct', '--nfacct-name', w.next() ?? '');
        continue;
      case 'match-set':
        push('-m', 'set', ...neg, '--match-set', w.next() ?? '', w.next() ?? '');
        continue;
      case 'random':
      case 'persistent':
      case 'random-fully':
        targetArgs.push(`--${word}`);
        continue;
      case 'reject-with':
        targetArgs.push('--reject-with', w.next() ?? '');
        continue;
      case 'masq':
        w.next(); // "ports:"
        targetArgs.push('--to-ports', w.next() ?? '');
        continue;
      case 'MARK':
      case 'CONNMARK': {
        const op = w.next();
        if (op === 'save' || op === 'restore') {
          targetArgs.push(`--${op}-mark`);
          if (w.peek() === 'mask') targetArgs.push('--mask', (w.next(), w.next() ?? ''));
          continue;
        }
        const v = w.next() ?? '';
        if (op === 'set') targetArgs.push('--set-xmark', `${v}/0xffffffff`);
        else if (op === 'xset') targetArgs.push('--set-xmark', v);
        else if (op === 'or' || op === 'xor' || op === 'and') targetArgs.push(`--${op}-mark`, v);
        else unreadable = { kind: 'unknown', module: word, tokens: [op ?? '', v, ...w.rest()] };
        continue;
      }
      case 'LOG': {
        while (w.peek() === 'flags' || w.peek() === 'level' || w.peek() === 'prefix') {
          const k = w.next()!;
          const v = w.next() ?? '';
          if (k === 'level') targetArgs.push('--log-level', v);
          else if (k === 'prefix') targetArgs.push('--log-prefix', v);
        }
        continue;
      }
      case 'CT':
        if (w.peek() === 'notrack') {
          w.next();
          targetArgs.push('--notrack');
        }
        continue;
      default: {
        if (isIpvsWord(word)) {
          push(...readIpvsWords(word, invert, w));
          continue;
        }
        const to = /^to:(.+)$/.exec(word);
        if (to) {
          targetArgs.push(target === 'SNAT' ? '--to-source' : '--to-destination', to[1]!);
          continue;
        }
        unreadable = { kind: 'unknown', module: word, tokens: [...(invert ? ['!'] : []), ...w.rest()] };
      }
    }
  }
  if (target !== '') push(goto ? '-g' : '-j', target, ...targetArgs);
  const col = restStart + 1;
  return { kind: 'rule', args: tokens.map((text) => ({ text, col })), counters, approximate, ...(unreadable ? { unreadable } : {}) };
}

const KEYWORDS = new Set(['mark', 'connmark', 'statistic', 'ctstate', 'state', 'multiport', 'tcp', 'udp', 'reject-with', 'nfacct-name', 'match-set', 'ADDRTYPE', 'MARK', 'CONNMARK', 'LOG', 'CT', 'random', 'random-fully', 'persistent', 'masq', 'ipvs', 'vproto', 'vaddr', 'vport', 'vdir', 'vmethod', 'vportctl']);
