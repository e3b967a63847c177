import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';
const SVC = 'KUBE-SVC-KBDEBIL6IU6WL7RF';

/**
 * One scenario, two kube-proxy modes: the sends run in the scenario's mode (iptables) and, with `mode`, in
 * nftables mode, so the lesson can compare what the same packet meets — same hooks, same conntrack, same
 * endpoints and masquerade decisions, other rules (sim/modes.test.ts lists the flows that agree and differ).
 */
export const switchMode: Lesson = {
  id: '17-switch-mode',
  title: LESSON_TITLES['17-switch-mode'],
  summary: {
    en: 'The classic setup with kube-proxy’s mode written out: "kubeProxyMode: iptables". Send net-pod → svc-clusterip, then change the word to nftables in the editor and send again; the questions compare the same connections in both modes. What stays the same, and what changes?',
    ko: 'kube-proxy 모드를 "kubeProxyMode: iptables"로 명시한 익숙한 실습 환경입니다. net-pod → svc-clusterip를 보낸 뒤, 에디터에서 단어를 nftables로 바꾸고 다시 보내 봅니다. 질문들은 같은 연결을 두 모드에서 비교합니다. 무엇이 그대로이고 무엇이 바뀔까요?',
  },
  sends: [
    {
      kind: 'connection',
      id: 'ipt',
      title: { en: 'net-pod → svc-clusterip:9000 (iptables mode, as written)', ko: 'net-pod → svc-clusterip:9000 (쓰인 대로 iptables 모드)' },
      from: 'net-pod',
      to: 'svc-clusterip:9000',
      // Explicit, so the answers still compare the two modes after the learner switches the scenario's.
      mode: 'iptables',
    },
    {
      kind: 'connection',
      id: 'nft',
      title: { en: 'The same connection in nftables mode', ko: '같은 연결을 nftables 모드로' },
      from: 'net-pod',
      to: 'svc-clusterip:9000',
      mode: 'nftables',
    },
    {
      kind: 'connection',
      id: 'node-ipt',
      title: { en: 'A process on myk8s-control-plane → svc-clusterip:9000 (iptables mode)', ko: 'myk8s-control-plane의 프로세스 → svc-clusterip:9000 (iptables 모드)' },
      from: CP,
      to: 'svc-clusterip:9000',
      mode: 'iptables',
    },
    {
      kind: 'connection',
      id: 'node-nft',
      title: { en: 'The same process’s connection in nftables mode', ko: '같은 프로세스의 연결을 nftables 모드로' },
      from: CP,
      to: 'svc-clusterip:9000',
      mode: 'nftables',
    },
  ],
  steps: [
    {
      text: {
        en: `As written, the scenario runs iptables mode: the SYN goes PREROUTING → nat KUBE-SERVICES → ${SVC} → a KUBE-SEP chain, which DNATs it (lesson 1).`,
        ko: `쓰인 대로라면 시나리오는 iptables 모드입니다. SYN은 PREROUTING → nat KUBE-SERVICES → ${SVC} → KUBE-SEP 체인으로 가서 DNAT됩니다(레슨 1).`,
      },
      at: { send: 'ipt', packet: 'SYN', node: CP, chain: 'KUBE-SERVICES', target: SVC },
    },
    {
      text: {
        en: 'The DNAT happens at the PREROUTING hook, and conntrack keeps it: the ACK is rewritten from the entry without the nat table.',
        ko: 'DNAT는 PREROUTING 훅에서 일어나고, conntrack이 이를 기억합니다. ACK는 nat 테이블 없이 엔트리대로 바뀝니다.',
      },
      at: { send: 'ipt', packet: 'ACK', node: CP, stage: 'nat-from-entry' },
    },
    {
      text: {
        en: 'Switch the mode: "kubeProxyMode: nftables" (kind writes it into kube-proxy’s configuration; a cluster of your own sets `mode: nftables` in the KubeProxyConfiguration). kube-proxy then deletes its iptables rules and writes table ip kube-proxy instead. `iptables-save` on a node keeps only what others wrote: kubelet’s KUBE-FIREWALL and kindnet’s KIND-MASQ-AGENT.',
        ko: '모드를 바꿔 봅니다: "kubeProxyMode: nftables" (kind가 kube-proxy 설정에 써 넣습니다. 직접 만든 클러스터라면 KubeProxyConfiguration에 `mode: nftables`를 씁니다). 그러면 kube-proxy는 자기 iptables 규칙을 지우고 그 대신 ip kube-proxy 테이블을 씁니다. 노드의 `iptables-save`에는 다른 구성 요소가 쓴 것, 즉 kubelet의 KUBE-FIREWALL과 kindnet의 KIND-MASQ-AGENT만 남습니다.',
      },
      noteSays: {
        en: 'kube-proxy forwards packets in iptables, IPVS or user-space mode.',
        ko: 'kube-proxy는 iptables, IPVS, user-space 모드를 사용하여 패킷을 포워딩합니다.',
      },
    },
    {
      text: {
        en: 'In nftables mode the same SYN still meets netfilter at PREROUTING, still gets a NEW conntrack entry, still is DNATed before routing: the base chain nat-prerouting sits at priority dstnat (-100), where iptables’ nat PREROUTING sits. Only the rules read there differ: nat-prerouting → services (one map lookup) → service-… → endpoint-…. A study note puts it in one line: every mode uses the netfilter framework.',
        ko: 'nftables 모드에서도 같은 SYN은 PREROUTING에서 netfilter를 만나고, 새 conntrack 엔트리를 받고, 라우팅 전에 DNAT됩니다. 베이스 체인 nat-prerouting이 iptables의 nat PREROUTING과 같은 priority dstnat(-100)에 걸려 있기 때문입니다. 그 자리에서 읽는 규칙만 다릅니다: nat-prerouting → services(맵 조회 한 번) → service-… → endpoint-…. 스터디 노트의 말대로, 모든 모드가 Netfilter framework를 씁니다.',
      },
    },
    {
      text: {
        en: 'What kube-proxy promises does not change with the mode: the same endpoints, the same masquerade decisions, the same source seen by the pod. A process on the node (not a pod) calling the Service is marked and masqueraded in both modes. The modes differ where kube-proxy chose differently: a closed ClusterIP port and an unallocated ClusterIP (lesson 16), NodePorts on 127.0.0.1 (lesson 4: iptables mode only), and the work per new connection (lessons 14 and 15).',
        ko: 'kube-proxy가 약속하는 것은 모드가 바뀌어도 그대로입니다. 같은 엔드포인트, 같은 masquerade 결정, 파드가 보는 같은 출발지 주소. 노드의 프로세스(파드가 아닌)가 서비스를 부르면 두 모드 모두 표시를 하고 masquerade합니다. 모드가 달라지는 것은 kube-proxy가 일부러 다르게 고른 곳입니다: ClusterIP의 닫힌 포트와 할당되지 않은 ClusterIP(레슨 16), 127.0.0.1의 NodePort(레슨 4: iptables 모드에서만), 그리고 새 연결마다 드는 일의 양(레슨 14, 15).',
      },
      at: { send: 'node-ipt', packet: 'SYN', node: CP, target: 'KUBE-MARK-MASQ' },
    },
  ],
  questions: [
    {
      id: 'iptables-save',
      prompt: {
        en: 'After the switch to nftables mode, what does `iptables-save` on myk8s-control-plane show?',
        ko: 'nftables 모드로 바꾼 뒤 myk8s-control-plane의 `iptables-save`에는 무엇이 보일까요?',
      },
      choices: [
        {
          id: 'unchanged',
          text: { en: 'KUBE-SERVICES and the KUBE-SVC chains, as before', ko: '전처럼 KUBE-SERVICES와 KUBE-SVC 체인' },
          claim: { kind: 'nodePrint', node: CP, mode: 'nftables', format: 'iptables-save', includes: `:${SVC}`, equals: true },
        },
        { id: 'others', text: { en: 'Only what kubelet and kindnet wrote (KUBE-FIREWALL, KIND-MASQ-AGENT)', ko: 'kubelet과 kindnet이 쓴 것만 (KUBE-FIREWALL, KIND-MASQ-AGENT)' } },
        {
          id: 'empty',
          text: { en: 'No rule at all: nftables replaced iptables', ko: '규칙이 하나도 없다: nftables가 iptables를 대신했다' },
          claim: { kind: 'nodePrint', node: CP, mode: 'nftables', format: 'iptables-save', includes: '-A ', equals: false },
        },
      ],
      answer: {
        kind: 'allOf',
        claims: [
          { kind: 'nodePrint', node: CP, mode: 'nftables', format: 'iptables-save', includes: '-A KIND-MASQ-AGENT', equals: true },
          { kind: 'nodePrint', node: CP, mode: 'nftables', format: 'iptables-save', includes: '-A KUBE-FIREWALL', equals: true },
          { kind: 'nodePrint', node: CP, mode: 'nftables', format: 'iptables-save', includes: 'KUBE-SERVICES', equals: false },
          { kind: 'nodePrint', node: CP, mode: 'nftables', format: 'nft', includes: 'table ip kube-proxy {', equals: true },
        ],
      },
      correct: 'others',
      reveal: {
        en: 'Each mode owns only its own structures: kube-proxy in nftables mode deletes its iptables chains and writes its own table. The iptables tables stay and keep hooking in, with what kubelet and the CNI put there.',
        ko: '모드마다 자기 구조만 책임집니다. nftables 모드의 kube-proxy는 자기 iptables 체인을 지우고 자기 테이블을 씁니다. iptables 테이블은 kubelet과 CNI가 넣은 것을 담은 채 그대로 남아 훅에 걸려 있습니다.',
      },
    },
    {
      id: 'dnat-hook',
      prompt: {
        en: 'In nftables mode, at which hook is net-pod’s SYN DNATed?',
        ko: 'nftables 모드에서 net-pod의 SYN은 어느 훅에서 DNAT될까요?',
      },
      choices: [
        { id: 'prerouting', text: { en: 'PREROUTING, as in iptables mode', ko: 'iptables 모드처럼 PREROUTING' } },
        {
          id: 'forward',
          text: { en: 'FORWARD: nftables decides after routing', ko: 'FORWARD: nftables는 라우팅 뒤에 정한다' },
          claim: { kind: 'ruleMatched', send: 'nft', packet: 'SYN', node: CP, hook: 'FORWARD', rule: 'dnat to', equals: true },
        },
        {
          id: 'output',
          text: { en: 'OUTPUT: nftables works on the client’s side', ko: 'OUTPUT: nftables는 클라이언트 쪽에서 일한다' },
          claim: { kind: 'ruleMatched', send: 'nft', packet: 'SYN', node: CP, hook: 'OUTPUT', rule: 'dnat to', equals: true },
        },
      ],
      answer: {
        kind: 'allOf',
        claims: [
          { kind: 'ruleMatched', send: 'nft', packet: 'SYN', node: CP, hook: 'PREROUTING', rule: 'dnat to', equals: true },
          { kind: 'ruleMatched', send: 'ipt', packet: 'SYN', node: CP, hook: 'PREROUTING', target: 'DNAT', equals: true },
        ],
      },
      correct: 'prerouting',
      reveal: {
        en: 'A destination must be rewritten before the routing decision, or the packet would be routed toward the ClusterIP: both modes DNAT in a nat chain at PREROUTING (OUTPUT for a node’s own processes), at the priority iptables’ nat table uses.',
        ko: '목적지는 라우팅 결정 전에 바뀌어야 합니다. 그렇지 않으면 패킷이 ClusterIP를 향해 라우팅됩니다. 두 모드 모두 PREROUTING(노드 자신의 프로세스라면 OUTPUT)의 nat 체인에서, iptables nat 테이블과 같은 priority로 DNAT합니다.',
      },
    },
    {
      id: 'second-packet',
      prompt: {
        en: 'The ACK of net-pod’s connection in nftables mode: which of kube-proxy’s nat chains does it walk?',
        ko: 'nftables 모드에서 net-pod 연결의 ACK는 kube-proxy의 nat 체인 중 어느 것을 거칠까요?',
      },
      choices: [
        { id: 'none', text: { en: 'None: conntrack rewrites it, as in iptables mode', ko: '하나도 없다: iptables 모드처럼 conntrack이 바꾼다' } },
        {
          id: 'again',
          text: { en: 'nat-prerouting → services again: a lookup is cheap', ko: '다시 nat-prerouting → services: 조회는 싸니까' },
          claim: { kind: 'hop', at: { send: 'nft', packet: 'ACK', chain: 'nat-prerouting', matched: 'any' }, equals: true },
        },
      ],
      answer: {
        kind: 'allOf',
        claims: [
          { kind: 'hop', at: { send: 'nft', packet: 'ACK', chain: 'nat-prerouting', matched: 'any' }, equals: false },
          { kind: 'hop', at: { send: 'nft', packet: 'ACK', node: CP, stage: 'nat-from-entry' }, equals: true },
          { kind: 'natWalkedOnPacket', send: 'ipt', packet: 'ACK', equals: false },
        ],
      },
      correct: 'none',
      reveal: {
        en: 'nf_nat asks nat chains — iptables’ nat table or an nftables chain of type nat — only for a connection’s first packet; the binding it records in the conntrack entry rewrites every later packet. That part of the kernel is the same in every mode.',
        ko: 'nf_nat은 연결의 첫 패킷에서만 nat 체인(iptables의 nat 테이블이든 type nat인 nftables 체인이든)에 묻습니다. 그때 conntrack 엔트리에 기록한 변환이 이후의 모든 패킷을 바꿉니다. 커널의 이 부분은 모든 모드에서 같습니다.',
      },
    },
    {
      id: 'node-process',
      prompt: {
        en: 'A process on myk8s-control-plane (not a pod) calls svc-clusterip. Is its connection masqueraded?',
        ko: 'myk8s-control-plane의 프로세스(파드가 아닌)가 svc-clusterip를 부릅니다. 이 연결은 masquerade될까요?',
      },
      choices: [
        { id: 'both', text: { en: 'Yes, in both modes: the pod sees 172.18.0.2', ko: '예, 두 모드 모두: 파드는 172.18.0.2를 본다' } },
        {
          id: 'iptables-only',
          text: { en: 'Only in iptables mode: nftables mode has no masquerade rule', ko: 'iptables 모드에서만: nftables 모드에는 masquerade 규칙이 없다' },
          claim: { kind: 'ruleMatched', send: 'node-nft', packet: 'SYN', node: CP, chain: 'masquerading', target: 'masquerade fully-random', equals: false },
        },
      ],
      answer: {
        kind: 'allOf',
        claims: [
          { kind: 'ruleMatched', send: 'node-ipt', packet: 'SYN', node: CP, chain: 'KUBE-POSTROUTING', target: 'MASQUERADE', equals: true },
          { kind: 'ruleMatched', send: 'node-nft', packet: 'SYN', node: CP, chain: 'masquerading', target: 'masquerade fully-random', equals: true },
          { kind: 'seenSource', send: 'node-ipt', equals: '172.18.0.2' },
          { kind: 'seenSource', send: 'node-nft', equals: '172.18.0.2' },
        ],
      },
      correct: 'both',
      reveal: {
        en: 'The same decision in other words: KUBE-SVC’s "! -s 10.10.0.0/16 … -j KUBE-MARK-MASQ" is service-…’s "ip saddr != 10.10.0.0/16 jump mark-for-masquerade", and KUBE-POSTROUTING’s MASQUERADE --random-fully is masquerading’s "masquerade fully-random".',
        ko: '같은 결정을 다른 말로 썼을 뿐입니다. KUBE-SVC의 "! -s 10.10.0.0/16 … -j KUBE-MARK-MASQ"는 service-…의 "ip saddr != 10.10.0.0/16 jump mark-for-masquerade"이고, KUBE-POSTROUTING의 MASQUERADE --random-fully는 masquerading의 "masquerade fully-random"입니다.',
      },
    },
  ],
};
