import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';
const SVC = 'KUBE-SVC-TCOU7JCQXEZGVUNU';
const ENTRY = '10.10.0.4';

/** A DNS query over UDP to kube-dns: conntrack tracks a protocol without connections, UNREPLIED until the answer. */
export const dnsOverUdp: Lesson = {
  id: '11-dns-udp',
  title: LESSON_TITLES['11-dns-udp'],
  summary: {
    en: 'net-pod asks kube-dns (10.200.1.10:53) over UDP. The query walks the same kind of chains as TCP, and conntrack keeps a UDP entry — [UNREPLIED] until coredns answers — that de-NATs the answer on its way back.',
    ko: 'net-pod가 UDP로 kube-dns(10.200.1.10:53)에 질의합니다. 질의는 TCP와 같은 모양의 체인을 지나고, conntrack은 UDP 엔트리를 만들어 coredns가 응답할 때까지 [UNREPLIED]로 두었다가, 돌아오는 응답을 de-NAT합니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'query',
      title: { en: 'net-pod → kube-dns.kube-system:53 (UDP)', ko: 'net-pod → kube-dns.kube-system:53 (UDP)' },
      from: 'net-pod',
      to: 'kube-dns.kube-system:53',
      protocol: 'udp',
    },
  ],
  steps: [
    {
      text: {
        en: `kube-dns is one Service with three ports (dns 53/UDP, dns-tcp 53/TCP, metrics 9153/TCP), and each port gets its own chain. The UDP query matches "-d 10.200.1.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j ${SVC}" — the same name as on the study note’s EKS node, because it is a hash of "kube-system/kube-dns:dns" and the protocol.`,
        ko: `kube-dns는 포트가 세 개(dns 53/UDP, dns-tcp 53/TCP, metrics 9153/TCP)인 서비스 하나이고, 포트마다 체인이 따로 생깁니다. UDP 질의는 "-d 10.200.1.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j ${SVC}"와 일치합니다. 스터디 노트의 EKS 노드에서 본 것과 같은 이름인데, "kube-system/kube-dns:dns"와 프로토콜의 해시이기 때문입니다.`,
      },
      at: { packet: 'query', chain: 'KUBE-SERVICES', target: SVC },
    },
    {
      text: {
        en: 'Two coredns pods, so the cascade has two rules: "--probability 0.50000000000" and then the rest. The query is DNATed to one coredns pod.',
        ko: 'coredns 파드가 두 개이므로 사다리도 두 칸입니다: "--probability 0.50000000000", 그리고 나머지. 질의는 coredns 파드 하나로 DNAT됩니다.',
      },
      at: { packet: 'query', chain: SVC, rule: '--probability 0.50000000000', matched: 'any' },
    },
    {
      text: {
        en: 'UDP has no handshake, yet conntrack creates an entry for the first datagram just as for a SYN: "udp 17 30 src=10.10.0.4 dst=10.200.1.10 … dport=53 [UNREPLIED] src=10.10.0.x …". 30 is the seconds left (nf_conntrack_udp_timeout); [UNREPLIED] means no answer has been seen yet.',
        ko: 'UDP에는 핸드셰이크가 없지만, conntrack은 첫 데이터그램에 대해 SYN 때와 똑같이 엔트리를 만듭니다: "udp 17 30 src=10.10.0.4 dst=10.200.1.10 … dport=53 [UNREPLIED] src=10.10.0.x …". 30은 남은 초(nf_conntrack_udp_timeout)이고, [UNREPLIED]는 아직 응답을 보지 못했다는 뜻입니다.',
      },
      noteSays: {
        en: 'NEW: the packet is not related to an existing connection but is valid as a first packet, and the system adds a new connection (for TCP and UDP alike).',
        ko: 'NEW : 패킷이 기존 연결과 관련이 없지만, 첫 패킷으로서 유효한 경우 시스템에 새로운 연결이 추가(TCP, UDP 모두 해당)',
      },
      at: { packet: 'query', stage: 'conntrack', node: CP, ctstate: 'NEW' },
    },
    {
      text: {
        en: 'coredns answers from its own address. conntrack matches the reply tuple (ctstate ESTABLISHED), the un-DNAT at POSTROUTING makes the answer come from 10.200.1.10:53 — the address the resolver asked — and [UNREPLIED] disappears.',
        ko: 'coredns는 자기 주소로 응답합니다. conntrack이 응답 방향 튜플과 맞춰 보고(ctstate ESTABLISHED), POSTROUTING의 un-DNAT가 출발지를 리졸버가 물어본 주소 10.200.1.10:53으로 바꿉니다. [UNREPLIED] 표시는 사라집니다.',
      },
      at: { packet: 'response', stage: 'nat-from-entry', node: CP, hook: 'POSTROUTING' },
    },
    {
      text: {
        en: 'The entry is still not [ASSURED] and keeps its 30-second timer: the kernel only treats a UDP flow as a stream (120 s, ASSURED) once an answer has been seen and packets still arrive more than two seconds after the first one. One question answered at once is not a stream.',
        ko: '엔트리는 여전히 [ASSURED]가 아니고 30초 타이머도 그대로입니다. 커널은 응답을 본 뒤에도 첫 패킷으로부터 2초가 넘게 패킷이 계속 오갈 때에만 UDP 흐름을 스트림(120초, ASSURED)으로 봅니다. 곧바로 답을 받은 질문 하나는 스트림이 아닙니다.',
      },
      at: { packet: 'response', stage: 'conntrack', node: CP, ctstate: 'ESTABLISHED' },
    },
  ],
  questions: [
    {
      id: 'after-query',
      prompt: {
        en: 'Right after the query, what does `conntrack -L` on myk8s-control-plane show for it?',
        ko: '질의 직후 myk8s-control-plane에서 `conntrack -L`을 보면 이 질의는 어떻게 보일까요?',
      },
      choices: [
        {
          id: 'nothing',
          text: { en: 'Nothing: UDP has no connections to track', ko: '아무것도 없다: UDP에는 추적할 연결이 없다' },
          claim: { kind: 'conntrackState', node: CP, packet: 'query', matches: `udp 17 30 src=${ENTRY} dst=10.200.1.10`, equals: false },
        },
        { id: 'unreplied', text: { en: 'A udp entry, 30 seconds, [UNREPLIED]', ko: 'udp 엔트리, 30초, [UNREPLIED]' } },
        {
          id: 'established',
          text: { en: 'An ESTABLISHED entry, like TCP', ko: 'TCP처럼 ESTABLISHED 엔트리' },
          claim: { kind: 'conntrackEntry', node: CP, packet: 'query', original: '→ 10.200.1.10:53', state: 'ESTABLISHED' },
        },
      ],
      answer: { kind: 'conntrackEntry', node: CP, packet: 'query', original: '→ 10.200.1.10:53', flags: ['UNREPLIED'], nat: ['DNAT'], timeoutSeconds: 30 },
      correct: 'unreplied',
      reveal: {
        en: 'conntrack tracks UDP by its addresses and ports. The entry holds the DNAT, so it can un-DNAT the answer; UDP entries have no TCP state, only flags.',
        ko: 'conntrack은 UDP도 주소와 포트로 추적합니다. 엔트리에 DNAT 정보가 있어서 응답을 de-NAT할 수 있습니다. UDP 엔트리에는 TCP 같은 상태가 없고 플래그만 있습니다.',
      },
    },
    {
      id: 'after-response',
      prompt: {
        en: 'And right after coredns’s answer comes back?',
        ko: 'coredns의 응답이 돌아온 직후에는 어떨까요?',
      },
      choices: [
        {
          id: 'assured',
          text: { en: '[ASSURED], timer raised to 120 seconds', ko: '[ASSURED], 타이머가 120초로 늘어남' },
          claim: { kind: 'conntrackEntry', node: CP, packet: 'response', original: '→ 10.200.1.10:53', flags: ['ASSURED'] },
        },
        { id: 'replied', text: { en: 'No flag at all, still 30 seconds', ko: '플래그 없음, 여전히 30초' } },
        {
          id: 'unreplied',
          text: { en: 'Still [UNREPLIED]', ko: '여전히 [UNREPLIED]' },
          claim: { kind: 'conntrackEntry', node: CP, packet: 'response', original: '→ 10.200.1.10:53', flags: ['UNREPLIED'] },
        },
      ],
      answer: { kind: 'conntrackEntry', node: CP, packet: 'response', original: '→ 10.200.1.10:53', flags: [], nat: ['DNAT'], timeoutSeconds: 30 },
      correct: 'replied',
      reveal: {
        en: 'The answer clears [UNREPLIED], but a single exchange is not a stream, so the entry is not ASSURED and expires 30 seconds later.',
        ko: '응답으로 [UNREPLIED]는 사라지지만, 한 번 주고받은 것은 스트림이 아니므로 ASSURED가 되지 않고 30초 뒤에 사라집니다.',
      },
    },
  ],
};
