/**
 * Reading what users paste from a node: `iptables-save` text (`*table`, `:CHAIN POLICY [p:b]`, `-A …`,
 * `COMMIT`) or `iptables -S` text (`-P`, `-N`, `-A`). The result is the ruleset the kernel would hold
 * after `iptables-restore`. Problems come back located (line:col), never thrown; a bad line is skipped
 * and the rest still loads, so one typo does not hide a whole dump.
 */
import { BUILTIN_CHAINS, TABLE_NAMES, countersFromText } from './model';
import type { Counters, Rule, Ruleset, Table, TableName } from './model';
import { emptyRuleset, emptyTable } from './ruleset';
import { tokenizeLine } from './tokenize';
import type { Token } from './tokenize';
import { appendedRule, DECIMAL, NAT_DROP } from './append-rule';
import { loopClosingJumps } from './jump-loops';
import type { Hook } from '../packet';

export interface ParseIssue {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export interface ParseResult {
  readonly ruleset: Ruleset;
  readonly errors: readonly ParseIssue[];
  readonly warnings: readonly ParseIssue[];
  readonly format: 'save' | 'S';
}

/** Refuse absurd input before looking at it: a paste, not a disk image. */
export const MAX_DUMP_CHARS = 20_000_000;

export { emptyRuleset, emptyTable };

/** iptables: "chain name `…' too long (must be under 29 chars)" (XT_EXTENSION_MAXNAMELEN). */
const CHAIN_NAME = /^[^\s!-][^\s]{0,27}$/;

/** `[PKTS:BYTES]`; undefined when malformed or above u64 (iptables-restore cannot load it either). */
function parseCounters(text: string): Counters | undefined {
  const m = /^\[(\d{1,40}):(\d{1,40})\]$/.exec(text);
  return m ? countersFromText(m[1]!, m[2]!) : undefined;
}

interface PendingJump {
  readonly line: number;
  /** Column of the target chain's name. */
  readonly col: number;
  readonly from: string;
  readonly to: string;
  readonly rule: Rule;
}

/** Removes `dropped` rules from a chain in one pass (not one search and splice per rule). */
function removeRules(rules: Rule[], dropped: ReadonlySet<Rule>): void {
  let kept = 0;
  for (const r of rules) if (!dropped.has(r)) rules[kept++] = r;
  rules.length = kept;
}

function isBuiltin(table: TableName, chain: string): chain is Hook {
  return (BUILTIN_CHAINS[table] as readonly string[]).includes(chain);
}

function detectFormat(lines: readonly string[]): 'save' | 'S' {
  for (const l of lines) {
    const t = l.trim();
    if (t === '' || t.startsWith('#')) continue;
    return t.startsWith('-P ') || t.startsWith('-N ') || t.startsWith('-A ') ? 'S' : 'save';
  }
  return 'save';
}

export interface ParseOptions {
  readonly table?: TableName;
  /** Refuse longer input. @default MAX_DUMP_CHARS — a limit for pasted dumps; our own generated rules may lift it. */
  readonly maxChars?: number;
}

export function parseIptables(text: string, options: ParseOptions = {}): ParseResult {
  const errors: ParseIssue[] = [];
  const warnings: ParseIssue[] = [];
  const ruleset = emptyRuleset();
  const limit = options.maxChars ?? MAX_DUMP_CHARS;
  if (text.length > limit) {
    errors.push({ line: 1, col: 1, message: `input is too large (${text.length} characters; the limit is ${limit})` });
    return { ruleset, errors, warnings, format: 'save' };
  }
  const lines = text.split(/\r?\n/);
  const format = detectFormat(lines);
  let table: Table | undefined;
  /** Jumps to check once the table's chains are all known, in line order. */
  let pendingJumps: PendingJump[] = [];

  const startTable = (name: TableName): Table => {
    const t = ruleset.tables.get(name) ?? emptyTable(name);
    ruleset.tables.set(name, t);
    pendingJumps = [];
    return t;
  };
  const finishTable = (): void => {
    if (!table) return;
    const problems: { readonly jump: PendingJump; readonly message: string }[] = [];
    const live: PendingJump[] = [];
    for (const j of pendingJumps) {
      if (table.chains.has(j.to)) live.push(j);
      else problems.push({ jump: j, message: `Couldn't load target \`${j.to}': No such file or directory` });
    }
    // The kernel refuses a jump that closes a loop (nf_tables: ELOOP/EMLINK; x_tables: "loop detected").
    for (const j of loopClosingJumps(table.chains.keys(), live)) problems.push({ jump: j, message: `RULE_APPEND failed (Too many links): rule in chain ${j.from}` });
    problems.sort((a, b) => a.jump.line - b.jump.line);
    const dropped = new Set<Rule>();
    for (const { jump, message } of problems) {
      errors.push({ line: jump.line, col: jump.col, message: `line ${jump.line}: ${message}` });
      dropped.add(jump.rule);
    }
    if (dropped.size > 0) for (const c of table.chains.values()) removeRules(c.rules, dropped);
    pendingJumps = [];
  };
  if (format === 'S') table = startTable(options.table ?? 'filter');

  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const err = (col: number, message: string): void => {
      errors.push({ line: lineNo, col, message: `line ${lineNo}: ${message}` });
    };
    const indent = raw.length - raw.trimStart().length;
    if (format === 'save' && trimmed.startsWith('*')) {
      const name = trimmed.slice(1);
      if (table) err(1, `table "${name}" starts before COMMIT of the previous table`);
      if (!(TABLE_NAMES as readonly string[]).includes(name)) {
        err(indent + 2, `unknown table "${name}" (tables: ${TABLE_NAMES.join(', ')})`);
        table = undefined;
        return;
      }
      table = startTable(name as TableName);
      return;
    }
    if (format === 'save' && trimmed === 'COMMIT') {
      if (!table) err(indent + 1, 'COMMIT expected after a table');
      finishTable();
      table = undefined;
      return;
    }
    if (format === 'save' && trimmed.startsWith(':')) {
      if (!table) return err(indent + 1, 'chain declaration outside a table (missing *table line)');
      const parts = trimmed.slice(1).split(/\s+/);
      const [name, policy, counters] = parts;
      if (!name || !CHAIN_NAME.test(name)) return err(indent + 2, `invalid chain name "${name ?? ''}"`);
      const c = counters ? parseCounters(counters) : { packets: 0, bytes: 0 };
      if (!c) return err(indent + 1, `invalid counters "${counters}"`);
      if (isBuiltin(table.name, name)) {
        if (policy !== 'ACCEPT' && policy !== 'DROP') return err(indent + 2 + name.length + 1, `bad built-in chain policy "${policy ?? ''}"`);
        const chain = table.chains.get(name)!;
        table.chains.set(name, { ...chain, policy, policyCounters: c });
      } else {
        if (policy !== '-') return err(indent + 2 + name.length + 1, `user chain "${name}" cannot have a policy`);
        if (!table.chains.has(name)) table.chains.set(name, { name, rules: [] });
      }
      return;
    }
    const tok = tokenizeLine(raw);
    if (tok.error) return err(tok.error.col, tok.error.message);
    let tokens: readonly Token[] = tok.tokens;
    let counters: Counters | undefined;
    const first = tokens[0]!;
    if (first.text.startsWith('[')) {
      const c = parseCounters(first.text);
      if (!c) return err(first.col, `invalid counters "${first.text}"`);
      counters = c;
      tokens = tokens.slice(1);
    }
    const cmd = tokens[0];
    if (!cmd) return err(first.col, 'counters without a rule');
    if (!table) return err(cmd.col, 'rule outside a table (missing *table line)');
    if (format === 'S' && (cmd.text === '-P' || cmd.text === '-N')) {
      const name = tokens[1];
      if (!name) return err(cmd.col, `option "${cmd.text}" requires an argument`);
      if (cmd.text === '-P') {
        const policy = tokens[2];
        if (!isBuiltin(table.name, name.text)) return err(name.col, `-P only applies to built-in chains of the ${table.name} table, not "${name.text}"`);
        if (!policy || (policy.text !== 'ACCEPT' && policy.text !== 'DROP')) return err(policy?.col ?? name.col, `bad policy "${policy?.text ?? ''}"`);
        if (policy.text === 'DROP' && table.name === 'nat') return err(policy.col, NAT_DROP);
        let policyCounters: Counters = { packets: 0, bytes: 0 };
        if (tokens[3]?.text === '-c' && tokens[4] && tokens[5]) {
          const c = DECIMAL.test(tokens[4].text) && DECIMAL.test(tokens[5].text) ? countersFromText(tokens[4].text, tokens[5].text) : undefined;
          if (!c) return err(tokens[4].col, `invalid counters "${tokens[4].text} ${tokens[5].text}"`);
          policyCounters = c;
        }
        const chain = table.chains.get(name.text)!;
        table.chains.set(name.text, { ...chain, policy: policy.text, policyCounters });
      } else {
        if (!CHAIN_NAME.test(name.text) || isBuiltin(table.name, name.text)) return err(name.col, `invalid chain name "${name.text}"`);
        if (!table.chains.has(name.text)) table.chains.set(name.text, { name: name.text, rules: [] });
      }
      return;
    }
    if (cmd.text !== '-A' && cmd.text !== '--append') return err(cmd.col, `unknown command "${cmd.text}" (expected -A${format === 'S' ? ', -P or -N' : ''})`);
    const chainTok = tokens[1];
    if (!chainTok) return err(cmd.col, 'option "-A" requires a chain name');
    const chain = table.chains.get(chainTok.text);
    if (!chain) return err(chainTok.col, `chain "${chainTok.text}" does not exist in table ${table.name}`);
    const appended = appendedRule(table.name, chain.name, chainTok.col, tokens.slice(2), counters);
    if (!appended.ok) return err(appended.col, appended.message);
    const rule = appended.rule;
    chain.rules.push(rule);
    for (const u of appended.unknown) warnings.push({ line: lineNo, col: chainTok.col, message: `line ${lineNo}: ${u} is kept as written but not simulated` });
    if (appended.jump) pendingJumps.push({ line: lineNo, col: appended.jump.col, from: chain.name, to: appended.jump.to, rule });
  });
  if (format === 'save' && table) errors.push({ line: lines.length, col: 1, message: `line ${lines.length}: COMMIT expected at the end of table ${table.name}` });
  if (format === 'S') finishTable();
  return { ruleset, errors, warnings, format };
}
