/**
 * Expression and verdict semantics of the evaluator, one table of cases: each builds a small table with
 * one base chain, evaluates a packet and reads the verdict, the marks, the NAT chosen and the rules counted.
 */
import { describe, expect, it } from 'vitest';
import { parseIpv4, type Ipv4 } from '../ipv4';
import type { Packet } from '../packet';
import { evaluateChain, type ChainResult, type NftEvalContext } from './evaluate';
import { parseTransaction } from './parse-transaction';
import { ruleText } from './print-rule';
import { createRuntime, type NftRuntime } from './runtime';

const ip = (s: string): Ipv4 => parseIpv4(s)!;

function table(rules: string, extra = ''): ReturnType<typeof parseTransaction>['ruleset']['tables'][number] {
  const text = [
    'add table ip t',
    'add chain ip t base { type filter hook input priority 0 ; policy drop ; }',
    'add chain ip t sub',
    'add chain ip t sub2',
    'add set ip t addrs { type ipv4_addr ; flags interval ; }',
    'add element ip t addrs { 10.0.0.0/8, 192.168.1.1 }',
    'add set ip t pairs { type ipv4_addr . inet_service ; }',
    'add element ip t pairs { 10.1.2.3 . 443 }',
    'add set ip t seen { type ipv4_addr ; flags dynamic,timeout ; timeout 10s ; }',
    'add map ip t ports { type inet_proto . inet_service : verdict ; }',
    'add element ip t ports { tcp . 22 : accept, udp . 53 : jump sub }',
    extra,
    ...rules.split('\n').filter((l) => l !== '').map((l) => (l.startsWith('sub') ? `add rule ip t ${l}` : `add rule ip t base ${l}`)),
  ].join('\n');
  const r = parseTransaction(text);
  expect(r.errors).toEqual([]);
  return r.ruleset.tables[0]!;
}

const pkt = (over: Partial<Packet> = {}): Packet => ({ src: ip('10.1.2.3'), dst: ip('192.168.1.1'), protocol: 'tcp', sport: 40000, dport: 443, mark: 0, length: 60, ...over });

function run(rules: string, over: Partial<Packet> = {}, ctx: Partial<NftEvalContext> = {}, runtime: NftRuntime = createRuntime()): ChainResult {
  const t = table(rules);
  return evaluateChain(t.chains.find((c) => c.name === 'base')!, {
    table: t,
    runtime,
    packet: pkt(over),
    ctstate: 'NEW',
    ctstatus: 0,
    ctmark: 0,
    localAddresses: new Set([ip('192.168.1.1')]),
    nowMs: 0,
    random32: () => 0x80000000,
    record: true,
    ...ctx,
  });
}

const verdict = (r: ChainResult): string => (r.verdict.kind === 'drop' ? (r.verdict.byPolicy ? 'policy drop' : 'drop') : r.verdict.kind === 'reject' ? `reject ${JSON.stringify(r.verdict.with)}` : 'accept');

