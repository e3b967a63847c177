/**
 * `nft list ruleset` on an iptables-nft node: iptables-nft keeps its tables (`table ip nat`, `table ip
 * filter`…) as nftables tables, and nft lists them in its own syntax — the matches iptables-nft stores
 * natively as nft expressions (`meta l4proto tcp ip daddr 10.96.0.10 tcp dport 53`), the xt matches that
 * libxtables can translate translated (`ct state new`, `meta random & 2147483647 < 715827883` for
 * `-m statistic`), the others only by name (`xt match recent`, `xt match "nfacct"`: their options are not
 * shown), and `-m comment` not at all. Those tables are iptables tables: read back into iptables rules
 * (what `iptables-nft-save` would print, as far as the text tells), they go to the same RulesetBuilder as
 * an iptables-save, so they draw, list and trace as iptables rules. What cannot be translated is kept,
 * verbatim, as a match the lab does not simulate (not matching, reported like `-m bpf`).
 * Samples and what nft 1.0.6 shows of each match: test-vectors/iptables-nft/README.md.
 */
import { BUILTIN_CHAINS, countersFromText, TABLE_NAMES, type Counters, type Match, type TableName, type Target } from '../netfilter/model';
import type { Token } from '../netfilter/tokenize';
import type { RulesetBuilder } from './builder';
import type { IssueLog } from './issues';

/** One line of the paste inside an nft section. */
export interface NftSourceLine {
  readonly text: string;
  readonly line: number;
}

/** An nft rule read back as iptables arguments (`-p tcp -d 10.96.0.10 -m tcp --dport 53 -j KUBE-SVC-…`). */
export interface XtRule {
  readonly args: readonly string[];
  readonly counters?: Counters;
  /** Pieces of the rule nft shows but the lab cannot read back (`xt match recent`), verbatim. */
  readonly unknownMatches: readonly string[];
  /** `xt target NAME`: a target the text does not describe. */
  readonly unknownTarget?: string;
}

