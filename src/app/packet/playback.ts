/**
 * Playback at the pace of a decision: the worker's trace cut into playback steps, what one press of
 * Step shows. Rule by rule, every hop is a playback step. Folded (the default), a run of rules that did
 * not match is one playback step, every packet after the connection's first answer (ACK, request, FIN …)
 * is one playback step, and consecutive steps that would say the same sentence are one. Any fold can be
 * opened in place. Pure functions over the trace (no DOM), so they run in unit tests too.
 *
 * Words: a *hop* is what the engine recorded (`packet.hops[i]`); a *position* is a hop's index in the
 * flat list of every hop of the connection (`flattenSteps`, what share links and lessons point at); a
 * *playback step* covers one or more consecutive hops of one packet.
 */
import type { HopView, PacketView, TraceView } from '../../worker/api';
import { isDecision } from './decision';

export type SkippedHop = Extract<HopView, { kind: 'skipped' }>;

/** What a folded playback step hides. */
export type Fold =
  /** Consecutive rules of one chain that did not match, shown as one `skipped` hop. */
  | { readonly kind: 'rules'; readonly key: string; readonly hop: SkippedHop }
  /** A whole packet that follows the conntrack entry (a later packet of the connection). */
  | { readonly kind: 'packet'; readonly key: string; readonly hops: number };

export interface PlaybackStep {
  readonly packet: number;
  /** The hops it covers, `first`..`last` (indexes into the packet's hops). */
  readonly first: number;
  readonly last: number;
  /** The hop that stands for it in the diagrams and panels: the first rule of a folded run, the last hop of a folded packet. */
  readonly hop: number;
  /** The position (flat index over every hop of the connection) of `hop`. */
  readonly position: number;
  readonly fold?: Fold;
  /** It changes the packet or decides its fate: `Next decision` stops here and playback lingers. */
  readonly decision: boolean;
}

export interface Playback {
  readonly steps: readonly PlaybackStep[];
  /** For every position, the index of the playback step that covers it. */
  readonly stepAt: readonly number[];
}

export interface PlaybackOptions {
  /** Fold non-matching runs, later packets and repeated sentences. @default true */
  readonly folded: boolean;
  /** Keys (`Fold['key']`) of the folds the learner opened. */
  readonly opened: ReadonlySet<string>;
  /** The sentence a hop is narrated with; consecutive hops with the same one are merged when folded. */
  readonly sentence?: (packet: PacketView, hop: HopView) => string;
}

export const EMPTY_PLAYBACK: Playback = { steps: [], stepAt: [] };

export const packetFoldKey = (packet: number): string => `packet ${packet}`;
export const rulesFoldKey = (packet: number, first: number): string => `rules ${packet}:${first}`;

/**
 * The packets that play as one step each when folded: every packet after the connection's first reply
 * (for TCP the SYN and SYN-ACK play in full, for UDP the query and its response). They follow the entry
 * the first two created; what they change is the entry's state, which their step still shows.
 */
export function laterPackets(trace: TraceView): number {
  const firstReply = trace.packets.findIndex((p) => p.direction === 'reply');
  return firstReply < 0 ? trace.packets.length : firstReply + 1;
}

/** A hop that counts as "did not match" in a folded run. */
function notMatching(h: HopView): h is Extract<HopView, { kind: 'rule' | 'skipped' }> {
  return (h.kind === 'rule' && !h.matched) || h.kind === 'skipped';
}

function sameChain(a: Extract<HopView, { kind: 'rule' | 'skipped' }>, b: Extract<HopView, { kind: 'rule' | 'skipped' }>): boolean {
  return a.node === b.node && a.hook === b.hook && a.table === b.table && a.chain === b.chain;
}

/** The run of non-matching hops starting at `first`: its last index and the one `skipped` hop it reads as. */
function foldRun(hops: readonly HopView[], first: number): { last: number; hop: SkippedHop } {
  const start = hops[first] as Extract<HopView, { kind: 'rule' | 'skipped' }>;
  let last = first;
  let count = start.kind === 'skipped' ? start.count : 1;
  while (last + 1 < hops.length) {
    const n = hops[last + 1]!;
    if (!notMatching(n) || !sameChain(start, n)) break;
    count += n.kind === 'skipped' ? n.count : 1;
    last++;
  }
  const end = hops[last] as Extract<HopView, { kind: 'rule' | 'skipped' }>;
  return {
    last,
    hop: {
      kind: 'skipped',
      node: start.node,
      hook: start.hook,
      table: start.table,
      chain: start.chain,
      fromIndex: start.kind === 'skipped' ? start.fromIndex : start.ruleIndex,
      toIndex: end.kind === 'skipped' ? end.toIndex : end.ruleIndex,
      count,
      ctstate: start.ctstate,
    },
  };
}

