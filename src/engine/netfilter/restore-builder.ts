/**
 * iptables-restore without the text: a writer that already holds each rule as its argument words (kube-proxy's
 * generator) hands them over directly, and gets the ruleset parsing the printed restore text would give —
 * the same chain declarations, the same rules (through the parser's own `appendedRule`), the same checks
 * at COMMIT (a jump to a chain that does not exist, a jump that closes a loop). What it skips is the round
 * trip: joining 320,000 lines into 32 MB of text and splitting, trimming and tokenizing them again.
 * src/test-support/direct-load.test.ts checks it against parseIptables on random clusters.
 *
 * The writer is trusted: a rule iptables would refuse throws (as nodeRuleset does when its text does not
 * load), instead of being reported and skipped like a line of a pasted dump.
 */
import { BUILTIN_CHAINS } from './model';
import type { Rule, Ruleset, Table, TableName } from './model';
import { appendedRule } from './append-rule';
import { loopClosingNumberedJumps } from './jump-loops';
import { emptyTable } from './ruleset';
import { tokenizeLine } from './tokenize';
import type { Token } from './tokenize';

/** iptables: "chain name `…' too long (must be under 29 chars)" (XT_EXTENSION_MAXNAMELEN), as parse.ts checks it. */
const CHAIN_NAME = /^[^\s!-][^\s]{0,27}$/;

interface TableInProgress {
  readonly table: Table;
  /**
   * Every chain name seen (declared, appended to or jumped to), numbered in the order first seen; what is known of
   * each is kept by number in the arrays below, not in an object per chain (110,000 chains at 10,000 Services).
   */
  readonly ids: Map<string, number>;
  readonly names: string[];
  /** 1 where the numbered chain exists (declared or built in). */
  readonly exists: number[];
  /** Each numbered chain's rule list: the table's chain's own once declared; before, the rules appended early (none yet: undefined). */
  readonly rules: (Rule[] | undefined)[];
  /** The chains of the table, by number, in the order the table lists them (COMMIT's check walks from them). */
  readonly listed: number[];
  /** Chains that got rules before their `:CHAIN` line (the text lists declarations first), in the order the first came. */
  readonly early: number[];
  /** Each jump's chain and the chain it names, by number, in line order (no object per jump: 200,000 at 10,000 Services). */
  readonly jumpFrom: number[];
  readonly jumpTo: number[];
  /** The chain the last rule went to (a writer appends a chain's rules one after another): its name and number. */
  lastName: string | undefined;
  lastId: number;
  /** A chain being written whole (`openChain`), or -1: its rules, collected until `closeChain` declares it with them. */
  open: number;
  readonly openRules: Rule[];
  /** Built-in chains whose policy line was read. */
  readonly policiesSet: Set<string>;
}

function idOf(t: TableInProgress, name: string): number {
  let id = t.ids.get(name);
  if (id === undefined) {
    id = t.names.length;
    t.ids.set(name, id);
    t.names.push(name);
    t.exists.push(0);
    t.rules.push(undefined);
  }
  return id;
}

/** The numbered chain's rule list, made when its first rule comes. */
function rulesOf(t: TableInProgress, id: number): Rule[] {
  let list = t.rules[id];
  if (list === undefined) {
    list = [];
    t.rules[id] = list;
  }
  return list;
}

/** One argument word as the tokenizer would read it from the joined line, or undefined when only the tokenizer can say. */
function wordText(word: string): string | undefined {
  let plain = true;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    // space, tab, double quote, backslash
    if (c === 0x20 || c === 0x09 || c === 0x22 || c === 0x5c) {
      plain = false;
      break;
    }
  }
  if (plain) return word.length === 0 ? undefined : word;
  // `"a comment with spaces"`, as kube-proxy quotes a comment: the quotes go, nothing else inside is special.
  if (word.length >= 2 && word.charCodeAt(0) === 0x22 && word.charCodeAt(word.length - 1) === 0x22) {
    const inner = word.slice(1, -1);
    if (!inner.includes('"') && !inner.includes('\\')) return inner;
  }
  return undefined;
}

