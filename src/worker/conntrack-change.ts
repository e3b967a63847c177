/**
 * What time or an endpoint change did to the nodes' conntrack tables, as the page shows it: the entries
 * that went (a wait's DESTROY events, kube-proxy's cleanup with its `conntrack -D`), and every table as it
 * is now. Built here so the page renders it without computing anything.
 */
import { printConntrackEntry, printConntrackEvent } from '../engine/conntrack/print';
import type { ConntrackCleanup } from '../engine/kubeproxy/conntrack-cleanup';
import type { ClockAdvance } from '../engine/sim/clock';
import { conntrackLines, conntrackTableRows } from '../engine/sim/conntrack-snapshot';
import type { SimNetwork } from '../engine/sim/network';
import type { ConntrackChangeView } from './api';

export function waitChange(network: SimNetwork, advance: ClockAdvance): ConntrackChangeView {
  const gone = Object.fromEntries(Object.entries(advance.expired).map(([node, list]) => [node, list.map((e) => printConntrackEvent('DESTROY', e, advance.toMs))]));
  return { kind: 'wait', seconds: (advance.toMs - advance.fromMs) / 1000, nowMs: advance.toMs, gone, commands: {}, tables: { lines: conntrackLines(network), rows: conntrackTableRows(network) } };
}

export function cleanupChange(network: SimNetwork, cleanups: Readonly<Record<string, ConntrackCleanup>>): ConntrackChangeView {
  const gone: Record<string, string[]> = {};
  const commands: Record<string, readonly string[]> = {};
  for (const [node, c] of Object.entries(cleanups)) {
    gone[node] = c.deleted.map((e) => printConntrackEntry(e, network.nowMs));
    commands[node] = c.commands;
  }
  return { kind: 'cleanup', nowMs: network.nowMs, gone, commands, tables: { lines: conntrackLines(network), rows: conntrackTableRows(network) } };
}
