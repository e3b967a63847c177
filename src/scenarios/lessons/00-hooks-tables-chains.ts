import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';
const W2 = 'myk8s-worker2';

/**
 * Before any `-A KUBE-SERVICES …`: the four words the study notes lean on (hook, table, chain, rule),
 * each shown on one SYN as the hook diagram draws it. Built around the notes' own definitions, and
 * where they simplify (a chain "represents" a hook; INPUT is "packets coming into the system"), what
 * the kernel really does.
 */
export const hooksTablesChains: Lesson = {
  id: '00-hooks-tables-chains',
  title: LESSON_TITLES['00-hooks-tables-chains'],
  summary: {
    en: 'Four words first: a hook is where the kernel lets netfilter look at a packet, a table groups rules by job, a chain is an ordered list of rules, a rule is a match and a target. Follow one SYN from net-pod to svc-clusterip through the Netfilter hooks diagram and meet each of them where it happens.',
    ko: '먼저 네 단어입니다. 훅은 커널이 netfilter에게 패킷을 보여 주는 자리, 테이블은 하는 일별로 묶은 규칙 모음, 체인은 순서가 있는 규칙 목록, 규칙은 매치와 타깃입니다. net-pod에서 svc-clusterip로 가는 SYN 하나를 Netfilter 훅 다이어그램에서 따라가며 각각을 실제로 일어나는 자리에서 만나 봅니다.',
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
  ],
  steps: [
    {
      text: {
        en: 'net-pod sends a SYN to svc-clusterip at 10.200.1.100:9000. Keep the Netfilter hooks diagram in view: the packet token shows where the packet is, and the strip above it shows which node.',
        ko: 'net-pod가 svc-clusterip(10.200.1.100:9000)로 SYN을 보냅니다. Netfilter 훅 다이어그램을 함께 보세요. 패킷 표시가 지금 패킷이 있는 자리를, 그 위의 띠가 어느 노드인지를 보여 줍니다.',
      },
      at: { send: 'syn', packet: 'SYN', stage: 'send' },
    },
    {
      text: {
        en: 'A hook is a fixed point on the kernel’s path where netfilter is handed every packet. There are five, the boxes of the diagram: PREROUTING (just arrived), INPUT (for this node itself), FORWARD (passing through to somewhere else), OUTPUT (made by a process on this node) and POSTROUTING (about to leave). The SYN has just arrived on myk8s-control-plane from net-pod’s veth, so it is at PREROUTING, and conntrack looks it up first: a new connection.',
        ko: '훅은 커널이 패킷을 처리하는 길 위의 정해진 지점으로, netfilter가 모든 패킷을 넘겨받는 곳입니다. 다이어그램의 상자 다섯 개가 훅입니다. PREROUTING(막 도착함), INPUT(이 노드 자신에게 옴), FORWARD(다른 곳으로 지나감), OUTPUT(이 노드의 프로세스가 만듦), POSTROUTING(나가기 직전). SYN은 방금 net-pod의 veth를 통해 myk8s-control-plane에 도착했으니 PREROUTING에 있고, conntrack이 먼저 이 패킷을 찾아봅니다. 새 연결입니다.',
      },
      noteSays: {
        en: 'netfilter has five hooks. When it finds a packet at a hook, it processes the packet according to the rules.',
        ko: 'netfiler는 5가지 훅이 존재한다. 훅에 맞는 패킷을 발견하면, 규칙에 맞게 패킷을 가공한다.',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, stage: 'conntrack', hook: 'PREROUTING' },
    },
    {
      text: {
        en: 'A table groups what is done to packets by job: nat rewrites addresses, filter lets packets through or stops them (raw and mangle exist too; kube-proxy writes nothing there). A table holds chains, and the chains hold the rules. At each hook the kernel runs the tables in a fixed priority order: the rows inside each hook box. At PREROUTING: raw, conntrack, mangle, then nat, which is where kube-proxy’s rules start.',
        ko: '테이블은 패킷에 하는 일을 종류별로 묶습니다. nat는 주소를 바꾸고, filter는 패킷을 통과시키거나 막습니다(raw와 mangle도 있지만 kube-proxy는 거기에 아무것도 쓰지 않습니다). 테이블 안에 체인이 있고, 체인 안에 규칙이 있습니다. 훅마다 커널은 정해진 우선순위로 테이블을 실행하는데, 훅 상자 안의 줄 순서가 바로 그 순서입니다. PREROUTING에서는 raw, conntrack, mangle, 그다음 nat이고, kube-proxy의 규칙은 nat에서 시작합니다.',
      },
      noteSays: {
        en: 'A table is a collection of rules for handling one particular kind of network work.',
        ko: '테이블은 특정한 네트워크 작업을 처리하기 위한 규칙들의 모음입니다.',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, hook: 'PREROUTING', table: 'nat', chain: 'PREROUTING', target: 'KUBE-SERVICES' },
    },
    {
      text: {
        en: 'A chain is an ordered list of rules. The built-in chains carry their hook’s name, and the kernel calls them when a packet reaches that hook: nat’s PREROUTING chain runs at the PREROUTING hook. So the hook decides when, not the chain: raw, mangle and nat each have their own PREROUTING chain, three chains at one hook, run in table order. Chains that someone adds, like kube-proxy’s KUBE-SERVICES, never run by themselves: only when a rule jumps to them.',
        ko: '체인은 순서가 있는 규칙 목록입니다. 기본 체인은 자기 훅의 이름을 달고 있고, 커널은 패킷이 그 훅에 오면 그 체인을 부릅니다. nat 테이블의 PREROUTING 체인은 PREROUTING 훅에서 실행됩니다. 그러니 언제 평가할지는 체인이 아니라 훅이 정합니다. raw, mangle, nat에 각자 PREROUTING 체인이 있어서, 한 훅에 체인 세 개가 테이블 순서대로 실행됩니다. kube-proxy의 KUBE-SERVICES처럼 누군가 추가한 체인은 스스로 실행되지 않고, 어떤 규칙이 그 체인으로 점프할 때만 실행됩니다.',
      },
      noteSays: {
        en: 'A chain decides when the rules are evaluated for a packet. There are built-in chains, and they represent the netfilter hooks.',
        ko: '체인은 패킷에 대해 언제 규칙을 평가할 지 결정합니다. 기본적인 체인이 있으며, 이는 netfilter hook을 대표합니다.',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, hook: 'PREROUTING', table: 'nat', chain: 'PREROUTING', target: 'KUBE-SERVICES' },
    },
    {
      text: {
        en: 'A rule is a match and a target. `-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES` appends (`-A`) to the PREROUTING chain a rule whose only match is a comment, which every packet passes, and whose target (`-j`) is a jump to the KUBE-SERVICES chain. That single line is all kube-proxy adds to the built-in chain; every Service hangs from it.',
        ko: '규칙은 매치와 타깃으로 이루어집니다. `-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES`는 PREROUTING 체인에 규칙 하나를 덧붙이는데(`-A`), 매치는 주석뿐이라 모든 패킷이 통과하고, 타깃(`-j`)은 KUBE-SERVICES 체인으로의 점프입니다. kube-proxy가 기본 체인에 넣는 것은 이 한 줄뿐이고, 모든 서비스가 여기에 매달려 있습니다.',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, chain: 'PREROUTING', rule: '-j KUBE-SERVICES' },
    },
    {
      text: {
        en: 'Rules are tried top to bottom. The first rule of KUBE-SERVICES is for another Service, default/kubernetes at 10.200.1.1:443: its match fails, so nothing happens and the next rule is tried. The second one matches 10.200.1.100:9000 and jumps to svc-clusterip’s KUBE-SVC chain (lesson 1 follows it from here).',
        ko: '규칙은 위에서 아래로 차례대로 검사합니다. KUBE-SERVICES의 첫 규칙은 다른 서비스(default/kubernetes, 10.200.1.1:443)의 것이라 매치가 실패하고, 아무 일 없이 다음 규칙으로 넘어갑니다. 두 번째 규칙이 10.200.1.100:9000과 일치해서 svc-clusterip의 KUBE-SVC 체인으로 점프합니다(레슨 1은 여기서부터 따라갑니다).',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, chain: 'KUBE-SERVICES', matched: false },
    },
    {
      text: {
        en: 'Some targets end the walk: DNAT rewrites the destination to 10.10.2.2:80 and the nat table is done at this hook. A jump goes into another chain and, when that chain ends or hits RETURN, comes back to the rule after the jump. MARK (in KUBE-MARK-MASQ) changes the packet’s mark and lets the next rule run.',
        ko: '어떤 타깃은 검사를 끝냅니다. DNAT는 목적지를 10.10.2.2:80으로 바꾸고, 이 훅에서 nat 테이블의 일은 끝납니다. 점프는 다른 체인으로 들어갔다가, 그 체인이 끝나거나 RETURN을 만나면 점프한 규칙의 다음 규칙으로 돌아옵니다. MARK(KUBE-MARK-MASQ 안에 있음)는 패킷의 마크만 바꾸고 다음 규칙을 계속 검사하게 둡니다.',
      },
      noteSays: {
        en: 'Terminating targets end the evaluation in the chain and hand control back to the netfilter hook; non-terminating targets keep evaluating the chain after their action.',
        ko: 'Terminating targets : 체인 내에서의 평가를 종료하고, netfilter hook에 제어를 넘기면 패킷 드롭 또는 다음 단계를 진행 - Non-terminating targets : 액션 수행 후 체인 내에서의 평가를 계속 진행',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, table: 'nat', target: 'DNAT' },
    },
    {
      text: {
        en: 'After PREROUTING comes the routing decision (the diamond). 10.10.2.2 is not an address of this node, so the packet goes to FORWARD, not INPUT: the filter table’s FORWARD chain decides whether it may pass. INPUT is only for packets addressed to the node itself, such as a NodePort connection that ends in a process on the node.',
        ko: 'PREROUTING 다음은 라우팅 결정(마름모)입니다. 10.10.2.2는 이 노드의 주소가 아니므로 패킷은 INPUT이 아니라 FORWARD로 갑니다. 지나가도 되는지는 filter 테이블의 FORWARD 체인이 정합니다. INPUT은 노드 자신에게 온 패킷, 예를 들어 노드의 프로세스에서 끝나는 연결만 지나갑니다.',
      },
      noteSays: {
        en: 'INPUT: applied to packets coming into the system.',
        ko: 'INPUT: 시스템으로 들어오는 패킷에 대해 적용',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, hook: 'FORWARD', table: 'filter', chain: 'FORWARD', matched: 'any' },
    },
    {
      text: {
        en: 'When no rule of a built-in chain decides, the chain’s policy does: FORWARD’s policy here is ACCEPT, so the SYN passes. A chain someone added has no policy: at its end the packet goes back to the chain that jumped there.',
        ko: '기본 체인의 어떤 규칙도 결정하지 않으면 체인의 정책이 결정합니다. 여기서 FORWARD의 정책은 ACCEPT라서 SYN이 통과합니다. 누군가 추가한 체인에는 정책이 없고, 끝까지 가면 패킷은 그 체인으로 점프했던 체인으로 돌아갑니다.',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, hook: 'FORWARD', chain: 'FORWARD', rule: 'policy ACCEPT' },
    },
    {
      text: {
        en: 'The last hook is POSTROUTING, just before the packet leaves: nat runs again there, this time for the source (MASQUERADE), and KUBE-POSTROUTING returns at once because nothing marked this packet. Then the SYN crosses the wire to myk8s-worker2 and meets the same five hooks there. You can now read kube-proxy’s rules: lesson 1 follows this SYN through KUBE-SERVICES → KUBE-SVC → KUBE-SEP.',
        ko: '마지막 훅은 패킷이 나가기 직전의 POSTROUTING입니다. 여기서 nat가 이번에는 출발지(MASQUERADE)를 위해 한 번 더 실행되는데, 이 패킷에 마크를 붙인 규칙이 없었으므로 KUBE-POSTROUTING은 바로 돌아옵니다. 그다음 SYN은 선을 건너 myk8s-worker2로 가서 거기서도 같은 다섯 훅을 만납니다. 이제 kube-proxy의 규칙을 읽을 준비가 됐습니다. 레슨 1에서 이 SYN을 KUBE-SERVICES → KUBE-SVC → KUBE-SEP로 따라갑니다.',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, chain: 'KUBE-POSTROUTING', target: 'RETURN' },
    },
  ],
  questions: [
    {
      id: 'first-nat-hook',
      prompt: {
        en: 'net-pod’s SYN enters myk8s-control-plane from the pod’s veth. At which hook does the nat table first see it?',
        ko: 'net-pod의 SYN이 파드의 veth를 통해 myk8s-control-plane에 들어옵니다. nat 테이블은 어느 훅에서 이 패킷을 처음 볼까요?',
      },
      choices: [
        { id: 'prerouting', text: { en: 'PREROUTING', ko: 'PREROUTING' } },
        {
          id: 'output',
          text: { en: 'OUTPUT: the pod is on this node, so its packets are local', ko: 'OUTPUT: 파드가 이 노드에 있으니 로컬 패킷이다' },
          claim: { kind: 'hop', at: { send: 'syn', packet: 'SYN', node: CP, hook: 'OUTPUT', table: 'nat', matched: 'any' }, equals: true },
        },
        {
          id: 'input',
          text: { en: 'INPUT: the packet is coming into the node', ko: 'INPUT: 패킷이 노드로 들어오는 중이다' },
          claim: { kind: 'hop', at: { send: 'syn', packet: 'SYN', node: CP, hook: 'INPUT', table: 'nat', matched: 'any' }, equals: true },
        },
      ],
      answer: { kind: 'hop', at: { send: 'syn', packet: 'SYN', node: CP, hook: 'PREROUTING', table: 'nat', matched: 'any' }, equals: true },
      correct: 'prerouting',
      reveal: {
        en: 'A pod has its own network namespace: for the node, its packets arrive from outside, through the veth, like any other incoming packet. PREROUTING is the first hook they meet, and nat is the last table there. OUTPUT is only for packets made by processes of the node itself.',
        ko: '파드는 자기 네트워크 네임스페이스를 가지고 있어서, 노드 입장에서 파드의 패킷은 veth를 통해 밖에서 들어오는 다른 패킷과 같습니다. 처음 만나는 훅은 PREROUTING이고, nat는 거기서 마지막 테이블입니다. OUTPUT은 노드 자신의 프로세스가 만든 패킷만 지나갑니다.',
      },
    },
    {
      id: 'forward-not-input',
      prompt: {
        en: 'After DNAT the SYN is for webpod2 on myk8s-worker2. Which filter chain does it cross on myk8s-control-plane?',
        ko: 'DNAT 뒤 SYN의 목적지는 myk8s-worker2의 webpod2입니다. myk8s-control-plane에서 이 패킷은 filter 테이블의 어느 체인을 지날까요?',
      },
      choices: [
        {
          id: 'input',
          text: { en: 'INPUT: every packet that comes into the node', ko: 'INPUT: 노드로 들어오는 모든 패킷이 지난다' },
          claim: { kind: 'hop', at: { send: 'syn', packet: 'SYN', node: CP, hook: 'INPUT', table: 'filter', matched: 'any' }, equals: true },
        },
        { id: 'forward', text: { en: 'FORWARD: it only passes through this node', ko: 'FORWARD: 이 노드를 지나가기만 한다' } },
        {
          id: 'none',
          text: { en: 'None: filter is for firewalls, and kube-proxy only uses nat', ko: '없음: filter는 방화벽용이고 kube-proxy는 nat만 쓴다' },
          claim: { kind: 'hop', at: { send: 'syn', packet: 'SYN', node: CP, table: 'filter', matched: 'any' }, equals: false },
        },
      ],
      answer: { kind: 'hop', at: { send: 'syn', packet: 'SYN', node: CP, hook: 'FORWARD', table: 'filter', matched: 'any' }, equals: true },
      correct: 'forward',
      reveal: {
        en: 'The routing decision after PREROUTING sends the packet on toward myk8s-worker2, so it takes FORWARD. kube-proxy has rules there too (KUBE-FORWARD, KUBE-PROXY-FIREWALL): the filter table is walked for every new connection it forwards.',
        ko: 'PREROUTING 다음의 라우팅 결정이 패킷을 myk8s-worker2 쪽으로 보내므로 FORWARD를 지납니다. kube-proxy는 거기에도 규칙을 둡니다(KUBE-FORWARD, KUBE-PROXY-FIREWALL). 노드가 전달하는 새 연결마다 filter 테이블을 거칩니다.',
      },
    },
    {
      id: 'no-rule-matches',
      prompt: {
        en: 'On myk8s-worker2 the SYN’s destination is already a pod address, so no rule of KUBE-SERVICES matches it. What happens then?',
        ko: 'myk8s-worker2에서는 SYN의 목적지가 이미 파드 주소라서 KUBE-SERVICES의 어떤 규칙과도 일치하지 않습니다. 그러면 어떻게 될까요?',
      },
      choices: [
        {
          id: 'dropped',
          text: { en: 'It is dropped: no rule took it', ko: '버려진다: 받아 준 규칙이 없으니까' },
          claim: { kind: 'packetFate', send: 'syn', packet: 'SYN', equals: 'dropped' },
        },
        {
          id: 'last-rule',
          text: { en: 'The last rule of KUBE-SERVICES takes it anyway', ko: 'KUBE-SERVICES의 마지막 규칙이 어쨌든 받는다' },
          claim: { kind: 'ruleMatched', send: 'syn', packet: 'SYN', node: W2, table: 'nat', chain: 'KUBE-SERVICES', equals: true },
        },
        { id: 'policy', text: { en: 'It goes back to PREROUTING, whose policy ACCEPT lets it go on', ko: 'PREROUTING으로 돌아가고, 그 체인의 정책 ACCEPT로 계속 간다' } },
      ],
      answer: { kind: 'ruleMatched', send: 'syn', packet: 'SYN', node: W2, table: 'nat', chain: 'PREROUTING', rule: 'policy ACCEPT', equals: true },
      correct: 'policy',
      reveal: {
        en: 'Reaching the end of a chain someone added is not a verdict: the walk goes back to the rule after the jump in PREROUTING. PREROUTING has no more rules, so its policy decides, and it is ACCEPT. The packet goes on to routing, then to webpod2.',
        ko: '누군가 추가한 체인의 끝에 닿는 것은 판정이 아닙니다. 검사는 PREROUTING에서 점프했던 규칙의 다음으로 돌아갑니다. PREROUTING에는 더 이상 규칙이 없으니 체인의 정책이 결정하고, 그 정책은 ACCEPT입니다. 패킷은 라우팅을 거쳐 webpod2로 갑니다.',
      },
    },
  ],
};
