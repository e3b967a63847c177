/**
 * Properties of match evaluation driven by the seeded RNG: `statistic --mode random` matches with
 * the stored probability, and a whole evaluation replays identically from the same seed.
 */
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createRandom } from '../random';
import type { Match, Rule } from './model';
import type { MatchContext } from './match-context';
import { evaluateMatch, evaluateMatches } from './matches';
import type { Ipv4 } from '../ipv4';
import type { Packet } from '../packet';

const context = (seed: number): MatchContext => {
  const random = createRandom(seed);
  return {
    ctstates: new Set(['NEW']),
    ctmark: 0,
    localAddresses: new Set(),
    nowMs: 0,
    random32: () => random.next32(),
    recent: new Map(),
    nthCounters: new Map(),
    nfacct: new Map(),
    ipsets: new Map(),
  };
};
const packet: Packet = { src: 0x0af40105 as Ipv4, dst: 0x0a60000a as Ipv4, protocol: 'tcp', sport: 40000, dport: 80, mark: 0, length: 60 };

describe('statistic --mode random with a seeded RNG', () => {
  fcTest.prop([fc.integer({ min: 0, max: 0x80000000 }), fc.integer({ min: 0, max: 0xffffffff })], { numRuns: 1000 })(
    'over 20,000 draws the fraction of matches is within 2% of p',
    (probabilityU32, seed) => {
      const m: Match = { kind: 'statistic', mode: 'random', probabilityU32, invert: false };
      const ctx = context(seed);
      const rule = {};
      let hits = 0;
      const n = 20_000;
      for (let i = 0; i < n; i++) if (evaluateMatch(m, packet, ctx, rule).matched) hits++;
      expect(Math.abs(hits / n - probabilityU32 / 0x80000000)).toBeLessThan(0.02);
    },
  );
});

describe('evaluation is deterministic for a seed', () => {
  const rule = (matches: Match[]): Rule => ({ ip: {}, matches, target: { kind: 'ACCEPT' }, counters: { packets: 0, bytes: 0 } });
  // kube-proxy's shape: a probability-split service chain with an affinity check first.
  const rules: Rule[] = [
    rule([{ kind: 'recent', command: 'rcheck', invert: false, name: 'SEP-A', seconds: 30, reap: true, mask: 0xffffffff as Ipv4, side: 'source' }]),
    rule([{ kind: 'statistic', mode: 'random', probabilityU32: 715827883, invert: false }, { kind: 'recent', command: 'set', invert: false, name: 'SEP-A', mask: 0xffffffff as Ipv4, side: 'source' }]),
    rule([{ kind: 'statistic', mode: 'random', probabilityU32: 1073741824, invert: false }, { kind: 'nfacct', name: 'B' }]),
    rule([{ kind: 'statistic', mode: 'nth', every: 3, packet: 1, invert: false }]),
  ];
  const replay = (seed: number, sources: readonly number[]) => {
    const base = context(seed);
    let now = 0;
    return sources.map((src, i) => {
      now += 1000 * (i % 7);
      const ctx = { ...base, nowMs: now };
      const p = { ...packet, src: (0x0af40000 + src) as Ipv4 };
      return rules.map((r) => evaluateMatches(r, p, ctx));
    });
  };

  fcTest.prop([fc.integer(), fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 60 })], { numRuns: 1000 })(
    'two replays from the same seed produce the same outcomes and notes',
    (seed, sources) => {
      expect(replay(seed, sources)).toEqual(replay(seed, sources));
    },
  );
});
