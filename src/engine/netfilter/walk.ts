/**
 * Walking one table's chain at one hook, rule by rule, as ipt_do_table does: jumps push a return
 * point, goto does not, RETURN (or falling off a user chain) pops, falling off a built-in chain applies
 * its policy. Every rule evaluated becomes a step of the trace, matched or not, so the UI can show
 * exactly how far the kernel read and why iptables mode slows down with many services.
 */
import type { Chain, Hook, Rule, Ruleset, TableName, Target } from './model';
import type { MatchContext, Packet } from './packet';

/** What a table's walk asks of the match evaluator (implemented in matches.ts). */
export type RuleMatcher = (rule: Rule, packet: Packet, ctx: MatchContext) => { matched: boolean; notes: readonly string[]; unknown: boolean };

/** One rule (or policy) the kernel looked at. */
export interface WalkStep {
  readonly table: TableName;
  readonly chain: string;
  /** 0-based index in the chain; -1 for the chain's policy. */
  readonly ruleIndex: number;
  readonly rule: Rule | undefined;
  readonly matched: boolean;
  /** The target taken when matched (`KUBE-SVC-…`, `DNAT`, `ACCEPT`, `policy ACCEPT`), else undefined. */
  readonly target?: string;
  /** The packet's mark before and after this step (only MARK changes it inside a walk). */
  readonly markBefore: number;
  readonly markAfter: number;
  readonly notes: readonly string[];
}

/** A NAT decision taken by the nat table for a connection's first packet. */
export type NatDecision =
  | { readonly kind: 'DNAT'; readonly target: Extract<Target, { kind: 'DNAT' }> }
  | { readonly kind: 'SNAT'; readonly target: Extract<Target, { kind: 'SNAT' }> }
  | { readonly kind: 'MASQUERADE'; readonly target: Extract<Target, { kind: 'MASQUERADE' }> };

export type WalkVerdict =
  | { readonly kind: 'ACCEPT' }
  | { readonly kind: 'DROP'; readonly byPolicy: boolean }
  | { readonly kind: 'REJECT'; readonly rejectWith: string }
  | { readonly kind: 'UNKNOWN'; readonly target: string };

export interface WalkResult {
  readonly verdict: WalkVerdict;
  /** The packet's mark after the walk (MARK targets). */
  readonly mark: number;
  /** The connection mark after the walk (CONNMARK targets). */
  readonly ctmark: number;
  readonly nat?: NatDecision;
  /** NOTRACK / CT --notrack in the raw table. */
  readonly notrack: boolean;
  /** Every step, in order; only the last one when the walk was asked not to record (`record: false`). */
  readonly steps: readonly WalkStep[];
  /** How many rules and policies were evaluated (the same as `steps.length` when recording). */
  readonly evaluated: number;
}

/** Guards against jump loops, which iptables-restore refuses but a hand-built ruleset could hold. */
const MAX_DEPTH = 64;
const MAX_STEPS = 1_000_000;

export function targetLabel(t: Target): string {
  switch (t.kind) {
    case 'jump':
    case 'goto':
      return t.chain;
    case 'none':
      return '';
    case 'unknown':
      return t.name;
    default:
      return t.kind;
  }
}

/** new mark = (old & ~mask) ^ value: xt_MARK's one formula for --set-xmark, --set-mark, --or-mark, --and-mark, --xor-mark. */
export function applyMark(old: number, value: number, mask: number): number {
  return ((old & ~mask) ^ value) >>> 0;
}

interface Frame {
  readonly chain: Chain;
  index: number;
}

