import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNftList } from '../nftables/parse-list';
import { printNftList } from '../nftables/print-list';
import type { RuleHop } from '../node/hops';
import { readVector } from '../test-support/vectors';
import { importDump } from './import';
import { nodeSetup } from './node-setup';
import { dumpTraceText } from './report';
import { traceDump } from './trace';

/**
 * A dual-stack node's `nft list ruleset` (real: test-vectors/iptables-nft/dual-stack.nft-list-ruleset.txt):
 * kube-proxy's `table ip kube-proxy` and `table ip6 kube-proxy`, and an inet host firewall. The lab traces
 * IPv4: the ip6 table is kept, listed and drawn but never entered; the inet table's base chains see the
 * packet, its IPv6 rules never match it.
 */
describe('a dual-stack nft ruleset: ip, ip6 and inet tables', () => {
  const dump = importDump(readVector('iptables-nft/dual-stack.nft-list-ruleset.txt'));
  const setup = nodeSetup(dump, { nodeIps: ['192.168.0.2'] });
  const ruleHops = (src: string, dst: string): RuleHop[] =>
    traceDump(dump, setup, { src, dst })
      .packets[0]!.hops.filter((h): h is RuleHop => h.kind === 'rule');

  it('keeps every table; only the ip6 table\'s IPv6 sets are left out, said as warnings', () => {
    expect(dump.nft!.ruleset.tables.map((t) => `${t.family} ${t.name}`)).toEqual(['ip kube-proxy', 'ip6 kube-proxy', 'inet host-firewall']);
    expect(dump.issues.map((i) => [i.line, i.severity])).toEqual([
      [230, 'warning'],
      [236, 'warning'],
    ]);
    expect(dump.issues[0]!.message).toBe('line 230: nft: set cluster-ips holds IPv6 addresses: not read (IPv6 is not simulated; the rules that use it are kept as printed)');
    const ip6 = dump.nft!.ruleset.tables[1]!;
    expect(ip6.chains.map((c) => c.name)).toContain('service-XPO2GOLH-ns1/svc6/tcp/p80');
    expect(dump.owners.get('ip6 kube-proxy/services')).toBe('kube-proxy');
    expect(dump.nft!.chainLines.get('ip6 kube-proxy/services')).toBe(252);
  });

  it('an IPv4 packet to ns1/svc1 is DNATed by the ip table and never enters the ip6 one', () => {
    const t = traceDump(dump, setup, { src: '10.0.0.9', dst: '172.30.0.41:80' });
    expect(t.outcome).toBe('delivered');
    expect(t.endpoint).toMatchObject({ ip: '10.180.0.1', port: 80 });
    const tables = new Set(t.packets.flatMap((p) => p.hops).flatMap((h) => (h.kind === 'rule' ? [String(h.table)] : [])));
    expect(tables.has('ip kube-proxy')).toBe(true);
    expect(tables.has('ip6 kube-proxy')).toBe(false);
    expect(dumpTraceText(t, dump)).toContain('table ip6 kube-proxy is passed by: its hooks see IPv6 packets only, and the lab traces IPv4; table inet host-firewall: its base chains see this IPv4 packet, its IPv6 rules (ip6 …, icmpv6 …) never match it');
  });

  it("the inet firewall's input chain sees the packet: the ip6 rules pass it by, the ip rule or the drop decides", () => {
    const fromPods = ruleHops('10.1.2.3', '192.168.0.2:10250').filter((h) => h.table === 'inet host-firewall');
    expect(fromPods.map((h) => [h.ruleIndex, h.matched])).toEqual([
      [0, false],
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    expect(fromPods[3]!.notes).toContain('ip6 saddr fe80::/10: an IPv6 match, an IPv4 packet never matches it');
    const t = traceDump(dump, setup, { src: '203.0.113.7', dst: '192.168.0.2:10250' });
    expect(t.outcome).toBe('dropped');
    const inet = t.packets[0]!.hops.filter((h): h is RuleHop => h.kind === 'rule' && h.table === 'inet host-firewall');
    expect(inet.filter((h) => h.matched).map((h) => h.ruleIndex)).toEqual([6]);
  });
});

const hex = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
const v6 = fc.tuple(hex, hex, hex, fc.boolean(), hex).map(([a, b, c, gap, d]) => (gap ? `${a}:${b}::${d}` : `${a}:${b}:${c}::${d}`));
const v6match = fc.oneof(
  fc.tuple(fc.constantFrom('saddr', 'daddr'), fc.boolean(), v6, fc.option(fc.integer({ min: 8, max: 128 }), { nil: undefined })).map(([f, neg, a, len]) => `ip6 ${f} ${neg ? '!= ' : ''}${a}${len ? `/${len}` : ''}`),
  fc.constantFrom('icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert }', 'meta nfproto ipv6', 'ip6 nexthdr tcp', 'ip6 daddr . meta l4proto . th dport vmap @service-ips'),
);
const v4part = fc.constantFrom('', 'tcp dport 80', 'ct state new', 'iifname "eth0"', 'udp dport 546');
const tail = fc.constantFrom('accept', 'drop', 'jump mark-for-masquerade', 'counter packets 3 bytes 180 drop', '');

describe('property: an IPv6 rule in an inet table prints back as nft listed it', () => {
  it('parse then print is the identity, never an error', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(v4part, v6match, tail), { minLength: 1, maxLength: 4 }), (rules) => {
        const lines = rules.map(([a, b, c]) => [a, b, c].filter((x) => x !== '').join(' '));
        const text = `table inet f {\n\tchain mark-for-masquerade {\n\t}\n\n\tchain c {\n${lines.map((l) => `\t\t${l}\n`).join('')}\t}\n}\n`;
        const r = parseNftList(text);
        expect(r.errors).toEqual([]);
        expect(printNftList(r.ruleset)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