const TABLE_HEAD = /^table ip (\S+) \{$/;
const CHAIN_HEAD = /^chain (\S+) \{$/;
const BASE = /^type (filter|nat|route) hook \w+ priority [^;]+;\s*policy (accept|drop);$/;

/**
 * Whether a `table ip NAME {` block is iptables-nft's: an iptables table name holding an upper-case
 * built-in chain (nft-native rulesets name their base chains as they like, kube-proxy's `nat-prerouting`).
 */
export function iptablesNftTable(block: readonly NftSourceLine[]): TableName | undefined {
  const head = TABLE_HEAD.exec(block[0]?.text.trim() ?? '');
  if (!head || !(TABLE_NAMES as readonly string[]).includes(head[1]!)) return undefined;
  const table = head[1] as TableName;
  const builtins = BUILTIN_CHAINS[table] as readonly string[];
  return block.some((l) => {
    const c = CHAIN_HEAD.exec(l.text.trim());
    return c !== null && builtins.includes(c[1]!);
  })
    ? table
    : undefined;
}

/** Words of an nft rule line; a quoted string stays one word, without its quotes. */
export function nftWords(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
  return out;
}

/** Words that start a statement or expression: where an untranslatable piece ends. */
const HEADS = new Set(['meta', 'ip', 'tcp', 'udp', 'sctp', 'ct', 'fib', 'iifname', 'oifname', 'mark', 'counter', 'comment', 'xt', 'jump', 'goto', 'accept', 'drop', 'return', 'reject', 'dnat', 'snat', 'masquerade', 'notrack', 'log']);
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp', 'icmp']);
const CT_STATES = new Set(['new', 'established', 'related', 'invalid', 'untracked', 'snat', 'dnat']);
const FIB_TYPES = new Set(['unspec', 'unicast', 'local', 'broadcast', 'anycast', 'multicast', 'blackhole', 'unreachable', 'prohibit']);
const NUMBER = /^(0x[0-9a-fA-F]+|\d+)$/;

/** `0x00004000` → 16384 as the text iptables takes (`0x4000`). */
const hex = (w: string): string => `0x${Number(w).toString(16)}`;
const ifname = (w: string): string => (w.endsWith('*') ? `${w.slice(0, -1)}+` : w);

class Reader {
  private i = 0;
  readonly args: string[] = [];
  /** Matches (`-m …`) and target (`-j …`) kept apart: iptables-save lists the target last. */
  private readonly target: string[] = [];
  readonly unknown: string[] = [];
  unknownTarget: string | undefined;
  counters: Counters | undefined;

  constructor(private readonly w: readonly string[]) {}

  private peek(k = 0): string | undefined {
    return this.w[this.i + k];
  }

  /** `!=` after a selector: the match is negated (`!` before the option). */
  private negation(): string[] {
    if (this.peek() === '!=' || this.peek() === '!') {
      this.i++;
      return ['!'];
    }
    if (this.peek() === '==') this.i++;
    return [];
  }

  /** A set `{ a, b }` as iptables' comma list, or one word. */
  private valueList(): string[] | undefined {
    if (this.peek() !== '{') {
      const v = this.peek();
      if (v === undefined) return undefined;
      this.i++;
      return [v];
    }
    const items: string[] = [];
    this.i++;
    while (this.i < this.w.length && this.peek() !== '}') {
      const v = this.w[this.i++]!.replace(/,$/, '');
      if (v !== '') items.push(v);
    }
    if (this.peek() !== '}') return undefined;
    this.i++;
    return items;
  }

  /** Reads one expression or statement at `i`; false when it is not one the reader knows. */
  private step(): boolean {
    const w = this.w;
    const a = this.peek()!;
    const b = this.peek(1);
    if ((a === 'meta' && b === 'l4proto') || (a === 'ip' && b === 'protocol')) {
      this.i += 2;
      const neg = this.negation();
      const p = this.peek();
      if (!p || !PROTOCOLS.has(p)) return false;
      this.i++;
      this.args.push(...neg, '-p', p);
      return true;
    }
    if (a === 'ip' && (b === 'saddr' || b === 'daddr')) {
      this.i += 2;
      const neg = this.negation();
      const v = this.peek();
      if (!v || !/^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(v)) return false;
      this.i++;
      this.args.push(...neg, b === 'saddr' ? '-s' : '-d', v);
      return true;
    }
    if (a === 'iifname' || a === 'oifname' || (a === 'meta' && (b === 'iifname' || b === 'oifname'))) {
      const key = a === 'meta' ? b! : a;
      this.i += a === 'meta' ? 2 : 1;
      const neg = this.negation();
      const v = this.peek();
      if (v === undefined || v === '{') return false;
      this.i++;
      this.args.push(...neg, key === 'iifname' ? '-i' : '-o', ifname(v));
      return true;
    }
    if (PROTOCOLS.has(a) && a !== 'icmp' && (b === 'dport' || b === 'sport')) {
      this.i += 2;
      const neg = this.negation();
      const list = this.valueList();
      if (!list || list.length === 0 || !list.every((p) => /^\d+(-\d+)?$/.test(p))) return false;
      const ports = list.map((p) => p.replace('-', ':'));
      if (list.length === 1) this.args.push('-m', a, ...neg, `--${b}`, ports[0]!);
      else this.args.push('-m', 'multiport', ...neg, `--${b}s`, ports.join(','));
      return true;
    }
    if (a === 'fib' && (b === 'saddr' || b === 'daddr') && w[this.i + 2] === 'type') {
      this.i += 3;
      const neg = this.negation();
      const list = this.valueList();
      if (!list || list.length === 0 || !list.every((t) => FIB_TYPES.has(t))) return false;
      this.args.push('-m', 'addrtype', ...neg, b === 'saddr' ? '--src-type' : '--dst-type', list.map((t) => t.toUpperCase()).join(','));
      return true;
    }
    if (a === 'ct' && (b === 'state' || b === 'status')) {
      this.i += 2;
      const neg = this.negation();
      const v = this.peek();
      const states = v?.split(',');
      if (!states || !states.every((s) => CT_STATES.has(s))) return false;
      this.i++;
      // `ct status dnat` is what `--ctstate DNAT` translates to (the same test of the connection's DNAT bit).
      this.args.push('-m', 'conntrack', ...neg, '--ctstate', states.map((s) => s.toUpperCase()).join(','));
      return true;
    }
    if ((a === 'meta' && b === 'mark') || a === 'mark') {
      const at = this.i;
      this.i += a === 'meta' ? 2 : 1;
      if (this.peek() === 'set') {
        this.i = at;
        return this.verdict();
      }
      let mask: string | undefined;
      if (this.peek() === '&' || this.peek() === 'and') {
        mask = this.peek(1);
        if (!mask || !NUMBER.test(mask)) return false;
        this.i += 2;
      }
      const neg = this.negation();
      const v = this.peek();
      if (!v || !NUMBER.test(v)) return false;
      this.i++;
      this.args.push('-m', 'mark', ...neg, '--mark', mask ? `${hex(v)}/${hex(mask)}` : hex(v));
      return true;
    }
    if (a === 'meta' && b === 'random' && w[this.i + 2] === '&' && w[this.i + 3] === '2147483647' && (w[this.i + 4] === '<' || w[this.i + 4] === '>=')) {
      const n = w[this.i + 5];
      if (!n || !/^\d+$/.test(n) || Number(n) > 0x80000000) return false;
      const neg = w[this.i + 4] === '>=' ? ['!'] : [];
      this.i += 6;
      // xt_statistic keeps ⌊p·2³¹⌉; iptables prints it back with 11 decimals, which reads back to the same u32.
      this.args.push('-m', 'statistic', '--mode', 'random', ...neg, '--probability', (Number(n) / 0x80000000).toFixed(11));
      return true;
    }
    if (a === 'numgen' && b === 'inc' && w[this.i + 2] === 'mod' && /^\d+$/.test(w[this.i + 3] ?? '')) {
      // `-m statistic --mode nth --every N --packet P` as libxtables translates it
      const every = w[this.i + 3]!;
      this.i += 4;
      const neg = this.negation();
      const packet = this.peek();
      if (!packet || !/^\d+$/.test(packet)) return false;
      this.i++;
      this.args.push('-m', 'statistic', '--mode', 'nth', ...neg, '--every', every, '--packet', packet);
      return true;
    }
    if (a === 'counter') {
      if (b !== 'packets' || w[this.i + 3] !== 'bytes') {
        this.i++;
        return true;
      }
      const c = countersFromText(w[this.i + 2] ?? '', w[this.i + 4] ?? '');
      if (!c || !/^\d+$/.test(w[this.i + 2]!) || !/^\d+$/.test(w[this.i + 4] ?? '')) return false;
      this.counters = c;
      this.i += 5;
      return true;
    }
    if (a === 'comment' && b !== undefined) {
      this.i += 2;
      this.args.push('-m', 'comment', '--comment', b);
      return true;
    }
    if (a === 'xt' && (b === 'match' || b === 'target') && w[this.i + 2] !== undefined) {
      const name = w[this.i + 2]!;
      this.i += 3;
      if (b === 'match') this.unknown.push(`xt match ${name}`);
      else this.unknownTarget = name;
      return true;
    }
    return this.verdict();
  }

  private verdict(): boolean {
    const w = this.w;
    const a = this.peek()!;
    const b = this.peek(1);
    const simple: Readonly<Record<string, string>> = { accept: 'ACCEPT', drop: 'DROP', return: 'RETURN', notrack: 'NOTRACK' };
    if (simple[a]) {
      this.i++;
      this.target.push('-j', simple[a]);
      return true;
    }
    if ((a === 'jump' || a === 'goto') && b !== undefined) {
      this.i += 2;
      this.target.push(a === 'jump' ? '-j' : '-g', b);
      return true;
    }
    if (a === 'reject') {
      this.i++;
      this.target.push('-j', 'REJECT');
      if (this.peek() === 'with') {
        // `with tcp reset`, `with icmp type host-unreachable`, `with icmp host-unreachable`
        const kind = this.peek(1);
        if (kind === 'tcp' && this.peek(2) === 'reset') {
          this.i += 3;
          this.target.push('--reject-with', 'tcp-reset');
          return true;
        }
        if (kind !== 'icmp') return false;
        this.i += 2;
        if (this.peek() === 'type') this.i++;
        const code = this.peek();
        if (!code) return false;
        this.i++;
        this.target.push('--reject-with', `icmp-${code}`);
      }
      return true;
    }
    if ((a === 'dnat' || a === 'snat') && b === 'to' && w[this.i + 2] !== undefined) {
      const to = w[this.i + 2]!;
      if (!/^\d+\.\d+\.\d+\.\d+(-\d+\.\d+\.\d+\.\d+)?(:\d+(-\d+)?)?$/.test(to)) return false;
      this.i += 3;
      this.target.push('-j', a.toUpperCase(), a === 'dnat' ? '--to-destination' : '--to-source', to);
      return this.natFlags(a === 'snat');
    }
    if (a === 'masquerade') {
      this.i++;
      this.target.push('-j', 'MASQUERADE');
      if (this.peek() === 'to' && /^:\d+(-\d+)?$/.test(this.peek(1) ?? '')) {
        this.target.push('--to-ports', this.peek(1)!.slice(1));
        this.i += 2;
      }
      return this.natFlags(true);
    }
    if (a === 'meta' && b === 'mark' && w[this.i + 2] === 'set') {
      // `meta mark set mark or 0x4000` (xt MARK translated) or nft's own `meta mark set meta mark | 0x00004000`
      let j = this.i + 3;
      if (w[j] === 'meta') j++;
      const ops: Readonly<Record<string, string>> = { or: '--or-mark', '|': '--or-mark', xor: '--xor-mark', '^': '--xor-mark', and: '--and-mark', '&': '--and-mark' };
      if (w[j] === 'mark' && (w[j + 1] === 'and' || w[j + 1] === '&') && NUMBER.test(w[j + 2] ?? '') && (w[j + 3] === 'xor' || w[j + 3] === '^') && NUMBER.test(w[j + 4] ?? '')) {
        // --set-xmark VALUE/MASK: new = (old & ~MASK) ^ VALUE
        this.target.push('-j', 'MARK', '--set-xmark', `${hex(w[j + 4]!)}/0x${(~Number(w[j + 2]!) >>> 0).toString(16)}`);
        this.i = j + 5;
        return true;
      }
      if (w[j] === 'mark' && ops[w[j + 1] ?? ''] && NUMBER.test(w[j + 2] ?? '')) {
        this.target.push('-j', 'MARK', ops[w[j + 1]!]!, hex(w[j + 2]!));
        this.i = j + 3;
        return true;
      }
      if (NUMBER.test(w[this.i + 3] ?? '')) {
        this.target.push('-j', 'MARK', '--set-mark', hex(w[this.i + 3]!));
        this.i += 4;
        return true;
      }
      return false;
    }
    if (a === 'log') {
      this.i++;
      this.target.push('-j', 'LOG');
      for (;;) {
        if (this.peek() === 'prefix' && this.peek(1) !== undefined) this.target.push('--log-prefix', this.peek(1)!);
        else if (this.peek() === 'level' && this.peek(1) !== undefined) this.target.push('--log-level', this.peek(1)!);
        else return true;
        this.i += 2;
      }
    }
    return false;
  }

  private natFlags(randomFully: boolean): boolean {
    for (;;) {
      const f = this.peek()?.replace(/,$/, '');
      if (f === 'fully-random' && randomFully) this.target.push('--random-fully');
      else if (f === 'random') this.target.push('--random');
      else if (f === 'persistent') this.target.push('--persistent');
      else return true;
      this.i++;
    }
  }

  read(): void {
    while (this.i < this.w.length) {
      const start = this.i;
      if (this.step()) continue;
      // Not readable: the piece up to the next statement stays verbatim, as a match the lab cannot judge.
      this.i = start + 1;
      while (this.i < this.w.length && !HEADS.has(this.w[this.i]!)) this.i++;
      this.unknown.push(this.w.slice(start, this.i).join(' '));
    }
  }

  /** `-m tcp --sport A -m tcp --dport B` → `-m tcp --sport A --dport B`: one match, as iptables keeps it. */
  private merged(): string[] {
    const out: string[] = [];
    const first = new Map<string, number>();
    for (let k = 0; k < this.args.length; k++) {
      const m = this.args[k + 1];
      if (this.args[k] === '-m' && m !== undefined && PROTOCOLS.has(m)) {
        let end = k + 2;
        while (end < this.args.length && this.args[end] !== '-m' && !['-s', '-d', '-i', '-o', '-p'].includes(this.args[end]!) && !(this.args[end] === '!' && ['-s', '-d', '-i', '-o', '-p', '-m'].includes(this.args[end + 1] ?? ''))) end++;
        const opts = this.args.slice(k + 2, end);
        const at = first.get(m);
        if (at === undefined) {
          first.set(m, out.length);
          out.push('-m', m, ...opts);
        } else out.splice(at + 2, 0, ...opts);
        k = end - 1;
        continue;
      }
      out.push(this.args[k]!);
    }
    return out;
  }

  result(): XtRule {
    return { args: [...this.merged(), ...this.target], ...(this.counters ? { counters: this.counters } : {}), unknownMatches: this.unknown, ...(this.unknownTarget ? { unknownTarget: this.unknownTarget } : {}) };
  }
}

/** One rule line of an iptables-nft chain, read back as iptables arguments. */
export function xtRule(line: string): XtRule {
  const r = new Reader(nftWords(line));
  r.read();
  return r.result();
}

const ZERO: Counters = { packets: 0, bytes: 0 };

/** The match an untranslatable piece becomes: kept verbatim, treated as not matching. */
function unknownMatch(piece: string): Match {
  const xt = /^xt match (\S+)$/.exec(piece);
  return xt ? { kind: 'unknown', module: xt[1]!, tokens: ['(nft: xt match, options not shown)'] } : { kind: 'unknown', module: 'nft', tokens: [piece] };
}

/**
 * Feeds one iptables-nft table block (its `table ip nat {` line to its `}`) to the builder.
 * Returns whether it carried counters.
 */
export function readXtNftTable(table: TableName, block: readonly NftSourceLine[], builder: RulesetBuilder, log: IssueLog): boolean {
  let chain: string | undefined;
  let counters = false;
  for (const { text, line } of block.slice(1)) {
    const t = text.trim();
    if (t === '' || t.startsWith('#')) continue;
    if (t === '}') {
      chain = undefined;
      continue;
    }
    const head = CHAIN_HEAD.exec(t);
    if (head && chain === undefined) {
      chain = head[1]!;
      if (!(BUILTIN_CHAINS[table] as readonly string[]).includes(chain)) builder.declare(table, chain, line);
      continue;
    }
    if (chain === undefined) {
      builder.malformed(line, `nft: "${t}" is not a chain of the iptables-nft table ${table}`);
      continue;
    }
    const base = BASE.exec(t);
    if (base) {
      builder.policy(table, chain, base[2]!.toUpperCase(), ZERO, line);
      continue;
    }
    const r = xtRule(t);
    if (r.counters) counters = true;
    const extra = r.unknownMatches.map(unknownMatch);
    for (const u of r.unknownMatches) log.unsimulatedUse(u, line);
    let target: Target | undefined;
    if (r.unknownTarget) {
      target = { kind: 'unknown', name: r.unknownTarget, tokens: ['(nft: xt target, options not shown)'] };
      log.unsimulatedUse(`xt target ${r.unknownTarget}`, line);
    }
    const tokens: Token[] = r.args.map((a) => ({ text: a, col: 1 }));
    builder.append(table, chain, tokens, r.counters ?? ZERO, line, extra, target);
  }
  return counters;
}
