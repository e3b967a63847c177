import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../worker/engine-session';
import { indexRuleLines, placeParts } from './line-map';

const scenario = readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8');
const text = `${scenario}\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\n`;
const NODE = 'myk8s-worker';

describe('hovering `nft list ruleset` in the rules panel (nftables mode)', () => {
  const s = new EngineSession();
  s.load(text);
  // A packet first, so numgen and counters have run and the listing is the live one.
  s.trace({ from: 'net-pod', to: 'svc-clusterip' });
  const lines = s.rules(NODE, 'nat', 'save').split('\n');
  const index = indexRuleLines(lines, 'save');
  const lineOf = (pred: (l: string) => boolean): number => lines.findIndex(pred);
  const explain = (i: number) => {
    const rule = index(i)!;
    const d = s.nftLineDetails(NODE, { chain: rule.chain, index: rule.index, ...(rule.count !== undefined ? { count: rule.count } : {}) })!;
    return { rule, d, placed: placeParts(lines[i]!, d.text, d.parts, 'save') };
  };

  it('knows which chain, rule, map or elements each line is, and leaves the iptables lines to the iptables index', () => {
    expect(index(lineOf((l) => l === '\t\tip daddr . meta l4proto . th dport vmap @service-ips'))).toEqual({ chain: 'services', index: 0, nft: true });
    expect(index(lineOf((l) => l.startsWith('\t\ttype filter hook prerouting')))).toEqual({ chain: 'filter-prerouting-pre-dnat', index: -1, nft: true });
    expect(index(lineOf((l) => l.startsWith('\t\telements = { 10.200.1.100 . tcp . 9000 :')))).toEqual({ chain: '@service-ips', index: 0, count: 1, nft: true });
    expect(index(lineOf((l) => l.startsWith('\t\telements = { 10.200.1.1, 10.200.1.10,')))).toEqual({ chain: '@cluster-ips', index: 0, count: 2, nft: true });
    expect(index(lineOf((l) => l.trim() === '10.200.1.100 }'))).toEqual({ chain: '@cluster-ips', index: 2, count: 1, nft: true });
    expect(index(lineOf((l) => l.startsWith('\t\tcomment "')))).toBeUndefined();
    expect(index(lineOf((l) => l.startsWith('-A POSTROUTING')))).toMatchObject({ chain: 'POSTROUTING' });
  });

  it('explains the service-ips lookup: why kube-proxy writes it and what the vmap does, in English and Korean', () => {
    const { d, placed } = explain(lineOf((l) => l === '\t\tip daddr . meta l4proto . th dport vmap @service-ips'));
    expect(d.explanation?.en).toContain('one lookup of destination . protocol . port in @service-ips');
    expect(d.explanation?.ko).toContain('@service-ips에서 한 번 조회');
    expect(placed.map((p) => p.part.text)).toEqual(['ip daddr . meta l4proto . th dport vmap @service-ips']);
    expect(placed[0]!.part.words?.en).toContain('one hash lookup');
    expect(placed[0]!.part.words?.ko).toContain('해시 조회 한 번');
  });

  it('explains numgen, ct state, fib-free jumps, dnat, masquerade and mark words', () => {
    const words = (i: number): string[] => explain(i).placed.map((p) => `${p.part.text} = ${p.part.words?.en ?? ''}`);
    expect(words(lineOf((l) => l.includes('numgen random mod 3 vmap')))[0]).toContain('each endpoint gets 1/3');
    expect(words(lineOf((l) => l === '\t\tct state new jump firewall-check'))).toEqual([
      'ct state new = the conntrack state is new: the first packet of a connection',
      expect.stringMatching(/^jump firewall-check = jump to chain firewall-check; when it ends/),
    ]);
    expect(words(lineOf((l) => l.includes('dnat to 10.10.1.2:80')))).toEqual(['meta l4proto tcp = the transport protocol (meta l4proto) is tcp', expect.stringMatching(/^dnat to 10\.10\.1\.2:80 = DNAT: rewrite the destination to 10\.10\.1\.2:80\./)]);
    expect(words(lineOf((l) => l === '\t\tmasquerade fully-random'))[0]).toContain('fully-random picks the source port at random');
    expect(words(lineOf((l) => l.includes('meta mark set meta mark | 0x00004000')))[0]).toContain('sets bit 0x00004000');
    expect(words(lineOf((l) => l.includes('ip daddr @cluster-ips reject')))).toEqual([
      'ip daddr @cluster-ips = the destination address is in set @cluster-ips (one hash lookup, whatever its size)',
      expect.stringMatching(/^reject = reject: discard and answer with ICMP port-unreachable/),
      expect.stringMatching(/^comment "Reject traffic to invalid ports of ClusterIPs" = a comment only/),
    ]);
  });

  it('explains a map element by what kube-proxy added it for, with the Service\'s YAML', () => {
    const { d } = explain(lineOf((l) => l.startsWith('\t\telements = { 10.200.1.100 . tcp . 9000 :')));
    expect(d.explanation).toEqual({ en: "svc-clusterip:svc-webport's cluster IP . protocol . port → its Service chain.", ko: 'svc-clusterip:svc-webport의 cluster IP . 프로토콜 . 포트 → 서비스 체인.' });
    expect(d.service).toBe('default/svc-clusterip:svc-webport');
    expect(d.sources.length).toBe(1);
  });

  it('places a base chain among iptables\' tables by its priority', () => {
    const { placed } = explain(lineOf((l) => l.startsWith('\t\ttype filter hook prerouting')));
    expect(placed.map((p) => p.part.text)).toEqual(['type filter', 'hook prerouting', 'priority dstnat - 10', 'policy accept']);
    expect(placed[2]!.part.words?.en).toBe('-110: lower runs first. After raw, conntrack, mangle. Before nat (DNAT), filter, security, nat (SNAT).');
    expect(placed[2]!.part.words?.ko).toBe('-110: 낮을수록 먼저 실행. raw, conntrack, mangle 다음. nat (DNAT), filter, security, nat (SNAT) 전.');
  });

  it('every nft line of the listing has words for every part, in English and Korean', () => {
    let seen = 0;
    lines.forEach((l, i) => {
      const rule = index(i);
      if (!rule?.nft) return;
      seen++;
      const { d, placed } = explain(i);
      expect(placed.length, l).toBeGreaterThan(0);
      for (const p of placed) {
        expect(p.part.words?.en, `${l}: ${p.part.text}`).toBeTruthy();
        expect(p.part.words?.ko, `${l}: ${p.part.text}`).toMatch(/[가-힣]/);
      }
      if (rule.index >= 0 && !rule.chain.startsWith('@')) expect(d.explanation?.ko, l).toMatch(/[가-힣]/);
    });
    expect(seen).toBeGreaterThan(40);
  });
});
