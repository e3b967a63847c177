/**
 * `-m recent`: lists of recently seen addresses, with the kernel's bookkeeping (net/netfilter/xt_recent.c,
 * `recent_mt`): each list keeps at most `ip_list_tot` = 100 addresses, evicting the least recently
 * used, and each address remembers its last `ip_pkt_list_tot` = 20 timestamps.
 *
 * The list `Map` doubles as the kernel's LRU list: insertion order is LRU order, and every update
 * moves the entry to the end (`list_move_tail`).
 */
import { formatIpv4, type Ipv4 } from '../ipv4';
import type { Match } from './model';
import type { MatchContext, RecentEntry } from './match-context';
import type { MatchOutcome } from './match-outcome';
import type { Packet } from '../packet';

/** xt_recent module parameter `ip_pkt_list_tot`: timestamps remembered per address. */
export const RECENT_PKT_LIST_TOT = 20;
/** xt_recent module parameter `ip_list_tot`: addresses remembered per list. */
export const RECENT_LIST_TOT = 100;

type RecentMatch = Extract<Match, { kind: 'recent' }>;

function formatAge(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

/** `recent_entry_update`: add a timestamp (dropping the oldest beyond 20) and move to the LRU tail. */
function touch(list: Map<Ipv4, RecentEntry>, addr: Ipv4, entry: RecentEntry, nowMs: number): void {
  entry.seenMs.push(nowMs);
  if (entry.seenMs.length > RECENT_PKT_LIST_TOT) entry.seenMs.splice(0, entry.seenMs.length - RECENT_PKT_LIST_TOT);
  list.delete(addr);
  list.set(addr, entry);
}

/**
 * `recent_entry_reap`: only the LRU head is looked at, and removed if even its newest timestamp is
 * older than the window — one stale entry per evaluation, not a sweep of the whole list. The entry
 * being worked on is spared when it is about to be updated.
 */
function reap(list: Map<Ipv4, RecentEntry>, windowStartMs: number, working: RecentEntry, willUpdate: boolean): Ipv4 | undefined {
  const head = list.entries().next();
  if (head.done) return undefined;
  const [addr, entry] = head.value;
  if (entry === working && willUpdate) return undefined;
  const newest = entry.seenMs[entry.seenMs.length - 1];
  if (newest === undefined || windowStartMs > newest) {
    list.delete(addr);
    return addr;
  }
  return undefined;
}

export function evaluateRecent(m: RecentMatch, packet: Packet, ctx: MatchContext): MatchOutcome {
  const raw = m.side === 'dest' ? packet.dst : packet.src;
  const addr = ((raw & m.mask) >>> 0) as Ipv4;
  const who = m.mask === 0xffffffff ? formatIpv4(addr) : `${formatIpv4(raw)} & ${formatIpv4(m.mask as Ipv4)} = ${formatIpv4(addr)}`;
  const now = ctx.nowMs;
  // The kernel creates the list when the rule is loaded; here it appears on first use.
  let list = ctx.recent.get(m.name);
  if (!list) {
    list = new Map();
    ctx.recent.set(m.name, list);
  }
  const extra = m.rttl ? ' (--rttl: TTL not simulated, treated as equal)' : '';
  // Notation (see matches.ts): the list, then the address's relation to it; `+` adds, `↻` refreshes, `−` removes.
  const head = `${m.invert ? '! ' : ''}recent ${m.name}`;
  let ret = m.invert;

  const entry = list.get(addr);
  if (!entry) {
    if (m.command !== 'set') return { matched: ret, note: `${head} ∌ ${who}${extra}` };
    if (list.size >= RECENT_LIST_TOT) {
      const oldest = list.keys().next();
      if (!oldest.done) list.delete(oldest.value);
    }
    list.set(addr, { seenMs: [now] });
    ret = !ret;
    return { matched: ret, note: `${head} --set + ${who}` };
  }

  const newest = entry.seenMs[entry.seenMs.length - 1] ?? now;
  let note: string;
  if (m.command === 'set') {
    ret = !ret;
    note = `${head} --set ↻ ${who}`;
  } else if (m.command === 'remove') {
    list.delete(addr);
    ret = !ret;
    note = `${head} --remove − ${who}`;
  } else {
    const windowSec = m.seconds ?? 0;
    const windowStart = now - windowSec * 1000;
    let hits = 0;
    let found = false;
    for (const stamp of entry.seenMs) {
      if (windowSec && windowStart > stamp) continue;
      hits++;
      if (!m.hitcount || hits >= m.hitcount) {
        found = true;
        break;
      }
    }
    if (found) ret = !ret;
    const seconds = windowSec ? ` --seconds ${windowSec}` : '';
    if (m.hitcount) {
      const inWindow = entry.seenMs.filter((s) => !windowSec || s >= windowStart).length;
      note = `${head} ∋ ${who}:${seconds} ${inWindow}× ${inWindow >= m.hitcount ? '≥' : '<'} --hitcount ${m.hitcount}`;
    } else {
      const age = formatAge(now - newest);
      note = windowSec ? `${head} ∋ ${who}: Δt ${age} ${found ? '≤' : '>'} ${windowSec}s` : `${head} ∋ ${who}: Δt ${age}`;
    }
    if (m.reap) {
      const reaped = reap(list, windowStart, entry, m.command === 'update' && ret);
      if (reaped !== undefined) note += `; --reap − ${formatIpv4(reaped)}`;
    }
  }
  // As in the kernel, `--update` refreshes whenever the match's result is true — including
  // `! --update` on an address that was NOT seen within the time window
  if (m.command === 'set' || (m.command === 'update' && ret)) {
    touch(list, addr, entry, now);
    if (m.command === 'update') note += '; --update ↻';
  }
  return { matched: ret, note: `${note}${extra}` };
}
