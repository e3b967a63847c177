/**
 * The stages of each hook, composed from the node's own (conntrack −200, nf_nat's DST −100 / SRC 100,
 * confirm INT_MAX) and the entries the data planes register, sorted by priority as nf_hook_entries are;
 * and running one hook's stages over a traversal.
 */
import type { Hook } from '../packet';
import { conntrackStage, confirmStage, natStage } from './conntrack-stages';
import { applyResult, type DataPlane, type HookEntry } from './data-plane';
import { PRIORITY } from './hook-stages';
import type { TraversalOutcome } from './model';
import type { NodeTraversal } from './state';

export type NodeStage =
  | { readonly kind: 'conntrack'; readonly priority: number }
  /** nf_nat's hook: the nat entries registered at this hook, in their priority order. */
  | { readonly kind: 'nat'; readonly priority: number; readonly manip: 'SRC' | 'DST'; readonly entries: readonly HookEntry[] }
  | { readonly kind: 'confirm'; readonly priority: number }
  | { readonly kind: 'entry'; readonly priority: number; readonly entry: HookEntry };

export type NodeHooks = Readonly<Record<Hook, readonly NodeStage[]>>;

/**
 * Where conntrack and nf_nat hook in (nf_conntrack_proto.c ipv4_conntrack_ops, nf_nat_proto.c
 * nf_nat_ipv4_ops), with the nat entries registered at this hook for nf_nat to ask.
 */
function ownStages(hook: Hook, natEntries: readonly HookEntry[]): NodeStage[] {
  const nat = (priority: number, manip: 'SRC' | 'DST'): NodeStage => ({ kind: 'nat', priority, manip, entries: natEntries });
  switch (hook) {
    case 'PREROUTING':
    case 'OUTPUT':
      return [{ kind: 'conntrack', priority: PRIORITY.conntrack }, nat(PRIORITY.natDst, 'DST')];
    case 'INPUT':
    case 'POSTROUTING':
      return [nat(PRIORITY.natSrc, 'SRC'), { kind: 'confirm', priority: PRIORITY.confirm }];
    case 'FORWARD':
      if (natEntries.length > 0) throw new Error(`${natEntries[0]!.name}: there is no NAT at FORWARD`);
      return [];
  }
}

/** Sorted by priority; equal priorities keep their registration order, as nf_hook_entries_grow does. */
const byPriority = <T extends { readonly priority: number }>(xs: readonly T[]): T[] =>
  xs.map((x, i) => [x, i] as const).sort((a, b) => a[0].priority - b[0].priority || a[1] - b[1]).map(([x]) => x);

/** Every hook's stages for a node with these data planes, in the order the kernel calls them. */
export function registerPlanes(planes: readonly DataPlane[]): NodeHooks {
  const entries = planes.flatMap((p) => p.entries);
  const stagesAt = (hook: Hook): NodeStage[] => {
    const here = entries.filter((e) => e.hook === hook);
    const filters = here.filter((e) => e.type === 'filter').map((entry): NodeStage => ({ kind: 'entry', priority: entry.priority, entry }));
    return byPriority([...filters, ...ownStages(hook, byPriority(here.filter((e) => e.type === 'nat')))]);
  };
  return { PREROUTING: stagesAt('PREROUTING'), INPUT: stagesAt('INPUT'), FORWARD: stagesAt('FORWARD'), OUTPUT: stagesAt('OUTPUT'), POSTROUTING: stagesAt('POSTROUTING') };
}

/** A data plane re-sends the packet from LOCAL_OUT (HookResult.resend): not an outcome, the traversal goes on. */
export const RESEND = { kind: 'resend' } as const;
export type HookStop = TraversalOutcome | typeof RESEND;

/** Runs one filter-type entry: its hops go straight into the trace. */
export function runEntry(t: NodeTraversal, entry: HookEntry, hook: Hook): HookStop | undefined {
  const r = entry.run(t, hook);
  if (t.record) for (const h of r.hops) t.hops.push(h);
  applyResult(t, r);
  return r.stop ?? (r.resend ? RESEND : undefined);
}

/** Runs every stage of one hook; returns an outcome if the packet stops, RESEND if a data plane took it to send it again. */
export function runHook(t: NodeTraversal, stages: readonly NodeStage[], hook: Hook): HookStop | undefined {
  for (const stage of stages) {
    let stop: HookStop | undefined;
    switch (stage.kind) {
      case 'conntrack':
        conntrackStage(t, hook);
        break;
      case 'nat':
        stop = natStage(t, stage.entries, stage.manip, hook);
        break;
      case 'confirm':
        stop = confirmStage(t, hook);
        break;
      case 'entry':
        stop = runEntry(t, stage.entry, hook);
        break;
    }
    if (stop) return stop;
  }
  return undefined;
}
