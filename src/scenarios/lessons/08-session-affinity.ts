import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';
const SVC = 'KUBE-SVC-7HRGE2NEZYUQJNJK';
const SEP = 'KUBE-SEP-GNYQGRBVEBOSFZYY';

/** sessionAffinity: ClientIP — the `recent` module remembers which pod a client address went to. */
export const sessionAffinity: Lesson = {
  id: '08-session-affinity',
  title: LESSON_TITLES['08-session-affinity'],
  summary: {
    en: 'svc-affinity sends every new connection from one client to the pod its first connection reached. Open two connections and look for the `-m recent --set` that writes the memory and the `-m recent --rcheck` that reads it.',
    ko: 'svc-affinity는 한 클라이언트의 새 연결을 모두 첫 연결이 닿았던 파드로 보냅니다. 연결을 두 번 열어 보고, 기억을 쓰는 `-m recent --set`과 기억을 읽는 `-m recent --rcheck`를 찾아봅니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'first',
      title: { en: 'net-pod → svc-affinity:9000 (first connection)', ko: 'net-pod → svc-affinity:9000 (첫 연결)' },
      from: 'net-pod',
      to: 'svc-affinity:9000',
      seed: 1,
    },
    {
      kind: 'connection',
      id: 'second',
      title: { en: 'net-pod → svc-affinity:9000 again (a new connection)', ko: 'net-pod → svc-affinity:9000 다시 (새 연결)' },
      from: 'net-pod',
      to: 'svc-affinity:9000',
      continues: 'first',
    },
    {
      kind: 'spread',
      id: 'spread',
      title: { en: '300 new connections from net-pod', ko: 'net-pod에서 새 연결 300개' },
      from: 'net-pod',
      to: 'svc-affinity:9000',
      connections: 300,
    },
  ],
  steps: [
    {
      text: {
        en: `With ClientIP affinity, ${SVC} has one more rule per endpoint, before the usual cascade: "-m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-… --mask 255.255.255.255 --rsource". On the first connection every list is empty, so none matches and the statistic cascade picks a pod.`,
        ko: `ClientIP 어피니티가 있으면 ${SVC}에는 평소의 확률 사다리보다 앞에 엔드포인트마다 규칙이 하나씩 더 있습니다: "-m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-… --mask 255.255.255.255 --rsource". 첫 연결 때는 목록이 모두 비어 있어 하나도 일치하지 않고, statistic 사다리가 파드를 고릅니다.`,
      },
      at: { send: 'first', packet: 'SYN', chain: SVC, rule: '--rcheck', matched: false },
    },
    {
      text: {
        en: `The cascade picked webpod2. Its DNAT rule in ${SEP} carries "-m recent --set --name ${SEP} --mask 255.255.255.255 --rsource": as it DNATs, it writes net-pod’s address, 10.10.0.4, with a timestamp into the list named after the chain.`,
        ko: `사다리가 webpod2를 골랐습니다. ${SEP}의 DNAT 규칙에는 "-m recent --set --name ${SEP} --mask 255.255.255.255 --rsource"가 붙어 있어서, DNAT하면서 net-pod의 주소 10.10.0.4를 시각과 함께 체인 이름의 목록에 적습니다.`,
      },
      at: { send: 'first', packet: 'SYN', chain: SEP, target: 'DNAT', rule: '-m recent --set' },
    },
    {
      text: {
        en: `The second connection comes from a new source port, so it is NEW to conntrack and walks the nat table again. This time the rcheck rule for ${SEP} finds 10.10.0.4 in its list, seen within 10800 seconds, and jumps straight there — no coin flip.`,
        ko: `두 번째 연결은 소스 포트가 달라서 conntrack에게는 NEW이고, nat 테이블을 다시 거칩니다. 이번에는 ${SEP}의 rcheck 규칙이 목록에서 10800초 안에 기록된 10.10.0.4를 찾아 바로 그 체인으로 점프합니다. 추첨은 없습니다.`,
      },
      at: { send: 'second', packet: 'SYN', chain: SVC, target: SEP, rule: '--rcheck' },
    },
    {
      text: {
        en: 'The lists live in the kernel of the node that did the DNAT (/proc/net/xt_recent/), here the client’s node, myk8s-control-plane. Traffic that arrives through another node — a NodePort on a different node — meets that node’s lists, which know nothing of this client.',
        ko: '이 목록은 DNAT를 한 노드의 커널에 있습니다(/proc/net/xt_recent/). 여기서는 클라이언트가 있는 myk8s-control-plane입니다. 다른 노드를 통해 들어오는 트래픽(다른 노드의 NodePort 등)은 그 노드의 목록을 보게 되고, 그 목록은 이 클라이언트를 모릅니다.',
      },
      noteSays: {
        en: 'SessionAffinity: requests from a given client always go to the same pod.',
        ko: 'SessionAffinity(고정 연결) 등의 정책을 지원합니다. 특정 클라이언트 요청이 항상 같은 Pod으로 가도록 설정 가능.',
      },
      at: { send: 'second', packet: 'SYN', node: CP, hook: 'PREROUTING', chain: SVC, target: SEP },
    },
    {
      text: {
        en: '"Always" lasts as long as sessionAffinityConfig.clientIP.timeoutSeconds (10800 s, three hours, by default): every new connection refreshes the timestamp, and after three quiet hours the next connection draws again.',
        ko: '"항상"은 sessionAffinityConfig.clientIP.timeoutSeconds(기본 10800초, 3시간) 동안만입니다. 새 연결마다 시각이 갱신되고, 3시간 동안 연결이 없으면 다음 연결은 다시 추첨합니다.',
      },
      at: { send: 'spread' },
    },
  ],
  questions: [
    {
      id: 'second-connection',
      prompt: {
        en: 'net-pod opens a second connection to svc-affinity, from a new source port. Which pod does it reach?',
        ko: 'net-pod가 새 소스 포트로 svc-affinity에 두 번째 연결을 엽니다. 어느 파드에 닿을까요?',
      },
      choices: [
        { id: 'same', text: { en: 'The same pod as the first connection', ko: '첫 연결과 같은 파드' } },
        {
          id: 'draw',
          text: { en: 'Any of the three: each new connection draws again', ko: '셋 중 아무거나: 새 연결은 다시 추첨한다' },
        },
      ],
      answer: { kind: 'sameEndpoint', sends: ['first', 'second'], equals: true },
      correct: 'same',
      reveal: {
        en: 'The first connection’s DNAT wrote net-pod’s address into webpod2’s recent list; the second one’s rcheck found it.',
        ko: '첫 연결의 DNAT가 webpod2의 recent 목록에 net-pod의 주소를 적었고, 두 번째 연결의 rcheck가 그것을 찾았습니다.',
      },
    },
    {
      id: 'which-rule',
      prompt: {
        en: 'Which rule sends the second connection’s SYN to webpod2?',
        ko: '두 번째 연결의 SYN을 webpod2로 보내는 규칙은 무엇일까요?',
      },
      choices: [
        {
          id: 'statistic',
          text: { en: 'The statistic cascade, which happens to pick webpod2 again', ko: 'statistic 사다리가 우연히 또 webpod2를 고른다' },
          claim: { kind: 'ruleMatched', send: 'second', packet: 'SYN', chain: SVC, rule: '--mode random', equals: true },
        },
        { id: 'recent', text: { en: `The "-m recent --rcheck" rule for ${SEP}`, ko: `${SEP}로 가는 "-m recent --rcheck" 규칙` } },
        {
          id: 'conntrack',
          text: { en: 'None: conntrack sees the same connection and skips the nat table', ko: '규칙 없음: conntrack이 같은 연결로 보고 nat 테이블을 건너뛴다' },
          claim: { kind: 'natWalkedOnPacket', send: 'second', packet: 'SYN', equals: false },
        },
      ],
      answer: { kind: 'ruleMatched', send: 'second', packet: 'SYN', chain: SVC, rule: '-m recent --rcheck', target: SEP, equals: true },
      correct: 'recent',
      reveal: {
        en: 'A new source port makes a new conntrack entry, so the nat table is walked. The rcheck rules come first in the KUBE-SVC chain, so a remembered client never reaches the statistic rules.',
        ko: '소스 포트가 다르면 conntrack 엔트리도 새로 생기므로 nat 테이블을 거칩니다. KUBE-SVC 체인에서 rcheck 규칙이 먼저 오므로, 기억된 클라이언트는 statistic 규칙까지 내려가지 않습니다.',
      },
    },
    {
      id: 'spread',
      prompt: {
        en: '300 new connections from net-pod. How many different pods do they reach?',
        ko: 'net-pod에서 새 연결 300개를 엽니다. 몇 개의 서로 다른 파드에 닿을까요?',
      },
      choices: [
        {
          id: 'three',
          text: { en: 'Three, about 100 each', ko: '세 개, 각각 약 100개씩' },
          claim: { kind: 'spreadEndpoints', send: 'spread', equals: 3 },
        },
        { id: 'one', text: { en: 'One', ko: '한 개' } },
      ],
      answer: { kind: 'spreadEndpoints', send: 'spread', equals: 1 },
      correct: 'one',
      reveal: {
        en: 'Only the first connection draws; the other 299 find the client in the recent list. Affinity trades the even spread for stickiness.',
        ko: '추첨은 첫 연결 한 번뿐이고, 나머지 299개는 recent 목록에서 클라이언트를 찾습니다. 어피니티는 고른 분산을 포기하고 고정을 얻는 선택입니다.',
      },
    },
  ],
};
