/**
 * `-m recent` against xt_recent.c's `recent_mt`, driven by a simulated clock: kube-proxy's session
 * affinity writes `--set` in the endpoint chain and `--rcheck --seconds 10800 --reap` in the service chain.
 */
import { describe, expect, it } from 'vitest';
import { parseIpv4, type Ipv4 } from '../ipv4';
import type { Match } from './model';
import type { MatchContext, RecentTables } from './match-context';
import { evaluateMatch } from './matches';
import { RECENT_LIST_TOT, RECENT_PKT_LIST_TOT } from './match-recent';
import type { Packet } from '../packet';

const ip = (s: string): Ipv4 => parseIpv4(s)!;
const FULL = 0xffffffff as Ipv4;
type Recent = Extract<Match, { kind: 'recent' }>;
const recent = (command: Recent['command'], extra: Partial<Recent> = {}): Recent => ({
  kind: 'recent',
  command,
  invert: false,
  name: 'KUBE-SEP-A',
  mask: FULL,
  side: 'source',
  ...extra,
});
const from = (src: string, dst = '10.96.0.10'): Packet => ({ src: ip(src), dst: ip(dst), protocol: 'tcp', sport: 40000, dport: 80, mark: 0, length: 60 });

/** A node's recent lists and a clock the test moves forward. */
function node() {
  const tables: RecentTables = new Map();
  let now = 1_000_000;
  const ctx = (): MatchContext => ({
    ctstates: new Set(['NEW']),
    ctmark: 0,
    localAddresses: new Set(),
    nowMs: now,
    random32: () => 0,
    recent: tables,
    nthCounters: new Map(),
    nfacct: new Map(),
    ipsets: new Map(),
  });
  return {
    tables,
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
    run: (m: Match, p: Packet) => evaluateMatch(m, p, ctx(), {}),
    list: (name = 'KUBE-SEP-A') => tables.get(name) ?? new Map(),
  };
}

describe('recent --set', () => {
  it('adds the source address, always matches, and refreshes on the next packet', () => {
    const n = node();
    expect(n.run(recent('set'), from('10.244.1.5'))).toEqual({ matched: true, note: 'recent KUBE-SEP-A --set + 10.244.1.5' });
    n.advance(5);
    expect(n.run(recent('set'), from('10.244.1.5')).matched).toBe(true);
    expect(n.list().get(ip('10.244.1.5'))!.seenMs).toEqual([1_000_000, 1_005_000]);
  });

  it('--rdest records the destination; --mask records the masked address', () => {
    const n = node();
    n.run(recent('set', { side: 'dest' }), from('10.244.1.5', '10.0.0.9'));
    n.run(recent('set', { name: 'NET', mask: ip('255.255.255.0') }), from('10.244.1.5'));
    expect([...n.list().keys()]).toEqual([ip('10.0.0.9')]);
    expect([...n.list('NET').keys()]).toEqual([ip('10.244.1.0')]);
    // Another address of the same /24 hits the same entry.
    expect(n.run(recent('rcheck', { name: 'NET', mask: ip('255.255.255.0') }), from('10.244.1.77')).matched).toBe(true);
  });

  it('! --set still records the address but does not match', () => {
    const n = node();
    expect(n.run(recent('set', { invert: true }), from('10.244.1.5')).matched).toBe(false);
    expect(n.list().has(ip('10.244.1.5'))).toBe(true);
  });

  it(`remembers at most ${RECENT_PKT_LIST_TOT} timestamps per address`, () => {
    const n = node();
    for (let i = 0; i < 25; i++) {
      n.run(recent('set'), from('10.244.1.5'));
      n.advance(1);
    }
    const seen = n.list().get(ip('10.244.1.5'))!.seenMs;
    expect(seen).toHaveLength(RECENT_PKT_LIST_TOT);
    expect(seen[0]).toBe(1_005_000);
    expect(seen.at(-1)).toBe(1_024_000);
  });

  it(`remembers at most ${RECENT_LIST_TOT} addresses, evicting the least recently seen`, () => {
    const n = node();
    for (let i = 0; i < RECENT_LIST_TOT; i++) n.run(recent('set'), from(`10.1.0.${i}`));
    n.run(recent('set'), from('10.1.0.0')); // refresh: now the most recent
    n.run(recent('set'), from('10.2.0.1'));
    expect(n.list().size).toBe(RECENT_LIST_TOT);
    expect(n.list().has(ip('10.1.0.0'))).toBe(true);
    expect(n.list().has(ip('10.1.0.1'))).toBe(false);
    expect(n.list().has(ip('10.2.0.1'))).toBe(true);
  });
});

