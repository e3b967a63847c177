import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';

/** "Why can I ping a ClusterIP in IPVS mode?" — what guides say, what this release does (KUBE-IPVS-FILTER), and when it changed. */
export const ipvsPing: Lesson = {
  id: '21-ipvs-ping',
  title: LESSON_TITLES['21-ipvs-ping'],
  summary: {
    en: 'A classic IPVS-mode question: the cluster IP is an address of the node (kube-ipvs0), so does the node answer a ping to it? It did in older releases. Since Kubernetes 1.25 (kubernetes#108460) kube-proxy’s KUBE-IPVS-FILTER chain rejects every new packet to a kube-ipvs0 address that is not one of its Service ports, a ping included. Send the ping and a connection to kubelet’s port 10250 and see the same rule answer both.',
    ko: 'IPVS 모드에서 자주 나오는 질문입니다. 클러스터 IP가 노드의 주소(kube-ipvs0)라면, 그 주소로 보낸 ping에 노드가 답할까요? 예전 릴리스에서는 답했습니다. Kubernetes 1.25(kubernetes#108460)부터는 kube-proxy의 KUBE-IPVS-FILTER 체인이 kube-ipvs0 주소로 오는 새 패킷 중 서비스 포트가 아닌 것을 모두 거부하고, ping도 예외가 아닙니다. ping과 kubelet의 10250번 포트로의 연결을 보내 같은 규칙이 둘 다 거부하는 것을 확인합니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'ping',
      title: { en: 'net-pod pings 10.200.1.100', ko: 'net-pod가 10.200.1.100에 ping' },
      from: 'net-pod',
      to: '10.200.1.100',
      protocol: 'icmp',
      seed: 1,
    },
    {
      kind: 'connection',
      id: 'kubelet',
      title: { en: 'net-pod → 10.200.1.100:10250 (kubelet’s port, not a Service port)', ko: 'net-pod → 10.200.1.100:10250 (kubelet의 포트, 서비스 포트가 아님)' },
      from: 'net-pod',
      to: '10.200.1.100:10250',
      protocol: 'tcp',
      seed: 1,
    },
  ],
  steps: [
    {
      text: {
        en: 'net-pod sends an ICMP echo request to 10.200.1.100, svc-clusterip’s cluster IP. A ping has no port: it can only be about the address.',
        ko: 'net-pod가 svc-clusterip의 클러스터 IP인 10.200.1.100으로 ICMP echo request를 보냅니다. ping에는 포트가 없으니 주소만 보고 판단할 수밖에 없습니다.',
      },
      at: { send: 'ping', packet: 'echo request', stage: 'send' },
    },
    {
      text: {
        en: 'In nat KUBE-SERVICES the cluster-IP lookup wants an address and a port (KUBE-CLUSTER-IP is a hash:ip,port set), so it does not match; nothing happens to the packet and PREROUTING’s policy accepts it.',
        ko: 'nat KUBE-SERVICES의 클러스터 IP 조회에는 주소와 포트가 모두 필요하므로(KUBE-CLUSTER-IP는 hash:ip,port 집합) 일치하지 않습니다. 패킷에는 아무 일도 일어나지 않고 PREROUTING의 정책이 ACCEPT합니다.',
      },
      at: { send: 'ping', packet: 'echo request', node: CP, hook: 'PREROUTING', chain: 'PREROUTING', rule: 'policy ACCEPT' },
    },
    {
      text: {
        en: 'Routing: 10.200.1.100 is on kube-ipvs0, so the echo request is for this node — the part of the story everyone remembers, and why the node used to answer.',
        ko: '라우팅: 10.200.1.100은 kube-ipvs0에 있으므로 echo request는 이 노드가 받을 패킷입니다. 모두가 기억하는 부분이고, 노드가 예전에 ping에 답하던 이유입니다.',
      },
      at: { send: 'ping', packet: 'echo request', stage: 'routing', node: CP, hook: 'PREROUTING' },
    },
    {
      text: {
        en: 'filter INPUT → KUBE-IPVS-FILTER. Its RETURN rules let through what IPVS serves: a cluster IP with its port, load-balancer and external IPs with theirs, health-check node ports. A ping fits none of them, so the last rule decides: "-m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT". KUBE-IPVS-IPS holds every address on kube-ipvs0.',
        ko: 'filter INPUT → KUBE-IPVS-FILTER. 이 체인의 RETURN 규칙들은 IPVS가 서비스하는 것만 통과시킵니다. 포트까지 맞는 클러스터 IP, 로드밸런서 IP와 외부 IP, 헬스 체크 노드 포트입니다. ping은 어디에도 해당하지 않으므로 마지막 규칙이 결정합니다: "-m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT". KUBE-IPVS-IPS에는 kube-ipvs0의 모든 주소가 들어 있습니다.',
      },
      at: { send: 'ping', packet: 'echo request', node: CP, chain: 'KUBE-IPVS-FILTER', target: 'REJECT' },
    },
    {
      text: {
        en: 'net-pod gets "Destination Port Unreachable" from 10.200.1.100 instead of an echo reply. The lab’s test runs the same rules, ipsets and addresses in a real kernel and a real `ping` gets exactly that.',
        ko: 'net-pod는 echo reply 대신 10.200.1.100에서 온 "Destination Port Unreachable"을 받습니다. 이 실습의 테스트는 같은 규칙, ipset, 주소를 실제 커널에 넣고 실제 `ping`을 보내는데, 결과가 정확히 같습니다.',
      },
      at: { send: 'ping', packet: 'ICMP port unreachable', stage: 'deliver' },
    },
    {
      text: {
        en: 'Many guides say that in IPVS mode you can ping a ClusterIP, because kube-ipvs0 holds it, and in iptables mode you cannot. When did that change? Before KUBE-IPVS-FILTER, nothing stopped a packet to a kube-ipvs0 address: the kernel answered pings itself, and every port the node listens on (kubelet’s 10250, an sshd, …) answered on every Service IP too (kubernetes#72236). kubernetes#108460 (2022, first in v1.25) added the chain; so guides and clusters from before then show ping working.',
        ko: '많은 가이드가 IPVS 모드에서는 kube-ipvs0가 ClusterIP를 갖고 있어서 ping이 되고, iptables 모드에서는 안 된다고 설명합니다. 언제 바뀌었을까요? KUBE-IPVS-FILTER가 생기기 전에는 kube-ipvs0 주소로 오는 패킷을 막는 것이 없었습니다. 커널이 ping에 직접 답했고, 노드가 듣고 있는 모든 포트(kubelet의 10250, sshd 등)도 모든 서비스 IP에서 응답했습니다(kubernetes#72236). kubernetes#108460(2022년, v1.25부터)이 이 체인을 추가했습니다. 그래서 그 이전의 가이드와 클러스터에서는 ping이 됩니다.',
      },
    },
    {
      text: {
        en: 'That is what the chain was written for: a TCP connection to 10.200.1.100:10250 meets the same REJECT, where it once reached the node’s own kubelet. In iptables mode (lesson 1) a ping to a cluster IP matches no rule at all: the node routes it toward its default gateway and no one answers.',
        ko: '이 체인이 원래 막으려던 것이 이것입니다. 10.200.1.100:10250으로 가는 TCP 연결도 같은 REJECT에 걸립니다. 예전에는 노드의 kubelet까지 닿았습니다. iptables 모드(레슨 1)에서는 클러스터 IP로 보낸 ping에 맞는 규칙이 하나도 없어서, 노드가 기본 게이트웨이 쪽으로 보내 버리고 아무도 답하지 않습니다.',
      },
      at: { send: 'kubelet', packet: 'SYN', node: CP, chain: 'KUBE-IPVS-FILTER', target: 'REJECT' },
    },
  ],
  questions: [
    {
      id: 'ping',
      prompt: {
        en: 'kube-ipvs0 holds 10.200.1.100 on every node. net-pod pings it. What does net-pod get back?',
        ko: '모든 노드의 kube-ipvs0에 10.200.1.100이 있습니다. net-pod가 이 주소로 ping을 보냅니다. net-pod는 무엇을 돌려받을까요?',
      },
      choices: [
        {
          id: 'reply',
          text: { en: 'An echo reply from the node', ko: '노드가 보낸 echo reply' },
          claim: { kind: 'outcome', send: 'ping', equals: 'delivered' },
        },
        { id: 'unreachable', text: { en: 'ICMP port unreachable', ko: 'ICMP port unreachable' } },
        {
          id: 'nothing',
          text: { en: 'Nothing: the ping times out', ko: '아무것도: ping이 타임아웃된다' },
          claim: { kind: 'outcome', send: 'ping', equals: 'dropped' },
        },
      ],
      answer: { kind: 'packetFate', send: 'ping', packet: 'ICMP port unreachable', equals: 'delivered' },
      correct: 'unreachable',
      reveal: {
        en: 'With the rules of the release the lab follows, the echo request is rejected before the kernel can answer it. Older clusters (before v1.25) and many guides say it answers: they are right about their time.',
        ko: '이 실습이 따르는 릴리스의 규칙에서는 커널이 답하기 전에 echo request가 거부됩니다. 예전 클러스터(v1.25 이전)와 많은 가이드는 답한다고 합니다. 그 시절에는 맞는 말이었습니다.',
      },
    },
    {
      id: 'which-rule',
      prompt: {
        en: 'What rejects the ping?',
        ko: 'ping을 거부하는 것은 무엇일까요?',
      },
      choices: [
        { id: 'filter', text: { en: 'The last rule of filter KUBE-IPVS-FILTER, at INPUT', ko: 'INPUT에서 filter KUBE-IPVS-FILTER의 마지막 규칙' } },
        {
          id: 'services',
          text: { en: 'A REJECT rule in nat KUBE-SERVICES', ko: 'nat KUBE-SERVICES의 REJECT 규칙' },
          claim: { kind: 'ruleMatched', send: 'ping', packet: 'echo request', chain: 'KUBE-SERVICES', target: 'REJECT', equals: true },
        },
        {
          id: 'ipvs',
          text: { en: 'IPVS itself: no virtual server for ICMP', ko: 'IPVS 자신: ICMP용 가상 서버가 없어서' },
          claim: { kind: 'hop', at: { send: 'ping', packet: 'echo request', stage: 'ipvs' }, equals: true },
        },
      ],
      answer: { kind: 'ruleMatched', send: 'ping', packet: 'echo request', node: CP, hook: 'INPUT', table: 'filter', chain: 'KUBE-IPVS-FILTER', target: 'REJECT', equals: true },
      correct: 'filter',
      reveal: {
        en: 'The packet never reaches IPVS: filter INPUT runs first, and KUBE-IPVS-FILTER rejects a NEW packet to any kube-ipvs0 address that none of its RETURN rules let through.',
        ko: '패킷은 IPVS까지 가지도 못합니다. filter INPUT이 먼저 돌고, KUBE-IPVS-FILTER가 RETURN 규칙 어디에도 해당하지 않는, kube-ipvs0 주소로 가는 NEW 패킷을 거부합니다.',
      },
    },
    {
      id: 'other-port',
      prompt: {
        en: 'net-pod connects to 10.200.1.100:10250. svc-clusterip has only port 9000, and the node’s kubelet listens on 10250. What happens?',
        ko: 'net-pod가 10.200.1.100:10250으로 연결합니다. svc-clusterip의 포트는 9000뿐이고, 노드의 kubelet이 10250번에서 듣고 있습니다. 어떻게 될까요?',
      },
      choices: [
        {
          id: 'kubelet',
          text: { en: 'The node’s kubelet answers: the address is the node’s', ko: '노드의 kubelet이 답한다: 노드의 주소이므로' },
          claim: { kind: 'outcome', send: 'kubelet', equals: 'delivered' },
        },
        { id: 'rejected', text: { en: 'Rejected by the same KUBE-IPVS-FILTER rule', ko: '같은 KUBE-IPVS-FILTER 규칙이 거부한다' } },
      ],
      answer: { kind: 'ruleMatched', send: 'kubelet', packet: 'SYN', node: CP, chain: 'KUBE-IPVS-FILTER', target: 'REJECT', equals: true },
      correct: 'rejected',
      reveal: {
        en: 'kubernetes#72236 was exactly this: in IPVS mode the node’s own services were reachable on every Service IP. KUBE-IPVS-FILTER closes it, and the ping goes with it.',
        ko: 'kubernetes#72236이 바로 이 문제였습니다. IPVS 모드에서 노드 자신의 서비스가 모든 서비스 IP로 열려 있었습니다. KUBE-IPVS-FILTER가 이것을 막았고, ping도 함께 막혔습니다.',
      },
    },
  ],
};
