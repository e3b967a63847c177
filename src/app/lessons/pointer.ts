/**
 * A lesson step points at a hop ({ send, packet, node?, hook?, table?, chain?, target?, rule? }, see
 * scenarios/lessons/types.ts); playback needs the step index of that hop in the trace the worker sent.
 * The same matching as check.ts's `hopFits`, over the page's TraceView instead of the engine's Journey
 * (lessons.test.ts in this folder checks both find the same hops).
 */
import type { HopPointer } from '../../scenarios/lessons/types';
import type { HopView, TraceView } from '../../worker/api';
import type { StepRef } from '../packet/steps';

/** The node check.ts attributes a hop to: a wire belongs to the node it leaves. */
function pointerNode(h: HopView): string | undefined {
  switch (h.kind) {
    case 'send':
      return h.from.node;
    case 'deliver':
      return h.to.node;
    case 'wire':
      return h.from;
    default:
      return h.node;
  }
}

export function hopMatches(h: HopView, p: HopPointer): boolean {
  const stage = p.stage ?? 'rule';
  // The page shows an IPVS hop as a rule of table `ipvs` (trace-view.ts); check.ts keeps it as a stage of its own.
  if (h.kind === 'rule' && h.table === 'ipvs') {
    const ruleOnly = p.table !== undefined || p.chain !== undefined || p.target !== undefined || p.rule !== undefined;
    return stage === 'ipvs' && !ruleOnly && (p.node === undefined || h.node === p.node) && (p.hook === undefined || h.hook === p.hook);
  }
  // Very long walks arrive with runs of non-matching rules folded into one `skipped` hop.
  const folded = h.kind === 'skipped' && stage === 'rule' && (p.matched === false || p.matched === 'any') && p.target === undefined && p.rule === undefined;
  if (h.kind !== stage && !folded) return false;
  if (p.node !== undefined && pointerNode(h) !== p.node) return false;
  const ruleOnly = p.table !== undefined || p.chain !== undefined || p.target !== undefined || p.rule !== undefined;
  if (h.kind === 'rule') {
    const matched = p.matched ?? true;
    return (
      (matched === 'any' || h.matched === matched) &&
      (p.hook === undefined || h.hook === p.hook) &&
      (p.table === undefined || h.table === p.table) &&
      (p.chain === undefined || h.chain === p.chain) &&
      (p.target === undefined || h.target === p.target) &&
      (p.rule === undefined || h.rule.includes(p.rule)) &&
      (p.ctstate === undefined || h.ctstate === p.ctstate)
    );
  }
  if (h.kind === 'skipped') {
    return (p.hook === undefined || h.hook === p.hook) && (p.table === undefined || h.table === p.table) && (p.chain === undefined || h.chain === p.chain) && (p.ctstate === undefined || h.ctstate === p.ctstate);
  }
  if (ruleOnly) return false;
  if (p.hook !== undefined && !('hook' in h && h.hook === p.hook)) return false;
  if (p.ctstate !== undefined && !('ctstate' in h && h.ctstate === p.ctstate)) return false;
  return true;
}

/** Every hop of the pointer's packet that fits it, as `{ packet, hop }` indices into the trace. */
export function matchingHops(trace: TraceView, p: HopPointer): StepRef[] {
  if (p.packet === undefined) return [];
  const packet = trace.packets.findIndex((pk) => pk.label === p.packet);
  if (packet < 0) return [];
  const out: StepRef[] = [];
  trace.packets[packet]!.hops.forEach((h, hop) => {
    if (hopMatches(h, p)) out.push({ packet, hop });
  });
  return out;
}

/** The playback position of the first hop the pointer designates, or undefined when none fits. */
export function positionOf(trace: TraceView, steps: readonly StepRef[], p: HopPointer): number | undefined {
  const first = matchingHops(trace, p)[0];
  if (!first) return undefined;
  const i = steps.findIndex((s) => s.packet === first.packet && s.hop === first.hop);
  return i < 0 ? undefined : i;
}
