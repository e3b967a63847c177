import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';

/**
 * cluster-ips-check (nftables mode): a port a real ClusterIP does not serve is rejected, an address of the
 * Service range no Service has is dropped (KEP-3866, "Behavior of service IPs"); iptables mode has a rule
 * for neither. Beside them, a Service without endpoints (no-endpoint-services → reject-chain).
 */
export const nftablesRejectDrop: Lesson = {
  id: '16-nftables-reject-drop',
  title: LESSON_TITLES['16-nftables-reject-drop'],
  summary: {
    en: 'Two wrong numbers, in nftables mode: a port svc-clusterip does not serve, and an address of the Service range that no Service has. kube-proxy’s cluster-ips-check chain answers the first at once and silently drops the second. Then the same wrong port in iptables mode, and svc-empty, a Service without endpoints.',
    ko: 'nftables 모드에서 잘못 건 번호 두 가지: svc-clusterip가 서비스하지 않는 포트, 그리고 서비스 대역 안이지만 어떤 서비스도 갖지 않은 주소. kube-proxy의 cluster-ips-check 체인은 첫째에는 바로 응답하고, 둘째는 조용히 버립니다. 이어서 같은 잘못된 포트를 iptables 모드로 보내 보고, 엔드포인트가 없는 서비스 svc-empty도 봅니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'closed',
      title: { en: 'net-pod → 10.200.1.100:8080 (svc-clusterip’s address, another port)', ko: 'net-pod → 10.200.1.100:8080 (svc-clusterip의 주소, 다른 포트)' },
      from: 'net-pod',
      to: '10.200.1.100:8080',
    },
    {
      kind: 'connection',
      id: 'unallocated',
      title: { en: 'net-pod → 10.200.1.222:9000 (no Service has this address)', ko: 'net-pod → 10.200.1.222:9000 (어떤 서비스도 갖지 않은 주소)' },
      from: 'net-pod',
      to: '10.200.1.222:9000',
    },
    {
      kind: 'connection',
      id: 'empty',
      title: { en: 'net-pod → svc-empty:9000 (no endpoints)', ko: 'net-pod → svc-empty:9000 (엔드포인트 없음)' },
      from: 'net-pod',
      to: 'svc-empty:9000',
    },
    {
      kind: 'connection',
      id: 'closed-ipt',
      title: { en: 'net-pod → 10.200.1.100:8080 in iptables mode (for comparison)', ko: 'iptables 모드로 net-pod → 10.200.1.100:8080 (비교용)' },
      from: 'net-pod',
      to: '10.200.1.100:8080',
      mode: 'iptables',
    },
  ],
  steps: [
    {
      text: {
        en: 'The SYN to 10.200.1.100:8080 makes the key 10.200.1.100 . tcp . 8080. svc-clusterip serves port 9000 only, so the service-ips lookup finds no element: no DNAT, and the packet leaves the nat chains still addressed to the ClusterIP.',
        ko: '10.200.1.100:8080으로 가는 SYN의 키는 10.200.1.100 . tcp . 8080입니다. svc-clusterip는 포트 9000만 서비스하므로 service-ips 조회는 원소를 찾지 못합니다. DNAT 없이, 패킷은 ClusterIP를 목적지로 단 채 nat 체인을 빠져나옵니다.',
      },
      at: { send: 'closed', packet: 'SYN', node: CP, chain: 'services', rule: 'vmap @service-ips', matched: false },
    },
    {
      text: {
        en: 'Routed toward FORWARD, it meets filter-forward, whose "ct state new jump cluster-ips-check" sends it to cluster-ips-check. Rule 1, "ip daddr @cluster-ips reject", matches: the set cluster-ips holds every ClusterIP in use (10.200.1.1, .10, .100, .101), and a packet that reaches this point addressed to one of them asked for a port no Service offers. (A ping to a ClusterIP meets the same rule: no Service forwards ICMP.)',
        ko: 'FORWARD로 라우팅된 패킷은 filter-forward를 만나고, "ct state new jump cluster-ips-check"가 cluster-ips-check로 보냅니다. 규칙 1 "ip daddr @cluster-ips reject"가 일치합니다. cluster-ips 집합에는 사용 중인 모든 ClusterIP(10.200.1.1, .10, .100, .101)가 들어 있고, 여기까지 그중 하나를 목적지로 달고 온 패킷은 어떤 서비스도 열지 않은 포트를 찾은 것입니다. (ClusterIP로 보낸 ping도 같은 규칙을 만납니다. ICMP를 전달하는 서비스는 없기 때문입니다.)',
      },
      at: { send: 'closed', packet: 'SYN', node: CP, chain: 'cluster-ips-check', target: 'reject' },
    },
    {
      text: {
        en: 'reject answers with ICMP port unreachable, from the node’s side of net-pod’s veth: curl prints "Connection refused" at once.',
        ko: 'reject는 net-pod veth의 노드 쪽 주소에서 ICMP port unreachable로 답합니다. curl은 곧바로 "Connection refused"를 출력합니다.',
      },
      at: { send: 'closed', packet: 'ICMP port unreachable', stage: 'deliver' },
    },
    {
      text: {
        en: '10.200.1.222 is in the Service range 10.200.1.0/24 but no Service has it, so it is not in cluster-ips. Rule 2, "ip daddr 10.200.1.0/24 drop", matches: the SYN is dropped without an answer, and curl waits for its timeout.',
        ko: '10.200.1.222는 서비스 대역 10.200.1.0/24 안에 있지만 어떤 서비스도 이 주소를 갖지 않으므로 cluster-ips에 없습니다. 규칙 2 "ip daddr 10.200.1.0/24 drop"이 일치해서 SYN은 응답 없이 버려지고, curl은 타임아웃까지 기다립니다.',
      },
      at: { send: 'unallocated', packet: 'SYN', node: CP, chain: 'cluster-ips-check', target: 'drop' },
    },
    {
      text: {
        en: 'svc-empty has a ClusterIP (10.200.1.101) but no endpoints. Its port is in the map no-endpoint-services with the verdict "goto reject-chain", which service-endpoints-check looks up before cluster-ips-check: the same ICMP answer, from a different rule. (iptables mode writes a REJECT rule in filter KUBE-SERVICES for it: lesson 10.)',
        ko: 'svc-empty에는 ClusterIP(10.200.1.101)가 있지만 엔드포인트가 없습니다. 그 포트는 no-endpoint-services 맵에 "goto reject-chain" 판정과 함께 들어 있고, service-endpoints-check가 cluster-ips-check보다 먼저 이 맵을 조회합니다. 같은 ICMP 응답이지만 다른 규칙에서 나옵니다. (iptables 모드는 filter KUBE-SERVICES에 REJECT 규칙을 씁니다: 레슨 10.)',
      },
      at: { send: 'empty', packet: 'SYN', node: CP, chain: 'reject-chain', target: 'reject' },
    },
    {
      text: {
        en: 'In iptables mode kube-proxy writes no rule for a port a ClusterIP does not serve, and none for an unallocated address: the SYN is routed by the node’s default route out of the cluster, KIND-MASQ-AGENT masquerades it, and no answer comes back (conntrack keeps an [UNREPLIED] entry). The rules a current kube-proxy writes have no KUBE-MARK-DROP chain at all, and KUBE-FIREWALL only guards 127.0.0.0/8. The third question checks it.',
        ko: 'iptables 모드의 kube-proxy는 ClusterIP가 서비스하지 않는 포트에도, 할당되지 않은 주소에도 규칙을 쓰지 않습니다. SYN은 노드의 기본 경로를 따라 클러스터 밖으로 라우팅되고, KIND-MASQ-AGENT가 masquerade하고, 응답은 돌아오지 않습니다(conntrack에는 [UNREPLIED] 엔트리가 남습니다). 요즘 kube-proxy가 쓰는 규칙에는 KUBE-MARK-DROP 체인이 아예 없고, KUBE-FIREWALL은 127.0.0.0/8만 지킵니다. 세 번째 질문에서 확인합니다.',
      },
      noteSays: {
        en: 'KUBE-MARK-DROP marks in netfilter the packets the earlier rules did not DNAT. These packets are dropped by the KUBE-FIREWALL chain.',
        ko: 'KUBE-MARK-DROP: 앞선 rule 들에 의해 DNAT 이 되지 않은 패킷들에 대해서 netfilter 에 마킹을 한다. 이 패킷들은 KUBE-FIREWALL chain 에 의해 버려진다.',
      },
    },
  ],
  questions: [
    {
      id: 'closed',
      prompt: {
        en: 'net-pod connects to 10.200.1.100:8080: svc-clusterip’s address, but a port it does not serve. What does curl get in nftables mode?',
        ko: 'net-pod가 10.200.1.100:8080에 접속합니다. svc-clusterip의 주소지만 서비스하지 않는 포트입니다. nftables 모드에서 curl은 무엇을 받을까요?',
      },
      choices: [
        { id: 'refused', text: { en: '"Connection refused" at once: an ICMP port unreachable', ko: '곧바로 "Connection refused": ICMP port unreachable' } },
        {
          id: 'timeout',
          text: { en: 'Nothing: the SYN is dropped and curl waits', ko: '아무것도: SYN이 버려지고 curl은 기다린다' },
          claim: { kind: 'outcome', send: 'closed', equals: 'dropped' },
        },
        {
          id: 'webpod',
          text: { en: 'A webpod answers on port 8080', ko: 'webpod가 포트 8080에서 답한다' },
          claim: { kind: 'outcome', send: 'closed', equals: 'delivered' },
        },
      ],
      answer: {
        kind: 'allOf',
        claims: [
          { kind: 'ruleMatched', send: 'closed', packet: 'SYN', node: CP, chain: 'cluster-ips-check', target: 'reject', equals: true },
          { kind: 'packetFate', send: 'closed', packet: 'ICMP port unreachable', equals: 'delivered' },
        ],
      },
      correct: 'refused',
      reveal: {
        en: 'The address is a ClusterIP in use (it is in the set cluster-ips), so the client clearly meant a Service: a fast, explicit error helps more than silence.',
        ko: '이 주소는 사용 중인 ClusterIP(cluster-ips 집합에 있음)이므로 클라이언트는 분명히 서비스를 찾은 것입니다. 침묵보다 빠르고 분명한 오류가 더 도움이 됩니다.',
      },
    },
    {
      id: 'unallocated',
      prompt: {
        en: 'net-pod connects to 10.200.1.222:9000, an address of the Service range that no Service has. What happens in nftables mode?',
        ko: 'net-pod가 10.200.1.222:9000에 접속합니다. 서비스 대역 안이지만 어떤 서비스도 갖지 않은 주소입니다. nftables 모드에서는 어떻게 될까요?',
      },
      choices: [
        {
          id: 'refused',
          text: { en: 'Refused at once, like the closed port', ko: '닫힌 포트처럼 곧바로 거부된다' },
          claim: { kind: 'outcome', send: 'unallocated', equals: 'rejected' },
        },
        { id: 'dropped', text: { en: 'Dropped in cluster-ips-check: no answer at all', ko: 'cluster-ips-check에서 버려진다: 아무 응답도 없다' } },
        {
          id: 'leaves',
          text: { en: 'It leaves the node by the default route', ko: '기본 경로를 따라 노드를 떠난다' },
          claim: { kind: 'hop', at: { send: 'unallocated', packet: 'SYN', stage: 'wire', node: CP }, equals: true },
        },
      ],
      answer: {
        kind: 'allOf',
        claims: [
          { kind: 'ruleMatched', send: 'unallocated', packet: 'SYN', node: CP, chain: 'cluster-ips-check', target: 'drop', equals: true },
          { kind: 'outcome', send: 'unallocated', equals: 'dropped' },
        ],
      },
      correct: 'dropped',
      reveal: {
        en: 'KEP-3866: "Traffic to invalid ports on active cluster IPs will be rejected … it will additionally drop traffic to unassigned cluster IPs." Either way the packet no longer wanders out of the cluster by the default route.',
        ko: 'KEP-3866: 사용 중인 ClusterIP의 잘못된 포트로 가는 트래픽은 거부(reject)하고, 할당되지 않은 ClusterIP로 가는 트래픽은 버린다(drop). 어느 쪽이든 패킷이 기본 경로를 따라 클러스터 밖으로 헤매며 나가는 일은 없습니다.',
      },
    },
    {
      id: 'iptables',
      prompt: {
        en: 'And the same SYN to 10.200.1.100:8080 in iptables mode?',
        ko: '같은 10.200.1.100:8080으로 가는 SYN을 iptables 모드에서 보내면요?',
      },
      choices: [
        {
          id: 'rejected',
          text: { en: 'Rejected, as in nftables mode', ko: 'nftables 모드처럼 거부된다' },
          claim: { kind: 'outcome', send: 'closed-ipt', equals: 'rejected' },
        },
        {
          id: 'mark-drop',
          text: { en: 'KUBE-MARK-DROP marks it and KUBE-FIREWALL drops it', ko: 'KUBE-MARK-DROP이 표시하고 KUBE-FIREWALL이 버린다' },
          claim: { kind: 'ruleMatched', send: 'closed-ipt', packet: 'SYN', target: 'KUBE-MARK-DROP', equals: true },
        },
        { id: 'leaves', text: { en: 'No rule stops it: it leaves by the default route and no answer comes', ko: '막는 규칙이 없다: 기본 경로로 나가고 응답은 오지 않는다' } },
      ],
      answer: {
        kind: 'allOf',
        claims: [
          { kind: 'hop', at: { send: 'closed-ipt', packet: 'SYN', stage: 'wire', node: CP }, equals: true },
          { kind: 'outcome', send: 'closed-ipt', equals: 'dropped' },
          { kind: 'nodePrint', node: CP, mode: 'iptables', format: 'iptables-save', includes: 'KUBE-MARK-DROP', equals: false },
        ],
      },
      correct: 'leaves',
      reveal: {
        en: 'iptables mode only ever matches the Service ports it knows; anything else to a ClusterIP falls through to routing, and the node’s default route leads out of the cluster. The SYN is lost somewhere outside, and the client waits.',
        ko: 'iptables 모드는 자기가 아는 서비스 포트에만 일치합니다. ClusterIP로 가는 나머지는 모두 라우팅으로 넘어가고, 노드의 기본 경로는 클러스터 밖으로 이어집니다. SYN은 밖 어딘가에서 사라지고, 클라이언트는 기다립니다.',
      },
    },
  ],
};
