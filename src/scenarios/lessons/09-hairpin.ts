import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const W1 = 'myk8s-worker';
const SELF = 'KUBE-SEP-TBW2IYJKUCAC7GB3';

/** Hairpin: a pod reaches itself through its own Service; the KUBE-SEP `-s POD_IP -j KUBE-MARK-MASQ` rule makes it work. */
export const hairpin: Lesson = {
  id: '09-hairpin',
  title: LESSON_TITLES['09-hairpin'],
  summary: {
    en: 'webpod1 calls svc-clusterip, which can pick webpod1 itself. Find the first rule of every KUBE-SEP chain, "-s POD_IP -j KUBE-MARK-MASQ", and see why the connection would break without it.',
    ko: 'webpod1이 svc-clusterip를 호출하면 webpod1 자신이 뽑힐 수도 있습니다. 모든 KUBE-SEP 체인의 첫 규칙 "-s 파드IP -j KUBE-MARK-MASQ"를 찾아보고, 이 규칙이 없으면 왜 연결이 깨지는지 알아봅니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'self',
      title: { en: 'webpod1 → svc-clusterip:9000 (picks webpod1)', ko: 'webpod1 → svc-clusterip:9000 (webpod1이 뽑힘)' },
      from: 'webpod1',
      to: 'svc-clusterip:9000',
      seed: 2,
    },
    {
      kind: 'connection',
      id: 'other',
      title: { en: 'webpod1 → svc-clusterip:9000 (picks webpod2)', ko: 'webpod1 → svc-clusterip:9000 (webpod2가 뽑힘)' },
      from: 'webpod1',
      to: 'svc-clusterip:9000',
      seed: 1,
    },
  ],
  steps: [
    {
      text: {
        en: `webpod1 (10.10.1.2) connects to 10.200.1.100:9000 and the cascade picks ${SELF} — webpod1’s own endpoint. It has a one-in-three chance each time.`,
        ko: `webpod1(10.10.1.2)이 10.200.1.100:9000에 접속하고, 확률 사다리가 webpod1 자신의 엔드포인트인 ${SELF}를 고릅니다. 매번 1/3 확률로 일어나는 일입니다.`,
      },
      at: { send: 'self', packet: 'SYN', node: W1, target: SELF },
    },
    {
      text: {
        en: `The first rule of every KUBE-SEP chain is for exactly this case: "-s 10.10.1.2/32 -m comment --comment "default/svc-clusterip:svc-webport" -j KUBE-MARK-MASQ". The source is the endpoint itself, so the packet gets the 0x4000 mark. Then DNAT sends it to 10.10.1.2:80.`,
        ko: `모든 KUBE-SEP 체인의 첫 규칙이 바로 이 경우를 위한 것입니다: "-s 10.10.1.2/32 -m comment --comment "default/svc-clusterip:svc-webport" -j KUBE-MARK-MASQ". 출발지가 엔드포인트 자신이므로 패킷에 0x4000 마크가 붙습니다. 그다음 DNAT가 10.10.1.2:80으로 보냅니다.`,
      },
      at: { send: 'self', packet: 'SYN', chain: SELF, target: 'KUBE-MARK-MASQ' },
    },
    {
      text: {
        en: 'The route to 10.10.1.2 is the very veth the packet came in by. In POSTROUTING the mark triggers MASQUERADE, and the source becomes the veth’s node side, 10.10.1.1. webpod1 receives a connection from 10.10.1.1 to 10.10.1.2:80.',
        ko: '10.10.1.2로 가는 경로는 패킷이 들어온 바로 그 veth입니다. POSTROUTING에서 마크 때문에 MASQUERADE가 일어나고, 출발지는 veth의 노드 쪽 주소 10.10.1.1이 됩니다. webpod1은 10.10.1.1에서 10.10.1.2:80으로 오는 연결을 받습니다.',
      },
      at: { send: 'self', packet: 'SYN', node: W1, chain: 'KUBE-POSTROUTING', target: 'MASQUERADE' },
    },
    {
      text: {
        en: 'Without it, webpod1 would receive a packet from 10.10.1.2 to 10.10.1.2 — from itself. Its kernel discards a packet with its own address as source arriving on eth0 (a martian), and even if it answered, the answer would stay inside its own network namespace: it would never reach the node, conntrack could not turn 10.10.1.2:80 back into 10.200.1.100:9000, and the client socket, which expects 10.200.1.100:9000, would not accept it. With MASQUERADE the answer goes to 10.10.1.1, through the node, and both translations are undone.',
        ko: '이 규칙이 없다면 webpod1은 10.10.1.2에서 10.10.1.2로, 즉 자기 자신에게서 온 패킷을 받게 됩니다. 커널은 자기 주소를 출발지로 달고 eth0으로 들어온 패킷을 martian으로 보고 버립니다. 설령 응답하더라도 응답은 자기 네트워크 네임스페이스 안에 머물러 노드에 닿지 않으니, conntrack이 10.10.1.2:80을 10.200.1.100:9000으로 되돌릴 수 없고, 10.200.1.100:9000의 응답을 기다리는 클라이언트 소켓은 그 응답을 받아들이지 않습니다. MASQUERADE를 하면 응답이 10.10.1.1로, 즉 노드를 거쳐 가므로 두 변환이 모두 되돌려집니다.',
      },
      at: { send: 'self', packet: 'SYN-ACK', stage: 'nat-from-entry', node: W1, hook: 'POSTROUTING' },
    },
    {
      text: {
        en: 'When the cascade picks webpod2 instead, the "-s 10.10.2.2/32" rule of webpod2’s chain does not match webpod1’s address: no mark, no MASQUERADE, and webpod2 sees 10.10.1.2 as usual.',
        ko: '사다리가 webpod2를 고르면 webpod2 체인의 "-s 10.10.2.2/32" 규칙은 webpod1의 주소와 맞지 않습니다. 마크도 MASQUERADE도 없고, webpod2는 평소처럼 10.10.1.2를 봅니다.',
      },
      at: { send: 'other', packet: 'SYN', chain: 'KUBE-SEP-DOIEFYKPESCDTYCH', rule: '-s 10.10.2.2/32', matched: false },
    },
    {
      text: {
        en: 'With a bridge CNI, the packet would also have to leave a bridge port and come back in through the same port, which bridges refuse unless hairpin mode is on (kubelet’s --hairpin-mode). kind’s kindnet gives each pod a routed veth, so the node routes the packet back like any other.',
        ko: '브리지 CNI에서는 패킷이 브리지 포트로 나갔다가 같은 포트로 다시 들어와야 하는데, 브리지는 hairpin 모드가 켜져 있지 않으면 이를 허용하지 않습니다(kubelet의 --hairpin-mode). kind의 kindnet은 파드마다 라우팅되는 veth를 주므로 노드가 다른 패킷처럼 되돌려 보냅니다.',
      },
      at: { send: 'self', packet: 'SYN', stage: 'wire', node: W1 },
    },
  ],
  questions: [
    {
      id: 'self-source',
      prompt: {
        en: 'webpod1 calls svc-clusterip and the cascade picks webpod1 itself. What source address does webpod1, as the server, see?',
        ko: 'webpod1이 svc-clusterip를 호출했고 사다리가 webpod1 자신을 골랐습니다. 서버로서의 webpod1은 출발지 주소를 무엇으로 볼까요?',
      },
      choices: [
        {
          id: 'itself',
          text: { en: '10.10.1.2, its own address', ko: '자기 주소 10.10.1.2' },
          claim: { kind: 'seenSource', send: 'self', equals: '10.10.1.2' },
        },
        { id: 'gateway', text: { en: '10.10.1.1, the node side of its veth', ko: 'veth의 노드 쪽 주소 10.10.1.1' } },
        {
          id: 'node',
          text: { en: '172.18.0.3, the node’s address', ko: '노드 주소 172.18.0.3' },
          claim: { kind: 'seenSource', send: 'self', equals: '172.18.0.3' },
        },
      ],
      answer: { kind: 'seenSource', send: 'self', equals: '10.10.1.1' },
      correct: 'gateway',
      reveal: {
        en: 'The KUBE-SEP chain’s "-s 10.10.1.2/32 -j KUBE-MARK-MASQ" marked the packet, and MASQUERADE used the address of the interface it left by: webpod1’s veth, 10.10.1.1.',
        ko: 'KUBE-SEP 체인의 "-s 10.10.1.2/32 -j KUBE-MARK-MASQ"가 마크를 붙였고, MASQUERADE가 나가는 인터페이스인 webpod1 veth의 주소 10.10.1.1을 썼습니다.',
      },
    },
    {
      id: 'other-source',
      prompt: {
        en: 'Another time the cascade picks webpod2. Is that connection masqueraded too?',
        ko: '다른 때에는 사다리가 webpod2를 고릅니다. 이 연결도 masquerade될까요?',
      },
      choices: [
        {
          id: 'yes',
          text: { en: 'Yes: a pod calling a Service is always masqueraded', ko: '그렇다: 파드가 서비스를 부르면 항상 masquerade된다' },
          claim: { kind: 'ruleMatched', send: 'other', packet: 'SYN', target: 'MASQUERADE', equals: true },
        },
        { id: 'no', text: { en: 'No: webpod2 sees webpod1’s own address, 10.10.1.2', ko: '아니다: webpod2는 webpod1의 주소 10.10.1.2를 본다' } },
      ],
      answer: { kind: 'seenSource', send: 'other', equals: '10.10.1.2' },
      correct: 'no',
      reveal: {
        en: 'Only the hairpin case needs SNAT. Between two different pods the reply goes back through the client’s node anyway, so conntrack there can undo the DNAT.',
        ko: 'SNAT이 필요한 것은 헤어핀일 때뿐입니다. 서로 다른 두 파드 사이에서는 응답이 어차피 클라이언트 쪽 노드를 거쳐 돌아오므로, 그 노드의 conntrack이 DNAT를 되돌릴 수 있습니다.',
      },
    },
  ],
};