describe('nft expressions and verdicts as the kernel evaluates them', () => {
  it.each([
    ['a match that fails goes on to the next rule, the policy ends the base chain', 'ip saddr 1.2.3.4 accept', {}, {}, 'policy drop', 2],
    ['prefix match', 'ip saddr 10.0.0.0/8 accept', {}, {}, 'accept', 1],
    ['!= on a prefix', 'ip saddr != 10.0.0.0/8 accept', {}, {}, 'policy drop', 2],
    ['a named interval set', 'ip daddr @addrs accept', {}, {}, 'accept', 1],
    ['a concatenated named set', 'ip saddr . tcp dport @pairs accept', {}, {}, 'accept', 1],
    ['tcp dport does not match a UDP packet (its protocol dependency)', 'tcp dport 443 accept', { protocol: 'udp' as const }, {}, 'policy drop', 2],
    ['th dport reads any transport port', 'th dport 443 accept', { protocol: 'udp' as const }, {}, 'accept', 1],
    ['ct state is a bitmask: established,related holds ESTABLISHED', 'ct state established,related accept', {}, { ctstate: 'ESTABLISHED' as const }, 'accept', 1],
    ['ct state new does not hold ESTABLISHED', 'ct state new accept', {}, { ctstate: 'ESTABLISHED' as const }, 'policy drop', 2],
    ['ct status dnat reads the entry', 'ct status dnat accept', {}, { ctstatus: 32 }, 'accept', 1],
    ['ct mark does not match a packet without a conntrack entry', 'ct mark 0x0 accept', {}, { ctmark: undefined, ctstatus: undefined, ctstate: 'INVALID' as const }, 'policy drop', 2],
    ['fib daddr type local', 'fib daddr type local accept', {}, {}, 'accept', 1],
    ['fib saddr type local does not hold a remote source', 'fib saddr type local accept', {}, {}, 'policy drop', 2],
    ['mark & mask == value', 'mark and 0x4000 == 0x4000 accept', { mark: 0x4001 }, {}, 'accept', 1],
    ['a vmap hit jumps; the sub chain returns at its end', 'meta l4proto . th dport vmap @ports\naccept\nsub counter', { protocol: 'udp' as const, dport: 53 }, {}, 'accept', 3],
    ['a vmap miss does not match (next rule)', 'meta l4proto . th dport vmap @ports\ndrop', { dport: 80 }, {}, 'drop', 2],
    ['goto does not come back: the base chain policy applies at the sub chain end', 'goto sub\naccept', {}, {}, 'policy drop', 2],
    ['jump comes back after the sub chain', 'jump sub\naccept\nsub counter', {}, {}, 'accept', 3],
    ['return in a sub chain comes back to the rule after the jump', 'jump sub\naccept\nsub return\nsub drop', {}, {}, 'accept', 3],
    ['reject with tcp reset carries meta l4proto tcp: a UDP packet goes on', 'reject with tcp reset\naccept', { protocol: 'udp' as const }, {}, 'accept', 2],
    ['plain reject is ICMP port unreachable', 'reject', {}, {}, 'reject {"kind":"icmp","code":"port-unreachable"}', 1],
    ['an anonymous set', 'tcp dport { 22, 443 } accept', {}, {}, 'accept', 1],
    ['iifname', 'iifname "eth0" accept', { inInterface: 'eth0' }, {}, 'accept', 1],
    ['iifname with a wildcard matches by prefix', 'iifname != "veth*" drop\naccept', { inInterface: 'veth1234' }, {}, 'accept', 2],
    ['iifname with a wildcard: another interface', 'iifname != "veth*" drop\naccept', { inInterface: 'eth0' }, {}, 'drop', 1],
    ['icmp type matches an ICMP packet', 'icmp type echo-request accept', { protocol: 'icmp' as const, sport: 0, dport: 0, icmpType: 8 }, {}, 'accept', 1],
    ['icmp type does not match a TCP packet', 'icmp type echo-request accept', {}, {}, 'policy drop', 2],
    ['log lets the packet go on', 'log prefix "x "\naccept', {}, {}, 'accept', 2],
    ['numgen random mod 4 with a draw of 2^31 picks 2', 'numgen random mod 4 vmap { 0 : drop, 1 : drop, 2 : accept, 3 : drop }', {}, {}, 'accept', 1],
  ])('%s', (_name, rules, over, ctx, expected, evaluated) => {
    const r = run(rules, over, ctx);
    expect(verdict(r)).toBe(expected);
    expect(r.evaluated).toBe(evaluated);
  });

  it('mark set mark or / xor change the packet mark as the chain goes', () => {
    const r = run('mark set mark or 0x4000\nmark set mark xor 0x4001\nct mark set 0x7\naccept', { mark: 0x10 });
    // 0x10 | 0x4000 = 0x4010; ^ 0x4001 = 0x0011.
    expect([r.mark, r.ctmark]).toEqual([0x11, 7]);
  });

  it('dnat and masquerade end the chain with the NAT they ask for', () => {
    expect(run('meta l4proto tcp dnat to 10.0.0.9:8080\ndrop').nat).toMatchObject({ kind: 'dnat', address: ip('10.0.0.9'), port: 8080 });
    expect(run('masquerade fully-random').nat).toEqual({ kind: 'masquerade', flags: ['fully-random'] });
  });

  it('numgen inc counts per expression from 0', () => {
    const runtime = createRuntime();
    const t = table('numgen inc mod 3 vmap { 0 : accept, 1 : drop, 2 : continue }');
    const ctx = (): NftEvalContext => ({ table: t, runtime, packet: pkt(), ctstate: 'NEW', ctstatus: 0, ctmark: 0, localAddresses: new Set(), nowMs: 0, random32: () => 0, record: false });
    const base = t.chains.find((c) => c.name === 'base')!;
    expect([0, 1, 2, 3].map(() => verdict(evaluateChain(base, ctx())))).toEqual(['accept', 'drop', 'policy drop', 'accept']);
  });

  it('update adds with the set timeout and refreshes; add does not refresh; lookups see only live elements', () => {
    const runtime = createRuntime();
    const at = (nowMs: number, rules: string): ChainResult => run(rules, {}, { nowMs }, runtime);
    expect(verdict(at(0, 'ip saddr @seen accept\nupdate @seen { ip saddr }'))).toBe('policy drop');
    expect(verdict(at(9_999, 'ip saddr @seen accept'))).toBe('accept');
    at(9_999, 'update @seen { ip saddr }');
    expect(verdict(at(19_000, 'ip saddr @seen accept'))).toBe('accept');
    at(19_000, 'add @seen { ip saddr }');
    // `add` left the expiry at 9_999 + 10 s.
    expect(verdict(at(19_998, 'ip saddr @seen accept'))).toBe('accept');
    expect(verdict(at(19_999, 'ip saddr @seen accept'))).toBe('policy drop');
  });

  it('steps name each rule as nft lists it, the map lookup (with its key) before the rule\'s verdict', () => {
    const r = run('meta l4proto . th dport vmap @ports', { dport: 22 });
    expect(r.steps).toEqual([
      { kind: 'lookup', chain: 'base', ruleIndex: 0, map: 'ports', key: 'tcp . 22', verdict: 'accept' },
      { kind: 'rule', chain: 'base', ruleIndex: 0, rule: 'meta l4proto . th dport vmap @ports', matched: true, target: 'accept', markBefore: 0, markAfter: 0, notes: [] },
    ]);
    expect(ruleText(table('ip saddr 10.0.0.0/8 counter accept').chains[0]!.rules[0]!)).toBe('ip saddr 10.0.0.0/8 counter packets 0 bytes 0 accept');
  });
});
