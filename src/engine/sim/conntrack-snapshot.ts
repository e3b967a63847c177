/** Every node's conntrack table as it is right now: `conntrack -L` lines and the same entries as rows. */
import { printConntrackList } from '../conntrack/print';
import { conntrackRows, type ConntrackRow } from '../conntrack/rows';
import type { SimNetwork } from './network';

/** `conntrack -L` of every node that lists entries. */
export function conntrackLines(network: SimNetwork): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, node] of network.nodes) {
    if (node.conntrack.entries.size === 0) continue;
    const text = printConntrackList(node.conntrack, network.nowMs);
    if (text) out[name] = text.trimEnd().split('\n');
  }
  return out;
}

/** The rows of every node that lists entries. */
export function conntrackTableRows(network: SimNetwork): Record<string, ConntrackRow[]> {
  const out: Record<string, ConntrackRow[]> = {};
  for (const [name, node] of network.nodes) {
    const rows = conntrackRows(node.conntrack, network.nowMs);
    if (rows.length > 0) out[name] = rows;
  }
  return out;
}
