import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';
const W2 = 'myk8s-worker2';

/** What happens after the first packet: conntrack, not the rules, carries the connection. */
export const secondPacket: Lesson = {
  id: '02-second-packet',
  title: LESSON_TITLES['02-second-packet'],
  summary: {
    en: 'Send one whole TCP connection from net-pod to svc-clusterip and follow every packet. Only the SYN walks KUBE-SERVICES → KUBE-SVC → KUBE-SEP; every later packet is translated from the conntrack entry, and the replies are de-NATed on the way back.',
    ko: 'net-pod에서 svc-clusterip로 TCP 연결 하나를 처음부터 끝까지 보내고 패킷을 하나하나 따라갑니다. KUBE-SERVICES → KUBE-SVC → KUBE-SEP를 거치는 것은 SYN뿐이고, 그 뒤의 패킷은 모두 conntrack 엔트리에 적힌 대로 변환되며, 응답은 돌아오는 길에 원래 주소로 되돌려집니다(de-NAT).',
  },
  sends: [
    {
      kind: 'connection',
      id: 'connection',
      title: { en: 'net-pod → svc-clusterip:9000, SYN to last ACK', ko: 'net-pod → svc-clusterip:9000, SYN부터 마지막 ACK까지' },
      from: 'net-pod',
      to: 'svc-clusterip:9000',
      seed: 1,
    },
  ],
  steps: [
    {
      text: {
        en: 'The SYN is new: conntrack on myk8s-control-plane creates an entry (ctstate NEW), and because the entry is new, the nat table is walked — the cascade of lesson 1 picks webpod2 and DNAT rewrites the destination to 10.10.2.2:80.',
        ko: 'SYN은 새 연결입니다. myk8s-control-plane의 conntrack이 엔트리를 만들고(ctstate NEW), 엔트리가 새것이므로 nat 테이블을 거칩니다. 레슨 1의 확률 사다리가 webpod2를 고르고 DNAT가 목적지를 10.10.2.2:80으로 바꿉니다.',
      },
      at: { packet: 'SYN', stage: 'conntrack', node: CP, ctstate: 'NEW' },
    },
    {
      text: {
        en: 'The entry holds both directions: the original tuple (10.10.0.4 → 10.200.1.100:9000) and the reply tuple the DNAT implies (10.10.2.2:80 → 10.10.0.4). It is confirmed — written into the table — when the SYN leaves POSTROUTING. Look at `conntrack -L`: SYN_SENT, [UNREPLIED].',
        ko: '엔트리에는 두 방향이 모두 들어 있습니다. 원래 방향 튜플(10.10.0.4 → 10.200.1.100:9000)과, DNAT 결과로 예상되는 응답 방향 튜플(10.10.2.2:80 → 10.10.0.4)입니다. SYN이 POSTROUTING을 떠날 때 이 엔트리가 확정(confirm)되어 테이블에 들어갑니다. `conntrack -L`을 보면 SYN_SENT, [UNREPLIED] 상태입니다.',
      },
      at: { packet: 'SYN', stage: 'confirm', node: CP },
    },
    {
      text: {
        en: 'myk8s-worker2 has its own conntrack table. For it the SYN is a new connection too — already DNATed, so its entry has no NAT at all.',
        ko: 'myk8s-worker2에는 자기만의 conntrack 테이블이 있습니다. 이 노드에게도 SYN은 새 연결이지만, 이미 DNAT된 뒤라서 이 노드의 엔트리에는 NAT가 전혀 없습니다.',
      },
      at: { packet: 'SYN', stage: 'conntrack', node: W2, ctstate: 'NEW' },
    },
    {
      text: {
        en: 'webpod2 answers from 10.10.2.2:80 to 10.10.0.4. On myk8s-control-plane conntrack recognises the reply tuple (ctstate ESTABLISHED, direction reply), and at POSTROUTING it puts the service address back as the source: 10.10.2.2:80 → 10.200.1.100:9000. No rule in any chain does this; the entry does.',
        ko: 'webpod2는 10.10.2.2:80에서 10.10.0.4로 응답합니다. myk8s-control-plane의 conntrack은 이것이 응답 방향 튜플임을 알아보고(ctstate ESTABLISHED, reply 방향), POSTROUTING에서 출발지를 서비스 주소로 되돌립니다: 10.10.2.2:80 → 10.200.1.100:9000. 어떤 체인의 어떤 규칙도 이 일을 하지 않습니다. 엔트리가 합니다.',
      },
      at: { packet: 'SYN-ACK', stage: 'nat-from-entry', node: CP, hook: 'POSTROUTING' },
    },
    {
      text: {
        en: 'The ACK (third packet) finds the entry: ctstate ESTABLISHED. Not a single nat rule is evaluated: conntrack applies the stored DNAT at PREROUTING directly. This is why a connection stays on one pod even though every SYN is a coin flip.',
        ko: 'ACK(세 번째 패킷)는 엔트리를 찾습니다: ctstate ESTABLISHED. nat 규칙은 하나도 평가되지 않고, conntrack이 PREROUTING에서 저장해 둔 DNAT를 바로 적용합니다. SYN마다 추첨을 하는데도 한 연결이 끝까지 한 파드에 머무는 이유가 이것입니다.',
      },
      noteSays: {
        en: 'kube-proxy uses iptables to forward the traffic to the right pod; the iptables NAT rules are checked to forward the request to the pod IP.',
        ko: 'iptables NAT 규칙을 확인하여 요청을 Pod IP로 포워딩 / kube-proxy가 iptables를 사용하여 트래픽을 적절한 Pod로 전달',
      },
      at: { packet: 'ACK', stage: 'nat-from-entry', node: CP, hook: 'PREROUTING' },
    },
    {
      text: {
        en: 'The filter table still runs for every packet. In FORWARD, KUBE-FORWARD accepts it by state: "-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT" ("kubernetes forwarding conntrack rule").',
        ko: 'filter 테이블은 모든 패킷이 여전히 거칩니다. FORWARD에서 KUBE-FORWARD가 상태를 보고 허용합니다: "-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT" ("kubernetes forwarding conntrack rule").',
      },
      at: { packet: 'ACK', node: CP, chain: 'KUBE-FORWARD', target: 'ACCEPT', rule: '--ctstate RELATED,ESTABLISHED' },
    },
    {
      text: {
        en: 'The same holds for the request, the response and the FIN exchange. After the last ACK the entry on myk8s-control-plane is in TIME_WAIT; it disappears when its timer runs out.',
        ko: '요청, 응답, FIN 교환도 마찬가지입니다. 마지막 ACK 뒤 myk8s-control-plane의 엔트리는 TIME_WAIT 상태가 되고, 타이머가 끝나면 사라집니다.',
      },
      at: { packet: 'last ACK', stage: 'conntrack', node: CP, ctstate: 'ESTABLISHED' },
    },
  ],
  questions: [
    {
      id: 'ack-nat',
      prompt: {
        en: 'Which nat rules does the ACK, the connection’s third packet, walk on myk8s-control-plane?',
        ko: '연결의 세 번째 패킷인 ACK는 myk8s-control-plane에서 어떤 nat 규칙을 거칠까요?',
      },
      choices: [
        {
          id: 'again',
          text: { en: 'The whole way again: KUBE-SERVICES → KUBE-SVC → KUBE-SEP, with a new draw', ko: '처음부터 다시: KUBE-SERVICES → KUBE-SVC → KUBE-SEP, 추첨도 새로' },
          claim: { kind: 'natWalkedOnPacket', packet: 'ACK', node: CP, equals: true },
        },
        {
          id: 'sep-only',
          text: { en: 'Only the KUBE-SEP chain’s DNAT rule', ko: 'KUBE-SEP 체인의 DNAT 규칙만' },
          claim: { kind: 'ruleMatched', packet: 'ACK', node: CP, target: 'DNAT', equals: true },
        },
        {
          id: 'none',
          text: { en: 'None: conntrack finds the connection and applies the stored DNAT', ko: '하나도 없음: conntrack이 연결을 찾아 저장된 DNAT를 적용한다' },
        },
      ],
      answer: { kind: 'natWalkedOnPacket', packet: 'ACK', node: CP, equals: false },
      correct: 'none',
      reveal: {
        en: 'The kernel consults the nat table only for a connection’s first packet. Everything after it is rewritten from the conntrack entry, so the ACK still reaches 10.10.2.2:80 without a single nat rule.',
        ko: '커널은 연결의 첫 패킷에만 nat 테이블을 봅니다. 그 뒤의 패킷은 conntrack 엔트리에 따라 바뀌므로, ACK는 nat 규칙을 하나도 거치지 않고도 10.10.2.2:80에 도착합니다.',
      },
    },
    {
      id: 'reply-source',
      prompt: {
        en: 'The SYN-ACK leaves webpod2 as 10.10.2.2:80 → 10.10.0.4. What source does net-pod see when it arrives?',
        ko: 'SYN-ACK는 webpod2에서 10.10.2.2:80 → 10.10.0.4로 나갑니다. net-pod에 도착했을 때 출발지는 무엇으로 보일까요?',
      },
      choices: [
        {
          id: 'pod',
          text: { en: '10.10.2.2:80, the pod that answered', ko: '응답한 파드의 주소 10.10.2.2:80' },
          claim: { kind: 'deliveredAddress', packet: 'SYN-ACK', field: 'src', equals: '10.10.2.2:80' },
        },
        { id: 'service', text: { en: '10.200.1.100:9000, the address it called', ko: '처음 호출한 주소 10.200.1.100:9000' } },
        {
          id: 'node',
          text: { en: '172.18.0.4:80, myk8s-worker2’s address', ko: 'myk8s-worker2의 주소 172.18.0.4:80' },
          claim: { kind: 'deliveredAddress', packet: 'SYN-ACK', field: 'src', equals: '172.18.0.4:80' },
        },
      ],
      answer: { kind: 'deliveredAddress', packet: 'SYN-ACK', field: 'src', equals: '10.200.1.100:9000' },
      correct: 'service',
      reveal: {
        en: 'The client’s socket is connected to 10.200.1.100:9000 and would ignore anything else. conntrack on myk8s-control-plane, where the DNAT happened, undoes it for every reply.',
        ko: '클라이언트 소켓은 10.200.1.100:9000에 연결되어 있어서 다른 주소에서 온 패킷은 받아들이지 않습니다. DNAT가 일어난 myk8s-control-plane의 conntrack이 모든 응답에서 그 변환을 되돌립니다.',
      },
    },
    {
      id: 'state-after-ack',
      prompt: {
        en: 'What does `conntrack -L` on myk8s-control-plane show for the connection right after the ACK?',
        ko: 'ACK 직후 myk8s-control-plane에서 `conntrack -L`을 보면 이 연결은 어떤 상태일까요?',
      },
      choices: [
        {
          id: 'syn-sent',
          text: { en: 'SYN_SENT [UNREPLIED]', ko: 'SYN_SENT [UNREPLIED]' },
          claim: { kind: 'conntrackEntry', packet: 'ACK', node: CP, original: '→ 10.200.1.100:9000', state: 'SYN_SENT' },
        },
        { id: 'established', text: { en: 'ESTABLISHED [ASSURED]', ko: 'ESTABLISHED [ASSURED]' } },
        {
          id: 'time-wait',
          text: { en: 'TIME_WAIT', ko: 'TIME_WAIT' },
          claim: { kind: 'conntrackEntry', packet: 'ACK', node: CP, original: '→ 10.200.1.100:9000', state: 'TIME_WAIT' },
        },
      ],
      answer: { kind: 'conntrackEntry', packet: 'ACK', node: CP, original: '→ 10.200.1.100:9000', state: 'ESTABLISHED', flags: ['ASSURED'], nat: ['DNAT'] },
      correct: 'established',
      reveal: {
        en: 'SYN, SYN-ACK, ACK: the handshake is complete, so the entry is ESTABLISHED and ASSURED (it will not be evicted early when the table fills up). It still carries the DNAT.',
        ko: 'SYN, SYN-ACK, ACK로 핸드셰이크가 끝났으니 엔트리는 ESTABLISHED이고 ASSURED입니다(테이블이 가득 차도 먼저 지워지지 않습니다). DNAT 정보도 그대로 들고 있습니다.',
      },
    },
  ],
};