export function walkTable(
  ruleset: Ruleset,
  table: TableName,
  hook: Hook,
  packet: Packet,
  ctx: MatchContext & { ctmark: number },
  matchRule: RuleMatcher,
  record = true,
): WalkResult {
  const steps: WalkStep[] = [];
  let evaluated = 0;
  const builtin = ruleset.tables.get(table)?.chains.get(hook);
  if (!builtin) return { verdict: { kind: 'ACCEPT' }, mark: packet.mark, ctmark: ctx.ctmark, notrack: false, steps, evaluated };
  const chains = ruleset.tables.get(table)!.chains;
  let mark = packet.mark;
  let ctmark = ctx.ctmark;
  let notrack = false;
  const stack: Frame[] = [];
  let frame: Frame = { chain: builtin, index: 0 };
  let current: Packet = packet;
  let currentCtx: MatchContext & { ctmark: number } = ctx;
  const step = (s: Omit<WalkStep, 'table' | 'chain' | 'markBefore' | 'markAfter'>, before: number): void => {
    evaluated += 1;
    // Spreads of thousands of connections need the count and the final step, not every step.
    if (!record) steps.length = 0;
    steps.push({ table, chain: frame.chain.name, markBefore: before, markAfter: mark, ...s });
  };
  const done = (verdict: WalkVerdict, nat?: NatDecision): WalkResult => ({ verdict, mark, ctmark, notrack, steps, evaluated, ...(nat ? { nat } : {}) });

  while (evaluated < MAX_STEPS) {
    const rule = frame.chain.rules[frame.index];
    if (!rule) {
      // Fell off the end of the chain.
      if (frame.chain === builtin || stack.length === 0) {
        const policy = builtin.policy ?? 'ACCEPT';
        if (builtin.policyCounters) {
          builtin.policyCounters.packets += 1;
          builtin.policyCounters.bytes += packet.length;
        }
        step({ ruleIndex: -1, rule: undefined, matched: true, target: `policy ${policy}`, notes: [] }, mark);
        return done(policy === 'DROP' ? { kind: 'DROP', byPolicy: true } : { kind: 'ACCEPT' });
      }
      frame = stack.pop()!;
      continue;
    }
    // Copies only when a MARK/CONNMARK target changed something: a walk reads thousands of rules per packet.
    if (current.mark !== mark) current = { ...packet, mark };
    if (currentCtx.ctmark !== ctmark) currentCtx = { ...ctx, ctmark };
    const result = matchRule(rule, current, currentCtx);
    const before = mark;
    if (!result.matched) {
      step({ ruleIndex: frame.index, rule, matched: false, notes: result.notes }, before);
      frame.index += 1;
      continue;
    }
    rule.counters.packets += 1;
    rule.counters.bytes += packet.length;
    const t = rule.target;
    const notes = [...result.notes];
    const ruleIndex = frame.index;
    frame.index += 1;
    switch (t.kind) {
      case 'none':
        step({ ruleIndex, rule, matched: true, notes }, before);
        continue;
      case 'ACCEPT':
        step({ ruleIndex, rule, matched: true, target: 'ACCEPT', notes }, before);
        return done({ kind: 'ACCEPT' });
      case 'DROP':
        step({ ruleIndex, rule, matched: true, target: 'DROP', notes }, before);
        return done({ kind: 'DROP', byPolicy: false });
      case 'REJECT':
        step({ ruleIndex, rule, matched: true, target: 'REJECT', notes }, before);
        return done({ kind: 'REJECT', rejectWith: t.rejectWith });
      case 'RETURN':
        step({ ruleIndex, rule, matched: true, target: 'RETURN', notes }, before);
        if (stack.length === 0) {
          // RETURN in a built-in chain applies its policy (ipt_do_table: "return to policy").
          frame = { chain: frame.chain, index: frame.chain.rules.length };
        } else frame = stack.pop()!;
        continue;
      case 'jump':
      case 'goto': {
        const next = chains.get(t.chain);
        step({ ruleIndex, rule, matched: true, target: t.chain, notes }, before);
        if (!next) {
          notes.push(`chain ${t.chain} does not exist`);
          continue;
        }
        if (stack.length >= MAX_DEPTH) return done({ kind: 'DROP', byPolicy: false });
        // goto replaces the current frame: a later RETURN goes back to whoever jumped to us.
        if (t.kind === 'jump') stack.push(frame);
        frame = { chain: next, index: 0 };
        continue;
      }
      case 'MARK':
        mark = applyMark(mark, t.value, t.mask);
        step({ ruleIndex, rule, matched: true, target: 'MARK', notes }, before);
        continue;
      case 'CONNMARK':
        if (t.mode === 'set' && t.value !== undefined) ctmark = applyMark(ctmark, t.value, t.mask ?? 0xffffffff);
        else if (t.mode === 'save') ctmark = applyMark(ctmark, mark & (t.nfmask ?? 0xffffffff), t.ctmask ?? 0xffffffff);
        else if (t.mode === 'restore') mark = applyMark(mark, ctmark & (t.ctmask ?? 0xffffffff), t.nfmask ?? 0xffffffff);
        step({ ruleIndex, rule, matched: true, target: 'CONNMARK', notes }, before);
        continue;
      case 'LOG':
        notes.push(`logged${t.prefix ? ` with prefix "${t.prefix}"` : ''}`);
        step({ ruleIndex, rule, matched: true, target: 'LOG', notes }, before);
        continue;
      case 'NOTRACK':
        notrack = true;
        step({ ruleIndex, rule, matched: true, target: 'NOTRACK', notes }, before);
        continue;
      case 'CT':
        if (t.notrack) notrack = true;
        step({ ruleIndex, rule, matched: true, target: 'CT', notes }, before);
        continue;
      case 'DNAT':
        step({ ruleIndex, rule, matched: true, target: 'DNAT', notes }, before);
        return done({ kind: 'ACCEPT' }, { kind: 'DNAT', target: t });
      case 'SNAT':
        step({ ruleIndex, rule, matched: true, target: 'SNAT', notes }, before);
        return done({ kind: 'ACCEPT' }, { kind: 'SNAT', target: t });
      case 'MASQUERADE':
        step({ ruleIndex, rule, matched: true, target: 'MASQUERADE', notes }, before);
        return done({ kind: 'ACCEPT' }, { kind: 'MASQUERADE', target: t });
      case 'unknown':
        notes.push(`target ${t.name} is not simulated`);
        step({ ruleIndex, rule, matched: true, target: t.name, notes }, before);
        return done({ kind: 'UNKNOWN', target: t.name });
    }
  }
  return done({ kind: 'DROP', byPolicy: false });
}
