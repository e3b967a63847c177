/**
 * The chain walk on its own, with a matcher that only looks at the destination address, so each case
 * isolates jump/goto/RETURN/policy/counter behaviour (the real matcher is tested in matches.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Chain, Rule, Ruleset, Target } from './model';
import type { MatchContext } from './match-context';
import { applyMark, walkTable } from './walk';
import type { RuleMatcher } from './walk';
import { cidrContains, parseCidr, parseIpv4 } from '../ipv4';
import type { Packet } from '../packet';

const rule = (target: Target, dst?: string): Rule => ({
  ip: dst ? { destination: { value: parseCidr(dst)!, invert: false } } : {},
  matches: [],
  target,
  counters: { packets: 0, bytes: 0 },
});
const chain = (name: string, rules: Rule[], policy?: 'ACCEPT' | 'DROP'): Chain => ({
  name,
  rules,
  ...(policy ? { policy, policyCounters: { packets: 0, bytes: 0 } } : {}),
});
const ruleset = (...chains: Chain[]): Ruleset => ({
  tables: new Map([['nat', { name: 'nat', chains: new Map(chains.map((c) => [c.name, c])) }]]),
});
const byDestination: RuleMatcher = (r, p) => ({
  matched: !r.ip.destination || cidrContains(r.ip.destination.value, p.dst) !== r.ip.destination.invert,
  notes: [],
  unknown: false,
});
const packet = (dst: string): Packet => ({ src: parseIpv4('10.0.0.1')!, dst: parseIpv4(dst)!, protocol: 'tcp', sport: 40000, dport: 80, mark: 0, length: 60 });
const ctx = { ctmark: 0 } as MatchContext;
const trail = (r: ReturnType<typeof walkTable>) => r.steps.map((s) => `${s.chain}#${s.ruleIndex}${s.matched ? `→${s.target ?? ''}` : ' no'}`);

describe('walkTable', () => {
  it('jumps, falls off a user chain back to the caller, then applies the policy', () => {
    const rs = ruleset(
      chain('PREROUTING', [rule({ kind: 'jump', chain: 'KUBE-SERVICES' }), rule({ kind: 'none' })], 'ACCEPT'),
      chain('KUBE-SERVICES', [rule({ kind: 'ACCEPT' }, '10.96.0.1/32')]),
    );
    const r = walkTable(rs, 'nat', 'PREROUTING', packet('10.96.0.2'), ctx, byDestination);
    expect(trail(r)).toEqual(['PREROUTING#0→KUBE-SERVICES', 'KUBE-SERVICES#0 no', 'PREROUTING#1→', 'PREROUTING#-1→policy ACCEPT']);
    expect(r.verdict).toEqual({ kind: 'ACCEPT' });
    const pre = rs.tables.get('nat')!.chains.get('PREROUTING')!;
    expect(pre.rules.map((x) => x.counters.packets)).toEqual([1, 1]);
    expect(pre.policyCounters).toEqual({ packets: 1, bytes: 60 });
  });

  it('goto does not come back: RETURN there returns to the chain that jumped before', () => {
    const rs = ruleset(
      chain('OUTPUT', [rule({ kind: 'jump', chain: 'A' }), rule({ kind: 'DROP' })], 'ACCEPT'),
      chain('A', [rule({ kind: 'goto', chain: 'B' }), rule({ kind: 'ACCEPT' })]),
      chain('B', [rule({ kind: 'RETURN' })]),
    );
    const r = walkTable(rs, 'nat', 'OUTPUT', packet('1.1.1.1'), ctx, byDestination);
    expect(trail(r)).toEqual(['OUTPUT#0→A', 'A#0→B', 'B#0→RETURN', 'OUTPUT#1→DROP']);
    expect(r.verdict).toEqual({ kind: 'DROP', byPolicy: false });
  });

  it('RETURN in a built-in chain applies its policy', () => {
    const rs = ruleset(chain('INPUT', [rule({ kind: 'RETURN' }), rule({ kind: 'ACCEPT' })], 'DROP'));
    const r = walkTable(rs, 'nat', 'INPUT', packet('1.1.1.1'), ctx, byDestination);
    expect(trail(r)).toEqual(['INPUT#0→RETURN', 'INPUT#-1→policy DROP']);
    expect(r.verdict).toEqual({ kind: 'DROP', byPolicy: true });
  });

  it('MARK changes the mark and goes on; DNAT stops the nat walk with a decision', () => {
    const rs = ruleset(
      chain('PREROUTING', [rule({ kind: 'jump', chain: 'KUBE-MARK-MASQ' }), rule({ kind: 'DNAT', to: { minAddress: parseIpv4('10.244.1.2')!, ports: { from: 80, to: 80 } } }), rule({ kind: 'DROP' })], 'ACCEPT'),
      chain('KUBE-MARK-MASQ', [rule({ kind: 'MARK', value: 0x4000, mask: 0x4000 })]),
    );
    const r = walkTable(rs, 'nat', 'PREROUTING', packet('10.96.0.10'), ctx, byDestination);
    expect(r.mark).toBe(0x4000);
    expect(r.nat?.kind).toBe('DNAT');
    expect(trail(r)).toEqual(['PREROUTING#0→KUBE-MARK-MASQ', 'KUBE-MARK-MASQ#0→MARK', 'PREROUTING#1→DNAT']);
    expect(r.steps[1]).toMatchObject({ markBefore: 0, markAfter: 0x4000 });
  });

  it('xt_MARK arithmetic: or, xor, set, and', () => {
    expect(applyMark(0x1, 0x4000, 0x4000)).toBe(0x4001); // --or-mark 0x4000
    expect(applyMark(0x4001, 0x4000, 0)).toBe(0x0001); // --xor-mark 0x4000 (as --set-xmark 0x4000/0x0)
    expect(applyMark(0xff, 0x12, 0xffffffff)).toBe(0x12); // --set-mark 0x12
    expect(applyMark(0xff, 0, ~0x0f >>> 0)).toBe(0x0f); // --and-mark 0x0f
  });

  it('a missing built-in chain accepts without steps', () => {
    const r = walkTable(ruleset(), 'nat', 'FORWARD', packet('1.1.1.1'), ctx, byDestination);
    expect(r).toMatchObject({ verdict: { kind: 'ACCEPT' }, steps: [] });
  });
});
