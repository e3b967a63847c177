/**
 * What the Scenario picker needs to list the lessons: their ids and titles, without their bodies. The
 * bodies (steps, questions, sends: most of the Korean and English text) load only when a lesson opens,
 * so a first visit does not download every lesson before it can send a packet.
 */
import { LESSON_IDS as LESSON_IDS_IN_ORDER, type LessonId, type Localized } from './types';

export { LESSON_IDS } from './types';

export const LESSON_TITLES: Readonly<Record<LessonId, Localized>> = {
  '00-hooks-tables-chains': {
    en: 'Before the rules: hooks, tables, chains and rules',
    ko: '규칙을 읽기 전에: 훅, 테이블, 체인, 규칙',
  },
  '01-clusterip': {
    en: 'ClusterIP: three pods and a cascade of coin flips',
    ko: 'ClusterIP: 파드 세 개와 확률 규칙의 사다리',
  },
  '02-second-packet': {
    en: 'The second packet: conntrack remembers, the nat table is skipped',
    ko: '두 번째 패킷: conntrack이 기억하고, nat 테이블은 건너뜁니다',
  },
  '03-nodeport': {
    en: 'NodePort from outside: who does the pod think is calling?',
    ko: '외부에서 NodePort로: 파드는 누가 호출했다고 볼까요?',
  },
  '04-localhost-nodeport': {
    en: 'NodePort on 127.0.0.1: route_localnet and the KUBE-FIREWALL rule',
    ko: '127.0.0.1의 NodePort: route_localnet과 KUBE-FIREWALL 규칙',
  },
  '05-loadbalancer-source-ranges': {
    en: 'LoadBalancer with loadBalancerSourceRanges: who gets in',
    ko: 'loadBalancerSourceRanges가 있는 LoadBalancer: 누가 들어올 수 있나',
  },
  '06-external-traffic-local': {
    en: 'externalTrafficPolicy: Local — keep the client’s address',
    ko: 'externalTrafficPolicy: Local — 클라이언트 주소 지키기',
  },
  '07-internal-traffic-local': {
    en: 'internalTrafficPolicy: Local — only pods on your own node',
    ko: 'internalTrafficPolicy: Local — 내 노드의 파드에게만',
  },
  '08-session-affinity': {
    en: 'sessionAffinity: ClientIP — the recent module remembers',
    ko: 'sessionAffinity: ClientIP — xt_recent 모듈이 기억합니다',
  },
  '09-hairpin': {
    en: 'Hairpin: when a pod calls its own Service and gets itself',
    ko: '헤어핀: 파드가 자기 서비스를 불렀는데 자기 자신이 걸렸을 때',
  },
  '10-no-endpoints': {
    en: 'No endpoints: REJECT, and the terminating pods that fill in',
    ko: '엔드포인트가 없을 때: REJECT, 그리고 대신 일하는 종료 중인 파드',
  },
  '11-dns-udp': {
    en: 'DNS over UDP: conntrack tracks what has no connection',
    ko: 'UDP로 보내는 DNS: 연결이 없는 것도 conntrack은 추적합니다',
  },
  '12-pod-to-pod': {
    en: 'Pod to pod, no Service: no NAT at all',
    ko: 'Service 없이 파드에서 파드로: NAT가 전혀 없습니다',
  },
  '13-stale-udp': {
    en: 'A stale UDP entry: when the pod behind it goes away',
    ko: '오래된 UDP 엔트리: 그 뒤의 파드가 사라질 때',
  },
  '14-nftables-lookup': {
    en: 'nftables mode: one map lookup instead of a walk down KUBE-SERVICES',
    ko: 'nftables 모드: KUBE-SERVICES를 차례로 훑는 대신 맵 조회 한 번',
  },
  '15-nftables-numgen': {
    en: 'numgen random mod 3: the same split as the cascade, drawn once',
    ko: 'numgen 추첨 한 번: 확률 사다리와 같은 분배',
  },
  '16-nftables-reject-drop': {
    en: 'REJECT or DROP: a closed port of a ClusterIP, an address no Service has',
    ko: 'REJECT와 DROP: ClusterIP의 닫힌 포트, 어떤 서비스도 갖지 않은 주소',
  },
  '17-switch-mode': {
    en: 'Switch the mode: the same packet, the same hooks, other rules',
    ko: '모드 바꾸기: 같은 패킷, 같은 훅, 다른 규칙',
  },
  '19-read-your-own-node': {
    en: 'Read your own node: a real node’s rules, imported and traced',
    ko: '내 노드 읽기: 실제 노드의 규칙을 가져와 추적하기',
  },
  '20-ipvs-clusterip': {
    en: 'IPVS mode: the ClusterIP lives on kube-ipvs0, and `ipvsadm -Ln`',
    ko: 'IPVS 모드: kube-ipvs0에 있는 ClusterIP와 `ipvsadm -Ln`',
  },
  '21-ipvs-ping': {
    en: 'Why can I ping a ClusterIP in IPVS mode? (Since 1.25 you can’t)',
    ko: 'IPVS 모드에서는 왜 ClusterIP에 핑이 될까? (1.25부터는 안 됩니다)',
  },
  '22-ipvs-schedulers': {
    en: 'IPVS schedulers: rr or lc when connections stay open',
    ko: 'IPVS 스케줄러: 연결이 오래 열려 있을 때 rr과 lc',
  },
  '23-scale': {
    en: 'Why did kube-proxy change? 10 to 30,000 Services',
    ko: 'kube-proxy는 왜 바뀌었을까? 서비스 10개에서 30,000개까지',
  },
};

/** A lesson's number as the UI shows it (`Lesson 0`, `3.`): the two digits its id starts with. */
export function lessonNumber(id: LessonId): number {
  return Number(id.slice(0, 2));
}

/** The lesson after `id` in teaching order, if any. */
export function nextLesson(id: LessonId): LessonId | undefined {
  return LESSON_IDS_IN_ORDER[LESSON_IDS_IN_ORDER.indexOf(id) + 1];
}
