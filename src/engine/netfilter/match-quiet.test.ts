/**
 * The quiet paths (match-quiet.ts, match-index.ts and the walk that keeps only its last step) must
 * leave everything as the noted evaluation does: the same verdicts, the same kept step, the same count
 * of rules evaluated, the same counters, random draws, nth counters, nfacct counters and recent lists.
 * Checked on generated rulesets and on long KUBE-SERVICES-like chains of `-d X/32` rules.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbitraryRuleset } from '../test-support/arbitrary-ruleset';
import { ipv4, type Ipv4 } from '../ipv4';
import { createRandom } from '../random';
import { evaluateMatches } from './matches';
import { rejectsQuietly, ruleMatches } from './match-quiet';
import type { Chain, Match, Rule, Ruleset, TableName, Target } from './model';
import { BUILTIN_CHAINS } from './model';
import type { MatchContext } from './match-context';
import { walkTable, type RuleMatcher } from './walk';
import type { ConntrackStateName, Hook, Packet } from '../packet';

type Ctx = MatchContext & { ctmark: number };

const POOL = [0x0a600001, 0x0a600002, 0x0a600003, 0x0af40102, 0x7f000001].map(ipv4);
const address = fc.oneof(fc.constantFrom(...POOL), fc.nat({ max: 0xffffffff }).map(ipv4));

const packetArb: fc.Arbitrary<Packet> = fc
  .record({
    src: address,
    dst: address,
    protocol: fc.constantFrom('tcp' as const, 'udp' as const, 'icmp' as const, 'sctp' as const),
    sport: fc.integer({ min: 0, max: 65535 }),
    dport: fc.constantFrom(80, 443, 9000, 30000, 53),
    tcpFlags: fc.subarray(['SYN', 'ACK', 'FIN', 'RST'] as const),
    icmpType: fc.constantFrom(0, 3, 8),
    inInterface: fc.constantFrom('eth0', 'veth1', 'lo', undefined),
    outInterface: fc.constantFrom('eth0', 'veth1', undefined),
    mark: fc.constantFrom(0, 0x4000, 0x8000, 0xffffffff),
    length: fc.integer({ min: 28, max: 1500 }),
  })
  .map(({ inInterface, outInterface, ...p }) => ({ ...p, ...(inInterface ? { inInterface } : {}), ...(outInterface ? { outInterface } : {}) }));

const ctxSpec = fc.record({
  seed: fc.integer(),
  ctstates: fc.subarray(['INVALID', 'NEW', 'ESTABLISHED', 'RELATED', 'UNTRACKED', 'SNAT', 'DNAT'] as ConntrackStateName[], { maxLength: 3 }),
  ctmark: fc.constantFrom(0, 0x4000, 0xffffffff),
  nowMs: fc.integer({ min: 0, max: 100_000 }),
});

/** A fresh context; two made from one spec start out identical. */
function context(spec: { seed: number; ctstates: ConntrackStateName[]; ctmark: number; nowMs: number }): Ctx & { draws: () => number } {
  const random = createRandom(spec.seed);
  let draws = 0;
  return {
    ctstates: new Set(spec.ctstates),
    ctmark: spec.ctmark,
    localAddresses: new Set([POOL[3]!]),
    nowMs: spec.nowMs,
    random32: () => {
      draws++;
      return random.next32();
    },
    recent: new Map([['KUBE-SEP-A', new Map([[POOL[3]!, { seenMs: [spec.nowMs - 1000] }]])]]),
    nthCounters: new Map(),
    nfacct: new Map(),
    ipsets: new Map(),
    draws: () => draws,
  };
}

/** What a match may change, comparable across contexts (nth counters in evaluation order). */
const state = (c: ReturnType<typeof context>) => ({
  draws: c.draws(),
  nth: [...c.nthCounters.values()],
  nfacct: [...c.nfacct],
  recent: [...c.recent].map(([name, list]) => [name, [...list]]),
});

const rulesOf = (r: Ruleset): Rule[] => [...r.tables.values()].flatMap((t) => [...t.chains.values()].flatMap((c) => c.rules));

