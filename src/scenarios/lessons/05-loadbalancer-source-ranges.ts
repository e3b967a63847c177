import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const FW = 'KUBE-FW-ALK4JMW7D2DESU7A';
const EXT = 'KUBE-EXT-ALK4JMW7D2DESU7A';

/** loadBalancerSourceRanges: KUBE-FW lets allowed sources on to KUBE-EXT; KUBE-PROXY-FIREWALL drops the rest. */
export const loadBalancerSourceRanges: Lesson = {
  id: '05-loadbalancer-source-ranges',
  title: LESSON_TITLES['05-loadbalancer-source-ranges'],
  summary: {
    en: 'svc-lb accepts clients from 198.51.100.0/24 only. Send one connection from inside the range and one from outside, and find where each is decided: KUBE-FW in the nat table, KUBE-PROXY-FIREWALL in the filter table.',
    ko: 'svc-lb는 198.51.100.0/24에서 오는 클라이언트만 받습니다. 범위 안과 밖에서 연결을 하나씩 보내고, 각각이 어디서 결정되는지 찾아봅니다. nat 테이블의 KUBE-FW와 filter 테이블의 KUBE-PROXY-FIREWALL입니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'allowed',
      title: { en: '198.51.100.7 → 172.18.255.200:80 (inside the range)', ko: '198.51.100.7 → 172.18.255.200:80 (허용 범위 안)' },
      from: 'external:198.51.100.7',
      to: '172.18.255.200:80',
      via: 'myk8s-worker',
    },
    {
      kind: 'connection',
      id: 'blocked',
      title: { en: '203.0.113.10 → 172.18.255.200:80 (outside the range)', ko: '203.0.113.10 → 172.18.255.200:80 (허용 범위 밖)' },
      from: 'external',
      to: '172.18.255.200:80',
      via: 'myk8s-worker',
    },
  ],
  steps: [
    {
      text: {
        en: `The load balancer hands packets for 172.18.255.200 to a node unchanged, as MetalLB does. KUBE-SERVICES matches the "loadbalancer IP" rule and, because the Service has loadBalancerSourceRanges, jumps to ${FW} instead of straight to KUBE-EXT.`,
        ko: `로드밸런서는 172.18.255.200으로 가는 패킷을 (MetalLB처럼) 주소를 바꾸지 않고 노드에 넘깁니다. KUBE-SERVICES의 "loadbalancer IP" 규칙이 일치하고, 서비스에 loadBalancerSourceRanges가 있으므로 KUBE-EXT로 바로 가지 않고 ${FW}로 점프합니다.`,
      },
      at: { send: 'allowed', packet: 'SYN', chain: 'KUBE-SERVICES', target: FW },
    },
    {
      text: {
        en: `${FW} has one rule per allowed range: "-s 198.51.100.0/24 … -j ${EXT}". 198.51.100.7 matches and goes on as in lesson 3: KUBE-MARK-MASQ, the cascade, DNAT, MASQUERADE.`,
        ko: `${FW}에는 허용 범위마다 규칙이 하나씩 있습니다: "-s 198.51.100.0/24 … -j ${EXT}". 198.51.100.7은 일치하므로 레슨 3처럼 KUBE-MARK-MASQ, 확률 사다리, DNAT, MASQUERADE로 이어집니다.`,
      },
      at: { send: 'allowed', packet: 'SYN', chain: FW, target: EXT },
    },
    {
      text: {
        en: 'From 203.0.113.10 the range rule does not match. The chain’s last rule has no target at all: "-m comment --comment "other traffic to default/svc-lb:svc-webport will be dropped by KUBE-PROXY-FIREWALL"" — it only counts. The packet leaves the nat table untranslated, still addressed to 172.18.255.200.',
        ko: '203.0.113.10에서 온 패킷은 범위 규칙과 일치하지 않습니다. 체인의 마지막 규칙에는 target이 아예 없습니다: "-m comment --comment "other traffic to default/svc-lb:svc-webport will be dropped by KUBE-PROXY-FIREWALL"". 개수만 셉니다. 패킷은 아무 변환 없이, 목적지 172.18.255.200 그대로 nat 테이블을 빠져나갑니다.',
      },
      at: { send: 'blocked', packet: 'SYN', chain: FW, rule: 'will be dropped by KUBE-PROXY-FIREWALL' },
    },
    {
      text: {
        en: `Then the filter table, in FORWARD: KUBE-PROXY-FIREWALL (for ctstate NEW) drops it: "-d 172.18.255.200/32 -p tcp … "default/svc-lb:svc-webport traffic not accepted by ${FW}" … --dport 80 -j DROP". Allowed packets never match this rule: by the time filter runs, their destination is already a pod IP.`,
        ko: `이어서 FORWARD의 filter 테이블에서 KUBE-PROXY-FIREWALL(ctstate NEW일 때)이 버립니다: "-d 172.18.255.200/32 -p tcp … "default/svc-lb:svc-webport traffic not accepted by ${FW}" … --dport 80 -j DROP". 허용된 패킷은 이 규칙에 걸리지 않습니다. filter를 지날 때는 이미 목적지가 파드 IP로 바뀌어 있기 때문입니다.`,
      },
      at: { send: 'blocked', packet: 'SYN', table: 'filter', chain: 'KUBE-PROXY-FIREWALL', target: 'DROP' },
    },
    {
      text: {
        en: 'kube-proxy splits the decision this way because the nat table is meant for translating, not for filtering: it lets the unwanted packet through untranslated and drops it in filter. DROP sends nothing back, so the client just times out.',
        ko: 'kube-proxy가 이렇게 나누는 이유는 nat 테이블이 변환을 위한 곳이지 필터링을 위한 곳이 아니기 때문입니다. 원치 않는 패킷은 변환하지 않고 통과시킨 뒤 filter에서 버립니다. DROP은 아무 응답도 보내지 않으므로 클라이언트는 타임아웃을 겪습니다.',
      },
    },
  ],
  questions: [
    {
      id: 'where-blocked',
      prompt: {
        en: 'A client at 203.0.113.10, outside 198.51.100.0/24, connects to 172.18.255.200:80. Where is it stopped?',
        ko: '198.51.100.0/24 밖의 203.0.113.10에서 172.18.255.200:80으로 접속합니다. 어디서 막힐까요?',
      },
      choices: [
        {
          id: 'nat',
          text: { en: `In the nat table: ${FW} drops it`, ko: `nat 테이블에서: ${FW}가 버린다` },
          claim: { kind: 'ruleMatched', send: 'blocked', packet: 'SYN', table: 'nat', target: 'DROP', equals: true },
        },
        { id: 'filter', text: { en: 'In the filter table: KUBE-PROXY-FIREWALL drops it', ko: 'filter 테이블에서: KUBE-PROXY-FIREWALL이 버린다' } },
        {
          id: 'nowhere',
          text: { en: 'Nowhere: source ranges are for the cloud load balancer, not the node', ko: '막히지 않는다: 소스 범위는 클라우드 로드밸런서의 일이지 노드의 일이 아니다' },
          claim: { kind: 'outcome', send: 'blocked', equals: 'delivered' },
        },
      ],
      answer: { kind: 'ruleMatched', send: 'blocked', packet: 'SYN', table: 'filter', chain: 'KUBE-PROXY-FIREWALL', target: 'DROP', equals: true },
      correct: 'filter',
      reveal: {
        en: 'KUBE-FW only lets allowed sources on to KUBE-EXT; everything else passes the nat table untouched and meets KUBE-PROXY-FIREWALL’s DROP. Many cloud load balancers enforce the ranges too, but the node does it regardless.',
        ko: 'KUBE-FW는 허용된 출발지만 KUBE-EXT로 보냅니다. 나머지는 nat 테이블을 그대로 지나 KUBE-PROXY-FIREWALL의 DROP을 만납니다. 클라우드 로드밸런서가 범위를 직접 검사하는 경우도 많지만, 노드는 그와 상관없이 검사합니다.',
      },
    },
    {
      id: 'allowed-source',
      prompt: {
        en: 'And the allowed client, 198.51.100.7, reaching webpod2 on another node: what source does webpod2 see?',
        ko: '허용된 클라이언트 198.51.100.7이 다른 노드의 webpod2에 닿았을 때, webpod2는 출발지를 무엇으로 볼까요?',
      },
      choices: [
        {
          id: 'client',
          text: { en: '198.51.100.7: the range check needs the real client', ko: '198.51.100.7: 범위 검사에 진짜 클라이언트 주소가 필요하니까' },
          claim: { kind: 'seenSource', send: 'allowed', equals: '198.51.100.7' },
        },
        { id: 'node', text: { en: '172.18.0.3, the node the load balancer chose', ko: '로드밸런서가 고른 노드의 주소 172.18.0.3' } },
      ],
      answer: { kind: 'seenSource', send: 'allowed', equals: '172.18.0.3' },
      correct: 'node',
      reveal: {
        en: 'The source check happens in PREROUTING, before anything is rewritten; MASQUERADE comes at the very end, in POSTROUTING. With externalTrafficPolicy: Cluster the pod sees the node. Lesson 6 keeps the client address.',
        ko: '출발지 검사는 아무것도 바뀌기 전인 PREROUTING에서 일어나고, MASQUERADE는 맨 마지막 POSTROUTING에서 일어납니다. externalTrafficPolicy: Cluster에서는 파드가 노드 주소를 봅니다. 클라이언트 주소를 지키는 방법은 레슨 6에서 봅니다.',
      },
    },
  ],
};