type Draft = Omit<PlaybackStep, 'position'>;

function packetSteps(trace: TraceView, packet: number, options: PlaybackOptions): Draft[] {
  const hops = trace.packets[packet]!.hops;
  const out: Draft[] = [];
  for (let i = 0; i < hops.length; ) {
    const h = hops[i]!;
    if (options.folded && notMatching(h)) {
      const run = foldRun(hops, i);
      const key = rulesFoldKey(packet, i);
      if (options.opened.has(key)) for (let k = i; k <= run.last; k++) out.push({ packet, first: k, last: k, hop: k, decision: false });
      else out.push({ packet, first: i, last: run.last, hop: i, fold: { kind: 'rules', key, hop: run.hop }, decision: false });
      i = run.last + 1;
      continue;
    }
    out.push({ packet, first: i, last: i, hop: i, decision: isDecision(trace, packet, i) });
    i++;
  }
  return out;
}

/** Consecutive plain steps of one packet that would be narrated with the same sentence become one. */
function mergeRepeats(trace: TraceView, steps: readonly Draft[], sentence: NonNullable<PlaybackOptions['sentence']>): Draft[] {
  const out: Draft[] = [];
  let previous: string | undefined;
  for (const s of steps) {
    const said = s.fold ? undefined : sentence(trace.packets[s.packet]!, trace.packets[s.packet]!.hops[s.hop]!);
    const last = out[out.length - 1];
    if (last && !last.fold && said !== undefined && said === previous && last.packet === s.packet && last.last + 1 === s.first) {
      out[out.length - 1] = { ...last, last: s.last, decision: last.decision || s.decision };
      continue;
    }
    out.push(s);
    previous = said;
  }
  return out;
}

export function buildPlayback(trace: TraceView | undefined, options: PlaybackOptions): Playback {
  if (!trace) return EMPTY_PLAYBACK;
  const later = laterPackets(trace);
  const drafts: Draft[] = [];
  trace.packets.forEach((p, packet) => {
    if (p.hops.length === 0) return;
    const last = p.hops.length - 1;
    if (options.folded && packet >= later && !options.opened.has(packetFoldKey(packet))) {
      drafts.push({ packet, first: 0, last, hop: last, fold: { kind: 'packet', key: packetFoldKey(packet), hops: p.hops.length }, decision: true });
      return;
    }
    const own = packetSteps(trace, packet, options);
    drafts.push(...(options.folded && options.sentence ? mergeRepeats(trace, own, options.sentence) : own));
  });
  const offsets: number[] = [];
  let total = 0;
  for (const p of trace.packets) {
    offsets.push(total);
    total += p.hops.length;
  }
  const stepAt: number[] = new Array<number>(total);
  const steps = drafts.map((d, index): PlaybackStep => {
    for (let i = d.first; i <= d.last; i++) stepAt[offsets[d.packet]! + i] = index;
    return { ...d, position: offsets[d.packet]! + d.hop };
  });
  return { steps, stepAt };
}

/** The hop a playback step shows: a folded run reads as one `skipped` hop, anything else as its own hop. */
export function shownHop(trace: TraceView, step: PlaybackStep): HopView {
  return step.fold?.kind === 'rules' ? step.fold.hop : trace.packets[step.packet]!.hops[step.hop]!;
}

/** The next playback step that is a decision after `index`, or the last one. */
export function nextDecision(playback: Playback, index: number): number {
  for (let i = index + 1; i < playback.steps.length; i++) if (playback.steps[i]!.decision) return i;
  return Math.max(0, playback.steps.length - 1);
}

/** The first playback step of each packet, for the timeline's packet chips. */
export function packetStartSteps(playback: Playback): number[] {
  const starts: number[] = [];
  playback.steps.forEach((s, i) => {
    if (starts[s.packet] === undefined) starts[s.packet] = i;
  });
  return starts;
}

/**
 * How long a playback step stays on screen, as a share of one step at this speed: folded playback lingers
 * on decisions and passes quickly over the hops between them (routing, the wire, node-wide jumps); rule
 * by rule, every hop gets the same time.
 */
export const PASSING_SHARE = 0.3;

export function dwellShare(step: PlaybackStep | undefined, folded: boolean): number {
  return !folded || !step || step.decision ? 1 : PASSING_SHARE;
}
