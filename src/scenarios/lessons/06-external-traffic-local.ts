import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';
const W2 = 'myk8s-worker2';
const EXT = 'KUBE-EXT-X7CFP56Y6CU2RD26';
const SVL = 'KUBE-SVL-X7CFP56Y6CU2RD26';

/** externalTrafficPolicy: Local — the client address survives; a node without an endpoint drops; the health check node port. */
export const externalTrafficLocal: Lesson = {
  id: '06-external-traffic-local',
  title: LESSON_TITLES['06-external-traffic-local'],
  summary: {
    en: 'svc-local only sends external traffic to pods on the node it arrived at. Through myk8s-worker2 the pod sees the real client; through the control-plane, which has no webpod, the packet is dropped; and the health check node port tells the load balancer which nodes to use.',
    ko: 'svc-local은 외부 트래픽을 그 트래픽이 도착한 노드의 파드에만 보냅니다. myk8s-worker2를 거치면 파드가 진짜 클라이언트 주소를 보고, webpod가 없는 control-plane을 거치면 패킷이 버려지며, 헬스 체크 노드 포트가 로드밸런서에게 어느 노드를 쓸지 알려 줍니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'with-endpoint',
      title: { en: 'external → myk8s-worker2:30081 (webpod2 runs there)', ko: 'external → myk8s-worker2:30081 (webpod2가 있는 노드)' },
      from: 'external',
      to: `${W2}:30081`,
    },
    {
      kind: 'connection',
      id: 'without-endpoint',
      title: { en: 'external → myk8s-control-plane:30081 (no webpod there)', ko: 'external → myk8s-control-plane:30081 (webpod가 없는 노드)' },
      from: 'external',
      to: `${CP}:30081`,
    },
    {
      kind: 'connection',
      id: 'health-check',
      title: { en: 'load balancer health check → myk8s-control-plane:32000', ko: '로드밸런서 헬스 체크 → myk8s-control-plane:32000' },
      from: 'external',
      to: `${CP}:32000`,
    },
    {
      kind: 'spread',
      id: 'spread',
      title: { en: '200 connections through myk8s-worker3:30081', ko: 'myk8s-worker3:30081로 연결 200개' },
      from: 'external',
      to: 'myk8s-worker3:30081',
      connections: 200,
    },
  ],
  steps: [
    {
      text: {
        en: `On myk8s-worker2 the node port leads to ${EXT} as in lesson 3, but this chain has no "masquerade traffic for … external destinations" rule. Its first rules only catch pods and the node itself ("pod traffic for …", "masquerade LOCAL traffic for …", "route LOCAL traffic for …"); an outside client falls through to the last rule, "-j ${SVL}".`,
        ko: `myk8s-worker2에서 노드 포트는 레슨 3처럼 ${EXT}로 이어지지만, 이 체인에는 "masquerade traffic for … external destinations" 규칙이 없습니다. 앞쪽 규칙들은 파드와 노드 자신이 보낸 트래픽만 잡고("pod traffic for …", "masquerade LOCAL traffic for …", "route LOCAL traffic for …"), 외부 클라이언트는 마지막 규칙 "-j ${SVL}"까지 내려갑니다.`,
      },
      at: { send: 'with-endpoint', packet: 'SYN', node: W2, chain: EXT, target: SVL },
    },
    {
      text: {
        en: `${SVL} lists only this node’s endpoints — here just webpod2, so there is no statistic match at all: "-m comment --comment "default/svc-local:svc-webport -> 10.10.2.2:80" -j KUBE-SEP-XVNBGNDHL776CG2V".`,
        ko: `${SVL}에는 이 노드의 엔드포인트만 있습니다. 여기서는 webpod2 하나뿐이라 statistic 조건도 없습니다: "-m comment --comment "default/svc-local:svc-webport -> 10.10.2.2:80" -j KUBE-SEP-XVNBGNDHL776CG2V".`,
      },
      at: { send: 'with-endpoint', packet: 'SYN', chain: SVL, target: 'KUBE-SEP-XVNBGNDHL776CG2V' },
    },
    {
      text: {
        en: 'No rule set the 0x4000 mark, so KUBE-POSTROUTING returns without MASQUERADE and webpod2 sees 203.0.113.10. The reply needs no detour: the node that did the DNAT is the pod’s own node.',
        ko: '0x4000 마크를 붙인 규칙이 없으므로 KUBE-POSTROUTING은 MASQUERADE 없이 돌아오고, webpod2는 203.0.113.10을 봅니다. 응답도 다른 노드를 거쳐 돌아갈 필요가 없습니다. DNAT를 한 노드가 바로 파드가 있는 노드이기 때문입니다.',
      },
      at: { send: 'with-endpoint', packet: 'SYN', node: W2, chain: 'KUBE-POSTROUTING', target: 'RETURN' },
    },
    {
      text: {
        en: `The control-plane has no webpod. kube-proxy writes its ${EXT} without the final KUBE-SVL jump, so the SYN leaves the nat table untranslated, still for 172.18.0.2:30081, and goes to INPUT. There the filter chain KUBE-EXTERNAL-SERVICES drops it: ""default/svc-local:svc-webport has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30081 -j DROP".`,
        ko: `control-plane에는 webpod가 없습니다. kube-proxy는 이 노드의 ${EXT}에 마지막 KUBE-SVL 점프를 쓰지 않으므로, SYN은 변환 없이 172.18.0.2:30081 그대로 nat 테이블을 빠져나가 INPUT으로 갑니다. 거기서 filter 체인 KUBE-EXTERNAL-SERVICES가 버립니다: ""default/svc-local:svc-webport has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30081 -j DROP".`,
      },
      noteSays: {
        en: 'With externalTrafficPolicy: Local, if the node that receives the request has no pod for the endpoint, the connection is refused.',
        ko: 'externalTrafficPolicy: Local을 설정하게 되면 요청을 받은 Node에 실제로 Endpoint로 사용될 Pod가 없게되면 connection이 refuse 된다.',
      },
      at: { send: 'without-endpoint', packet: 'SYN', hook: 'INPUT', chain: 'KUBE-EXTERNAL-SERVICES', target: 'DROP' },
    },
    {
      text: {
        en: 'So how does a load balancer avoid such nodes? Type LoadBalancer with Local gets a healthCheckNodePort (32000 here). kube-proxy opens it in filter — KUBE-NODEPORTS: ""default/svc-local:svc-webport health check node port" -m tcp --dport 32000 -j ACCEPT" — and answers HTTP there itself: 200 on nodes with a local endpoint, 503 on the others, so the load balancer stops sending to the control-plane.',
        ko: '그럼 로드밸런서는 이런 노드를 어떻게 피할까요? Local인 LoadBalancer 서비스에는 healthCheckNodePort(여기서는 32000)가 생깁니다. kube-proxy가 filter의 KUBE-NODEPORTS에서 이 포트를 열고(""default/svc-local:svc-webport health check node port" -m tcp --dport 32000 -j ACCEPT"), 직접 HTTP로 답합니다. 로컬 엔드포인트가 있는 노드는 200, 없는 노드는 503을 돌려주므로 로드밸런서는 control-plane으로 보내지 않게 됩니다.',
      },
      noteSays: {
        en: 'With Local, every node must run at least one pod.',
        ko: '이 경우, 모든 노드에 적어도 하나 이상의 파드가 존재해야 한다.',
      },
      at: { send: 'health-check', packet: 'SYN', table: 'filter', chain: 'KUBE-NODEPORTS', target: 'ACCEPT' },
    },
    {
      text: {
        en: 'The price: no spreading across nodes. Every connection through myk8s-worker3 lands on webpod3. Balancing between nodes is the load balancer’s job: unless it weighs nodes by their pods, a node with three pods gets no more traffic than a node with one.',
        ko: '대가도 있습니다. 노드 사이에 트래픽이 나뉘지 않습니다. myk8s-worker3으로 들어온 연결은 모두 webpod3로 갑니다. 노드 간 분산은 로드밸런서의 몫입니다. 로드밸런서가 노드별 파드 수를 따져 가중치를 주지 않는 한, 파드가 셋인 노드도 파드가 하나인 노드보다 트래픽을 더 받지 않습니다.',
      },
      at: { send: 'spread' },
    },
  ],
  questions: [
    {
      id: 'client-ip',
      prompt: {
        en: 'The external client (203.0.113.10) connects through myk8s-worker2:30081, where webpod2 runs. What source does webpod2 see?',
        ko: '외부 클라이언트(203.0.113.10)가 webpod2가 있는 myk8s-worker2:30081로 접속합니다. webpod2는 출발지를 무엇으로 볼까요?',
      },
      choices: [
        { id: 'client', text: { en: '203.0.113.10, the client', ko: '클라이언트 주소 203.0.113.10' } },
        {
          id: 'node',
          text: { en: '172.18.0.4, myk8s-worker2', ko: 'myk8s-worker2의 주소 172.18.0.4' },
          claim: { kind: 'seenSource', send: 'with-endpoint', equals: '172.18.0.4' },
        },
        {
          id: 'veth',
          text: { en: '10.10.2.1, the node side of webpod2’s veth', ko: 'webpod2 veth의 노드 쪽 주소 10.10.2.1' },
          claim: { kind: 'seenSource', send: 'with-endpoint', equals: '10.10.2.1' },
        },
      ],
      answer: { kind: 'seenSource', send: 'with-endpoint', equals: '203.0.113.10' },
      correct: 'client',
      reveal: {
        en: 'With Local, external traffic never leaves the node it arrived at, so there is nothing to masquerade for: the pod sees the real client.',
        ko: 'Local에서는 외부 트래픽이 도착한 노드를 떠나지 않으므로 masquerade할 이유가 없습니다. 파드는 진짜 클라이언트를 봅니다.',
      },
    },
    {
      id: 'no-endpoint',
      prompt: {
        en: 'The same client connects through myk8s-control-plane:30081, which has no webpod. A study note says the connection is refused. What does the node do?',
        ko: '같은 클라이언트가 webpod가 없는 myk8s-control-plane:30081로 접속합니다. 스터디 노트에는 연결이 refuse된다고 되어 있습니다. 노드는 실제로 어떻게 할까요?',
      },
      choices: [
        {
          id: 'refused',
          text: { en: 'Refuses it: REJECT answers at once', ko: '거절한다: REJECT가 바로 응답한다' },
          claim: { kind: 'outcome', send: 'without-endpoint', equals: 'rejected' },
        },
        { id: 'dropped', text: { en: 'Drops it silently; the client times out', ko: '조용히 버린다. 클라이언트는 타임아웃을 겪는다' } },
        {
          id: 'forwarded',
          text: { en: 'Forwards it to a webpod on another node', ko: '다른 노드의 webpod로 보낸다' },
          claim: { kind: 'outcome', send: 'without-endpoint', equals: 'delivered' },
        },
      ],
      answer: { kind: 'ruleMatched', send: 'without-endpoint', packet: 'SYN', table: 'filter', chain: 'KUBE-EXTERNAL-SERVICES', target: 'DROP', equals: true },
      correct: 'dropped',
      reveal: {
        en: '"has no local endpoints" is a DROP: no reset, no ICMP error. (REJECT is what a Service with no endpoints anywhere gets — lesson 10.) Clients should never be sent here; the health check node port is what keeps the load balancer away.',
        ko: '"has no local endpoints"는 DROP입니다. RST도 ICMP 오류도 없습니다. (REJECT는 어디에도 엔드포인트가 없는 서비스에 쓰입니다. 레슨 10.) 애초에 클라이언트가 이 노드로 오지 않아야 하고, 로드밸런서를 이 노드에서 떼어 놓는 것이 헬스 체크 노드 포트입니다.',
      },
    },
    {
      id: 'spread',
      prompt: {
        en: '200 new connections arrive through myk8s-worker3:30081. How are they spread?',
        ko: '새 연결 200개가 myk8s-worker3:30081로 들어옵니다. 어떻게 나뉠까요?',
      },
      choices: [
        {
          id: 'thirds',
          text: { en: 'About a third to each webpod', ko: '각 webpod에 약 1/3씩' },
          claim: { kind: 'spreadShare', send: 'spread', endpointCount: 3, tolerance: 0.1 },
        },
        { id: 'all-local', text: { en: 'All 200 to webpod3', ko: '200개 모두 webpod3로' } },
      ],
      answer: { kind: 'spreadPodShare', send: 'spread', pod: 'webpod3', share: 1, tolerance: 0 },
      correct: 'all-local',
      reveal: {
        en: 'myk8s-worker3’s KUBE-SVL chain holds webpod3 only. Spreading over nodes is up to the load balancer.',
        ko: 'myk8s-worker3의 KUBE-SVL 체인에는 webpod3만 있습니다. 노드 사이의 분산은 로드밸런서에 달려 있습니다.',
      },
    },
  ],
};
