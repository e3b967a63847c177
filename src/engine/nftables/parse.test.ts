/** Both parsers: nft's normalisations, located problems, and the rest of the text still read. */
import { describe, expect, it } from 'vitest';
import { parseNftList } from './parse-list';
import { parseTransaction } from './parse-transaction';
import { printNftList } from './print-list';
import { ruleText } from './print-rule';

const TABLE = 'add table ip t\nadd chain ip t c\nadd chain ip t d\nadd set ip t s { type ipv4_addr ; }\nadd map ip t m { type inet_proto . inet_service : verdict ; }\n';
const rulesOf = (text: string): string[] => {
  const r = parseTransaction(TABLE + text);
  expect(r.errors).toEqual([]);
  return r.ruleset.tables[0]!.chains[0]!.rules.map(ruleText);
};

describe('rules as nft normalises them (each line measured with nft 1.0.6)', () => {
  it.each([
    ['mark set mark or 0x4000', 'meta mark set meta mark | 0x00004000'],
    ['mark set mark xor 0x4000', 'meta mark set meta mark ^ 0x00004000'],
    ['mark and 0x4000 == 0 return', 'meta mark & 0x00004000 == 0x00000000 return'],
    ['meta mark & 0x4000 != 0 accept', 'meta mark & 0x00004000 != 0x00000000 accept'],
    ['meta mark 0x10 accept', 'meta mark 0x00000010 accept'],
    ['ct mark set 0x1', 'ct mark set 0x00000001'],
    ['ip daddr { 172.30.0.0/16 } drop', 'ip daddr 172.30.0.0/16 drop'],
    ['ip saddr != { 203.0.113.0/25 } drop', 'ip saddr != 203.0.113.0/25 drop'],
    ['ip daddr != { 5.6.7.8, 1.2.3.4 } accept', 'ip daddr != { 1.2.3.4, 5.6.7.8 } accept'],
    ['ct state new,established accept', 'ct state established,new accept'],
    ['ct state { new, established } accept', 'ct state { established, new } accept'],
    ['reject with icmp type port-unreachable', 'reject'],
    ['reject with icmp type host-unreachable', 'reject with icmp host-unreachable'],
    ['reject with tcp reset', 'reject with tcp reset'],
    ['counter', 'counter packets 0 bytes 0'],
    ['meta l4proto { udp, tcp } th dport 53 accept', 'meta l4proto { tcp, udp } th dport 53 accept'],
    ['fib saddr type { local, broadcast } drop', 'fib saddr type { local, broadcast } drop'],
    ['masquerade persistent,random', 'masquerade random,persistent'],
    ['numgen random mod 2 offset 1 vmap { 2 : drop, 1 : accept }', 'numgen random mod 2 offset 1 vmap { 1 : accept, 2 : drop }'],
    ['meta l4proto tcp dnat to 10.0.0.1:8080', 'meta l4proto tcp dnat to 10.0.0.1:8080'],
    ['iifname "eth0" oifname lo accept', 'iifname "eth0" oifname "lo" accept'],
    ['iifname != veth* accept', 'iifname != "veth*" accept'],
    ['ip daddr 10.0.0.0-10.0.0.5 accept', 'ip daddr 10.0.0.0-10.0.0.5 accept'],
    ['ct status dnat accept', 'ct status dnat accept'],
    ['update @s { ip saddr timeout 90s } goto d', 'update @s { ip saddr timeout 1m30s } goto d'],
    ['meta l4proto . th dport vmap @m comment "x y"', 'meta l4proto . th dport vmap @m comment "x y"'],
    ['meta l4proto tcp th dport 22 accept', 'tcp dport 22 accept'],
    ['ip protocol tcp tcp dport 22 accept', 'tcp dport 22 accept'],
    ['meta l4proto tcp counter reject with tcp reset', 'meta l4proto tcp counter packets 0 bytes 0 reject with tcp reset'],
    ['meta l4proto tcp reject with tcp reset', 'reject with tcp reset'],
    ['meta l4proto icmp icmp type destination-unreachable accept', 'icmp type destination-unreachable accept'],
    ['icmp type { echo-request, echo-reply } accept', 'icmp type { echo-reply, echo-request } accept'],
    ['log prefix "x: " level warn', 'log prefix "x: "'],
  ])('%s → %s', (input, printed) => {
    expect(rulesOf(`add rule ip t c ${input}\n`)).toEqual([printed]);
  });

  it('a set the packet path writes to becomes dynamic, with the default size', () => {
    const r = parseTransaction(TABLE + 'add rule ip t c update @s { ip saddr }\n');
    expect(printNftList(r.ruleset)).toContain('\tset s {\n\t\ttype ipv4_addr\n\t\tsize 65535\n\t\tflags dynamic\n\t}');
  });
});

