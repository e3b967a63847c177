/**
 * The transaction form: what kube-proxy sends to `nft -f` (`add table …`, `add chain … { type nat hook
 * prerouting priority -100 ; }`, `add set/map … { … }`, `add rule …`, `add element …`, `flush …`,
 * `delete …`), one command a line. Applied to a ruleset as the kernel applies a batch; each problem comes
 * back located (line:col) and only its command is skipped, never thrown.
 *
 * `declarationsFirst` (the default) applies every `add/create table|chain|set|map` before the other
 * commands, keeping their order: kube-proxy's test golden is sorted and names chains before declaring
 * them, which a real `nft -f` refuses; kube-proxy's real transactions already declare first, so for
 * them the reordering changes nothing.
 */
import { Cursor, NftSyntaxError } from './cursor';
import { tokenize, type Token } from './lexer';
import { RulesetBuilder } from './builder';
import { NFT_FAMILIES, type NftFamily, type NftIssue, type NftRuleset } from './model';
import { baseChainSpec, elements, keys, policy, setProperty, toSet, type SetDraft } from './parse-decl';
import { parseRule } from './parse-rule';

export interface NftParseResult {
  readonly ruleset: NftRuleset;
  readonly errors: readonly NftIssue[];
}

export interface TransactionOptions {
  /** Apply to this ruleset (a later sync on a node). @default empty */
  readonly base?: NftRuleset;
  /** @default true */
  readonly declarationsFirst?: boolean;
  /**
   * As the kernel commits a batch: all or nothing. With a problem anywhere the result is the base ruleset,
   * unchanged (the problems still come back). Off by default: a pasted text is read as far as it goes.
   */
  readonly atomic?: boolean;
  /** The most characters read; larger text is refused unread. Our own generator's output may pass Infinity. @default MAX_NFT_CHARS */
  readonly maxChars?: number;
}

/** Refuse absurd input before looking at it. */
export const MAX_NFT_CHARS = 20_000_000;

/** [start, end) token ranges of the commands: a newline or `;` outside braces ends one. */
function commands(tokens: readonly Token[]): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = 0;
  tokens.forEach((t, i) => {
    if (t.kind === 'punct' && t.text === '{') depth++;
    else if (t.kind === 'punct' && t.text === '}') depth = Math.max(0, depth - 1);
    else if ((t.kind === 'newline' || (t.kind === 'punct' && t.text === ';')) && depth === 0) {
      if (i > start) out.push([start, i]);
      start = i + 1;
    }
  });
  return out;
}

const isDeclaration = (tokens: readonly Token[], [s]: [number, number]): boolean =>
  (tokens[s]?.text === 'add' || tokens[s]?.text === 'create') && ['table', 'chain', 'set', 'map'].includes(tokens[s + 1]?.text ?? '');

export function parseTransaction(text: string, options: TransactionOptions = {}): NftParseResult {
  const maxChars = options.maxChars ?? MAX_NFT_CHARS;
  if (text.length > maxChars) return { ruleset: options.base ?? { tables: [] }, errors: [{ line: 1, col: 1, message: `refusing ${text.length} characters (at most ${maxChars})` }] };
  const { tokens, errors: lexErrors } = tokenize(text);
  const errors: NftIssue[] = [...lexErrors];
  const builder = options.base ? RulesetBuilder.from(options.base) : new RulesetBuilder();
  const all = commands(tokens);
  const ordered = options.declarationsFirst === false ? all : [...all.filter((r) => isDeclaration(tokens, r)), ...all.filter((r) => !isDeclaration(tokens, r))];
  for (const [s, e] of ordered) {
    const c = new Cursor(tokens, e, s);
    try {
      const problem = command(c, builder);
      if (problem) {
        const at = named(tokens, s, e, problem) ?? tokens[s]!;
        errors.push({ line: at.line, col: at.col, message: problem });
      }
    } catch (err) {
      if (!(err instanceof NftSyntaxError)) throw err;
      errors.push({ line: err.line, col: err.col, message: err.message });
    }
  }
  errors.sort((a, b) => a.line - b.line || a.col - b.col);
  if (options.atomic && errors.length > 0) return { ruleset: options.base ?? { tables: [] }, errors };
  return { ruleset: builder.finish(), errors };
}

/** The token a problem names (`no chain X`, `chain X is in use`), so it is located there rather than at the command. */
function named(tokens: readonly Token[], start: number, end: number, problem: string): Token | undefined {
  const m = /^(?:no (?:chain|set|map|set or map) |chain |set |map )(\S+)/.exec(problem);
  if (!m) return undefined;
  for (let i = end - 1; i >= start; i--) {
    const t = tokens[i]!;
    if (t.kind === 'word' && (t.text === m[1] || t.text === `@${m[1]}`)) return t;
  }
  return undefined;
}

