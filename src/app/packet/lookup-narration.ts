/**
 * The sentence for an nftables map lookup: one hash lookup in a verdict map (`@service-ips`, or the
 * anonymous map of `numgen random mod N vmap { … }`), what key the packet made, what element it found and
 * what kube-proxy put that element there for (the element's role and Service from the generator), in
 * English and Korean. Read from the hop alone: nothing here looks anything up.
 */
import type { HopView } from '../../worker/api';
import type { Lang } from './messages';

type LookupHop = Extract<HopView, { kind: 'map-lookup' }>;
type ElementRole = NonNullable<LookupHop['element']>['role'];

/** `default/svc-clusterip:svc-webport` → `svc-clusterip:svc-webport`; other namespaces keep theirs. */
const servicePort = (s: string): string => (s.startsWith('default/') ? s.slice('default/'.length) : s);

/** Why kube-proxy put the element in its map, as a noun phrase (`svc-clusterip's cluster IP`). */
export function elementWhy(role: ElementRole, service: string | undefined, lang: Lang): string | undefined {
  if (service === undefined) return undefined;
  const s = servicePort(service);
  const en: Readonly<Record<ElementRole, string>> = {
    'active-cluster-ip': `an active ClusterIP (${s})`,
    'node-port-address': `an address that takes NodePorts (${s})`,
    'cluster-ip': `${s}'s cluster IP and port`,
    'external-ip': `${s}'s external IP and port`,
    'load-balancer-ip': `${s}'s load-balancer IP and port`,
    'node-port': `${s}'s node port`,
    firewall: `${s}'s load-balancer IP, checked against its source ranges`,
    'no-endpoints': `${s}, which has no endpoints`,
    'no-local-endpoints': `${s}, which has no endpoint on this node (traffic policy Local)`,
  };
  const ko: Readonly<Record<ElementRole, string>> = {
    'active-cluster-ip': `사용 중인 ClusterIP (${s})`,
    'node-port-address': `NodePort를 받는 주소 (${s})`,
    'cluster-ip': `${s}의 cluster IP와 포트`,
    'external-ip': `${s}의 external IP와 포트`,
    'load-balancer-ip': `${s}의 load-balancer IP와 포트`,
    'node-port': `${s}의 node port`,
    firewall: `${s}의 load-balancer IP (출발지 범위 검사 대상)`,
    'no-endpoints': `엔드포인트가 없는 ${s}`,
    'no-local-endpoints': `이 노드에 엔드포인트가 없는 ${s} (트래픽 정책 Local)`,
  };
  return (lang === 'en' ? en : ko)[role];
}

/** The endpoint numgen's value `key` goes to, from the rule's meaning (endpoints in numgen's order). */
function pickedEndpoint(hop: LookupHop): { endpoint: string; of: number } | undefined {
  const eps = hop.meaning?.role === 'endpoint-pick' ? hop.meaning.endpoints : undefined;
  const i = Number(hop.key);
  const endpoint = eps && Number.isInteger(i) ? eps[i] : undefined;
  return endpoint !== undefined && eps ? { endpoint, of: eps.length } : undefined;
}

/**
 * `ip kube-proxy PREROUTING → services: one lookup in @service-ips for 10.96.0.10 . udp . 53 (kube-dns:dns's
 * cluster IP and port) → goto service-…`.
 */
export function lookupSentence(hop: LookupHop, where: string, lang: Lang): string {
  const map = hop.map === '{…}' ? undefined : `@${hop.map}`;
  const key = `\`${hop.key}\``;
  if (hop.verdict === undefined) {
    return lang === 'en'
      ? `${where}: one lookup in ${map ?? 'the rule’s map'} for ${key} finds no element, so the rule does not match; next rule`
      : `${where}: ${map ? `맵 ${map}` : '규칙의 맵'}에서 키 ${key} 조회 한 번, 원소 없음: 규칙 불일치, 다음 규칙으로`;
  }
  const verdict = `\`${hop.verdict}\``;
  if (!map) {
    const picked = pickedEndpoint(hop);
    if (lang === 'en') {
      const of = picked ? ` (endpoint ${picked.endpoint}, one of ${picked.of})` : '';
      return `${where}: numgen drew ${key}; one lookup in the rule’s map sends it to ${verdict}${of}`;
    }
    const of = picked ? ` (엔드포인트 ${picked.endpoint}, ${picked.of}개 중 하나)` : '';
    return `${where}: numgen 추첨 결과 ${key}, 규칙의 맵 조회 한 번으로 ${verdict}${of}`;
  }
  const why = hop.element ? elementWhy(hop.element.role, hop.element.service, lang) : undefined;
  if (lang === 'en') return `${where}: one lookup in ${map} for ${key}${why ? ` (${why})` : ''} finds ${verdict}, however many elements the map holds`;
  return `${where}: 맵 ${map}에서 키 ${key}${why ? ` (${why})` : ''} 조회 한 번으로 ${verdict} 결정, 맵의 원소 수와 상관없음`;
}