describe('problems are located and the rest is still read', () => {
  it('transaction: a bad command is skipped, the next ones apply', () => {
    const r = parseTransaction(
      'add table ip t\nadd chain ip t c\nadd rule ip t c ip daddr 1.2.3 accept\nadd rule ip t c jump nowhere\nadd set ip t s { type ipv4_addr ; flags sometimes ; }\nadd rule ip t c accept\n',
    );
    expect(r.errors).toEqual([
      { line: 3, col: 26, message: '"1.2.3" is not a valid ipv4_addr' },
      { line: 4, col: 22, message: 'no chain nowhere (a jump or goto needs it declared first)' },
      { line: 5, col: 41, message: '"sometimes" is not a set flag' },
    ]);
    expect(r.ruleset.tables[0]!.chains[0]!.rules.map(ruleText)).toEqual(['accept']);
  });

  it('transaction: an element needs the set to exist and the map a verdict', () => {
    const r = parseTransaction(TABLE + 'add element ip t nope { 1.2.3.4 }\nadd element ip t m { tcp . 80 }\nadd element ip t s { 10.0.0.0/8 }\n');
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [6, 'no set or map nope'],
      [7, 'expected ":", found "}"'],
      [8, 'set s: 10.0.0.0/8 is an interval; the set needs flags interval'],
    ]);
  });

  it('listing: a bad rule line is reported at its token, the chain keeps its other rules', () => {
    const r = parseNftList('table ip t {\n\tchain c {\n\t\tip daddr 1.2.3 accept\n\t\tfrobnicate\n\t\tip saddr 10.0.0.0/8 accept\n\t}\n}\n');
    expect(r.errors).toEqual([
      { line: 3, col: 12, message: '"1.2.3" is not a valid ipv4_addr' },
      { line: 4, col: 3, message: '"frobnicate" is not a statement or expression the lab simulates' },
    ]);
    expect(printNftList(r.ruleset)).toBe('table ip t {\n\tchain c {\n\t\tip saddr 10.0.0.0/8 accept\n\t}\n}\n');
  });

  it('listing: an unclosed table and an unterminated string are reported, never thrown', () => {
    const r = parseNftList('table ip t {\n\tset s {\n\t\ttype ipv4_addr\n\t\tcomment "oops\n\t}\n');
    expect(r.errors.map((e) => e.message)).toEqual(['expected a comment, found the end of the statement', 'unterminated string', 'table ip t: missing "}"']);
  });

  it('families other than ip, inet and ip6 are refused with the reason', () => {
    expect(parseNftList('table arp f {\n}\n').errors[0]!.message).toBe('family arp is not simulated (ip, inet and ip6 are)');
    expect(parseNftList('table inet f {\n}\n').errors).toEqual([]);
  });

  it('IPv6 expressions in an inet or ip6 table are kept as printed, an IPv4 packet never matching them', () => {
    const text = 'table inet f {\n\tchain c {\n\t\ticmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept\n\t\tip6 saddr != fd00::/8 tcp dport 22 drop\n\t\tmeta l4proto tcp dnat to [fd00::5]:80\n\t\tip6 daddr . meta l4proto . th dport vmap @m\n\t}\n}\n';
    const r = parseNftList(text);
    expect(r.errors).toEqual([]);
    expect(r.ruleset.tables[0]!.chains[0]!.rules.map((x) => x.statements.map((s) => s.kind))).toEqual([['ipv6-only', 'verdict'], ['ipv6-only', 'match', 'verdict'], ['match', 'ipv6-only'], ['ipv6-only']]);
    expect(printNftList(r.ruleset)).toBe(text);
  });
});