export class RestoreBuilder {
  private readonly tables = new Map<TableName, TableInProgress>();

  /**
   * `:CHAIN POLICY [0:0]`: a user chain (policy `-`), or a built-in chain's policy. Returns false when the chain was
   * declared before (the line changes nothing), so that a writer need not keep its own set of declared names.
   */
  declare(tableName: TableName, chain: string, policy: '-' | 'ACCEPT' | 'DROP' = '-'): boolean {
    const t = this.table(tableName);
    const builtin = (BUILTIN_CHAINS[tableName] as readonly string[]).includes(chain);
    if (!CHAIN_NAME.test(chain)) throw new Error(`invalid chain name "${chain}"`);
    if (builtin) {
      if (policy === '-') throw new Error(`bad built-in chain policy "-" for ${chain}`);
      const old = t.table.chains.get(chain)!;
      t.table.chains.set(chain, { ...old, policy, policyCounters: { packets: 0, bytes: 0 } });
      const first = !t.policiesSet.has(chain);
      t.policiesSet.add(chain);
      return first;
    }
    if (policy !== '-') throw new Error(`user chain "${chain}" cannot have a policy`);
    const id = idOf(t, chain);
    if (t.exists[id] === 1) return false;
    t.exists[id] = 1;
    t.listed.push(id);
    t.table.chains.set(chain, { name: chain, rules: rulesOf(t, id) });
    return true;
  }

  /**
   * `:CHAIN - [0:0]` for a chain whose rules come next and all at once (`closeChain` ends them): the loaded chain's
   * rule list is made to size. A list grown by push keeps room for 16 more rules; 100,000 KUBE-SEP chains of two
   * rules each carried 14 MB of that room through every collection. Falls back to `declare` for a chain seen with
   * rules (or declared: then, like `declare`, it returns false).
   */
  openChain(tableName: TableName, chain: string): boolean {
    const t = this.table(tableName);
    const id = idOf(t, chain);
    if (t.open !== -1 || t.exists[id] === 1 || t.rules[id] !== undefined || (BUILTIN_CHAINS[tableName] as readonly string[]).includes(chain)) {
      return this.declare(tableName, chain);
    }
    if (!CHAIN_NAME.test(chain)) throw new Error(`invalid chain name "${chain}"`);
    t.open = id;
    // Its rules come next: the append that follows finds the chain without looking its name up.
    t.lastName = chain;
    t.lastId = id;
    t.openRules.length = 0;
    return true;
  }

  /** Declares the chain `openChain` opened, with the rules appended to it since. */
  closeChain(tableName: TableName): void {
    const t = this.table(tableName);
    const id = t.open;
    if (id === -1) return;
    t.open = -1;
    const rules = t.openRules.slice();
    t.rules[id] = rules;
    t.exists[id] = 1;
    t.listed.push(id);
    t.table.chains.set(t.names[id]!, { name: t.names[id]!, rules });
  }

  /** `-A CHAIN word…`, where the words are what the restore line would hold after `-A CHAIN`, joined by single spaces. */
  append(tableName: TableName, chain: string, words: readonly string[]): void {
    let tokens: Token[] | undefined = [];
    let col = chain.length + 5;
    for (const w of words) {
      const text = wordText(w);
      if (text === undefined) {
        tokens = undefined;
        break;
      }
      tokens.push({ text, col });
      col += w.length + 1;
    }
    // An unusual word (an embedded quote or space): read the line exactly as the parser would.
    this.appendTokens(tableName, chain, tokens ?? tokenizeLine(`-A ${chain} ${words.join(' ')}`).tokens.slice(2));
  }

