/**
 * One `-A CHAIN …` line's arguments → the rule iptables-restore appends, with the checks iptables makes
 * at append time (DROP in nat, `-i`/`-o` on built-in chains that cannot see that interface) and the
 * `-c PKTS BYTES` counters `iptables -S -v` writes. Shared by the text parser (parse.ts) and the direct
 * loader (restore-builder.ts), so both build the same rule from the same arguments.
 */
import { countersFromText, UNCOUNTED } from './model';
import type { Counters, Rule, TableName } from './model';
import { parseRuleArgs } from './parse-rule';
import { RuleSyntaxError } from './syntax-error';
import type { Token } from './tokenize';

/** iptables.c refuses DROP in the nat table, both as a target and as a `-P` policy (not as a `:CHAIN DROP` line). */
export const NAT_DROP = 'The "nat" table is not intended for filtering, the use of DROP is therefore inhibited.';

/** A counter as `-S -v` prints it (bounded, so a 10,000-digit "number" is refused, not converted). */
export const DECIMAL = /^\d{1,40}$/;

export type AppendedRule =
  | {
      readonly ok: true;
      readonly rule: Rule;
      /** The chain a `-j`/`-g` names (to be checked once the table's chains are all known), with its column. */
      readonly jump?: { readonly to: string; readonly col: number };
      /** Modules or targets kept as written but not simulated. */
      readonly unknown: readonly string[];
    }
  | { readonly ok: false; readonly col: number; readonly message: string };

const isCounterOption = (t: Token): boolean => t.text === '-c' || t.text === '--set-counters';
const isJumpOption = (t: Token): boolean => t.text === '-j' || t.text === '-g' || t.text === '--jump' || t.text === '--goto';

/**
 * The rule for `tokens` (the arguments after `-A CHAIN`) in `chain` of `table`, or why iptables refuses it.
 * Never throws: a bug in one option's parser becomes an error at the chain's column.
 */
export function appendedRule(table: TableName, chain: string, chainCol: number, tokens: readonly Token[], lineCounters?: Counters): AppendedRule {
  let args = tokens;
  // `[PKTS:BYTES]` before the rule (iptables-save -c), unless `-c` names others.
  let counters: Counters = lineCounters ?? UNCOUNTED;
  // `-S -v` appends `-c PKTS BYTES`.
  const c = args.findIndex(isCounterOption);
  if (c !== -1 && args[c + 1] && args[c + 2] && DECIMAL.test(args[c + 1]!.text) && DECIMAL.test(args[c + 2]!.text)) {
    const given = countersFromText(args[c + 1]!.text, args[c + 2]!.text);
    if (!given) return { ok: false, col: args[c + 1]!.col, message: `invalid counters "${args[c + 1]!.text} ${args[c + 2]!.text}"` };
    counters = given;
    args = [...args.slice(0, c), ...args.slice(c + 3)];
  }
  try {
    const parsed = parseRuleArgs(args);
    if (parsed.target.kind === 'DROP' && table === 'nat') {
      const at = args.find((t) => t.text === 'DROP');
      return { ok: false, col: at ? at.col : chainCol, message: NAT_DROP };
    }
    // iptables refuses these at append time for built-in chains (iptables.c: "Can't use -i with OUTPUT").
    if (parsed.ip.inInterface && (chain === 'OUTPUT' || chain === 'POSTROUTING')) return { ok: false, col: chainCol, message: `Can't use -i with ${chain}` };
    if (parsed.ip.outInterface && (chain === 'PREROUTING' || chain === 'INPUT')) return { ok: false, col: chainCol, message: `Can't use -o with ${chain}` };
    const rule: Rule = { ip: parsed.ip, matches: parsed.matches, target: parsed.target, counters };
    if (parsed.target.kind === 'jump' || parsed.target.kind === 'goto') {
      const at = args.findIndex(isJumpOption);
      return { ok: true, rule, jump: { to: parsed.target.chain, col: args[at + 1]?.col ?? chainCol }, unknown: parsed.unknown };
    }
    return { ok: true, rule, unknown: parsed.unknown };
  } catch (e) {
    if (e instanceof RuleSyntaxError) return { ok: false, col: e.col, message: e.message };
    return { ok: false, col: chainCol, message: `cannot read this rule (${e instanceof Error ? e.message : String(e)})` };
  }
}
