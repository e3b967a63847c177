/**
 * Walking one table's chain at one hook, rule by rule, as ipt_do_table does: jumps push a return
 * point, goto does not, RETURN (or falling off a user chain) pops, falling off a built-in chain applies
 * its policy. Every rule evaluated becomes a step of the trace, matched or not, so the UI can show
 * exactly how far the kernel read and why iptables mode slows down with many services.
 */
import { destinationIndex, nextCandidate, type DestinationIndex } from './match-index';
import { rejectsQuietly, ruleMatches } from './match-quiet';
import { evaluateMatches } from './matches';
import type { Chain, Rule, Ruleset, TableName, Target } from './model';
import { countRulePacket } from './model';
import type { MatchContext } from './match-context';
import type { Hook, Packet } from '../packet';

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
  /** A quiet walk's index of the chain's `-d` runs, when it has any. */
  readonly destinations: DestinationIndex | undefined;
}

const NO_NOTES: readonly string[] = [];
const SCRATCH: string[] = [];
function scratchNotes(): string[] {
  SCRATCH.length = 0;
  return SCRATCH;
}

/** Whether a matching rule with this target ends the walk, so that its step is the one a quiet walk keeps. */
function endsWalk(t: Target, chains: ReadonlyMap<string, Chain>, depth: number): boolean {
  switch (t.kind) {
    case 'jump':
    case 'goto':
      return depth >= MAX_DEPTH && chains.has(t.chain);
    case 'none':
    case 'RETURN':
    case 'MARK':
    case 'CONNMARK':
    case 'LOG':
    case 'NOTRACK':
    case 'CT':
      return false;
    default:
      return true;
  }
}

/** A walk in progress. Plain data and module functions rather than closures: a spread runs millions of walks. */
interface Walk {
  readonly table: TableName;
  readonly record: boolean;
  /** See walkTable: decide without notes, keep only the steps that can be the last, skip by destination. */
  readonly quiet: boolean;
  readonly steps: WalkStep[];
  evaluated: number;
  mark: number;
  ctmark: number;
  notrack: boolean;
  frame: Frame;
}

function enter(w: Walk, chain: Chain, index: number): Frame {
  return { chain, index, destinations: w.quiet ? destinationIndex(chain) : undefined };
}

/** Counts a step and keeps it (all of them when recording, else only the latest). */
function step(w: Walk, s: Omit<WalkStep, 'table' | 'chain' | 'markBefore' | 'markAfter'>, before: number): void {
  w.evaluated += 1;
  if (!w.record) w.steps.length = 0;
  w.steps.push({ table: w.table, chain: w.frame.chain.name, markBefore: before, markAfter: w.mark, ...s });
}

/** A quiet walk's step that the walk goes on after: counted, not kept (the last step always comes later). */
function passing(w: Walk): boolean {
  if (!w.quiet || w.evaluated + 1 >= MAX_STEPS) return false;
  w.evaluated += 1;
  return true;
}