  /** A whole `-A CHAIN …` line as a restore file holds it (for rules kept as text). */
  appendLine(tableName: TableName, line: string): void {
    const { tokens, error } = tokenizeLine(line);
    const [command, chain] = tokens;
    if (error !== undefined || (command?.text !== '-A' && command?.text !== '--append') || chain === undefined) throw new Error(`not an -A line: ${line}`);
    this.appendTokens(tableName, chain.text, tokens.slice(2));
  }

  /**
   * A rule the writer built itself, as iptables-restore would append it from its line (kube-proxy's per-endpoint
   * rules: kubeproxy/endpoint-rule-shapes.ts, checked against the parser there). Its jump is checked at COMMIT.
   */
  appendRule(tableName: TableName, chain: string, rule: Rule): void {
    this.push(this.table(tableName), chain, rule, rule.target.kind === 'jump' || rule.target.kind === 'goto' ? rule.target.chain : undefined);
  }

  private appendTokens(tableName: TableName, chain: string, tokens: readonly Token[]): void {
    const appended = appendedRule(tableName, chain, 4, tokens);
    if (!appended.ok) throw new Error(`iptables-restore refuses "-A ${chain} ${tokens.map((k) => k.text).join(' ')}": ${appended.message}`);
    this.push(this.table(tableName), chain, appended.rule, appended.jump?.to);
  }

  private push(t: TableInProgress, chain: string, rule: Rule, jump: string | undefined): void {
    let id = t.lastId;
    if (chain !== t.lastName) {
      id = idOf(t, chain);
      t.lastName = chain;
      t.lastId = id;
      // A chain not declared yet keeps its rules aside; declaring it later adopts this same list.
      if (t.exists[id] === 0 && t.rules[id] === undefined && id !== t.open) t.early.push(id);
    }
    if (id === t.open) t.openRules.push(rule);
    else rulesOf(t, id).push(rule);
    if (jump !== undefined) {
      t.jumpFrom.push(id);
      t.jumpTo.push(idOf(t, jump));
    }
  }

  /** Every table after COMMIT, in `order` (iptables-save lists tables in creation order; a node shows nat before filter). */
  finish(order: readonly TableName[]): Ruleset {
    const tables = new Map<TableName, Table>();
    for (const name of order) {
      const t = this.tables.get(name);
      if (t === undefined) continue;
      if (t.open !== -1) throw new Error(`chain "${t.names[t.open]}" was opened and never closed`);
      const missing = t.early.find((id) => t.exists[id] === 0);
      if (missing !== undefined) throw new Error(`chain "${t.names[missing]}" does not exist in table ${name}`);
      const count = t.jumpTo.length;
      for (let k = 0; k < count; k++) {
        if (t.exists[t.jumpTo[k]!] !== 1) throw new Error(`-A ${t.names[t.jumpFrom[k]!]}: Couldn't load target \`${t.names[t.jumpTo[k]!]}': No such file or directory`);
      }
      const [loop] = loopClosingNumberedJumps(Int32Array.from(t.listed), t.names.length, Int32Array.from(t.jumpFrom), Int32Array.from(t.jumpTo), count);
      if (loop !== undefined) {
        const from = t.names[t.jumpFrom[loop]!];
        throw new Error(`-A ${from}: RULE_APPEND failed (Too many links): rule in chain ${from}`);
      }
      tables.set(name, t.table);
    }
    return { tables };
  }

  private table(name: TableName): TableInProgress {
    let t = this.tables.get(name);
    if (t === undefined) {
      t = {
        table: emptyTable(name), ids: new Map(), names: [], exists: [], rules: [], listed: [], early: [], jumpFrom: [], jumpTo: [],
        lastName: undefined, lastId: -1, open: -1, openRules: [], policiesSet: new Set(),
      };
      for (const chain of t.table.chains.values()) {
        const id = idOf(t, chain.name);
        t.exists[id] = 1;
        t.rules[id] = chain.rules;
        t.listed.push(id);
      }
      this.tables.set(name, t);
    }
    return t;
  }
}
