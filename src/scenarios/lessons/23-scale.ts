import { LESSON_TITLES } from './catalog';
import type { Claim, Lesson } from './types';

const W = 'myk8s-worker';

/** The scale sweep's counts, as the Scale lab charts them: `metric` from 100 to 1,000 Services in `mode`. */
const growth = (mode: 'iptables' | 'nftables' | 'ipvs', metric: 'evaluated' | 'lines', atLeast: number, atMost: number): Claim => ({
  kind: 'scaleGrowth',
  mode,
  metric,
  from: 100,
  to: 1000,
  atLeast,
  atMost,
});
/** "About ten times": 1,000 Services are ten times 100, and the fixed part (kubernetes, kube-dns, the node's own rules) is small. */
const TENFOLD = [8, 11] as const;
const SAME = [0.95, 1.05] as const;
const DOUBLE = [1.5, 3] as const;

/** Why kube-proxy moved from iptables' linear walk to nftables' maps (and IPVS before it), on the Scale lab's numbers. */
export const scale: Lesson = {
  id: '23-scale',
  title: LESSON_TITLES['23-scale'],
  summary: {
    en: 'net-pod opens a connection to svc-d. In iptables mode the SYN is compared with every Service’s KUBE-SERVICES rule until one matches. Four Services cost nothing; the Scale lab (header button) runs the same connection with 10 to 30,000 Services in iptables, nftables and IPVS mode. Predict, then let the engine count.',
    ko: 'net-pod가 svc-d로 연결을 엽니다. iptables 모드에서 SYN은 맞는 규칙이 나올 때까지 서비스마다 있는 KUBE-SERVICES 규칙과 하나씩 비교됩니다. 서비스 네 개라면 아무 부담도 없습니다. 규모 실험(머리글의 버튼)은 같은 연결을 서비스 10개부터 30,000개까지 iptables, nftables, IPVS 모드로 돌려 봅니다. 먼저 예측하고, 엔진이 세게 하세요.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'to-svc-d',
      title: { en: 'net-pod → svc-d:80', ko: 'net-pod → svc-d:80' },
      from: 'net-pod',
      to: 'svc-d',
    },
  ],
  steps: [
    {
      text: {
        en: 'The SYN enters nat PREROUTING on myk8s-worker, which jumps to KUBE-SERVICES: one rule per Service port, each comparing the destination with one cluster IP. The first is default/kubernetes’s; it does not match.',
        ko: 'SYN이 myk8s-worker의 nat PREROUTING에 들어오고 KUBE-SERVICES로 점프합니다. 서비스 포트마다 규칙이 하나씩 있고, 각 규칙은 목적지를 클러스터 IP 하나와 비교합니다. 첫 규칙은 default/kubernetes의 것이고, 맞지 않습니다.',
      },
      at: { packet: 'SYN', node: W, chain: 'KUBE-SERVICES', rule: 'default/kubernetes:https cluster IP', matched: false },
    },
    {
      text: {
        en: 'svc-a’s rule, svc-b’s, svc-c’s: the kernel reads them one after another. iptables has no index over destinations; a chain is a list, read from the top.',
        ko: 'svc-a의 규칙, svc-b의 규칙, svc-c의 규칙을 커널이 차례로 읽습니다. iptables에는 목적지 색인이 없습니다. 체인은 위에서부터 읽는 목록입니다.',
      },
      at: { packet: 'SYN', node: W, chain: 'KUBE-SERVICES', rule: 'default/svc-c cluster IP', matched: false },
    },
    {
      text: {
        en: 'The fifth rule is svc-d’s: it matches, and the packet goes on to svc-d’s KUBE-SVC- chain and its DNAT. With 30,000 Services a connection to the last one reads 30,000 rules here first; kube-proxy writes them in no particular order, so on average a connection reads half.',
        ko: '다섯 번째 규칙이 svc-d의 것입니다. 맞았으므로 패킷은 svc-d의 KUBE-SVC- 체인과 그 DNAT로 갑니다. 서비스가 30,000개라면 마지막 서비스로 가는 연결은 여기서 먼저 규칙 30,000개를 읽습니다. kube-proxy가 규칙을 특별한 순서 없이 쓰므로 평균적으로 연결 하나가 절반을 읽습니다.',
      },
      at: { packet: 'SYN', node: W, chain: 'KUBE-SERVICES', rule: 'default/svc-d cluster IP' },
    },
    {
      text: {
        en: 'nftables mode keeps the same decision in a verdict map, `ip daddr . meta l4proto . th dport vmap @service-ips`: one hash lookup, whatever the number of Services. IPVS mode matches the Service IPs with one ipset rule and finds the virtual server in IPVS’s own hash table. Open the Scale lab to see all three counted by the engine.',
        ko: 'nftables 모드는 같은 판단을 verdict map `ip daddr . meta l4proto . th dport vmap @service-ips` 하나로 합니다. 서비스가 몇 개든 해시 조회 한 번입니다. IPVS 모드는 ipset 규칙 하나로 서비스 IP를 확인하고, IPVS 자신의 해시 테이블에서 가상 서버를 찾습니다. 규모 실험을 열면 세 모드 모두 엔진이 센 값을 볼 수 있습니다.',
      },
    },
    {
      text: {
        en: 'Reading fewer rules per packet is half of the story. kube-proxy must also write the rules: every Service and endpoint is a line in all three modes, and in iptables mode each update goes through iptables-restore for the whole table. The 2017 proposal that brought IPVS mode measured adding one rule at 2 ms with 1 Service, 11 minutes with 5,000 and 5 hours with 20,000; nftables lets kube-proxy send only what changed.',
        ko: '패킷 하나가 읽는 규칙이 줄어드는 것은 이야기의 절반입니다. kube-proxy는 규칙을 써야 합니다. 세 모드 모두 서비스와 엔드포인트마다 줄이 생기고, iptables 모드에서는 갱신할 때마다 iptables-restore로 테이블 전체를 보냅니다. IPVS 모드를 들여온 2017년 제안은 규칙 하나를 추가하는 데 서비스 1개일 때 2 ms, 5,000개일 때 11분, 20,000개일 때 5시간이 걸렸다고 측정했습니다. nftables에서는 kube-proxy가 바뀐 것만 보낼 수 있습니다.',
      },
    },
  ],
  questions: [
    {
      id: 'walk',
      prompt: {
        en: 'Before the SYN reaches svc-d’s rule, is it compared with svc-a’s KUBE-SERVICES rule?',
        ko: 'SYN이 svc-d의 규칙에 닿기 전에 svc-a의 KUBE-SERVICES 규칙과도 비교될까요?',
      },
      choices: [
        { id: 'yes', text: { en: 'Yes: the chain is read from the top, and svc-a’s rule comes first', ko: '예: 체인은 위에서부터 읽고, svc-a의 규칙이 먼저 나옵니다' } },
        {
          id: 'no',
          text: { en: 'No: the kernel jumps straight to the rule for the packet’s destination', ko: '아니요: 커널이 패킷의 목적지에 맞는 규칙으로 바로 건너뜁니다' },
          claim: { kind: 'hop', at: { packet: 'SYN', node: W, chain: 'KUBE-SERVICES', rule: 'default/svc-a cluster IP', matched: false }, equals: false },
        },
      ],
      answer: { kind: 'hop', at: { packet: 'SYN', node: W, chain: 'KUBE-SERVICES', rule: 'default/svc-a cluster IP', matched: false }, equals: true },
      correct: 'yes',
      reveal: {
        en: 'The trace lists svc-a’s rule as evaluated and not matched, before svc-d’s. Every Service before yours costs one rule.',
        ko: '트레이스를 보면 svc-a의 규칙은 svc-d의 규칙보다 먼저 평가되었고 맞지 않았습니다. 내 서비스 앞에 있는 서비스마다 규칙 하나의 비용이 듭니다.',
      },
    },
    {
      id: 'iptables-growth',
      prompt: {
        en: 'Scale lab, iptables mode: the cluster grows from 100 to 1,000 Services. How many rules is a new connection’s first packet (to the Service whose rule is last) evaluated against?',
        ko: '규모 실험, iptables 모드: 클러스터의 서비스가 100개에서 1,000개로 늘어납니다. (규칙이 맨 마지막인 서비스로 가는) 새 연결의 첫 패킷은 규칙 몇 개와 비교될까요?',
      },
      choices: [
        { id: 'same', text: { en: 'About the same', ko: '거의 같습니다' }, claim: growth('iptables', 'evaluated', ...SAME) },
        { id: 'double', text: { en: 'About twice as many', ko: '두 배쯤입니다' }, claim: growth('iptables', 'evaluated', ...DOUBLE) },
        { id: 'tenfold', text: { en: 'About ten times as many', ko: '열 배쯤입니다' } },
      ],
      answer: growth('iptables', 'evaluated', ...TENFOLD),
      correct: 'tenfold',
      reveal: {
        en: 'Ten times the Services, about ten times the rules: 119 at 100 Services, 1,019 at 1,000. On the Scale lab’s chart iptables is the line that climbs with the Services.',
        ko: '서비스가 열 배면 규칙도 열 배쯤입니다. 서비스 100개에서 119개, 1,000개에서 1,019개입니다. 규모 실험 차트에서 서비스 수를 따라 올라가는 선이 iptables입니다.',
      },
    },
    {
      id: 'nftables-growth',
      prompt: {
        en: 'Same growth, 100 to 1,000 Services, in nftables mode: how many rules and map lookups does the first packet need?',
        ko: '같은 성장, 서비스 100개에서 1,000개로, nftables 모드라면 첫 패킷에 규칙과 map 조회가 몇 개 필요할까요?',
      },
      choices: [
        { id: 'same', text: { en: 'The same few: the Services are elements of one map', ko: '똑같이 몇 개뿐입니다: 서비스는 map 하나의 원소입니다' } },
        { id: 'tenfold', text: { en: 'About ten times as many, like iptables', ko: 'iptables처럼 열 배쯤입니다' }, claim: growth('nftables', 'evaluated', ...TENFOLD) },
      ],
      answer: growth('nftables', 'evaluated', ...SAME),
      correct: 'same',
      reveal: {
        en: 'The engine counts the same 23 rules and 4 map lookups at 100 and at 1,000 Services (27 in all): the map grew, the lookup did not. On the chart nftables is flat.',
        ko: '엔진은 서비스 100개에서도 1,000개에서도 똑같이 규칙 23개와 map 조회 4개(모두 27개)를 셉니다. map은 커졌지만 조회는 그대로입니다. 차트에서 nftables는 평평합니다.',
      },
    },
    {
      id: 'ipvs-growth',
      prompt: {
        en: 'And in IPVS mode?',
        ko: 'IPVS 모드라면요?',
      },
      choices: [
        { id: 'same', text: { en: 'The same few: an ipset match and one IPVS lookup', ko: '똑같이 몇 개뿐입니다: ipset 매치 하나와 IPVS 조회 하나' } },
        { id: 'tenfold', text: { en: 'About ten times as many', ko: '열 배쯤입니다' }, claim: growth('ipvs', 'evaluated', ...TENFOLD) },
      ],
      answer: growth('ipvs', 'evaluated', ...SAME),
      correct: 'same',
      reveal: {
        en: 'IPVS stays flat too (24 rules and 1 IPVS lookup). That was its selling point in 2017; since then nftables does the same with kube-proxy’s ordinary rules, and IPVS mode is deprecated.',
        ko: 'IPVS도 평평합니다(규칙 24개와 IPVS 조회 1개). 2017년에는 이것이 IPVS의 장점이었습니다. 이제는 nftables가 kube-proxy의 일반 규칙으로 같은 일을 하고, IPVS 모드는 지원 중단(deprecated)되었습니다.',
      },
    },
    {
      id: 'nftables-lines',
      prompt: {
        en: 'Does nftables mode also write the same number of lines at 100 and at 1,000 Services?',
        ko: 'nftables 모드는 서비스 100개일 때와 1,000개일 때 쓰는 줄 수도 같을까요?',
      },
      choices: [
        { id: 'same', text: { en: 'Yes: one rule does all the work', ko: '예: 규칙 하나가 모든 일을 합니다' }, claim: growth('nftables', 'lines', ...SAME) },
        { id: 'tenfold', text: { en: 'No: about ten times as many, one element and a few rules per Service', ko: '아니요: 서비스마다 원소 하나와 규칙 몇 개라서 열 배쯤입니다' } },
      ],
      answer: growth('nftables', 'lines', ...TENFOLD),
      correct: 'tenfold',
      reveal: {
        en: 'The ruleset still grows with the Services (887 lines at 100, 8,087 at 1,000 on a fresh node): what stays constant is the work per packet. nftables also lets kube-proxy update only what changed, which iptables-restore cannot.',
        ko: '규칙 집합은 여전히 서비스 수에 따라 커집니다(새 노드에서 100개일 때 887줄, 1,000개일 때 8,087줄). 일정한 것은 패킷 하나당 일입니다. nftables에서는 kube-proxy가 바뀐 것만 갱신할 수도 있는데, iptables-restore로는 그럴 수 없습니다.',
      },
    },
  ],
};
