import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';
const SVC = 'service-TBJA4EUE-default/svc-clusterip/tcp/svc-webport';
const EP3 = 'endpoint-OFA7KRSV-default/svc-clusterip/tcp/svc-webport__10.10.3.2/80';

/** How nftables mode picks an endpoint: one `numgen random mod N` draw and an anonymous verdict map, beside lesson 1's cascade. */
export const nftablesNumgen: Lesson = {
  id: '15-nftables-numgen',
  title: LESSON_TITLES['15-nftables-numgen'],
  summary: {
    en: 'In iptables mode svc-clusterip picks a pod with a cascade of coin flips (1/3, then 1/2, then the rest: lesson 1). nftables mode writes the same split as one rule: "numgen random mod 3" draws 0, 1 or 2 and a verdict map turns the number into an endpoint. Same spread, different mechanism: send 1,000 connections in each mode and compare.',
    ko: 'iptables 모드에서 svc-clusterip는 동전 던지기 사다리(1/3, 그다음 1/2, 그리고 나머지: 레슨 1)로 파드를 고릅니다. nftables 모드는 같은 분배를 규칙 하나로 씁니다. "numgen random mod 3"이 0, 1, 2 중 하나를 뽑고, verdict map이 그 숫자를 엔드포인트로 바꿉니다. 분배는 같고 방법은 다릅니다. 모드마다 연결 1,000개를 보내 비교해 봅니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'syn',
      title: { en: 'net-pod → svc-clusterip:9000 (one connection)', ko: 'net-pod → svc-clusterip:9000 (연결 하나)' },
      from: 'net-pod',
      to: 'svc-clusterip:9000',
    },
    {
      kind: 'spread',
      id: 'spread',
      title: { en: '1,000 new connections from net-pod (nftables mode)', ko: 'net-pod에서 새 연결 1,000개 (nftables 모드)' },
      from: 'net-pod',
      to: 'svc-clusterip:9000',
      connections: 1000,
    },
    {
      kind: 'spread',
      id: 'spread-ipt',
      title: { en: 'The same 1,000 connections in iptables mode (for comparison)', ko: '같은 연결 1,000개를 iptables 모드로 (비교용)' },
      from: 'net-pod',
      to: 'svc-clusterip:9000',
      connections: 1000,
      mode: 'iptables',
    },
  ],
  steps: [
    {
      text: {
        en: `services finds svc-clusterip in the service-ips map (lesson 14) and goes to ${SVC}. Its first rule marks packets that do not come from a pod for masquerading; net-pod is a pod, so it does not match.`,
        ko: `services 체인이 service-ips 맵에서 svc-clusterip를 찾아 ${SVC}로 갑니다(레슨 14). 이 체인의 첫 규칙은 파드가 아닌 곳에서 온 패킷에 masquerade 표시를 합니다. net-pod는 파드라서 일치하지 않습니다.`,
      },
      at: { packet: 'SYN', node: CP, chain: SVC, rule: 'ip saddr != 10.10.0.0/16 jump mark-for-masquerade', matched: false },
    },
    {
      text: {
        en: 'The second rule is the whole choice: "numgen random mod 3 vmap { 0 : goto endpoint-…10.10.1.2/80, 1 : goto endpoint-…10.10.2.2/80, 2 : goto endpoint-…10.10.3.2/80 }". numgen draws a number from 0 to 2 (the kernel scales a 32-bit random number down to that range), so 0, 1 and 2 come up a third of the time each; the anonymous verdict map after "vmap" turns the number into a goto. This time it drew 2: webpod3.',
        ko: '두 번째 규칙이 선택 전부입니다: "numgen random mod 3 vmap { 0 : goto endpoint-…10.10.1.2/80, 1 : goto endpoint-…10.10.2.2/80, 2 : goto endpoint-…10.10.3.2/80 }". numgen은 0부터 2까지의 수를 하나 뽑으므로(커널이 32비트 난수를 그 범위로 줄입니다) 0, 1, 2가 각각 1/3씩 나옵니다. "vmap" 뒤의 이름 없는 verdict map이 그 숫자를 goto로 바꿉니다. 이번에는 2가 나와 webpod3입니다.',
      },
      at: { packet: 'SYN', node: CP, chain: SVC, rule: 'numgen random mod 3', target: `goto ${EP3}` },
    },
    {
      text: {
        en: 'In iptables mode the same third is built from conditional probabilities: rule 1 jumps with probability 1/3; if that draw fails, rule 2 jumps with 1/2 of the remaining 2/3; rule 3 takes the rest. A connection may need two draws and reads up to three rules, and a Service with n endpoints has n rules to walk. nftables mode draws once and reads one rule, whatever n is.',
        ko: 'iptables 모드에서는 같은 1/3을 조건부 확률로 만듭니다. 규칙 1이 1/3 확률로 점프하고, 그 추첨이 빗나가면 규칙 2가 남은 2/3의 1/2 확률로 점프하고, 규칙 3이 나머지를 받습니다. 연결 하나에 추첨이 두 번 필요할 수 있고 규칙을 세 개까지 읽으며, 엔드포인트가 n개인 서비스라면 훑을 규칙도 n개입니다. nftables 모드는 n이 얼마든 한 번 뽑고 규칙 하나를 읽습니다.',
      },
      noteSays: {
        en: 'The first chain’s probability is 1/3; the second chain, since reaching it means the first was passed, is 1/2; the last chain is given 1/1.',
        ko: '첫번째 chain의 확률은 1/3, 두번째 체인은 자신에게 왔다는 것은 첫번째 체인을 통과한 것이므로 1/2, 나머지 chain은 1/1의 확률로 지정했다.',
      },
    },
    {
      text: {
        en: 'The endpoint chain is lesson 1’s KUBE-SEP chain in nftables words: "ip saddr 10.10.3.2 jump mark-for-masquerade" (hairpin: a pod reaching itself) and "meta l4proto tcp dnat to 10.10.3.2:80".',
        ko: 'endpoint 체인은 레슨 1의 KUBE-SEP 체인을 nftables 말로 쓴 것입니다: "ip saddr 10.10.3.2 jump mark-for-masquerade"(헤어핀: 파드가 자기 자신에게 닿을 때)와 "meta l4proto tcp dnat to 10.10.3.2:80".',
      },
      at: { packet: 'SYN', node: CP, chain: EP3, rule: 'dnat to 10.10.3.2:80' },
    },
    {
      text: {
        en: 'Like the cascade, numgen remembers nothing: it is "random", not "inc" (which would count 0, 1, 2, 0, … and really take turns). Three connections in a row can land on the same pod; the split is even only on average. The spread sends 1,000 new connections in each mode.',
        ko: '사다리와 마찬가지로 numgen도 아무것도 기억하지 않습니다. "inc"(0, 1, 2, 0, …으로 세어 정말 차례대로 돌아가는 방식)가 아니라 "random"입니다. 연달아 보낸 연결 세 개가 같은 파드로 갈 수도 있고, 고르게 나뉘는 것은 평균적으로만 그렇습니다. spread로 모드마다 새 연결 1,000개를 보내 봅니다.',
      },
      noteSays: {
        en: 'kube-proxy forwards the traffic through iptables to one of Pod1, Pod2 and Pod3 (round robin).',
        ko: 'kube-proxy가 iptables을 통해 Pod1, Pod2, Pod3 중 하나로 트래픽을 전달 (라운드 로빈 방식)',
      },
      at: { send: 'spread' },
    },
  ],
  questions: [
    {
      id: 'written',
      prompt: {
        en: 'How does kube-proxy’s nftables mode write “each of three pods a third of the time”? Look for it in `nft list ruleset` on myk8s-control-plane.',
        ko: 'kube-proxy의 nftables 모드는 "파드 세 개에 1/3씩"을 어떻게 쓸까요? myk8s-control-plane의 `nft list ruleset`에서 찾아보세요.',
      },
      choices: [
        {
          id: 'probabilities',
          text: { en: 'Three rules with probabilities, as in iptables: 0.333…, 0.5, then the rest', ko: 'iptables처럼 확률이 붙은 규칙 세 개: 0.333…, 0.5, 그리고 나머지' },
          claim: { kind: 'nodePrint', node: CP, mode: 'nftables', format: 'nft', includes: 'probability', equals: true },
        },
        { id: 'numgen-random', text: { en: 'One rule: numgen random mod 3 vmap { 0 : …, 1 : …, 2 : … }', ko: '규칙 하나: numgen random mod 3 vmap { 0 : …, 1 : …, 2 : … }' } },
        {
          id: 'numgen-inc',
          text: { en: 'One rule that takes turns: numgen inc mod 3', ko: '차례대로 돌아가는 규칙 하나: numgen inc mod 3' },
          claim: { kind: 'nodePrint', node: CP, mode: 'nftables', format: 'nft', includes: 'numgen inc', equals: true },
        },
      ],
      answer: { kind: 'nodePrint', node: CP, mode: 'nftables', format: 'nft', includes: 'numgen random mod 3 vmap { 0 : goto endpoint-', equals: true },
      correct: 'numgen-random',
      reveal: {
        en: 'One draw of a number 0 … n−1 needs no conditional probabilities: every element of the map is reached with the same chance 1/n, so kube-proxy writes no probability at all.',
        ko: '0 … n−1 중 하나를 한 번 뽑으면 조건부 확률이 필요 없습니다. 맵의 모든 원소가 같은 확률 1/n로 뽑히므로 kube-proxy는 확률을 아예 쓰지 않습니다.',
      },
    },
    {
      id: 'rules-read',
      prompt: {
        en: `For net-pod’s SYN, how many rules of ${SVC} does the kernel read on myk8s-control-plane?`,
        ko: `net-pod의 SYN에 대해 커널은 myk8s-control-plane의 ${SVC}에서 규칙을 몇 개 읽을까요?`,
      },
      choices: [
        { id: 'two', text: { en: 'Two: the masquerade check and the numgen rule', ko: '두 개: masquerade 검사와 numgen 규칙' } },
        {
          id: 'one-per-pod',
          text: { en: 'One per endpoint after the masquerade check, as the cascade does', ko: '사다리처럼 masquerade 검사 뒤에 엔드포인트마다 하나씩' },
          claim: { kind: 'evaluatedCount', send: 'syn', packet: 'SYN', node: CP, chain: SVC, what: 'rules', atLeast: 4 },
        },
      ],
      answer: { kind: 'evaluatedCount', send: 'syn', packet: 'SYN', node: CP, chain: SVC, what: 'rules', atLeast: 2, atMost: 2 },
      correct: 'two',
      reveal: {
        en: 'The numgen rule ends the chain with a goto whatever it draws: no rule after it is ever read, and a Service with 100 endpoints still reads two rules here.',
        ko: 'numgen 규칙은 무엇을 뽑든 goto로 체인을 끝내므로 그 뒤의 규칙은 읽히지 않습니다. 엔드포인트가 100개인 서비스도 여기서는 규칙 두 개만 읽습니다.',
      },
    },
    {
      id: 'spread',
      prompt: {
        en: '1,000 new connections in nftables mode, and the same 1,000 in iptables mode. How do they split over webpod1, webpod2 and webpod3?',
        ko: 'nftables 모드로 새 연결 1,000개, iptables 모드로 같은 1,000개를 보냅니다. webpod1, webpod2, webpod3에 어떻게 나뉠까요?',
      },
      choices: [
        { id: 'both-thirds', text: { en: 'About a third each, in both modes', ko: '두 모드 모두 각각 약 1/3씩' } },
        {
          id: 'cascade-first',
          text: { en: 'nftables evenly; iptables favours webpod1, whose rule comes first', ko: 'nftables는 고르게, iptables는 규칙이 맨 앞인 webpod1에 더 많이' },
          claim: { kind: 'spreadPodShare', send: 'spread-ipt', pod: 'webpod1', share: 0.5, tolerance: 0.1 },
        },
        {
          id: 'numgen-zero',
          text: { en: 'iptables evenly; nftables favours element 0, webpod1', ko: 'iptables는 고르게, nftables는 원소 0인 webpod1에 더 많이' },
          claim: { kind: 'spreadPodShare', send: 'spread', pod: 'webpod1', share: 0.5, tolerance: 0.1 },
        },
      ],
      answer: {
        kind: 'allOf',
        claims: [
          { kind: 'spreadShare', send: 'spread', endpointCount: 3, tolerance: 0.04 },
          { kind: 'spreadShare', send: 'spread-ipt', endpointCount: 3, tolerance: 0.04 },
        ],
      },
      correct: 'both-thirds',
      reveal: {
        en: 'Both mechanisms give each pod 1/3 per connection: 1/3 directly, or 1/3, (2/3)·(1/2) and the last 1/3 through the cascade. What differs is the work per new connection, not where connections go.',
        ko: '두 방법 모두 연결마다 각 파드에 1/3을 줍니다. 한 번에 1/3이거나, 사다리를 거쳐 1/3, (2/3)·(1/2), 마지막 1/3이거나. 다른 것은 새 연결마다 드는 일의 양이지, 연결이 가는 곳이 아닙니다.',
      },
    },
  ],
};
