import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';
const W2 = 'myk8s-worker2';

/** Pod to pod without a Service: no NAT at all; routes move the packet, conntrack still tracks it. */
export const podToPod: Lesson = {
  id: '12-pod-to-pod',
  title: LESSON_TITLES['12-pod-to-pod'],
  summary: {
    en: 'net-pod connects straight to webpod2’s address, 10.10.2.2:80. The nat table is still consulted and finds nothing to do; the routing table, not iptables, carries the packet to myk8s-worker2; and conntrack tracks the connection anyway.',
    ko: 'net-pod가 webpod2의 주소 10.10.2.2:80으로 바로 접속합니다. nat 테이블은 여전히 확인되지만 할 일이 없고, 패킷을 myk8s-worker2까지 나르는 것은 iptables가 아니라 라우팅 테이블이며, conntrack은 그래도 연결을 추적합니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'direct',
      title: { en: 'net-pod → 10.10.2.2:80 (webpod2, no Service)', ko: 'net-pod → 10.10.2.2:80 (webpod2, Service 없이)' },
      from: 'net-pod',
      to: '10.10.2.2:80',
    },
  ],
  steps: [
    {
      text: {
        en: 'net-pod (10.10.0.4) sends a SYN straight to 10.10.2.2:80, the address of webpod2 itself.',
        ko: 'net-pod(10.10.0.4)가 webpod2 자신의 주소인 10.10.2.2:80으로 SYN을 바로 보냅니다.',
      },
      at: { packet: 'SYN', stage: 'send' },
    },
    {
      text: {
        en: 'It is a new connection, so the nat table is walked: KUBE-SERVICES compares the destination with every Service rule, none matches a pod IP, and the PREROUTING policy accepts the packet unchanged.',
        ko: '새 연결이므로 nat 테이블을 거칩니다. KUBE-SERVICES가 목적지를 서비스 규칙 하나하나와 비교하지만 파드 IP와 맞는 규칙은 없고, PREROUTING 정책(ACCEPT)이 패킷을 그대로 통과시킵니다.',
      },
      at: { packet: 'SYN', node: CP, hook: 'PREROUTING', chain: 'PREROUTING', rule: 'policy ACCEPT' },
    },
    {
      text: {
        en: 'Then the routing decision moves it: kindnet gave every node a route to every other node’s pod range, so 10.10.2.0/24 goes via 172.18.0.4, myk8s-worker2, out of eth0. No iptables rule chose this path.',
        ko: '그다음 라우팅 결정이 패킷을 옮깁니다. kindnet이 모든 노드에 다른 노드의 파드 대역으로 가는 경로를 넣어 두었으므로, 10.10.2.0/24는 eth0을 통해 172.18.0.4(myk8s-worker2)로 갑니다. 이 경로를 고른 iptables 규칙은 없습니다.',
      },
      noteSays: {
        en: 'kube-proxy sets iptables rules to route service traffic to the right pod; iptables is the core of Kubernetes service routing.',
        ko: 'kube-proxy가 iptables 규칙을 설정하여 서비스 트래픽을 적절한 Pod로 라우팅한다. iptables는 Kubernetes 서비스 라우팅의 핵심 역할을 수행',
      },
      at: { packet: 'SYN', stage: 'routing', node: CP, hook: 'PREROUTING' },
    },
    {
      text: {
        en: 'myk8s-worker2 routes 10.10.2.2 to webpod2’s veth. The packet arrives exactly as it was sent: 10.10.0.4 → 10.10.2.2:80. After the DNAT of lesson 1, a Service connection looks just like this from the second node on.',
        ko: 'myk8s-worker2는 10.10.2.2를 webpod2의 veth로 보냅니다. 패킷은 보낸 그대로 10.10.0.4 → 10.10.2.2:80으로 도착합니다. 레슨 1의 DNAT 뒤, 두 번째 노드부터의 서비스 연결도 바로 이런 모습입니다.',
      },
      at: { packet: 'SYN', stage: 'routing', node: W2, hook: 'PREROUTING' },
    },
    {
      text: {
        en: 'conntrack does not care whether there is NAT: both nodes create an entry for the connection. Its reply tuple is simply the original one mirrored — "src=10.10.0.4 dst=10.10.2.2 … src=10.10.2.2 dst=10.10.0.4" — because nothing was translated.',
        ko: 'conntrack은 NAT가 있든 없든 상관하지 않습니다. 두 노드 모두 이 연결의 엔트리를 만듭니다. 아무것도 변환되지 않았으므로 응답 방향 튜플은 원래 튜플을 뒤집어 놓은 것일 뿐입니다: "src=10.10.0.4 dst=10.10.2.2 … src=10.10.2.2 dst=10.10.0.4".',
      },
      at: { packet: 'SYN', stage: 'conntrack', node: W2, ctstate: 'NEW' },
    },
  ],
  questions: [
    {
      id: 'translation',
      prompt: {
        en: 'Which translation does the SYN go through on its way from net-pod to webpod2?',
        ko: 'SYN은 net-pod에서 webpod2로 가는 동안 어떤 변환을 거칠까요?',
      },
      choices: [
        {
          id: 'dnat',
          text: { en: 'A DNAT: kube-proxy handles every pod connection', ko: 'DNAT: kube-proxy가 모든 파드 연결을 처리한다' },
          claim: { kind: 'ruleMatched', packet: 'SYN', target: 'DNAT', equals: true },
        },
        {
          id: 'masquerade',
          text: { en: 'MASQUERADE to the node address, to cross nodes', ko: '노드를 건너려면 노드 주소로 MASQUERADE' },
          claim: { kind: 'ruleMatched', packet: 'SYN', target: 'MASQUERADE', equals: true },
        },
        { id: 'none', text: { en: 'None: it arrives exactly as it was sent', ko: '없음: 보낸 그대로 도착한다' } },
      ],
      answer: { kind: 'packetTranslated', packet: 'SYN', equals: false },
      correct: 'none',
      reveal: {
        en: 'Pod addresses are routable between nodes, so nothing needs rewriting. kube-proxy’s rules only act on Service addresses and node ports.',
        ko: '파드 주소는 노드 사이에서 그대로 라우팅되므로 바꿀 것이 없습니다. kube-proxy의 규칙은 서비스 주소와 노드 포트에만 작동합니다.',
      },
    },
    {
      id: 'tracked',
      prompt: {
        en: 'There is no NAT. Does conntrack on myk8s-worker2 have an entry for this connection?',
        ko: 'NAT가 없습니다. myk8s-worker2의 conntrack에 이 연결의 엔트리가 있을까요?',
      },
      choices: [
        {
          id: 'no',
          text: { en: 'No: conntrack is only there for NAT', ko: '없다: conntrack은 NAT를 위해서만 있다' },
          claim: { kind: 'conntrackState', node: W2, packet: 'SYN', matches: 'src=10.10.0.4 dst=10.10.2.2', equals: false },
        },
        { id: 'yes', text: { en: 'Yes, with no NAT in it', ko: '있다, NAT 없이' } },
      ],
      answer: { kind: 'conntrackEntry', node: W2, packet: 'SYN', original: '10.10.0.4:', state: 'SYN_SENT', flags: ['UNREPLIED'], nat: [] },
      correct: 'yes',
      reveal: {
        en: 'Every connection that crosses a node is tracked; ctstate matches such as KUBE-FORWARD’s "--ctstate RELATED,ESTABLISHED -j ACCEPT" depend on it for the replies.',
        ko: '노드를 지나는 모든 연결은 추적됩니다. KUBE-FORWARD의 "--ctstate RELATED,ESTABLISHED -j ACCEPT" 같은 ctstate 매치가 응답 패킷을 통과시킬 때 이 엔트리에 기대고 있습니다.',
      },
    },
  ],
};
