import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';
const SVC = 'service-TBJA4EUE-default/svc-clusterip/tcp/svc-webport';

/**
 * The classic ClusterIP in nftables mode, beside the same SYN in iptables mode: one verdict-map lookup in
 * `services` instead of a walk down KUBE-SERVICES (KEP-3866: "service dispatch will be roughly O(1) rather
 * than O(n) as in the iptables backend").
 */
export const nftablesLookup: Lesson = {
  id: '14-nftables-lookup',
  title: LESSON_TITLES['14-nftables-lookup'],
  summary: {
    en: 'The classic setup again, with kube-proxy in nftables mode and eight more Services (shop-1 … shop-8). net-pod calls svc-clusterip at 10.200.1.100:9000: count the rules the SYN meets before it is DNATed, in nftables mode and in iptables mode.',
    ko: '익숙한 실습 환경을 kube-proxy nftables 모드로 다시 띄우고 서비스 여덟 개(shop-1 … shop-8)를 더했습니다. net-pod가 svc-clusterip(10.200.1.100:9000)를 호출합니다. SYN이 DNAT되기 전까지 만나는 규칙 수를 nftables 모드와 iptables 모드에서 세어 봅니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'nft',
      title: { en: 'net-pod → svc-clusterip:9000 (nftables mode)', ko: 'net-pod → svc-clusterip:9000 (nftables 모드)' },
      from: 'net-pod',
      to: 'svc-clusterip:9000',
    },
    {
      kind: 'connection',
      id: 'ipt',
      title: { en: 'The same connection in iptables mode (for comparison)', ko: '같은 연결을 iptables 모드로 (비교용)' },
      from: 'net-pod',
      to: 'svc-clusterip:9000',
      mode: 'iptables',
    },
  ],
  steps: [
    {
      text: {
        en: '"kubeProxyMode: nftables" in the kind config makes kube-proxy write one nftables table, ip kube-proxy, on every node instead of KUBE-* chains in iptables. Its chains hook into the same netfilter hooks as the iptables tables do; the Rules panel prints it as `nft list ruleset`.',
        ko: 'kind 설정의 "kubeProxyMode: nftables" 때문에 kube-proxy는 iptables에 KUBE-* 체인을 쓰는 대신, 모든 노드에 nftables 테이블 ip kube-proxy 하나를 씁니다. 이 테이블의 체인은 iptables 테이블과 똑같은 netfilter 훅에 걸립니다. Rules 패널은 이것을 `nft list ruleset` 형태로 보여 줍니다.',
      },
      at: { send: 'nft', packet: 'SYN', stage: 'send' },
    },
    {
      text: {
        en: 'At PREROUTING the SYN meets nat-prerouting, a base chain of type nat at priority dstnat (-100), the same place as iptables’ nat PREROUTING. Its only rule is "jump services".',
        ko: 'PREROUTING에서 SYN은 nat-prerouting을 만납니다. type nat, priority dstnat(-100)인 베이스 체인으로, iptables의 nat PREROUTING과 같은 자리에 걸려 있습니다. 규칙은 "jump services" 하나뿐입니다.',
      },
      at: { send: 'nft', packet: 'SYN', node: CP, hook: 'PREROUTING', chain: 'nat-prerouting', target: 'jump services' },
    },
    {
      text: {
        en: `The first rule of services covers every ClusterIP of the cluster at once: "ip daddr . meta l4proto . th dport vmap @service-ips". The kernel builds the key 10.200.1.100 . tcp . 9000 from the packet and looks it up in the verdict map service-ips: one hash lookup, which finds "goto ${SVC}". The map holds one element per Service port (13 here); the lookup costs the same with 13 or 13,000.`,
        ko: `services 체인의 첫 규칙 하나가 클러스터의 모든 ClusterIP를 한꺼번에 맡습니다: "ip daddr . meta l4proto . th dport vmap @service-ips". 커널은 패킷에서 키 10.200.1.100 . tcp . 9000을 만들어 verdict map service-ips에서 찾습니다. 해시 조회 한 번으로 "goto ${SVC}"를 찾아냅니다. 맵에는 서비스 포트마다 원소가 하나씩(여기서는 13개) 있는데, 원소가 13개든 13,000개든 조회 비용은 같습니다.`,
      },
      at: { send: 'nft', packet: 'SYN', node: CP, chain: 'services', rule: 'vmap @service-ips', target: `goto ${SVC}` },
    },
    {
      text: {
        en: 'In iptables mode the same SYN walks nat KUBE-SERVICES from the top: default/kubernetes, shop-1 … shop-8, each rule compared with the packet and passed over, until the tenth matches svc-clusterip. Each Service added to the cluster adds a rule to that walk, on every node, for the first packet of every connection. The first question counts it.',
        ko: 'iptables 모드라면 같은 SYN이 nat KUBE-SERVICES를 처음부터 훑습니다. default/kubernetes, shop-1 … shop-8 규칙을 하나씩 패킷과 비교하며 지나가다가 열 번째 규칙에서 svc-clusterip와 일치합니다. 클러스터에 서비스가 하나 늘 때마다 모든 노드에서, 모든 연결의 첫 패킷이 훑는 규칙도 하나씩 늘어납니다. 첫 번째 질문에서 직접 세어 봅니다.',
      },
      noteSays: {
        en: 'The order iptables policies are applied in: 1. PREROUTING 2. KUBE-SERVICES 3. KUBE-SVC-### 4. KUBE-SEP-#<pod1>, KUBE-SEP-#<pod2>, KUBE-SEP-#<pod3>, …',
        ko: 'iptables 정책 적용시 순서: 1. PREROUTING 2. KUBE-SERVICES 3. KUBE-SVC-### 4. KUBE-SEP-#<파드1>, KUBE-SEP-#<파드2>, KUBE-SEP-#<파드3>, ….',
      },
    },
    {
      text: {
        en: `The order is the same in nftables mode — nat-prerouting → services → ${SVC} → an endpoint- chain — but the services step is a lookup, not a list. The service- chain first marks packets that do not come from a pod for masquerading (net-pod is a pod: no match), then picks an endpoint with "numgen random mod 3" (lesson 15).`,
        ko: `nftables 모드에서도 순서는 같습니다. nat-prerouting → services → ${SVC} → endpoint- 체인. 다만 services 단계가 목록이 아니라 조회입니다. service- 체인은 먼저 파드가 아닌 곳에서 온 패킷에 masquerade 표시를 하고(net-pod는 파드라서 일치하지 않음), "numgen random mod 3"으로 엔드포인트를 고릅니다(레슨 15).`,
      },
      at: { send: 'nft', packet: 'SYN', node: CP, chain: SVC, rule: 'numgen random mod 3', matched: 'any' },
    },
    {
      text: {
        en: 'The endpoint chain DNATs: "meta l4proto tcp dnat to 10.10.3.2:80". As in iptables mode, the DNAT happens at PREROUTING and conntrack keeps it for the rest of the connection.',
        ko: 'endpoint 체인이 DNAT합니다: "meta l4proto tcp dnat to 10.10.3.2:80". iptables 모드와 마찬가지로 DNAT는 PREROUTING에서 일어나고, conntrack이 연결의 나머지 패킷을 위해 기억합니다.',
      },
      at: { send: 'nft', packet: 'SYN', node: CP, hook: 'PREROUTING', rule: 'dnat to 10.10.3.2:80' },
    },
    {
      text: {
        en: 'On myk8s-worker3 the SYN is new to that node’s conntrack, so services runs again: the key 10.10.3.2 . tcp . 80 is a pod’s address, the lookup finds no element, and the NodePort rule after it does not match either. Two rules, whatever the number of Services; in iptables mode this is the whole KUBE-SERVICES chain.',
        ko: 'myk8s-worker3에서도 SYN은 그 노드의 conntrack에 처음 보이는 패킷이라 services 체인을 다시 거칩니다. 키 10.10.3.2 . tcp . 80은 파드 주소라서 조회에서 원소를 찾지 못하고, 그다음 NodePort 규칙도 일치하지 않습니다. 서비스가 몇 개든 규칙 두 개입니다. iptables 모드라면 여기서 KUBE-SERVICES 체인 전체를 훑습니다.',
      },
      at: { send: 'nft', packet: 'SYN', node: 'myk8s-worker3', chain: 'services', rule: 'vmap @service-ips', matched: false },
    },
    {
      text: {
        en: 'The ACK and every later packet of the connection are ESTABLISHED: conntrack rewrites them from its entry and the nat chains are not asked, in either mode. The walk, and the lookup that replaces it, cost only the first packet of each connection. `kpl bench --mode nftables` measures it at scale: for one new connection at 10,000 Services the kernel reads 20,041 rules in iptables mode (both nodes the SYN crosses), against 44 rules and 7 map lookups in nftables mode — as many as at 10 Services (bench/RESULTS.md).',
        ko: 'ACK와 그 뒤의 모든 패킷은 ESTABLISHED입니다. 두 모드 모두 conntrack이 엔트리대로 주소를 바꾸고, nat 체인은 거치지 않습니다. 규칙을 훑는 비용도, 그것을 대신하는 조회도 연결마다 첫 패킷에서만 듭니다. `kpl bench --mode nftables`로 규모를 키워 재 보면, 서비스 10,000개에서 새 연결 하나에 커널이 읽는 것은 iptables 모드에서 규칙 20,041개(SYN이 지나는 두 노드 합계), nftables 모드에서는 규칙 44개와 맵 조회 7번으로, 서비스가 10개일 때와 똑같습니다(bench/RESULTS.md).',
      },
      noteSays: {
        en: 'iptables mode (default): sets iptables rules to route traffic … performs well, and is the one mostly used.',
        ko: 'iptables 모드 (기본): iptables 규칙을 설정하여 트래픽을 라우팅합니다. … 성능이 우수하며, 기본적으로 많이 사용됨.',
      },
      at: { send: 'nft', packet: 'ACK', node: CP, stage: 'nat-from-entry' },
    },
  ],
  questions: [
    {
      id: 'walk',
      prompt: {
        en: 'In iptables mode, how many rules of nat KUBE-SERVICES does net-pod’s SYN meet on myk8s-control-plane, the matching one included?',
        ko: 'iptables 모드에서 net-pod의 SYN은 myk8s-control-plane의 nat KUBE-SERVICES에서 규칙을 몇 개 만날까요? 일치하는 규칙까지 셉니다.',
      },
      choices: [
        {
          id: 'one',
          text: { en: 'One: the kernel jumps straight to svc-clusterip’s rule', ko: '하나: 커널이 svc-clusterip 규칙으로 곧장 간다' },
          claim: { kind: 'evaluatedCount', send: 'ipt', packet: 'SYN', node: CP, chain: 'KUBE-SERVICES', what: 'rules', atMost: 1 },
        },
        { id: 'ten', text: { en: 'Ten: kubernetes, shop-1 … shop-8, then svc-clusterip', ko: '열 개: kubernetes, shop-1 … shop-8, 그다음 svc-clusterip' } },
        {
          id: 'all',
          text: { en: 'All of them, 14, before it decides', ko: '전부 14개를 다 본 뒤에 결정한다' },
          claim: { kind: 'evaluatedCount', send: 'ipt', packet: 'SYN', node: CP, chain: 'KUBE-SERVICES', what: 'rules', atLeast: 14 },
        },
      ],
      answer: { kind: 'evaluatedCount', send: 'ipt', packet: 'SYN', node: CP, chain: 'KUBE-SERVICES', what: 'rules', atLeast: 10, atMost: 10 },
      correct: 'ten',
      reveal: {
        en: 'iptables reads a chain from the top and stops at the first rule that matches and jumps. svc-clusterip sorts after default/kubernetes and the eight shops, so its rule is the tenth. A packet to a pod address (as on the endpoint’s node) reads all of them.',
        ko: 'iptables는 체인을 위에서부터 읽다가 일치해서 점프하는 첫 규칙에서 멈춥니다. svc-clusterip는 default/kubernetes와 shop 여덟 개 뒤에 정렬되므로 열 번째 규칙입니다. 파드 주소로 가는 패킷(엔드포인트가 있는 노드에서처럼)은 전부 읽습니다.',
      },
    },
    {
      id: 'lookup',
      prompt: {
        en: 'In nftables mode, what does the services chain evaluate for the same SYN on myk8s-control-plane?',
        ko: 'nftables 모드에서 같은 SYN에 대해 myk8s-control-plane의 services 체인은 무엇을 평가할까요?',
      },
      choices: [
        { id: 'one-lookup', text: { en: 'One rule, which makes one lookup in service-ips', ko: '규칙 하나, 그 규칙이 service-ips를 한 번 조회한다' } },
        {
          id: 'ten-rules',
          text: { en: 'Ten rules, as KUBE-SERVICES in iptables mode', ko: 'iptables 모드의 KUBE-SERVICES처럼 규칙 열 개' },
          claim: { kind: 'evaluatedCount', send: 'nft', packet: 'SYN', node: CP, chain: 'services', what: 'rules', atLeast: 10 },
        },
        {
          id: 'per-element',
          text: { en: 'One rule, which compares the key with the map’s elements one by one', ko: '규칙 하나가 키를 맵의 원소와 하나씩 비교한다' },
          claim: { kind: 'evaluatedCount', send: 'nft', packet: 'SYN', node: CP, chain: 'services', what: 'lookups', atLeast: 2 },
        },
      ],
      answer: {
        kind: 'allOf',
        claims: [
          { kind: 'evaluatedCount', send: 'nft', packet: 'SYN', node: CP, chain: 'services', what: 'rules', atLeast: 1, atMost: 1 },
          { kind: 'evaluatedCount', send: 'nft', packet: 'SYN', node: CP, chain: 'services', what: 'lookups', atLeast: 1, atMost: 1 },
        ],
      },
      correct: 'one-lookup',
      reveal: {
        en: 'A verdict map is a hash table in the kernel: the key goes in, the verdict comes out, without looking at the other elements. That is why the count stays the same as Services are added.',
        ko: 'verdict map은 커널 안의 해시 테이블입니다. 키를 넣으면 다른 원소를 보지 않고 판정(verdict)이 나옵니다. 그래서 서비스가 늘어도 개수가 그대로입니다.',
      },
    },
    {
      id: 'key',
      prompt: {
        en: 'Which key does that lookup use?',
        ko: '그 조회는 어떤 키를 쓸까요?',
      },
      choices: [
        {
          id: 'ip-only',
          text: { en: '10.200.1.100, the ClusterIP alone', ko: 'ClusterIP 10.200.1.100만' },
          claim: { kind: 'mapLookup', send: 'nft', packet: 'SYN', node: CP, map: 'service-ips', key: '10.200.1.100', equals: true },
        },
        { id: 'triple', text: { en: '10.200.1.100 . tcp . 9000: address, protocol and port together', ko: '10.200.1.100 . tcp . 9000: 주소, 프로토콜, 포트를 함께' } },
        {
          id: 'name',
          text: { en: 'The Service’s name, default/svc-clusterip', ko: '서비스 이름 default/svc-clusterip' },
          claim: { kind: 'mapLookup', send: 'nft', packet: 'SYN', node: CP, map: 'service-ips', key: 'default/svc-clusterip', equals: true },
        },
      ],
      answer: { kind: 'mapLookup', send: 'nft', packet: 'SYN', node: CP, map: 'service-ips', key: '10.200.1.100 . tcp . 9000', verdict: `goto ${SVC}`, equals: true },
      correct: 'triple',
      reveal: {
        en: 'The map’s type is "ipv4_addr . inet_proto . inet_service : verdict": a concatenation of the three fields KUBE-SERVICES tests one rule at a time (-d, -p, --dport). A port the ClusterIP does not serve finds no element (lesson 16).',
        ko: '맵의 타입은 "ipv4_addr . inet_proto . inet_service : verdict"입니다. KUBE-SERVICES가 규칙마다 따로 검사하는 세 필드(-d, -p, --dport)를 이어 붙인 키입니다. ClusterIP가 서비스하지 않는 포트는 원소를 찾지 못합니다(레슨 16).',
      },
    },
    {
      id: 'ack',
      prompt: {
        en: 'The ACK of the same connection, in nftables mode: does it look up service-ips again?',
        ko: 'nftables 모드에서 같은 연결의 ACK도 service-ips를 다시 조회할까요?',
      },
      choices: [
        { id: 'no', text: { en: 'No: conntrack already knows the translation', ko: '아니요: conntrack이 이미 변환을 알고 있다' } },
        {
          id: 'yes',
          text: { en: 'Yes: every packet is looked up, only faster than in iptables', ko: '예: 모든 패킷을 조회하고, iptables보다 빠를 뿐이다' },
          claim: { kind: 'mapLookup', send: 'nft', packet: 'ACK', map: 'service-ips', equals: true },
        },
      ],
      answer: { kind: 'mapLookup', send: 'nft', packet: 'ACK', map: 'service-ips', equals: false },
      correct: 'no',
      reveal: {
        en: 'nat base chains, in nftables as in iptables, are asked only for a connection’s first packet; the rest are rewritten from the conntrack entry (lesson 2). The lookup, like the walk, is paid once per connection.',
        ko: 'nftables에서도 iptables에서와 마찬가지로 nat 베이스 체인은 연결의 첫 패킷에만 물어봅니다. 나머지 패킷은 conntrack 엔트리대로 바뀝니다(레슨 2). 조회도 규칙 훑기처럼 연결마다 한 번만 치르는 비용입니다.',
      },
    },
  ],
};
