/**
 * The `nft list ruleset` form, so a dump pasted from a node can be re-printed and traced: `table ip t {`
 * blocks holding `set`/`map` blocks (one property a line, `elements = { … }` across lines) and `chain`
 * blocks (`type … hook … priority …; policy …;`, then one rule a line). Problems come back located
 * (line:col); a bad line is skipped and the rest still read, never thrown.
 */
import { RulesetBuilder } from './builder';
import { Cursor, NftSyntaxError } from './cursor';
import { tokenize, type Token } from './lexer';
import { NFT_FAMILIES, type BaseChainSpec, type NftFamily, type NftIssue, type NftRule } from './model';
import { baseChainSpec, policy, setProperty, toSet, type SetDraft } from './parse-decl';
import { parseRule } from './parse-rule';
import { MAX_NFT_CHARS, type NftParseResult } from './parse-transaction';

/** The end (exclusive) of the line starting at `i`, counting newlines inside braces as part of it. */
function lineEnd(tokens: readonly Token[], i: number): number {
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind === 'punct' && t.text === '{') depth++;
    else if (t.kind === 'punct' && t.text === '}') {
      if (depth === 0) return j;
      depth--;
    } else if (t.kind === 'newline' && depth === 0) return j;
  }
  return tokens.length;
}

interface Pending {
  chain: string;
  rule: NftRule;
  line: number;
  col: number;
}

class ListReader {
  readonly errors: NftIssue[] = [];
  readonly builder = new RulesetBuilder();
  /** Where each rule that was added sits in the text (an imported dump points back to its lines). */
  readonly ruleLines = new Map<NftRule, number>();
  /** `family table/chain` → the line of its `chain … {`. */
  readonly chainLines = new Map<string, number>();
  /** Rules are added after every chain and set of the table exists: a listing may jump forward. */
  private pending: Pending[] = [];
  private i = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private skipBlank(): void {
    while (this.tokens[this.i]?.kind === 'newline' || (this.tokens[this.i]?.kind === 'punct' && this.tokens[this.i]!.text === ';')) this.i++;
  }

  private error(e: unknown): void {
    if (!(e instanceof NftSyntaxError)) throw e;
    this.errors.push({ line: e.line, col: e.col, message: e.message });
  }

  /** Skips to after the `}` closing the block whose `{` is before `i`. */
  private skipBlock(): void {
    let depth = 1;
    while (this.i < this.tokens.length && depth > 0) {
      const t = this.tokens[this.i++]!;
      if (t.kind === 'punct' && t.text === '{') depth++;
      else if (t.kind === 'punct' && t.text === '}') depth--;
    }
  }

  private closes(): boolean {
    const t = this.tokens[this.i];
    if (t?.kind === 'punct' && t.text === '}') {
      this.i++;
      return true;
    }
    return false;
  }

  /** A cursor over the header line at `i` (up to the `{` that opens its block, or the line's end). */
  private header(): Cursor {
    return new Cursor(this.tokens, lineEnd(this.tokens, this.i), this.i);
  }

  read(): void {
    for (;;) {
      this.skipBlank();
      if (this.i >= this.tokens.length) return;
      const c = this.header();
      try {
        c.expect('table');
        const f = c.word('a family');
        if (!NFT_FAMILIES.includes(f.text as NftFamily)) throw c.fail(`"${f.text}" is not a family`, f);
        // inet tables see IPv4 packets (their IPv6 rules never match one); ip6 tables are read to be
        // shown: an IPv4 packet never enters their hooks.
        if (f.text !== 'ip' && f.text !== 'inet' && f.text !== 'ip6') throw c.fail(`family ${f.text} is not simulated (ip, inet and ip6 are)`, f);
        const name = c.word('a table name').text;
        c.expect('{');
        this.i = c.index;
        this.table(f.text as NftFamily, name);
      } catch (e) {
        this.error(e);
        // Skip the whole block the bad header opened, or the line.
        this.i = lineEnd(this.tokens, this.i);
        if (this.tokens[this.i - 1]?.text === '{') this.skipBlock();
      }
    }
  }

