/**
 * The network's simulated clock moving on between connections. Nothing else happens while it moves, so
 * the only change is what time alone does on a node: conntrack entries whose timeout ran out are reaped
 * (the kernel's gc worker; `conntrack -E` reports each as a DESTROY event), and `-m recent` lists age
 * (their `--seconds` checks compare against the clock, so affinity expires by itself).
 */
import type { ConntrackEntry } from '../conntrack/model';
import { expire, isExpired, snapshot } from '../conntrack/table';
import type { SimNetwork } from './network';

/** What a move of the clock did. */
export interface ClockAdvance {
  readonly fromMs: number;
  readonly toMs: number;
  /** Per node (only nodes that lost some), the entries that expired, as they were just before. */
  readonly expired: Readonly<Record<string, readonly ConntrackEntry[]>>;
}

/** Moves the clock `ms` forward (a negative or fractional amount is a caller's mistake) and reaps expired entries. */
export function advanceClock(network: SimNetwork, ms: number): ClockAdvance {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`the clock moves forward by whole milliseconds (got ${ms})`);
  const fromMs = network.nowMs;
  const toMs = fromMs + ms;
  network.nowMs = toMs;
  const expired: Record<string, ConntrackEntry[]> = {};
  for (const [name, node] of network.nodes) {
    const going = [...node.conntrack.entries.values()].filter((e) => isExpired(e, toMs)).map(snapshot);
    expire(node.conntrack, toMs);
    if (going.length > 0) expired[name] = going;
  }
  return { fromMs, toMs, expired };
}
