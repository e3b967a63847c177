import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';
const SVC = 'KUBE-SVC-KBDEBIL6IU6WL7RF';

/** The study groups' classic: svc-clusterip (9000 → 80) in front of webpod1..3, called from net-pod. */
export const clusterIP: Lesson = {
  id: '01-clusterip',
  title: LESSON_TITLES['01-clusterip'],
  summary: {
    en: 'net-pod calls svc-clusterip at 10.200.1.100:9000. Follow the SYN through PREROUTING → KUBE-SERVICES → KUBE-SVC → KUBE-SEP → DNAT, find out why a node prints 0.33333333349 where kube-proxy wrote 0.3333333333, and send 1,000 connections to see the split.',
    ko: 'net-pod가 svc-clusterip(10.200.1.100:9000)를 호출합니다. SYN이 PREROUTING → KUBE-SERVICES → KUBE-SVC → KUBE-SEP → DNAT를 지나는 길을 따라가 보고, kube-proxy가 0.3333333333이라고 쓴 값을 노드가 왜 0.33333333349로 보여 주는지 알아본 뒤, 연결 1,000개를 보내 실제로 어떻게 나뉘는지 확인합니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'syn',
      title: { en: 'net-pod → svc-clusterip:9000 (one connection)', ko: 'net-pod → svc-clusterip:9000 (연결 하나)' },
      from: 'net-pod',
      to: 'svc-clusterip:9000',
      seed: 1,
    },
    {
      kind: 'spread',
      id: 'spread',
      title: { en: '1,000 new connections from net-pod', ko: 'net-pod에서 새 연결 1,000개' },
      from: 'net-pod',
      to: 'svc-clusterip:9000',
      connections: 1000,
      seed: 1,
    },
  ],
  steps: [
    {
      text: {
        en: 'net-pod (10.10.0.4) sends a SYN to 10.200.1.100:9000. No interface and no process owns this address: the cluster IP exists only as iptables rules, and every node has the same rules.',
        ko: 'net-pod(10.10.0.4)가 10.200.1.100:9000으로 SYN을 보냅니다. 이 주소를 가진 인터페이스도, 이 주소에서 듣는 프로세스도 없습니다. 클러스터 IP는 iptables 규칙으로만 존재하고, 모든 노드가 같은 규칙을 가지고 있습니다.',
      },
      at: { send: 'syn', packet: 'SYN', stage: 'send' },
    },
    {
      text: {
        en: 'The packet arrives on myk8s-control-plane from net-pod’s veth. It is the first packet of a new connection (conntrack: NEW), so the nat table is walked: PREROUTING jumps to KUBE-SERVICES ("kubernetes service portals").',
        ko: '패킷은 net-pod의 veth를 통해 myk8s-control-plane에 들어옵니다. 새 연결의 첫 패킷(conntrack: NEW)이므로 nat 테이블을 거칩니다. PREROUTING이 KUBE-SERVICES로 점프합니다("kubernetes service portals").',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, hook: 'PREROUTING', chain: 'PREROUTING', target: 'KUBE-SERVICES' },
    },
    {
      text: {
        en: `KUBE-SERVICES has one rule per Service port. "-d 10.200.1.100/32 -p tcp … --dport 9000" matches and jumps to ${SVC}. The name is a hash of "default/svc-clusterip:svc-webport" and the protocol, so it is the same in every cluster: the study note’s kind cluster printed exactly this name.`,
        ko: `KUBE-SERVICES에는 서비스 포트마다 규칙이 하나씩 있습니다. "-d 10.200.1.100/32 -p tcp … --dport 9000"이 일치해서 ${SVC}로 점프합니다. 체인 이름은 "default/svc-clusterip:svc-webport"와 프로토콜의 해시라서 어느 클러스터에서나 같습니다. 스터디 노트의 kind 클러스터에서도 바로 이 이름이 보였습니다.`,
      },
      at: { send: 'syn', packet: 'SYN', chain: 'KUBE-SERVICES', target: SVC },
    },
    {
      text: {
        en: 'The first rule of the KUBE-SVC chain marks packets for masquerading when they do not come from a pod ("! -s 10.10.0.0/16"). net-pod is a pod, so it does not match and nothing will be SNATed.',
        ko: 'KUBE-SVC 체인의 첫 규칙은 파드가 아닌 곳("! -s 10.10.0.0/16")에서 온 패킷에 masquerade 표시를 합니다. net-pod는 파드라서 일치하지 않고, SNAT은 일어나지 않습니다.',
      },
      at: { send: 'syn', packet: 'SYN', chain: SVC, rule: '! -s 10.10.0.0/16', matched: false },
    },
    {
      text: {
        en: 'Then the cascade. Rule 1 jumps to webpod1’s KUBE-SEP-TBW2IYJKUCAC7GB3 with probability 1/3. If that draw fails, rule 2 jumps to webpod2 with probability 1/2 — half of the remaining 2/3, so 1/3 again. Rule 3 has no statistic match and takes whatever is left: the last 1/3. Each draw is a fresh random number; nothing remembers which pod came last.',
        ko: '이제 확률 사다리입니다. 규칙 1은 1/3 확률로 webpod1의 KUBE-SEP-TBW2IYJKUCAC7GB3로 점프합니다. 실패하면 규칙 2가 1/2 확률로 webpod2로 점프하는데, 남은 2/3의 절반이니 역시 1/3입니다. 규칙 3에는 statistic 조건이 없어서 나머지 1/3을 모두 받습니다. 매번 새 난수를 뽑을 뿐, 직전에 어느 파드로 보냈는지는 아무도 기억하지 않습니다.',
      },
      noteSays: {
        en: 'When it load-balances traffic over several pods, iptables mode uses unweighted round-robin scheduling.',
        ko: '여러개의 pod로 트래픽을 load balancing 할 때 unweighted round-robin scheduling을 사용한다.',
      },
      at: { send: 'syn', packet: 'SYN', chain: SVC, rule: '--mode random --probability 0.33333333349 -j KUBE-SEP-TBW2IYJKUCAC7GB3', matched: 'any' },
    },
    {
      text: {
        en: 'Why 0.33333333349? kube-proxy writes "--probability 0.3333333333" (1/3 with ten digits). iptables hands the kernel a 31-bit integer, round(0.3333333333 × 2^31) = 715827883, and xt_statistic compares each random number with it. iptables-save prints it back as 715827883 / 2^31 with eleven digits: 0.33333333349. One half is exact in binary, so it stays 0.50000000000.',
        ko: '왜 0.33333333349일까요? kube-proxy는 "--probability 0.3333333333"(1/3을 소수 열 자리로)을 씁니다. iptables는 이 값을 커널에 31비트 정수 round(0.3333333333 × 2^31) = 715827883으로 넘기고, xt_statistic은 난수를 이 정수와 비교합니다. iptables-save는 이 정수를 다시 715827883 / 2^31로 바꿔 소수 열한 자리로 출력하므로 0.33333333349가 됩니다. 1/2은 이진수로 정확히 표현되므로 0.50000000000 그대로입니다.',
      },
      at: { send: 'syn', packet: 'SYN', chain: SVC, rule: '--probability 0.50000000000', matched: 'any' },
    },
    {
      text: {
        en: 'This time the first draw missed and the second hit: the SYN goes to KUBE-SEP-DOIEFYKPESCDTYCH, webpod2’s chain. Another seed would draw differently.',
        ko: '이번에는 첫 번째 추첨이 빗나가고 두 번째가 맞았습니다. SYN은 webpod2의 체인인 KUBE-SEP-DOIEFYKPESCDTYCH로 갑니다. 시드가 다르면 추첨 결과도 달라집니다.',
      },
      at: { send: 'syn', packet: 'SYN', chain: SVC, target: 'KUBE-SEP-DOIEFYKPESCDTYCH' },
    },
    {
      text: {
        en: 'In KUBE-SEP-DOIEFYKPESCDTYCH the DNAT happens: "-j DNAT --to-destination 10.10.2.2:80". The destination 10.200.1.100:9000 becomes 10.10.2.2:80 and conntrack records the translation for the rest of the connection (lesson 2). This rule does not test the Service IP or port at all: KUBE-SERVICES already did.',
        ko: 'KUBE-SEP-DOIEFYKPESCDTYCH에서 DNAT가 일어납니다: "-j DNAT --to-destination 10.10.2.2:80". 목적지 10.200.1.100:9000이 10.10.2.2:80으로 바뀌고, conntrack이 이 변환을 연결의 나머지 패킷을 위해 기억합니다(레슨 2). 이 규칙은 서비스 IP나 포트를 전혀 검사하지 않습니다. 그건 이미 KUBE-SERVICES가 했습니다.',
      },
      noteSays: {
        en: '`iptables -t nat -L -n -v` shows: DNAT tcp -- 0.0.0.0/0 10.96.0.50 tcp dpt:80 -> 10.244.1.10:8080',
        ko: '`iptables -t nat -L -n -v` 출력 예시: DNAT tcp -- 0.0.0.0/0 10.96.0.50 tcp dpt:80 -> 10.244.1.10:8080',
      },
      at: { send: 'syn', packet: 'SYN', chain: 'KUBE-SEP-DOIEFYKPESCDTYCH', target: 'DNAT' },
    },
    {
      text: {
        en: 'In POSTROUTING, KUBE-POSTROUTING returns at once ("-m mark ! --mark 0x4000/0x4000 -j RETURN"): nobody set the masquerade mark, so there is no MASQUERADE and webpod2 sees net-pod’s own address, 10.10.0.4.',
        ko: 'POSTROUTING에서 KUBE-POSTROUTING은 바로 돌아옵니다("-m mark ! --mark 0x4000/0x4000 -j RETURN"). masquerade 마크를 붙인 규칙이 없었으니 MASQUERADE도 없고, webpod2는 net-pod의 주소 10.10.0.4를 그대로 봅니다.',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, chain: 'KUBE-POSTROUTING', target: 'RETURN' },
    },
    {
      text: {
        en: 'On myk8s-worker2 the packet is new to that node’s conntrack, so its nat table is walked too, but the destination is already a pod IP: no KUBE-SERVICES rule matches and the PREROUTING policy accepts it. The routing table hands it to webpod2’s veth.',
        ko: 'myk8s-worker2에서도 이 패킷은 그 노드의 conntrack에 처음 보이는 것이라 nat 테이블을 거치지만, 목적지가 이미 파드 IP라서 KUBE-SERVICES의 어떤 규칙과도 일치하지 않고 PREROUTING 정책(ACCEPT)으로 통과합니다. 그다음 라우팅 테이블이 webpod2의 veth로 보냅니다.',
      },
      at: { send: 'syn', packet: 'SYN', node: 'myk8s-worker2', hook: 'PREROUTING', chain: 'PREROUTING', rule: 'policy ACCEPT' },
    },
    {
      text: {
        en: 'One connection shows one draw. The spread opens 1,000 new connections (each from a new source port, so each walks the cascade) and counts where they land. The study note’s 100 curls split 35/33/32; with 1,000 the shares get closer to a third each.',
        ko: '연결 하나로는 추첨 한 번만 볼 수 있습니다. spread는 새 연결 1,000개를 엽니다(매번 소스 포트가 달라 매번 사다리를 새로 탑니다). 스터디 노트에서는 curl 100번이 35/33/32로 나뉘었는데, 1,000번이면 각각 1/3에 더 가까워집니다.',
      },
      at: { send: 'spread' },
    },
  ],
  questions: [
    {
      id: 'printed-probability',
      prompt: {
        en: 'kube-proxy writes "--probability 0.3333333333" for webpod1’s rule. What does `iptables -t nat -S` on the node print?',
        ko: 'kube-proxy는 webpod1 규칙에 "--probability 0.3333333333"을 씁니다. 노드에서 `iptables -t nat -S`를 실행하면 무엇이 보일까요?',
      },
      choices: [
        {
          id: 'as-written',
          text: { en: '--probability 0.3333333333, exactly as written', ko: '쓴 그대로 --probability 0.3333333333' },
          claim: { kind: 'rulesPrint', node: CP, table: 'nat', format: 'S', includes: '--probability 0.3333333333 -j', equals: true },
        },
        {
          id: 'quantized',
          text: { en: '--probability 0.33333333349', ko: '--probability 0.33333333349' },
        },
        {
          id: 'eleven-threes',
          text: { en: '--probability 0.33333333333', ko: '--probability 0.33333333333' },
          claim: { kind: 'rulesPrint', node: CP, table: 'nat', format: 'S', includes: '--probability 0.33333333333', equals: true },
        },
      ],
      answer: {
        kind: 'rulesPrint',
        node: CP,
        table: 'nat',
        format: 'S',
        includes: '-m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-TBW2IYJKUCAC7GB3',
        equals: true,
      },
      correct: 'quantized',
      reveal: {
        en: 'The kernel keeps the probability as a 31-bit integer: round(0.3333333333 × 2^31) = 715827883. iptables prints 715827883 / 2^31 with eleven digits, 0.33333333349. A real node shows the same number, as the study note’s dump does.',
        ko: '커널은 확률을 31비트 정수로 보관합니다: round(0.3333333333 × 2^31) = 715827883. iptables는 715827883 / 2^31을 소수 열한 자리로 출력하므로 0.33333333349가 됩니다. 스터디 노트의 실제 노드 출력에도 같은 숫자가 나옵니다.',
      },
    },
    {
      id: 'round-robin',
      prompt: {
        en: 'A study note says kube-proxy’s iptables mode uses round-robin. Which match really picks the endpoint?',
        ko: '스터디 노트에는 iptables 모드가 라운드 로빈을 쓴다고 되어 있습니다. 실제로 엔드포인트를 고르는 것은 어떤 매치일까요?',
      },
      choices: [
        {
          id: 'nth',
          text: { en: 'A counter: -m statistic --mode nth, one endpoint after the other', ko: '카운터: -m statistic --mode nth로 하나씩 차례대로' },
          claim: { kind: 'rulesPrint', node: CP, table: 'nat', format: 'S', includes: '--mode nth', equals: true },
        },
        {
          id: 'random',
          text: { en: 'A fresh random draw for every new connection: -m statistic --mode random', ko: '새 연결마다 새로 뽑는 난수: -m statistic --mode random' },
        },
        {
          id: 'conntrack',
          text: { en: 'conntrack remembers the last pod and picks the next one', ko: 'conntrack이 직전 파드를 기억했다가 다음 파드를 고른다' },
        },
      ],
      answer: {
        kind: 'rulesPrint',
        node: CP,
        table: 'nat',
        format: 'S',
        includes: '-m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-DOIEFYKPESCDTYCH',
        equals: true,
      },
      correct: 'random',
      reveal: {
        en: 'Every new connection draws again: three requests in a row can all land on the same pod. The even split is only on average (iptables cannot count connections per pod; IPVS mode can do real round-robin).',
        ko: '새 연결마다 다시 추첨하므로 연달아 보낸 요청 세 개가 모두 같은 파드로 갈 수도 있습니다. 고르게 나뉘는 것은 평균적으로만 그렇습니다(iptables는 파드별 연결 수를 세지 못합니다. 진짜 라운드 로빈은 IPVS 모드에서 쓸 수 있습니다).',
      },
    },
    {
      id: 'spread',
      prompt: {
        en: '1,000 new connections from net-pod. How do they split over webpod1, webpod2 and webpod3?',
        ko: 'net-pod에서 새 연결 1,000개를 보냅니다. webpod1, webpod2, webpod3에 어떻게 나뉠까요?',
      },
      choices: [
        { id: 'thirds', text: { en: 'About a third each', ko: '각각 약 1/3씩' } },
        {
          id: 'half-second',
          text: { en: 'webpod2 gets about half: its rule says 0.5', ko: 'webpod2가 약 절반: 규칙에 0.5라고 쓰여 있으니까' },
          claim: { kind: 'spreadPodShare', send: 'spread', pod: 'webpod2', share: 0.5, tolerance: 0.05 },
        },
        {
          id: 'last-most',
          text: { en: 'webpod3 gets the most: its rule catches everything', ko: 'webpod3가 가장 많이: 마지막 규칙이 나머지를 다 받으니까' },
          claim: { kind: 'spreadPodShare', send: 'spread', pod: 'webpod3', share: 0.5, tolerance: 0.1 },
        },
      ],
      answer: { kind: 'spreadShare', send: 'spread', endpointCount: 3, tolerance: 0.03 },
      correct: 'thirds',
      reveal: {
        en: 'Each rule’s probability applies only to the connections that reach it: 1/3, then 1/2 of the remaining 2/3, then all of the last 1/3. Each pod gets a third, give or take the randomness of 1,000 draws.',
        ko: '각 규칙의 확률은 그 규칙까지 내려온 연결에만 적용됩니다. 1/3, 남은 2/3의 1/2, 그리고 마지막 1/3 전부. 그래서 1,000번의 추첨에 따른 약간의 오차를 빼면 각 파드가 1/3씩 받습니다.',
      },
    },
    {
      id: 'dnat-listing',
      prompt: {
        en: 'A study note shows a DNAT line as "DNAT tcp -- 0.0.0.0/0 10.96.0.50 tcp dpt:80 -> 10.244.1.10:8080". What does `iptables -t nat -L -n -v` really print for webpod2’s DNAT rule?',
        ko: '스터디 노트에는 DNAT 줄이 "DNAT tcp -- 0.0.0.0/0 10.96.0.50 tcp dpt:80 -> 10.244.1.10:8080"처럼 나옵니다. 실제 `iptables -t nat -L -n -v`는 webpod2의 DNAT 규칙을 어떻게 보여 줄까요?',
      },
      choices: [
        {
          id: 'service-ip',
          text: { en: 'DNAT tcp -- 0.0.0.0/0 10.200.1.100 tcp dpt:9000 -> 10.10.2.2:80', ko: 'DNAT tcp -- 0.0.0.0/0 10.200.1.100 tcp dpt:9000 -> 10.10.2.2:80' },
          claim: { kind: 'rulesPrint', node: CP, table: 'nat', format: 'L', includes: 'tcp dpt:9000 -> 10.10.2.2:80', equals: true },
        },
        {
          id: 'sep-line',
          text: {
            en: 'DNAT tcp -- * * 0.0.0.0/0 0.0.0.0/0 /* default/svc-clusterip:svc-webport */ tcp to:10.10.2.2:80',
            ko: 'DNAT tcp -- * * 0.0.0.0/0 0.0.0.0/0 /* default/svc-clusterip:svc-webport */ tcp to:10.10.2.2:80',
          },
        },
      ],
      answer: {
        kind: 'rulesPrint',
        node: CP,
        table: 'nat',
        format: 'L',
        includes: 'DNAT tcp -- * * 0.0.0.0/0 0.0.0.0/0 /* default/svc-clusterip:svc-webport */ tcp to:10.10.2.2:80',
        equals: true,
      },
      correct: 'sep-line',
      reveal: {
        en: 'The DNAT rule lives in KUBE-SEP-DOIEFYKPESCDTYCH and matches everything that reaches that chain; the Service IP and port were tested earlier, in KUBE-SERVICES. `-L` prints the target as "to:10.10.2.2:80", never "->".',
        ko: 'DNAT 규칙은 KUBE-SEP-DOIEFYKPESCDTYCH에 있고, 이 체인까지 온 패킷이면 무엇이든 일치합니다. 서비스 IP와 포트 검사는 그 앞의 KUBE-SERVICES에서 이미 끝났습니다. `-L`은 대상을 "->"가 아니라 "to:10.10.2.2:80"으로 출력합니다.',
      },
    },
  ],
};