function family(c: Cursor): NftFamily {
  const t = c.peek();
  if (t && NFT_FAMILIES.includes(t.text as NftFamily)) {
    c.next('a family');
    if (t.text !== 'ip') throw c.fail(`family ${t.text} is not simulated (ip is)`, t);
    return 'ip';
  }
  return 'ip';
}

function tableOf(c: Cursor, b: RulesetBuilder) {
  const f = family(c);
  const name = c.word('a table name');
  const t = b.table(f, name.text);
  if (!t) throw c.fail(`no table ${f} ${name.text}`, name);
  return t;
}

function end(c: Cursor): void {
  if (!c.atEnd()) throw c.fail(`unexpected "${c.peek()!.text}"`);
}

/** `{ prop ; prop ; }`: runs `each` at every property. */
function block(c: Cursor, each: (c: Cursor) => void): void {
  c.expect('{');
  for (;;) {
    c.skipNewlines();
    while (c.eat(';')) c.skipNewlines();
    if (c.eat('}')) return;
    each(c);
  }
}

function command(c: Cursor, b: RulesetBuilder): string | undefined {
  const verb = c.word('a command');
  const what = c.word('table, chain, set, map, rule or element');
  const create = verb.text === 'create';
  switch (`${verb.text === 'create' ? 'add' : verb.text} ${what.text}`) {
    case 'add table': {
      const f = family(c);
      const name = c.word('a table name').text;
      let comment: string | undefined;
      if (c.is('{'))
        block(c, (c) => {
          c.expect('comment');
          comment = c.string('a comment');
        });
      end(c);
      return b.addTable(f, name, comment, create);
    }
    case 'add chain': {
      const t = tableOf(c, b);
      const name = c.word('a chain name').text;
      let spec: ReturnType<typeof baseChainSpec> | undefined;
      let pol: 'accept' | 'drop' = 'accept';
      let comment: string | undefined;
      if (c.is('{'))
        block(c, (c) => {
          const k = c.word('type, policy or comment');
          if (k.text === 'type') spec = baseChainSpec(c);
          else if (k.text === 'policy') pol = policy(c);
          else if (k.text === 'comment') comment = c.string('a comment');
          else throw c.fail(`chain property "${k.text}" is not simulated`, k);
        });
      end(c);
      return b.addChain(t, name, spec ? { ...spec, policy: pol } : undefined, comment, create);
    }
    case 'add set':
    case 'add map': {
      const t = tableOf(c, b);
      const d: SetDraft = { kind: what.text as 'set' | 'map', name: c.word('a set name').text, keyType: [], flags: [], elements: [] };
      block(c, (c) => setProperty(c, d));
      end(c);
      if (d.keyType.length === 0) return `${d.kind} ${d.name} needs a type`;
      return b.addSet(t, toSet(d), create);
    }
    case 'add rule':
    case 'insert rule': {
      const t = tableOf(c, b);
      const chain = c.word('a chain name').text;
      const rule = parseRule(c);
      return b.addRule(t, chain, rule, verb.text === 'insert');
    }
    case 'add element':
    case 'delete element': {
      const t = tableOf(c, b);
      const name = c.word('a set name');
      const set = t.sets.get(name.text);
      if (!set) throw c.fail(`no set or map ${name.text}`, name);
      if (verb.text === 'delete') {
        const ks = keys(c, set);
        end(c);
        return b.deleteElements(t, name.text, ks);
      }
      const es = elements(c, set);
      end(c);
      return b.addElements(t, name.text, es);
    }
    case 'flush chain':
    case 'flush set':
    case 'flush map':
    case 'delete chain':
    case 'delete set':
    case 'delete map': {
      const t = tableOf(c, b);
      const name = c.word('a name').text;
      end(c);
      if (what.text === 'chain') return verb.text === 'flush' ? b.flushChain(t, name) : b.deleteChain(t, name);
      return verb.text === 'flush' ? b.flushSet(t, name) : b.deleteSet(t, name);
    }
    case 'flush table':
    case 'delete table': {
      const f = family(c);
      const name = c.word('a table name').text;
      end(c);
      if (verb.text === 'delete') return b.deleteTable(f, name);
      const t = b.table(f, name);
      if (!t) return `no table ${f} ${name}`;
      b.flushTable(t);
      return undefined;
    }
    default:
      throw c.fail(`"${verb.text} ${what.text}" is not a command the lab reads`, verb);
  }
}