function done(w: Walk, verdict: WalkVerdict, nat?: NatDecision): WalkResult {
  return { verdict, mark: w.mark, ctmark: w.ctmark, notrack: w.notrack, steps: w.steps, evaluated: w.evaluated, ...(nat ? { nat } : {}) };
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
  const builtin = ruleset.tables.get(table)?.chains.get(hook);
  if (!builtin) return { verdict: { kind: 'ACCEPT' }, mark: packet.mark, ctmark: ctx.ctmark, notrack: false, steps: [], evaluated: 0 };
  const chains = ruleset.tables.get(table)!.chains;
  // Spreads of thousands of connections need the count and the final step, not every step. With the
  // kernel's own matcher such a walk is also quiet: rules are decided without notes (match-quiet.ts), the
  // steps that cannot be the last are only counted, and long runs of `-d` rules are skipped by an index of
  // destinations (match-index.ts) — the steps, counters and state come out as a full walk leaves them.
  const quiet = !record && matchRule === evaluateMatches;
  const first: Frame = { chain: builtin, index: 0, destinations: quiet ? destinationIndex(builtin) : undefined };
  const w: Walk = { table, record, quiet, steps: [], evaluated: 0, mark: packet.mark, ctmark: ctx.ctmark, notrack: false, frame: first };
  const stack: Frame[] = [];
  let current: Packet = packet;
  let currentCtx: MatchContext & { ctmark: number } = ctx;

  while (w.evaluated < MAX_STEPS) {
    const frame = w.frame;
    const rule = frame.chain.rules[frame.index];
    if (!rule) {
      // Fell off the end of the chain.
      if (frame.chain === builtin || stack.length === 0) {
        const policy = builtin.policy ?? 'ACCEPT';
        if (builtin.policyCounters) {
          builtin.policyCounters.packets += 1;
          builtin.policyCounters.bytes += packet.length;
        }
        step(w, { ruleIndex: -1, rule: undefined, matched: true, target: `policy ${policy}`, notes: [] }, w.mark);
        return done(w, policy === 'DROP' ? { kind: 'DROP', byPolicy: true } : { kind: 'ACCEPT' });
      }
      w.frame = stack.pop()!;
      continue;
    }
    // Copies only when a MARK/CONNMARK target changed something: a walk reads thousands of rules per packet.
    if (current.mark !== w.mark) current = { ...packet, mark: w.mark };
    if (currentCtx.ctmark !== w.ctmark) currentCtx = { ...ctx, ctmark: w.ctmark };
    let matched: boolean;
    let matchNotes: readonly string[];
    if (quiet) {
      const next = frame.destinations ? nextCandidate(frame.destinations, frame.index, current.dst) : frame.index;
      // Never past the step limit: the step that reaches it is the one kept.
      if (next > frame.index && w.evaluated + (next - frame.index) < MAX_STEPS - 1) {
        w.evaluated += next - frame.index;
        frame.index = next;
        continue;
      }
      const last = w.evaluated + 1 >= MAX_STEPS;
      if (!last && !endsWalk(rule.target, chains, stack.length)) {
        matched = ruleMatches(rule, current, currentCtx);
        matchNotes = NO_NOTES;
      } else if (!last && rejectsQuietly(rule, current, currentCtx)) {
        matched = false;
        matchNotes = NO_NOTES;
      } else {
        // This rule's step may be the one kept: evaluate it with its notes.
        const result = matchRule(rule, current, currentCtx);
        matched = result.matched;
        matchNotes = result.notes;
      }
    } else {
      const result = matchRule(rule, current, currentCtx);
      matched = result.matched;
      matchNotes = result.notes;
    }
    const before = w.mark;
    if (!matched) {
      if (!passing(w)) step(w, { ruleIndex: frame.index, rule, matched: false, notes: matchNotes }, before);
      frame.index += 1;
      continue;
    }
    countRulePacket(rule, packet.length);
    const t = rule.target;
    // Quiet decisions have no notes and their steps are never kept: LOG and jump notes go to a scratch list.
    const notes = matchNotes === NO_NOTES ? scratchNotes() : [...matchNotes];
    const ruleIndex = frame.index;
    frame.index += 1;
    switch (t.kind) {
      case 'none':
        if (!passing(w)) step(w, { ruleIndex, rule, matched: true, notes }, before);
        continue;
      case 'ACCEPT':
        step(w, { ruleIndex, rule, matched: true, target: 'ACCEPT', notes }, before);
        return done(w, { kind: 'ACCEPT' });
      case 'DROP':
        step(w, { ruleIndex, rule, matched: true, target: 'DROP', notes }, before);
        return done(w, { kind: 'DROP', byPolicy: false });
      case 'REJECT':
        step(w, { ruleIndex, rule, matched: true, target: 'REJECT', notes }, before);
        return done(w, { kind: 'REJECT', rejectWith: t.rejectWith });
      case 'RETURN':
        if (!passing(w)) step(w, { ruleIndex, rule, matched: true, target: 'RETURN', notes }, before);
        if (stack.length === 0) {
          // RETURN in a built-in chain applies its policy (ipt_do_table: "return to policy").
          w.frame = enter(w, frame.chain, frame.chain.rules.length);
        } else w.frame = stack.pop()!;
        continue;
      case 'jump':
      case 'goto': {
        const next = chains.get(t.chain);
        // Too deep, the jump ends the walk (as endsWalk foresaw): its step is the one kept.
        const ends = next !== undefined && stack.length >= MAX_DEPTH;
        if (ends || !passing(w)) step(w, { ruleIndex, rule, matched: true, target: t.chain, notes }, before);
        if (!next) {
          notes.push(`chain ${t.chain} does not exist`);
          continue;
        }
        if (stack.length >= MAX_DEPTH) return done(w, { kind: 'DROP', byPolicy: false });
        // goto replaces the current frame: a later RETURN goes back to whoever jumped to us.
        if (t.kind === 'jump') stack.push(frame);
        w.frame = enter(w, next, 0);
        continue;
      }
      case 'MARK':
        w.mark = applyMark(w.mark, t.value, t.mask);
        if (!passing(w)) step(w, { ruleIndex, rule, matched: true, target: 'MARK', notes }, before);
        continue;
      case 'CONNMARK':
        if (t.mode === 'set' && t.value !== undefined) w.ctmark = applyMark(w.ctmark, t.value, t.mask ?? 0xffffffff);
        else if (t.mode === 'save') w.ctmark = applyMark(w.ctmark, w.mark & (t.nfmask ?? 0xffffffff), t.ctmask ?? 0xffffffff);
        else if (t.mode === 'restore') w.mark = applyMark(w.mark, w.ctmark & (t.ctmask ?? 0xffffffff), t.nfmask ?? 0xffffffff);
        if (!passing(w)) step(w, { ruleIndex, rule, matched: true, target: 'CONNMARK', notes }, before);
        continue;
      case 'LOG':
        notes.push(`logged${t.prefix ? ` with prefix "${t.prefix}"` : ''}`);
        if (!passing(w)) step(w, { ruleIndex, rule, matched: true, target: 'LOG', notes }, before);
        continue;
      case 'NOTRACK':
        w.notrack = true;
        if (!passing(w)) step(w, { ruleIndex, rule, matched: true, target: 'NOTRACK', notes }, before);
        continue;
      case 'CT':
        if (t.notrack) w.notrack = true;
        if (!passing(w)) step(w, { ruleIndex, rule, matched: true, target: 'CT', notes }, before);
        continue;
      case 'DNAT':
        step(w, { ruleIndex, rule, matched: true, target: 'DNAT', notes }, before);
        return done(w, { kind: 'ACCEPT' }, { kind: 'DNAT', target: t });
      case 'SNAT':
        step(w, { ruleIndex, rule, matched: true, target: 'SNAT', notes }, before);
        return done(w, { kind: 'ACCEPT' }, { kind: 'SNAT', target: t });
      case 'MASQUERADE':
        step(w, { ruleIndex, rule, matched: true, target: 'MASQUERADE', notes }, before);
        return done(w, { kind: 'ACCEPT' }, { kind: 'MASQUERADE', target: t });
      case 'unknown':
        notes.push(`target ${t.name} is not simulated`);
        step(w, { ruleIndex, rule, matched: true, target: t.name, notes }, before);
        return done(w, { kind: 'UNKNOWN', target: t.name });
    }
  }
  return done(w, { kind: 'DROP', byPolicy: false });
}
