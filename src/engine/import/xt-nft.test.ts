import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importDump } from './import';
import { nodeSetup } from './node-setup';
import { spreadDump } from './spread';
import { traceDump } from './trace';
import { xtRule } from './xt-nft';
import { printIptablesSave } from '../netfilter/print';
import { parseRuleArgs } from '../netfilter/parse-rule';
import { readVector } from '../test-support/vectors';
import type { Ruleset } from '../netfilter/model';
import type { RuleHop } from '../node/hops';

/**
 * An iptables-nft node's `nft list ruleset` (real samples: test-vectors/iptables-nft/) reads back into
 * the iptables rules `iptables-nft-save` prints for the same kernel rules, so it draws and traces the same.
 */

/**
 * iptables-save lines, tables in name order, `-m comment` left out (nft 1.0.6 does not show iptables-nft's
 * comments), and so is a `-m tcp` without options (kube-proxy's KUBE-SEP DNAT rule has one: it tests
 * nothing `-p tcp` does not, and nft shows it as nothing).
 */
function ruleLines(r: Ruleset): string[] {
  const blocks = printIptablesSave(r)
    .split(/\n(?=\*)/)
    .sort();
  return blocks
    .join('\n')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.replace(/ -m comment --comment ("[^"]*"|\S+)/g, '').replace(/ -m (tcp|udp)(?= -[mjg] |$)/g, ''));
}

describe('an iptables-nft ruleset as nft lists it reads back as its iptables-nft-save', () => {
  const nft = importDump(readVector('iptables-nft/k8s-overall.nft-list-ruleset.txt'));
  const save = importDump(readVector('iptables-nft/k8s-overall.iptables-nft-save.txt'));

  it('holds the same tables and chains, no nft table left over', () => {
    expect(nft.nft).toBeUndefined();
    expect([...nft.ruleset.tables.keys()].sort()).toEqual([...save.ruleset.tables.keys()].sort());
    for (const [name, t] of save.ruleset.tables) expect([...nft.ruleset.tables.get(name)!.chains.keys()].sort()).toEqual([...t.chains.keys()].sort());
    expect(nft.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('every rule is the same, but for what nft does not show (recent, nfacct options) or shows wrongly', () => {
    const a = ruleLines(nft.ruleset);
    const b = ruleLines(save.ruleset);
    expect(a.length).toBe(b.length);
    const differing = a.map((l, k) => [l, b[k]!] as const).filter(([x, y]) => x !== y);
    expect(differing).toEqual([
      // libxtables' translation of `! --ctstate RELATED,ESTABLISHED,DNAT` prints `ct status dnat`
      ['-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m conntrack --ctstate DNAT -j DROP', '-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP'],
      ['-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct (nft: xt match, options not shown) -j DROP', '-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts -j DROP'],
      // `-m nfacct --nfacct-name …` prints as `xt match nfacct`: the name is not shown
      ['-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m tcp --dport 3001 -m nfacct (nft: xt match, options not shown) -j KUBE-EXT-GNZBNJ2PO5MGZ6GT', '-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m tcp --dport 3001 -m nfacct --nfacct-name  localhost_nps_accepted_pkts -j KUBE-EXT-GNZBNJ2PO5MGZ6GT'],
      ['-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m tcp --dport 3003 -m nfacct (nft: xt match, options not shown) -j KUBE-EXT-X27LE4BHSL4DOUIK', '-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m tcp --dport 3003 -m nfacct --nfacct-name  localhost_nps_accepted_pkts -j KUBE-EXT-X27LE4BHSL4DOUIK'],
      ['-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m tcp --dport 3002 -m nfacct (nft: xt match, options not shown) -j KUBE-EXT-NUKIZ6OKUXPJNT4C', '-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m tcp --dport 3002 -m nfacct --nfacct-name  localhost_nps_accepted_pkts -j KUBE-EXT-NUKIZ6OKUXPJNT4C'],
      // session affinity's `-m recent`: neither the --set nor the --rcheck is shown
      ['-A KUBE-SEP-I77PXRDZVX7PMWMN -p tcp -m recent (nft: xt match, options not shown) -j DNAT --to-destination 10.180.0.3:80', '-A KUBE-SEP-I77PXRDZVX7PMWMN -p tcp -m recent --set --name KUBE-SEP-I77PXRDZVX7PMWMN --mask 255.255.255.255 --rsource -j DNAT --to-destination 10.180.0.3:80'],
      ['-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m recent (nft: xt match, options not shown) -j KUBE-SEP-I77PXRDZVX7PMWMN', '-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-I77PXRDZVX7PMWMN --mask 255.255.255.255 --rsource -j KUBE-SEP-I77PXRDZVX7PMWMN'],
    ]);
  });

  it('reports what it cannot read as the iptables reader reports an unknown match', () => {
    const recent = nft.issues.find((i) => i.subject === 'xt match recent')!;
    expect(recent).toMatchObject({ kind: 'unknown-match', severity: 'warning', line: 73 });
    expect(recent.message).toBe('this dump uses `xt match recent` (2 rules, the first on line 73); the lab treats it as not matching: results after it may differ from your node');
    expect(nft.issues.find((i) => i.subject === 'xt match nfacct')?.message).toMatch(/^this dump uses `xt match nfacct` \(4 rules, the first on line 52\)/);
    expect(nft.hasCounters).toBe(true);
  });
});

describe('tracing an iptables-nft node through nft list ruleset and through iptables-save', () => {
  const nft = importDump(readVector('iptables-nft/eks-svc-nginx.nft-list-ruleset.txt'));
  const save = importDump(readVector('iptables-nft/eks-svc-nginx.iptables-nft-save.txt'));
  const request = { src: '10.56.128.99', dst: '172.30.191.111:80' };
  const nftSetup = nodeSetup(nft, { nodeIps: ['10.56.128.40'] });
  const saveSetup = nodeSetup(save, { nodeIps: ['10.56.128.40'] });

  it('reads with no problem but the nfacct counter it cannot show', () => {
    expect(nft.issues.map((i) => i.subject)).toEqual(['xt match nfacct']);
  });

  it('the same hops: chain, rule, matched, target', () => {
    const hops = (d: typeof nft, s: typeof nftSetup): string[] =>
      traceDump(d, s, request)
        .packets.flatMap((p) => p.hops)
        .filter((h): h is RuleHop => h.kind === 'rule')
        .map((h) => `${h.hook} ${h.table} ${h.chain}#${h.ruleIndex} ${h.matched}`);
    const a = hops(nft, nftSetup);
    expect(a.some((h) => h.includes('KUBE-SVC-WUUAWPAQCWK2NLSB'))).toBe(true);
    expect(a).toEqual(hops(save, saveSetup));
  });

  it('the same endpoints with the same probabilities (1/3, 1/2, rest)', () => {
    const a = spreadDump(nft, nftSetup, { ...request, connections: 3000 });
    const b = spreadDump(save, saveSetup, { ...request, connections: 3000 });
    expect(a.endpoints).toEqual(b.endpoints);
    expect(Object.keys(a.endpoints).sort()).toEqual(['10.56.115.164:80', '10.56.120.51:80', '10.56.135.64:80']);
    const probabilities = (r: Ruleset): number[] =>
      r.tables
        .get('nat')!
        .chains.get('KUBE-SVC-WUUAWPAQCWK2NLSB')!
        .rules.flatMap((rule) => rule.matches.flatMap((m) => (m.kind === 'statistic' && m.mode === 'random' ? [m.probabilityU32] : [])));
    expect(probabilities(nft.ruleset)).toEqual([715827883, 1073741824]);
    expect(probabilities(nft.ruleset)).toEqual(probabilities(save.ruleset));
  });
});

/** How iptables-nft's rules print in `nft list ruleset` (see test-vectors/iptables-nft/README.md). */
const addr = fc.tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 }), fc.constantFrom(8, 16, 24, 32));
const part = fc.oneof(
  fc.tuple(fc.boolean(), addr, fc.constantFrom('saddr', 'daddr')).map(([neg, [a, b, c, d, p], f]) => ({
    key: f,
    nft: `ip ${f} ${neg ? '!= ' : ''}${a}.${b}.${c}.${d}${p === 32 ? '' : `/${p}`}`,
    ipt: `${neg ? '! ' : ''}${f === 'saddr' ? '-s' : '-d'} ${a}.${b}.${c}.${d}/${p}`,
  })),
  fc.tuple(fc.constantFrom('iifname', 'oifname'), fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), fc.boolean()).map(([k, n, wild]) => ({
    key: k,
    nft: `${k} "${n}${wild ? '*' : ''}"`,
    ipt: `${k === 'iifname' ? '-i' : '-o'} ${n}${wild ? '+' : ''}`,
  })),
  fc.constantFrom('new', 'related,established', 'invalid').map((s) => ({ key: 'ct', nft: `ct state ${s}`, ipt: `-m conntrack --ctstate ${s.toUpperCase()}` })),
  fc.constantFrom('saddr', 'daddr').map((f) => ({ key: `fib ${f}`, nft: `fib ${f} type local`, ipt: `-m addrtype --${f === 'saddr' ? 'src' : 'dst'}-type LOCAL` })),
  fc.tuple(fc.integer({ min: 1, max: 0x7fffffff }), fc.boolean()).map(([n, neg]) => ({ key: 'random', nft: `meta random & 2147483647 ${neg ? '>=' : '<'} ${n}`, ipt: `-m statistic --mode random ${neg ? '! ' : ''}--probability ${(n / 0x80000000).toFixed(11)}` })),
  fc.tuple(fc.integer({ min: 2, max: 100 }), fc.boolean()).map(([every, neg]) => ({ key: 'nth', nft: `numgen inc mod ${every} ${neg ? '!= ' : ''}${every - 1}`, ipt: `-m statistic --mode nth ${neg ? '! ' : ''}--every ${every} --packet ${every - 1}` })),
  fc.tuple(fc.integer({ min: 1, max: 0xffff }), fc.boolean()).map(([m, neg]) => ({ key: 'mark', nft: `meta mark & 0x${m.toString(16).padStart(8, '0')} ${neg ? '!=' : '=='} 0x${m.toString(16).padStart(8, '0')}`, ipt: `-m mark ${neg ? '! ' : ''}--mark 0x${m.toString(16)}/0x${m.toString(16)}` })),
);
const verdict = fc.oneof(
  fc.constantFrom({ nft: 'accept', ipt: '-j ACCEPT' }, { nft: 'drop', ipt: '-j DROP' }, { nft: 'return', ipt: '-j RETURN' }, { nft: 'reject', ipt: '-j REJECT' }, { nft: 'masquerade fully-random', ipt: '-j MASQUERADE --random-fully' }, { nft: '', ipt: '' }),
  fc.stringMatching(/^KUBE-[A-Z0-9]{4,16}$/).map((c) => ({ nft: `jump ${c}`, ipt: `-j ${c}` })),
  fc.tuple(addr, fc.integer({ min: 1, max: 65535 })).map(([[a, b, c, d], port]) => ({ nft: `dnat to ${a}.${b}.${c}.${d}:${port}`, ipt: `-j DNAT --to-destination ${a}.${b}.${c}.${d}:${port}` })),
  fc.integer({ min: 1, max: 0xffff }).map((m) => ({ nft: `meta mark set mark or 0x${m.toString(16)}`, ipt: `-j MARK --or-mark 0x${m.toString(16)}` })),
  fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 1, max: 0xffffffff })).map(([v, mask]) => ({ nft: `meta mark set mark and 0x${(~mask >>> 0).toString(16)} xor 0x${v.toString(16)}`, ipt: `-j MARK --set-xmark 0x${v.toString(16)}/0x${mask.toString(16)}` })),
);
const proto = fc.option(
  fc.tuple(fc.constantFrom('tcp', 'udp'), fc.integer({ min: 1, max: 65535 }), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })).map(([p, port, sport]) => ({
    nft: [`meta l4proto ${p}`, ...(sport ? [`${p} sport ${sport}`] : []), `${p} dport ${port}`],
    ipt: [`-p ${p}`, `-m ${p}${sport ? ` --sport ${sport}` : ''} --dport ${port}`],
  })),
  { nil: undefined },
);