describe('ruleMatches and rejectsQuietly', () => {
  it('decide as evaluateMatches does, with the same side effects', () => {
    fc.assert(
      fc.property(arbitraryRuleset(['filter', 'nat', 'raw'], false), fc.array(packetArb, { minLength: 1, maxLength: 4 }), ctxSpec, (ruleset, packets, spec) => {
        for (const rule of rulesOf(ruleset)) {
          for (const packet of packets) {
            const noted = context(spec);
            const quiet = context(spec);
            const expected = evaluateMatches(rule, packet, noted).matched;
            expect(ruleMatches(rule, packet, quiet)).toBe(expected);
            expect(state(quiet)).toEqual(state(noted));
            const untouched = context(spec);
            if (rejectsQuietly(rule, packet, untouched)) {
              expect(expected).toBe(false);
              expect(state(untouched)).toEqual(state(context(spec)));
            }
          }
        }
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });
});

/** Walks every built-in chain of `ruleset` quietly and with a matcher the walk cannot recognise, on separate copies. */
function compareWalks(ruleset: Ruleset, packet: Packet, spec: Parameters<typeof context>[0]): void {
  const reference: RuleMatcher = (r, p, c) => evaluateMatches(r, p, c);
  for (const [table, t] of ruleset.tables) {
    for (const hook of BUILTIN_CHAINS[table as TableName]) {
      if (!t.chains.has(hook)) continue;
      const a = structuredClone(ruleset);
      const b = structuredClone(ruleset);
      const ca = context(spec);
      const cb = context(spec);
      const quiet = walkTable(a, table, hook as Hook, packet, ca, evaluateMatches, false);
      const full = walkTable(b, table, hook as Hook, packet, cb, reference, false);
      expect(quiet).toEqual(full);
      expect(state(ca)).toEqual(state(cb));
      // Counters of every rule and policy.
      expect(a).toEqual(b);
    }
  }
}

describe('a walk that keeps only its last step', () => {
  it('ends as a full walk ends on generated rulesets', () => {
    fc.assert(
      fc.property(arbitraryRuleset(['filter', 'nat', 'raw', 'mangle'], true), packetArb, ctxSpec, (ruleset, packet, spec) => compareWalks(ruleset, packet, spec)),
      { numRuns: 120, seed: 20261201 },
    );
  });

  const rule = (dst: number | undefined, prefix: number, matches: Match[], target: Target): Rule => ({
    ip: dst === undefined ? {} : { destination: { value: { address: ipv4(prefix === 32 ? dst : 0x0a600000), prefix }, invert: false } },
    matches,
    target,
    counters: { packets: 0, bytes: 0 },
  });
  const serviceRule = fc
    .record({
      dst: fc.constantFrom(...POOL),
      prefix: fc.constantFrom(32, 32, 32, 32, 32, 32, 32, 16),
      port: fc.constantFrom(80, 443, 9000),
      statistic: fc.boolean(),
      target: fc.constantFrom<Target>({ kind: 'jump', chain: 'KUBE-SVC' }, { kind: 'ACCEPT' }, { kind: 'none' }, { kind: 'MARK', value: 0x4000, mask: 0x4000 }, { kind: 'DNAT', to: { minAddress: POOL[3]! } }),
    })
    .map(({ dst, prefix, port, statistic, target }) =>
      rule(dst, prefix, [
        { kind: 'comment', comment: 'svc' },
        { kind: 'tcp', destinationPort: { value: { from: port, to: port }, invert: false } },
        ...(statistic ? [{ kind: 'statistic' as const, mode: 'random' as const, probabilityU32: 0x40000000, invert: false }] : []),
      ], target),
    );

  it('skips runs of `-d X/32` rules by destination and still ends as a full walk ends', () => {
    fc.assert(
      fc.property(fc.array(serviceRule, { minLength: 0, maxLength: 60 }), fc.array(serviceRule, { maxLength: 20 }), packetArb, ctxSpec, (services, more, packet, spec) => {
        const chain = (name: string, rules: Rule[], builtin: boolean): Chain => ({ name, rules, ...(builtin ? { policy: 'ACCEPT' as const, policyCounters: { packets: 0, bytes: 0 } } : {}) });
        const nodePorts = rule(undefined, 0, [{ kind: 'addrtype', dstType: { value: ['LOCAL'], invert: false } }], { kind: 'RETURN' });
        const ruleset: Ruleset = {
          tables: new Map([
            [
              'nat',
              {
                name: 'nat',
                chains: new Map([
                  ['PREROUTING', chain('PREROUTING', [rule(undefined, 0, [], { kind: 'jump', chain: 'KUBE-SERVICES' })], true)],
                  ['INPUT', chain('INPUT', [], true)],
                  ['OUTPUT', chain('OUTPUT', [rule(undefined, 0, [], { kind: 'jump', chain: 'KUBE-SERVICES' })], true)],
                  ['POSTROUTING', chain('POSTROUTING', [], true)],
                  ['KUBE-SERVICES', chain('KUBE-SERVICES', [...services, nodePorts, ...more], false)],
                  ['KUBE-SVC', chain('KUBE-SVC', [rule(undefined, 0, [{ kind: 'statistic', mode: 'random', probabilityU32: 0x40000000, invert: false }], { kind: 'DNAT', to: { minAddress: POOL[3]! } }), rule(undefined, 0, [], { kind: 'RETURN' })], false)],
                ]),
              },
            ],
          ]),
        };
        compareWalks(ruleset, { ...packet, protocol: 'tcp', dport: 80 }, spec);
        compareWalks(ruleset, packet, spec);
      }),
      { numRuns: 1000, seed: 20261202 },
    );
  });

  it('counts the rules it skipped: a packet for the last of 5,000 services evaluates them all', () => {
    const rules: Rule[] = [];
    for (let i = 0; i < 5000; i++) rules.push(rule(0x0a600000 + i, 32, [], { kind: 'ACCEPT' }));
    const chains = new Map([['PREROUTING', { name: 'PREROUTING', rules, policy: 'ACCEPT' as const, policyCounters: { packets: 0, bytes: 0 } }]]);
    const ruleset: Ruleset = { tables: new Map([['nat', { name: 'nat', chains }]]) };
    const packet: Packet = { src: POOL[3]!, dst: ipv4(0x0a600000 + 4999) as Ipv4, protocol: 'tcp', sport: 1, dport: 80, mark: 0, length: 60 };
    const r = walkTable(ruleset, 'nat', 'PREROUTING', packet, context({ seed: 1, ctstates: ['NEW'], ctmark: 0, nowMs: 0 }), evaluateMatches, false);
    expect(r.evaluated).toBe(5000);
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]).toMatchObject({ ruleIndex: 4999, matched: true, target: 'ACCEPT' });
    expect(rules[4999]!.counters.packets).toBe(1);
    expect(rules.slice(0, 4999).every((x) => x.counters.packets === 0)).toBe(true);
  });
});