  private table(family: NftFamily, name: string): void {
    this.builder.addTable(family, name, undefined);
    const t = this.builder.table(family, name)!;
    this.pending = [];
    for (;;) {
      this.skipBlank();
      if (this.i >= this.tokens.length) {
        const last = this.tokens[this.tokens.length - 1]!;
        this.errors.push({ line: last.line, col: last.col, message: `table ${family} ${name}: missing "}"` });
        break;
      }
      if (this.closes()) break;
      const start = this.tokens[this.i]!;
      const c = this.header();
      try {
        const k = c.word('comment, set, map or chain');
        if (k.text === 'comment') {
          t.comment = c.string('a comment');
          this.i = c.index;
          continue;
        }
        if (k.text === 'set' || k.text === 'map') {
          const d: SetDraft = { kind: k.text, name: c.word('a set name').text, keyType: [], flags: [], elements: [] };
          c.expect('{');
          this.i = c.index;
          const errorsBefore = this.errors.length;
          this.setBody(d);
          // A set of IPv6 addresses (`type ipv6_addr`): its declaration and elements are not read, said once.
          const ipv6Set = this.errors.slice(errorsBefore).some((e) => /ipv6_addr/.test(e.message));
          if (ipv6Set) this.errors.splice(errorsBefore);
          if (d.keyType.length === 0 && ipv6Set) this.errors.push({ line: start.line, col: start.col, message: `${d.kind} ${d.name} holds IPv6 addresses: not read (IPv6 is not simulated; the rules that use it are kept as printed)` });
          else if (d.keyType.length === 0) this.errors.push({ line: start.line, col: start.col, message: `${d.kind} ${d.name} has no type` });
          else {
            const problem = this.builder.addSet(t, toSet(d));
            if (problem) this.errors.push({ line: start.line, col: start.col, message: problem });
          }
          continue;
        }
        if (k.text === 'chain') {
          const chain = c.word('a chain name').text;
          c.expect('{');
          this.i = c.index;
          this.chainBody(t, chain, start);
          continue;
        }
        throw c.fail(`"${k.text}" is not a table item the lab reads (comment, set, map, chain)`, k);
      } catch (e) {
        this.error(e);
        this.i = lineEnd(this.tokens, this.i);
        if (this.tokens[this.i - 1]?.text === '{') this.skipBlock();
      }
    }
    for (const p of this.pending) {
      const problem = this.builder.addRule(t, p.chain, p.rule);
      if (problem) this.errors.push({ line: p.line, col: p.col, message: problem });
      else this.ruleLines.set(p.rule, p.line);
    }
  }

  private setBody(d: SetDraft): void {
    for (;;) {
      this.skipBlank();
      if (this.i >= this.tokens.length || this.closes()) return;
      const e = lineEnd(this.tokens, this.i);
      const c = new Cursor(this.tokens, e, this.i);
      try {
        setProperty(c, d);
        if (!c.atEnd()) throw c.fail(`unexpected "${c.peek()!.text}"`);
      } catch (err) {
        this.error(err);
      }
      this.i = e;
    }
  }

  private chainBody(t: NonNullable<ReturnType<RulesetBuilder['table']>>, name: string, start: Token): void {
    let comment: string | undefined;
    let base: BaseChainSpec | undefined;
    const rules: Pending[] = [];
    for (;;) {
      this.skipBlank();
      if (this.i >= this.tokens.length || this.closes()) break;
      const e = lineEnd(this.tokens, this.i);
      const c = new Cursor(this.tokens, e, this.i);
      const first = this.tokens[this.i]!;
      try {
        if (c.is('comment') && c.peek(1)?.kind === 'string' && rules.length === 0) {
          c.next('comment');
          comment = c.string('a comment');
        } else if (c.is('type') && rules.length === 0) {
          c.next('type');
          const spec = baseChainSpec(c);
          c.expect(';');
          c.expect('policy');
          base = { ...spec, policy: policy(c) };
          c.expect(';');
        } else rules.push({ chain: name, rule: parseRule(c), line: first.line, col: first.col });
        if (!c.atEnd()) throw c.fail(`unexpected "${c.peek()!.text}"`);
      } catch (err) {
        this.error(err);
      }
      this.i = e;
    }
    const problem = this.builder.addChain(t, name, base, comment);
    if (problem) this.errors.push({ line: start.line, col: start.col, message: problem });
    else this.chainLines.set(`${t.family} ${t.name}/${name}`, start.line);
    this.pending.push(...rules);
  }
}

export function parseNftList(text: string): NftParseResult {
  const { ruleset, errors } = parseNftListLines(text);
  return { ruleset, errors };
}

/** parseNftList, with the line of every rule and chain it read (for a dump imported from a node). */
export function parseNftListLines(text: string): NftParseResult & { readonly ruleLines: ReadonlyMap<NftRule, number>; readonly chainLines: ReadonlyMap<string, number> } {
  if (text.length > MAX_NFT_CHARS) return { ruleset: { tables: [] }, errors: [{ line: 1, col: 1, message: `refusing ${text.length} characters (at most ${MAX_NFT_CHARS})` }], ruleLines: new Map(), chainLines: new Map() };
  const { tokens, errors } = tokenize(text);
  const reader = new ListReader(tokens.filter((t, i) => !(t.kind === 'newline' && i === tokens.length - 1)));
  reader.read();
  const all = [...errors, ...reader.errors].sort((a, b) => a.line - b.line || a.col - b.col);
  return { ruleset: reader.builder.finish(), errors: all, ruleLines: reader.ruleLines, chainLines: reader.chainLines };
}