describe('recent --rcheck with --seconds (session affinity)', () => {
  const check = recent('rcheck', { seconds: 10800 });
  it('matches while the address was seen within the window, inclusive, then stops', () => {
    const n = node();
    expect(n.run(check, from('10.244.1.5')).matched).toBe(false);
    n.run(recent('set'), from('10.244.1.5'));
    n.advance(12);
    expect(n.run(check, from('10.244.1.5'))).toEqual({ matched: true, note: 'recent KUBE-SEP-A ∋ 10.244.1.5: Δt 12s ≤ 10800s' });
    n.advance(10800 - 12);
    expect(n.run(check, from('10.244.1.5')).matched).toBe(true);
    n.advance(0.001);
    expect(n.run(check, from('10.244.1.5')).matched).toBe(false);
    // rcheck does not refresh: still expired later.
    expect(n.run(check, from('10.244.1.5')).matched).toBe(false);
    expect(n.list().has(ip('10.244.1.5'))).toBe(true);
  });

  it('without --seconds any remembered address matches', () => {
    const n = node();
    n.run(recent('set'), from('10.244.1.5'));
    n.advance(1e6);
    expect(n.run(recent('rcheck'), from('10.244.1.5')).matched).toBe(true);
    expect(n.run(recent('rcheck'), from('10.244.1.6')).matched).toBe(false);
  });

  it('! --rcheck flips both outcomes', () => {
    const n = node();
    expect(n.run(recent('rcheck', { invert: true }), from('10.244.1.5')).matched).toBe(true);
    n.run(recent('set'), from('10.244.1.5'));
    expect(n.run(recent('rcheck', { invert: true }), from('10.244.1.5')).matched).toBe(false);
  });

  it('lists are separate by name', () => {
    const n = node();
    n.run(recent('set'), from('10.244.1.5'));
    expect(n.run(recent('rcheck', { name: 'KUBE-SEP-B' }), from('10.244.1.5')).matched).toBe(false);
  });
});

describe('recent --hitcount', () => {
  it('needs that many timestamps inside the window', () => {
    const n = node();
    const check = recent('rcheck', { seconds: 60, hitcount: 3 });
    n.run(recent('set'), from('10.0.0.2'));
    n.advance(10);
    n.run(recent('set'), from('10.0.0.2'));
    expect(n.run(check, from('10.0.0.2'))).toEqual({ matched: false, note: 'recent KUBE-SEP-A ∋ 10.0.0.2: --seconds 60 2× < --hitcount 3' });
    n.advance(10);
    n.run(recent('set'), from('10.0.0.2'));
    expect(n.run(check, from('10.0.0.2')).matched).toBe(true);
    // The first stamp (t=0) drops out of the window at t=60.001.
    n.advance(40.001);
    expect(n.run(check, from('10.0.0.2')).matched).toBe(false);
  });
});