describe('property: an iptables-nft rule as nft prints it reads back as the rule', () => {
  it('the same parsed rule, in any order of its matches', () => {
    fc.assert(
      fc.property(fc.uniqueArray(part, { maxLength: 4, selector: (p) => p.key }), proto, verdict, fc.nat({ max: 1e6 }), (parts, p, v, packets) => {
        // one of each selector at most (uniqueArray by key): iptables refuses two -s
        const ps = parts;
        const nftText = [...(p?.nft.slice(0, 1) ?? []), ...ps.map((x) => x.nft), ...(p?.nft.slice(1) ?? []), `counter packets ${packets} bytes ${packets * 60}`, v.nft].filter((s) => s !== '').join(' ');
        const iptText = [...(p?.ipt ?? []), ...ps.map((x) => x.ipt), v.ipt].filter((s) => s !== '').join(' ');
        const r = xtRule(nftText);
        expect(r.unknownMatches).toEqual([]);
        expect(r.counters).toEqual({ packets, bytes: packets * 60 });
        const tokens = (ws: readonly string[]) => ws.map((text) => ({ text, col: 1 }));
        const got = parseRuleArgs(tokens(r.args));
        const want = parseRuleArgs(tokens(iptText.split(' ').filter((w) => w !== '')));
        expect(got.ip).toEqual(want.ip);
        expect(got.target).toEqual(want.target);
        expect(new Set(got.matches.map((m) => JSON.stringify(m)))).toEqual(new Set(want.matches.map((m) => JSON.stringify(m))));
      }),
      { numRuns: 300 },
    );
  });

  it('whatever else the line holds stays verbatim, as unknown matches, never thrown', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('limit', 'rate', '5/second', 'xt', 'match', '"recent"', 'ip6', 'saddr', '::1', 'tcp', 'flags', 'syn', 'meta', 'mark', 'set', '{', '}', 'counter', 'jump', 'X'), { maxLength: 12 }), (ws) => {
        const r = xtRule(ws.join(' '));
        expect(Array.isArray(r.args)).toBe(true);
      }),
    );
    expect(xtRule('limit rate 5/second counter packets 1 bytes 2 accept')).toEqual({ args: ['-j', 'ACCEPT'], counters: { packets: 1, bytes: 2 }, unknownMatches: ['limit rate 5/second'] });
    expect(xtRule('meta l4proto tcp xt match "recent" xt target "CLASSIFY"')).toEqual({ args: ['-p', 'tcp'], unknownMatches: ['xt match recent'], unknownTarget: 'CLASSIFY' });
  });
});
