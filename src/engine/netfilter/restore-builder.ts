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

/** A chain name seen in a table (declared, appended to or jumped to), numbered in the order first seen. */
interface ChainSlot {
  readonly id: number;
  readonly name: string;
  /** Declared (or built in). */
  exists: boolean;
  /** The chain's rule list: the table's chain's own once declared; before that, the rules appended early (none yet: undefined). */
  rules: Rule[] | undefined;
}

interface TableInProgress {
  readonly table: Table;
  /** One slot per chain name: a single lookup answers "declared?", "which number?" and "which rule list?". */
  readonly slots: Map<string, ChainSlot>;
  /** The slots by number. */
  readonly byId: ChainSlot[];
  /** Slots that got rules before their `:CHAIN` line (the text lists declarations first), in the order the first came. */
  readonly early: ChainSlot[];
  /** Each jump's chain and the chain it names, by number, in line order (no object per jump: 200,000 at 10,000 Services). */
  readonly jumpFrom: number[];
  readonly jumpTo: number[];
  /** The chain the last rule went to (a writer appends a chain's rules one after another). */
  last: ChainSlot | undefined;
  /** A chain being written whole (`openChain`): its rules, collected until `closeChain` declares it with them. */
  open: ChainSlot | undefined;
  readonly openRules: Rule[];
  /** Built-in chains whose policy line was read. */
  readonly policiesSet: Set<string>;
}

function slotOf(t: TableInProgress, name: string): ChainSlot {
  let slot = t.slots.get(name);
  if (slot === undefined) {
    slot = { id: t.byId.length, name, exists: false, rules: undefined };
    t.slots.set(name, slot);
    t.byId.push(slot);
  }
  return slot;
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
    const slot = slotOf(t, chain);
    if (slot.exists) return false;
    slot.exists = true;
    t.table.chains.set(chain, { name: chain, rules: (slot.rules ??= []) });
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
    const slot = slotOf(t, chain);
    if (t.open !== undefined || slot.exists || slot.rules !== undefined || (BUILTIN_CHAINS[tableName] as readonly string[]).includes(chain)) {
      return this.declare(tableName, chain);
    }
    if (!CHAIN_NAME.test(chain)) throw new Error(`invalid chain name "${chain}"`);
    t.open = slot;
    // Its rules come next: the append that follows finds the chain without looking its name up.
    t.last = slot;
    t.openRules.length = 0;
    return true;
  }

  /** Declares the chain `openChain` opened, with the rules appended to it since. */
  closeChain(tableName: TableName): void {
    const t = this.table(tableName);
    const slot = t.open;
    if (slot === undefined) return;
    t.open = undefined;
    slot.rules = t.openRules.slice();
    slot.exists = true;
    t.table.chains.set(slot.name, { name: slot.name, rules: slot.rules });
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
    let slot = t.last;
    if (slot === undefined || slot.name !== chain) {
      slot = slotOf(t, chain);
      t.last = slot;
      // A chain not declared yet keeps its rules aside; declaring it later adopts this same list.
      if (!slot.exists && slot.rules === undefined && slot !== t.open) t.early.push(slot);
    }
    if (slot === t.open) t.openRules.push(rule);
    else (slot.rules ??= []).push(rule);
    if (jump !== undefined) {
      t.jumpFrom.push(slot.id);
      t.jumpTo.push(slotOf(t, jump).id);
    }
  }

  /** Every table after COMMIT, in `order` (iptables-save lists tables in creation order; a node shows nat before filter). */
  finish(order: readonly TableName[]): Ruleset {
    const tables = new Map<TableName, Table>();
    for (const name of order) {
      const t = this.tables.get(name);
      if (t === undefined) continue;
      if (t.open !== undefined) throw new Error(`chain "${t.open.name}" was opened and never closed`);
      const missing = t.early.find((slot) => !slot.exists);
      if (missing !== undefined) throw new Error(`chain "${missing.name}" does not exist in table ${name}`);
      const count = t.jumpTo.length;
      for (let k = 0; k < count; k++) {
        if (!t.byId[t.jumpTo[k]!]!.exists) throw new Error(`-A ${t.byId[t.jumpFrom[k]!]!.name}: Couldn't load target \`${t.byId[t.jumpTo[k]!]!.name}': No such file or directory`);
      }
      const roots = new Int32Array(t.table.chains.size);
      let r = 0;
      for (const chain of t.table.chains.keys()) roots[r++] = t.slots.get(chain)!.id;
      const [loop] = loopClosingNumberedJumps(roots, t.byId.length, Int32Array.from(t.jumpFrom), Int32Array.from(t.jumpTo), count);
      if (loop !== undefined) {
        const from = t.byId[t.jumpFrom[loop]!]!.name;
        throw new Error(`-A ${from}: RULE_APPEND failed (Too many links): rule in chain ${from}`);
      }
      tables.set(name, t.table);
    }
    return { tables };
  }

  private table(name: TableName): TableInProgress {
    let t = this.tables.get(name);
    if (t === undefined) {
      t = { table: emptyTable(name), slots: new Map(), byId: [], early: [], jumpFrom: [], jumpTo: [], last: undefined, open: undefined, openRules: [], policiesSet: new Set() };
      for (const chain of t.table.chains.values()) {
        const slot = slotOf(t, chain.name);
        slot.exists = true;
        slot.rules = chain.rules;
      }
      this.tables.set(name, t);
    }
    return t;
  }
}
