import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const SVL = 'KUBE-SVL-RSZC4WYI5C5WOSB6';

/** internalTrafficPolicy: Local — in-cluster callers only reach endpoints on their own node. */
export const internalTrafficLocal: Lesson = {
  id: '07-internal-traffic-local',
  title: LESSON_TITLES['07-internal-traffic-local'],
  summary: {
    en: 'svc-itp only sends in-cluster traffic to endpoints on the caller’s node. net-pod2 on myk8s-worker2 always reaches webpod2; net-pod on the control-plane, which has no webpod, gets nothing at all.',
    ko: 'svc-itp는 클러스터 안에서 온 트래픽을 호출한 쪽 노드의 엔드포인트로만 보냅니다. myk8s-worker2의 net-pod2는 언제나 webpod2에 닿고, webpod가 없는 control-plane의 net-pod는 아무 데도 닿지 못합니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'from-worker2',
      title: { en: 'net-pod2 (myk8s-worker2) → svc-itp:9000', ko: 'net-pod2 (myk8s-worker2) → svc-itp:9000' },
      from: 'net-pod2',
      to: 'svc-itp:9000',
    },
    {
      kind: 'connection',
      id: 'from-control-plane',
      title: { en: 'net-pod (myk8s-control-plane) → svc-itp:9000', ko: 'net-pod (myk8s-control-plane) → svc-itp:9000' },
      from: 'net-pod',
      to: 'svc-itp:9000',
    },
    {
      kind: 'spread',
      id: 'spread',
      title: { en: '100 connections from net-pod2', ko: 'net-pod2에서 연결 100개' },
      from: 'net-pod2',
      to: 'svc-itp:9000',
      connections: 100,
    },
  ],
  steps: [
    {
      text: {
        en: `On myk8s-worker2, KUBE-SERVICES sends the cluster IP straight to ${SVL} — the "local" chain. This Service has no KUBE-SVC chain at all: nothing of it uses the cluster-wide endpoint list.`,
        ko: `myk8s-worker2에서 KUBE-SERVICES는 클러스터 IP를 KUBE-SVC 체인이 아니라 "로컬" 체인인 ${SVL}로 바로 보냅니다. 이 서비스에는 KUBE-SVC 체인이 아예 없습니다. 클러스터 전체 엔드포인트 목록을 쓰는 곳이 없기 때문입니다.`,
      },
      at: { send: 'from-worker2', packet: 'SYN', node: 'myk8s-worker2', chain: 'KUBE-SERVICES', target: SVL },
    },
    {
      text: {
        en: `${SVL} holds only this node’s endpoint, webpod2 (10.10.2.2:80). Every connection from this node goes there; pods on other nodes are never chosen.`,
        ko: `${SVL}에는 이 노드의 엔드포인트인 webpod2(10.10.2.2:80)만 있습니다. 이 노드에서 나가는 연결은 모두 그리로 가고, 다른 노드의 파드는 선택되지 않습니다.`,
      },
      at: { send: 'from-worker2', packet: 'SYN', chain: SVL, target: 'KUBE-SEP-KWA3WNYPII6UPQFC' },
    },
    {
      text: {
        en: 'The control-plane has no webpod. kube-proxy writes no nat rule for the cluster IP there at all, so net-pod’s SYN leaves the nat table untranslated and is routed toward 10.200.1.100 — into FORWARD, where filter KUBE-SERVICES drops it: "-d 10.200.1.100/32 -p tcp -m comment --comment "default/svc-itp:svc-webport has no local endpoints" -m tcp --dport 9000 -j DROP".',
        ko: 'control-plane에는 webpod가 없습니다. kube-proxy는 이 노드에 클러스터 IP용 nat 규칙을 아예 쓰지 않으므로, net-pod의 SYN은 변환 없이 nat 테이블을 빠져나가 10.200.1.100을 향해 라우팅되고 FORWARD로 갑니다. 거기서 filter의 KUBE-SERVICES가 버립니다: "-d 10.200.1.100/32 -p tcp -m comment --comment "default/svc-itp:svc-webport has no local endpoints" -m tcp --dport 9000 -j DROP".',
      },
      at: { send: 'from-control-plane', packet: 'SYN', table: 'filter', chain: 'KUBE-SERVICES', target: 'DROP' },
    },
    {
      text: {
        en: 'internalTrafficPolicy only concerns traffic to the cluster IP from pods and nodes. Traffic to node ports and load balancer IPs follows externalTrafficPolicy (lesson 6).',
        ko: 'internalTrafficPolicy는 파드와 노드에서 클러스터 IP로 가는 트래픽에만 적용됩니다. 노드 포트나 로드밸런서 IP로 오는 트래픽은 externalTrafficPolicy를 따릅니다(레슨 6).',
      },
      at: { send: 'spread' },
    },
  ],
  questions: [
    {
      id: 'no-local',
      prompt: {
        en: 'net-pod runs on myk8s-control-plane, which has no webpod. It connects to svc-itp. What happens?',
        ko: 'net-pod는 webpod가 없는 myk8s-control-plane에서 돌고 있습니다. svc-itp에 접속하면 어떻게 될까요?',
      },
      choices: [
        {
          id: 'fallback',
          text: { en: 'It falls back to a webpod on a worker', ko: '워커에 있는 webpod로 대신 간다' },
          claim: { kind: 'outcome', send: 'from-control-plane', equals: 'delivered' },
        },
        {
          id: 'rejected',
          text: { en: 'It is rejected with ICMP port unreachable', ko: 'ICMP port unreachable로 거절된다' },
          claim: { kind: 'outcome', send: 'from-control-plane', equals: 'rejected' },
        },
        { id: 'dropped', text: { en: 'It is dropped by filter KUBE-SERVICES ("has no local endpoints")', ko: 'filter KUBE-SERVICES가 버린다("has no local endpoints")' } },
      ],
      answer: { kind: 'ruleMatched', send: 'from-control-plane', packet: 'SYN', table: 'filter', chain: 'KUBE-SERVICES', target: 'DROP', equals: true },
      correct: 'dropped',
      reveal: {
        en: 'Local means local: there is no fallback to other nodes. The Service does have endpoints elsewhere, so kube-proxy drops (a Service with no endpoints anywhere is rejected instead — lesson 10).',
        ko: 'Local은 말 그대로 로컬입니다. 다른 노드로 대신 보내지 않습니다. 다른 노드에는 엔드포인트가 있으므로 kube-proxy는 DROP합니다(어디에도 엔드포인트가 없는 서비스는 REJECT됩니다. 레슨 10).',
      },
    },
    {
      id: 'spread',
      prompt: {
        en: 'net-pod2, on myk8s-worker2, opens 100 connections to svc-itp. Where do they go?',
        ko: 'myk8s-worker2의 net-pod2가 svc-itp로 연결 100개를 엽니다. 어디로 갈까요?',
      },
      choices: [
        {
          id: 'thirds',
          text: { en: 'About a third to each webpod', ko: '각 webpod에 약 1/3씩' },
          claim: { kind: 'spreadShare', send: 'spread', endpointCount: 3, tolerance: 0.1 },
        },
        { id: 'webpod2', text: { en: 'All to webpod2', ko: '모두 webpod2로' } },
      ],
      answer: { kind: 'spreadPodShare', send: 'spread', pod: 'webpod2', share: 1, tolerance: 0 },
      correct: 'webpod2',
      reveal: {
        en: 'KUBE-SVL on myk8s-worker2 has one endpoint, so there is nothing to draw: 100 out of 100 to webpod2.',
        ko: 'myk8s-worker2의 KUBE-SVL에는 엔드포인트가 하나뿐이라 추첨할 것도 없습니다. 100개 모두 webpod2로 갑니다.',
      },
    },
  ],
};
