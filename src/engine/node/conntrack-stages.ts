/**
 * The node's conntrack stages (net/netfilter/nf_conntrack_core.c, nf_nat_core.c): classify the packet
 * (−200), bind and translate at nf_nat's hooks (DST −100, SRC 100), confirm a new entry (INT_MAX).
 * Module functions over the traversal record (state.ts), in the order conntrack/classify.ts describes.
 */
import { classify } from '../conntrack/classify';
import { isConfirmed } from '../conntrack/model';
import { applyDnat, applySnat, ensureNatBinding, needsNatLookup } from '../conntrack/nat';
import { printConntrackEntry } from '../conntrack/print';
import { confirm } from '../conntrack/table';
import { translate } from '../conntrack/translate';
import { headerView, type Hook } from '../packet';
import { applyResult, type HookEntry, type NatChoice } from './data-plane';
import type { Hop, RuleHop } from './hops';
import type { TraversalOutcome } from './model';
import { ctstateOf, type NodeTraversal } from './state';

/** nf_conntrack_in: once per packet per node (a packet looping back over `lo` keeps its conntrack). */
export function conntrackStage(t: NodeTraversal, hook: Hook): void {
  if (t.classification) return;
  const c = classify(t.node.conntrack, t.packet, t.clock.nowMs, { untracked: t.untracked, ...(t.answering ? { answering: t.answering } : {}) });
  t.classification = c;
  t.entry = c.entry;
  if (t.record) t.hops.push({
    kind: 'conntrack',
    node: t.node.name,
    hook,
    ctstate: c.ctstate,
    direction: c.direction,
    isNew: c.isNew,
    ...(c.entry ? { entryId: c.entry.id, entryLine: printConntrackEntry(c.entry, t.clock.nowMs) } : {}),
  });
}

/**
 * nf_nat_inet_fn: a connection's first packet asks the nat entries (in priority order, until one binds),
 * then gets the null binding if none did; every packet is then rewritten from the entry. The hop of the
 * rule that chose the binding is recorded once, after the translation, showing the packet as rewritten.
 */
export function natStage(t: NodeTraversal, entries: readonly HookEntry[], manip: 'SRC' | 'DST', hook: Hook): TraversalOutcome | undefined {
  const { entry, classification } = t;
  // Untracked and invalid packets are never NATed (the nat hooks need a conntrack).
  if (!entry || !classification) return undefined;
  if (!needsNatLookup(classification, hook) || isConfirmed(entry)) {
    const before = t.packet;
    t.packet = translate(entry, before, classification.direction, hook);
    if (t.record) t.hops.push({ kind: 'nat-from-entry', node: t.node.name, hook, manip, direction: classification.direction, before: headerView(before), after: headerView(t.packet), ctstate: ctstateOf(t) });
    return undefined;
  }
  const hops: Hop[] = [];
  let chosen: NatChoice | undefined;
  for (const natEntry of entries) {
    const r = natEntry.run(t, hook);
    applyResult(t, r);
    hops.push(...r.hops);
    if (r.stop) {
      if (t.record) t.hops.push(...hops);
      return r.stop;
    }
    if (r.nat) {
      chosen = r.nat;
      if (r.nat.range && r.nat.manip === manip) {
        if (manip === 'DST') applyDnat(t.node.conntrack, entry, r.nat.range, t.clock.random32, t.clock.nowMs);
        else applySnat(t.node.conntrack, entry, r.nat.range, t.clock.random32, t.clock.nowMs);
      }
      break;
    }
  }
  ensureNatBinding(t.node.conntrack, entry, hook, t.clock.random32, t.clock.nowMs);
  const before = t.packet;
  t.packet = translate(entry, before, classification.direction, hook);
  if (t.record) t.hops.push(...(chosen?.hop && chosen.hop.matched && rewrote(before, t.packet) ? withAfter(hops, chosen.hop, t) : hops));
  return undefined;
}

const rewrote = (a: NodeTraversal['packet'], b: NodeTraversal['packet']): boolean => a.src !== b.src || a.dst !== b.dst || a.sport !== b.sport || a.dport !== b.dport;

function withAfter(hops: readonly Hop[], natHop: RuleHop, t: NodeTraversal): Hop[] {
  return hops.map((h) => (h === natHop ? { ...natHop, after: { ...headerView(t.packet), mark: natHop.after.mark } } : h));
}

/** __nf_conntrack_confirm, as the packet leaves POSTROUTING or INPUT: a new entry enters the table, or clashes. */
export function confirmStage(t: NodeTraversal, hook: Hook): TraversalOutcome | undefined {
  const { entry } = t;
  if (!entry || !t.classification?.isNew || t.confirmed || isConfirmed(entry)) return undefined;
  const result = confirm(t.node.conntrack, entry, t.clock.nowMs);
  t.confirmed = true;
  if (t.record) t.hops.push({ kind: 'confirm', node: t.node.name, hook, entryId: entry.id, ok: result.ok, ...(result.ok ? { entryLine: printConntrackEntry(entry, t.clock.nowMs) } : {}) });
  return result.ok ? undefined : { kind: 'clash', hook, packet: t.packet };
}