describe('recent --update', () => {
  it('refreshes the timestamp only when it matches, which keeps a busy client inside the window', () => {
    const n = node();
    const update = recent('update', { seconds: 10 });
    n.run(recent('set'), from('10.0.0.2'));
    for (let i = 0; i < 5; i++) {
      n.advance(8);
      expect(n.run(update, from('10.0.0.2')).matched).toBe(true);
    }
    expect(n.list().get(ip('10.0.0.2'))!.seenMs).toHaveLength(6);
    n.advance(11);
    expect(n.run(update, from('10.0.0.2')).matched).toBe(false);
    expect(n.list().get(ip('10.0.0.2'))!.seenMs).toHaveLength(6);
  });

  it('! --update refreshes when the address was NOT seen within the window (the kernel keys the refresh on the result)', () => {
    const n = node();
    const update = recent('update', { seconds: 10, invert: true });
    n.run(recent('set'), from('10.0.0.2'));
    n.advance(20);
    expect(n.run(update, from('10.0.0.2')).matched).toBe(true);
    expect(n.list().get(ip('10.0.0.2'))!.seenMs).toEqual([1_000_000, 1_020_000]);
    n.advance(1);
    expect(n.run(update, from('10.0.0.2')).matched).toBe(false);
    expect(n.list().get(ip('10.0.0.2'))!.seenMs).toHaveLength(2);
  });

  it('does not add an unknown address', () => {
    const n = node();
    expect(n.run(recent('update'), from('10.0.0.2')).matched).toBe(false);
    expect(n.list().size).toBe(0);
  });
});

describe('recent --remove', () => {
  it('matches and forgets a remembered address; misses an unknown one', () => {
    const n = node();
    n.run(recent('set'), from('10.0.0.2'));
    expect(n.run(recent('remove'), from('10.0.0.2')).matched).toBe(true);
    expect(n.list().has(ip('10.0.0.2'))).toBe(false);
    expect(n.run(recent('remove'), from('10.0.0.2')).matched).toBe(false);
  });
});

describe('recent --reap', () => {
  const check = recent('rcheck', { seconds: 10, reap: true });
  it('removes the least recently seen entry once it is older than the window — one entry per evaluation', () => {
    const n = node();
    n.run(recent('set'), from('10.0.0.1'));
    n.run(recent('set'), from('10.0.0.2'));
    n.advance(5);
    n.run(recent('set'), from('10.0.0.3'));
    n.advance(6); // .1 and .2 are 11 s old, .3 is 6 s old
    expect(n.run(check, from('10.0.0.3'))).toEqual({
      matched: true,
      note: 'recent KUBE-SEP-A ∋ 10.0.0.3: Δt 6s ≤ 10s; --reap − 10.0.0.1',
    });
    expect([...n.list().keys()]).toEqual([ip('10.0.0.2'), ip('10.0.0.3')]);
    expect(n.run(check, from('10.0.0.3')).matched).toBe(true);
    expect([...n.list().keys()]).toEqual([ip('10.0.0.3')]);
    // Nothing stale left: the head is fresh and stays.
    n.run(check, from('10.0.0.3'));
    expect(n.list().size).toBe(1);
  });

  it('can reap the very entry it just checked', () => {
    const n = node();
    n.run(recent('set'), from('10.0.0.1'));
    n.advance(30);
    expect(n.run(check, from('10.0.0.1')).matched).toBe(false);
    expect(n.list().size).toBe(0);
  });

  it('spares the working entry when --update is about to refresh it', () => {
    const n = node();
    n.run(recent('set'), from('10.0.0.1'));
    n.advance(30);
    // `! --update --seconds 10 --reap`: not seen within 10 s, so the result is true and the entry is refreshed, not reaped.
    expect(n.run(recent('update', { seconds: 10, reap: true, invert: true }), from('10.0.0.1')).matched).toBe(true);
    expect(n.list().get(ip('10.0.0.1'))!.seenMs).toHaveLength(2);
  });

  it('without --reap stale entries stay', () => {
    const n = node();
    n.run(recent('set'), from('10.0.0.1'));
    n.advance(30);
    n.run(recent('rcheck', { seconds: 10 }), from('10.0.0.1'));
    expect(n.list().size).toBe(1);
  });
});
