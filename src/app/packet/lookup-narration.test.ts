import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HopView, TraceView } from '../../worker/api';
import { EngineSession } from '../../worker/engine-session';
import { isDecision } from './decision';
import { narrate } from './narration';
import { hopEffect } from './steps';
import { elementWhy } from './lookup-narration';

type LookupHop = Extract<HopView, { kind: 'map-lookup' }>;

const scenario = readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8');
const nftables = `${scenario}\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\n`;

function trace(text: string, to: string, protocol?: 'tcp' | 'udp'): TraceView {
  const s = new EngineSession();
  s.load(text);
  const r = s.trace({ from: 'net-pod', to, ...(protocol ? { protocol } : {}) });
  if (!r.ok) throw new Error(r.error);
  return r.trace;
}

const lookups = (t: TraceView): LookupHop[] => t.packets[0]!.hops.filter((h): h is LookupHop => h.kind === 'map-lookup');

describe('a map lookup in the packet view (nftables mode)', () => {
  const t = trace(nftables, 'svc-clusterip');
  const first = t.packets[0]!;
  const all = lookups(t);
  const service = all.find((h) => h.map === 'service-ips')!;
  const pick = all.find((h) => h.map === '{…}')!;

  it('is a hop of its own kind, not a rule row, with the map, the key and the element kube-proxy added', () => {
    expect(service).toMatchObject({
      kind: 'map-lookup',
      table: 'ip kube-proxy',
      chain: 'services',
      ruleIndex: 0,
      key: '10.200.1.100 . tcp . 9000',
      verdict: 'goto service-TBJA4EUE-default/svc-clusterip/tcp/svc-webport',
      element: { role: 'cluster-ip', service: 'default/svc-clusterip:svc-webport' },
    });
    // The rule that looked up follows, with the verdict the element gave.
    const next = first.hops[first.hops.indexOf(service) + 1];
    expect(next).toMatchObject({ kind: 'rule', chain: 'services', ruleIndex: 0, matched: true, target: service.verdict });
    // No rule row pretends to be the lookup any more.
    expect(first.hops.some((h) => h.kind === 'rule' && h.rule.startsWith('service-ips:'))).toBe(false);
  });

  it('says in English and Korean what the lookup did and what the element is for', () => {
    expect(narrate('en', first, service)).toBe(
      'ip kube-proxy PREROUTING → services: one lookup in @service-ips for `10.200.1.100 . tcp . 9000` (svc-clusterip:svc-webport\'s cluster IP and port) finds `goto service-TBJA4EUE-default/svc-clusterip/tcp/svc-webport`, however many elements the map holds',
    );
    expect(narrate('ko', first, service)).toBe(
      'ip kube-proxy PREROUTING → services: 맵 @service-ips에서 키 `10.200.1.100 . tcp . 9000` (svc-clusterip:svc-webport의 cluster IP와 포트) 조회 한 번으로 `goto service-TBJA4EUE-default/svc-clusterip/tcp/svc-webport` 결정, 맵의 원소 수와 상관없음',
    );
    expect(hopEffect(service, 'en')).toEqual({ kind: 'jump', word: `map lookup → ${service.verdict}` });
    expect(hopEffect(service, 'ko').word).toBe(`맵 조회 → ${service.verdict}`);
  });

  it('names the endpoint numgen drew, from the endpoint pick\'s meaning', () => {
    expect(pick.meaning?.role).toBe('endpoint-pick');
    const endpoint = pick.meaning!.endpoints![Number(pick.key)]!;
    expect(pick.verdict).toContain(`__${endpoint.replace(':', '/')}`);
    expect(narrate('en', first, pick)).toContain(`numgen drew \`${pick.key}\`; one lookup in the rule’s map sends it to \`${pick.verdict}\` (endpoint ${endpoint}, one of 3)`);
    expect(narrate('ko', first, pick)).toContain(`numgen 추첨 결과 \`${pick.key}\`, 규칙의 맵 조회 한 번으로 \`${pick.verdict}\` (엔드포인트 ${endpoint}, 3개 중 하나)`);
  });

  it('a key with no element: the rule does not match', () => {
    const miss = all.find((h) => h.verdict === undefined)!;
    expect(miss.map).toBe('firewall-ips');
    expect(narrate('en', first, miss)).toBe('ip kube-proxy PREROUTING → firewall-check: one lookup in @firewall-ips for `10.200.1.100 . tcp . 9000` finds no element, so the rule does not match; next rule');
    expect(narrate('ko', first, miss)).toBe('ip kube-proxy PREROUTING → firewall-check: 맵 @firewall-ips에서 키 `10.200.1.100 . tcp . 9000` 조회 한 번, 원소 없음: 규칙 불일치, 다음 규칙으로');
    expect(hopEffect(miss, 'en')).toEqual({ kind: 'nomatch', word: 'map lookup: no element' });
  });

  it('the lookups that pick the Service and the endpoint are decisions; the rules that carry them out are not stops of their own', () => {
    const at = (h: HopView): number => first.hops.indexOf(h);
    expect(isDecision(t, 0, at(service))).toBe(true);
    expect(isDecision(t, 0, at(service) + 1)).toBe(false);
    expect(isDecision(t, 0, at(pick))).toBe(true);
    const dnat = first.hops.findIndex((h) => h.kind === 'rule' && h.target?.startsWith('dnat to'));
    expect(isDecision(t, 0, dnat)).toBe(true);
    expect(hopEffect(first.hops[dnat]!, 'en').kind).toBe('dnat');
    expect(narrate('en', first, first.hops[dnat]!)).toMatch(/: DNAT: destination 10\.200\.1\.100:9000 → 10\.10\.\d\.2:80$/);
  });

  it('every element role has words in both languages', () => {
    for (const role of ['active-cluster-ip', 'node-port-address', 'cluster-ip', 'external-ip', 'load-balancer-ip', 'node-port', 'firewall', 'no-endpoints', 'no-local-endpoints'] as const) {
      expect(elementWhy(role, 'default/web:http', 'en')).toContain('web:http');
      expect(elementWhy(role, 'default/web:http', 'ko')).toMatch(/[가-힣]/);
    }
  });

  it('iptables mode has no map lookups', () => {
    expect(lookups(trace(scenario, 'svc-clusterip'))).toEqual([]);
  });
});
