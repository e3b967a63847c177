import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const W1 = 'myk8s-worker';
const EXT = 'KUBE-EXT-VTR7MTHHNMFZ3OFS';

/** A NodePort from outside: KUBE-NODEPORTS → KUBE-EXT → KUBE-MARK-MASQ → DNAT → MASQUERADE. */
export const nodePort: Lesson = {
  id: '03-nodeport',
  title: LESSON_TITLES['03-nodeport'],
  summary: {
    en: 'A client outside the cluster (203.0.113.10) connects to myk8s-worker’s 30080. Follow KUBE-NODEPORTS → KUBE-EXT → KUBE-MARK-MASQ → KUBE-SVC → KUBE-SEP → DNAT → MASQUERADE, and see which source address the pod ends up seeing — it depends on where the pod runs.',
    ko: '클러스터 밖의 클라이언트(203.0.113.10)가 myk8s-worker의 30080 포트로 접속합니다. KUBE-NODEPORTS → KUBE-EXT → KUBE-MARK-MASQ → KUBE-SVC → KUBE-SEP → DNAT → MASQUERADE를 따라가 보고, 파드가 결국 어떤 출발지 주소를 보는지 확인합니다. 답은 파드가 어느 노드에 있느냐에 따라 달라집니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'remote',
      title: { en: 'external → myk8s-worker:30080 (lands on another node)', ko: 'external → myk8s-worker:30080 (다른 노드의 파드로)' },
      from: 'external',
      to: `${W1}:30080`,
      seed: 1,
    },
    {
      kind: 'connection',
      id: 'local',
      title: { en: 'external → myk8s-worker:30080 (lands on myk8s-worker itself)', ko: 'external → myk8s-worker:30080 (같은 노드의 파드로)' },
      from: 'external',
      to: `${W1}:30080`,
      seed: 2,
    },
  ],
  steps: [
    {
      text: {
        en: 'The SYN arrives on myk8s-worker’s eth0 for 172.18.0.3:30080, the node’s own address. In KUBE-SERVICES no cluster IP matches, and the chain’s last rule — "kubernetes service nodeports; NOTE: this must be the last rule in this chain", "-m addrtype --dst-type LOCAL" — sends every packet for one of the node’s own addresses to KUBE-NODEPORTS.',
        ko: 'SYN이 myk8s-worker의 eth0으로 들어옵니다. 목적지는 노드 자신의 주소인 172.18.0.3:30080입니다. KUBE-SERVICES에서 일치하는 클러스터 IP가 없으므로, 체인의 마지막 규칙("kubernetes service nodeports; NOTE: this must be the last rule in this chain", "-m addrtype --dst-type LOCAL")이 노드 자신의 주소로 온 패킷을 모두 KUBE-NODEPORTS로 보냅니다.',
      },
      at: { send: 'remote', packet: 'SYN', node: W1, chain: 'KUBE-SERVICES', target: 'KUBE-NODEPORTS' },
    },
    {
      text: {
        en: `KUBE-NODEPORTS matches the port: "-p tcp … --dport 30080 -j ${EXT}". (The rule before it is the 127.0.0.0/8 variant — lesson 4.)`,
        ko: `KUBE-NODEPORTS가 포트를 확인합니다: "-p tcp … --dport 30080 -j ${EXT}". (바로 앞 규칙은 127.0.0.0/8용입니다. 레슨 4에서 다룹니다.)`,
      },
      at: { send: 'remote', packet: 'SYN', chain: 'KUBE-NODEPORTS', target: EXT },
    },
    {
      text: {
        en: 'KUBE-EXT first jumps to KUBE-MARK-MASQ ("masquerade traffic for default/svc-nodeport:svc-webport external destinations"), which only sets a bit: MARK --set-xmark 0x4000/0x4000. Nothing is rewritten yet; the mark is a note for POSTROUTING.',
        ko: 'KUBE-EXT는 먼저 KUBE-MARK-MASQ로 점프합니다("masquerade traffic for default/svc-nodeport:svc-webport external destinations"). 여기서는 비트 하나만 켭니다: MARK --set-xmark 0x4000/0x4000. 아직 아무것도 바뀌지 않았고, 마크는 POSTROUTING에게 남기는 메모입니다.',
      },
      at: { send: 'remote', packet: 'SYN', chain: 'KUBE-MARK-MASQ', target: 'MARK' },
    },
    {
      text: {
        en: 'Then KUBE-EXT jumps to the Service’s KUBE-SVC chain — the same cascade a ClusterIP uses — and the chosen KUBE-SEP rewrites the destination: 172.18.0.3:30080 → 10.10.2.2:80.',
        ko: '그다음 KUBE-EXT는 서비스의 KUBE-SVC 체인으로 점프합니다. ClusterIP와 똑같은 확률 사다리입니다. 선택된 KUBE-SEP가 목적지를 바꿉니다: 172.18.0.3:30080 → 10.10.2.2:80.',
      },
      noteSays: {
        en: 'iptables -t nat -L -n -v | grep 30080 shows: DNAT tcp -- 0.0.0.0/0 192.168.56.101 tcp dpt:30080 -> 10.244.1.10:8080',
        ko: 'iptables -t nat -L -n -v | grep 30080 결과: DNAT tcp -- 0.0.0.0/0 192.168.56.101 tcp dpt:30080 -> 10.244.1.10:8080',
      },
      at: { send: 'remote', packet: 'SYN', node: W1, target: 'DNAT' },
    },
    {
      text: {
        en: 'The pod is on myk8s-worker2, so the packet is forwarded. KUBE-FORWARD lets marked packets through: "-m mark --mark 0x4000/0x4000 -j ACCEPT".',
        ko: '파드가 myk8s-worker2에 있으므로 패킷은 포워딩됩니다. KUBE-FORWARD가 마크가 붙은 패킷을 통과시킵니다: "-m mark --mark 0x4000/0x4000 -j ACCEPT".',
      },
      at: { send: 'remote', packet: 'SYN', node: W1, chain: 'KUBE-FORWARD', target: 'ACCEPT', rule: '--mark 0x4000/0x4000' },
    },
    {
      text: {
        en: 'In POSTROUTING the mark pays off: KUBE-POSTROUTING clears it ("-j MARK --set-xmark 0x4000/0x0") and MASQUERADEs ("--random-fully"): the source 203.0.113.10 becomes 172.18.0.3, the address of the interface the packet leaves by, with a random port.',
        ko: 'POSTROUTING에서 마크가 쓰입니다. KUBE-POSTROUTING이 마크를 지우고("-j MARK --set-xmark 0x4000/0x0") MASQUERADE합니다("--random-fully"). 출발지 203.0.113.10이 패킷이 나가는 인터페이스의 주소 172.18.0.3으로 바뀌고, 포트도 무작위로 바뀝니다.',
      },
      at: { send: 'remote', packet: 'SYN', node: W1, chain: 'KUBE-POSTROUTING', target: 'MASQUERADE' },
    },
    {
      text: {
        en: 'Why masquerade? Without it webpod2 would answer 203.0.113.10 straight through myk8s-worker2, which has no conntrack entry with the DNAT. The client would get a reply from 10.10.2.2:80 instead of 172.18.0.3:30080 and drop it. With the node as source, the reply goes back through myk8s-worker, which undoes both translations.',
        ko: '왜 masquerade할까요? 그러지 않으면 webpod2는 myk8s-worker2를 통해 203.0.113.10에 직접 응답하는데, myk8s-worker2에는 DNAT가 적힌 conntrack 엔트리가 없습니다. 클라이언트는 172.18.0.3:30080이 아니라 10.10.2.2:80에서 온 응답을 받게 되고 버립니다. 출발지가 노드이면 응답이 myk8s-worker를 거쳐 돌아오고, 거기서 두 변환이 모두 되돌려집니다.',
      },
      at: { send: 'remote', packet: 'SYN-ACK', stage: 'nat-from-entry', node: W1, hook: 'POSTROUTING' },
    },
    {
      text: {
        en: 'With another draw the cascade picks webpod1, which runs on myk8s-worker itself. The packet now leaves through webpod1’s veth, and MASQUERADE takes that interface’s address: the veth’s node side, 10.10.1.1.',
        ko: '다른 추첨에서는 확률 사다리가 myk8s-worker에 있는 webpod1을 고릅니다. 이번에는 패킷이 webpod1의 veth로 나가므로 MASQUERADE는 그 인터페이스의 주소, 즉 veth의 노드 쪽 주소 10.10.1.1을 씁니다.',
      },
      at: { send: 'local', packet: 'SYN', node: W1, chain: 'KUBE-POSTROUTING', target: 'MASQUERADE' },
    },
  ],
  questions: [
    {
      id: 'seen-remote',
      prompt: {
        en: 'The external client (203.0.113.10) reaches webpod2 through myk8s-worker:30080. What source address does webpod2 see?',
        ko: '외부 클라이언트(203.0.113.10)가 myk8s-worker:30080을 통해 webpod2에 닿습니다. webpod2는 출발지 주소를 무엇으로 볼까요?',
      },
      choices: [
        {
          id: 'client',
          text: { en: '203.0.113.10, the client', ko: '클라이언트 주소 203.0.113.10' },
          claim: { kind: 'seenSource', send: 'remote', equals: '203.0.113.10' },
        },
        { id: 'entry-node', text: { en: '172.18.0.3, myk8s-worker, where the client came in', ko: '클라이언트가 들어온 노드 myk8s-worker의 주소 172.18.0.3' } },
        {
          id: 'pod-node',
          text: { en: '172.18.0.4, myk8s-worker2, the pod’s own node', ko: '파드가 있는 노드 myk8s-worker2의 주소 172.18.0.4' },
          claim: { kind: 'seenSource', send: 'remote', equals: '172.18.0.4' },
        },
      ],
      answer: { kind: 'seenSource', send: 'remote', equals: '172.18.0.3' },
      correct: 'entry-node',
      reveal: {
        en: 'KUBE-EXT marked the packet and KUBE-POSTROUTING masqueraded it on myk8s-worker: the client’s address is gone. To keep it, use externalTrafficPolicy: Local (lesson 6).',
        ko: 'myk8s-worker에서 KUBE-EXT가 마크를 붙였고 KUBE-POSTROUTING이 MASQUERADE했습니다. 클라이언트 주소는 사라졌습니다. 클라이언트 주소를 지키려면 externalTrafficPolicy: Local을 씁니다(레슨 6).',
      },
    },
    {
      id: 'seen-local',
      prompt: {
        en: 'Same NodePort, but this time the cascade picks webpod1, which runs on myk8s-worker itself. What source does webpod1 see?',
        ko: '같은 NodePort인데 이번에는 확률 사다리가 myk8s-worker에 있는 webpod1을 고릅니다. webpod1은 출발지를 무엇으로 볼까요?',
      },
      choices: [
        {
          id: 'node-ip',
          text: { en: '172.18.0.3, the node’s address again', ko: '이번에도 노드 주소 172.18.0.3' },
          claim: { kind: 'seenSource', send: 'local', equals: '172.18.0.3' },
        },
        { id: 'veth', text: { en: '10.10.1.1, the node side of webpod1’s veth', ko: 'webpod1 veth의 노드 쪽 주소 10.10.1.1' } },
        {
          id: 'client',
          text: { en: '203.0.113.10: no masquerade when the pod is local', ko: '203.0.113.10: 파드가 같은 노드에 있으면 masquerade하지 않는다' },
          claim: { kind: 'seenSource', send: 'local', equals: '203.0.113.10' },
        },
      ],
      answer: { kind: 'seenSource', send: 'local', equals: '10.10.1.1' },
      correct: 'veth',
      reveal: {
        en: 'MASQUERADE uses the address of the interface the packet leaves by. Toward a pod on the same node that is the pod’s veth, whose node side carries the podCIDR’s .1.',
        ko: 'MASQUERADE는 패킷이 나가는 인터페이스의 주소를 씁니다. 같은 노드의 파드로 갈 때 그 인터페이스는 파드의 veth이고, 노드 쪽 veth에는 podCIDR의 .1 주소가 붙어 있습니다.',
      },
    },
    {
      id: 'nodeport-dnat',
      prompt: {
        en: 'A study note shows one line that matches the node port and DNATs to the pod ("… tcp dpt:30080 -> 10.244.1.10:8080"). Is there such a rule on the node?',
        ko: '스터디 노트에는 노드 포트를 확인하고 바로 파드로 DNAT하는 한 줄("… tcp dpt:30080 -> 10.244.1.10:8080")이 나옵니다. 노드에 정말 그런 규칙이 있을까요?',
      },
      choices: [
        {
          id: 'one-rule',
          text: { en: 'Yes: a DNAT rule with --dport 30080 in KUBE-NODEPORTS', ko: '있다: KUBE-NODEPORTS에 --dport 30080인 DNAT 규칙' },
          claim: { kind: 'rulesPrint', node: W1, table: 'nat', format: 'S', includes: '--dport 30080 -j DNAT', equals: true },
        },
        {
          id: 'jump',
          text: {
            en: 'No: KUBE-NODEPORTS only jumps to KUBE-EXT-…; the DNAT is in KUBE-SEP-…, shared with the cluster IP',
            ko: '없다: KUBE-NODEPORTS는 KUBE-EXT-…로 점프만 하고, DNAT는 클러스터 IP와 함께 쓰는 KUBE-SEP-…에 있다',
          },
        },
      ],
      answer: {
        kind: 'rulesPrint',
        node: W1,
        table: 'nat',
        format: 'S',
        includes: `-A KUBE-NODEPORTS -p tcp -m comment --comment "default/svc-nodeport:svc-webport" -m tcp --dport 30080 -j ${EXT}`,
        equals: true,
      },
      correct: 'jump',
      reveal: {
        en: 'kube-proxy writes one KUBE-SEP chain per endpoint and reaches it from every entrance — cluster IP, node port, load balancer IP. Only the first steps differ; the DNAT line is the same.',
        ko: 'kube-proxy는 엔드포인트마다 KUBE-SEP 체인을 하나 만들고, 클러스터 IP, 노드 포트, 로드밸런서 IP 등 모든 입구에서 그 체인으로 들어갑니다. 앞쪽 몇 단계만 다르고 DNAT 줄은 같습니다.',
      },
    },
  ],
};
