import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';

/** Lesson 1's ClusterIP on a kind cluster created with `kubeProxyMode: ipvs`: where the DNAT happens now, and `ipvsadm -Ln`. */
export const ipvsClusterIP: Lesson = {
  id: '20-ipvs-clusterip',
  title: LESSON_TITLES['20-ipvs-clusterip'],
  summary: {
    en: 'The notes’ svc-clusterip again, with kube-proxy in IPVS mode (deprecated since Kubernetes 1.35, still what many clusters run). No KUBE-SVC or KUBE-SEP chain: the node owns 10.200.1.100 on kube-ipvs0, routing delivers the SYN locally, and IPVS rewrites it at LOCAL_IN, after filter INPUT. Then read the same table with `ipvsadm -Ln`.',
    ko: '스터디 노트의 svc-clusterip를 이번에는 IPVS 모드의 kube-proxy로 봅니다(Kubernetes 1.35부터 폐기 예정(deprecated)이지만 여전히 많은 클러스터가 씁니다). KUBE-SVC 체인도 KUBE-SEP 체인도 없습니다. 노드가 kube-ipvs0에 10.200.1.100을 갖고 있어서 라우팅이 SYN을 로컬로 배달하고, IPVS가 filter INPUT 다음인 LOCAL_IN에서 목적지를 바꿉니다. 같은 테이블을 `ipvsadm -Ln`으로도 읽어 봅니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'syn',
      title: { en: 'net-pod → svc-clusterip:9000 (IPVS mode)', ko: 'net-pod → svc-clusterip:9000 (IPVS 모드)' },
      from: 'net-pod',
      to: 'svc-clusterip:9000',
      seed: 1,
    },
    {
      kind: 'connection',
      id: 'again',
      title: { en: 'Right after: a second connection', ko: '바로 이어서: 두 번째 연결' },
      from: 'net-pod',
      to: 'svc-clusterip:9000',
      continues: 'syn',
    },
  ],
  steps: [
    {
      text: {
        en: 'net-pod (10.10.0.4) sends a SYN to 10.200.1.100:9000, as in lesson 1. What differs is the node: in IPVS mode kube-proxy adds every Service IP to a dummy interface, kube-ipvs0, so 10.200.1.100 is an address of every node (`ip addr show kube-ipvs0`).',
        ko: 'net-pod(10.10.0.4)가 레슨 1처럼 10.200.1.100:9000으로 SYN을 보냅니다. 달라진 것은 노드입니다. IPVS 모드의 kube-proxy는 모든 서비스 IP를 kube-ipvs0라는 더미 인터페이스에 붙이므로, 10.200.1.100은 모든 노드의 주소가 됩니다(`ip addr show kube-ipvs0`).',
      },
      at: { send: 'syn', packet: 'SYN', stage: 'send' },
    },
    {
      text: {
        en: 'nat PREROUTING still jumps to KUBE-SERVICES, but there is no rule per Service: one ipset lookup (`-m set --match-set KUBE-CLUSTER-IP dst,dst`) finds 10.200.1.100,tcp:9000 among the cluster IPs and ACCEPTs. Nothing is DNATed here; the packet leaves PREROUTING still addressed to the cluster IP.',
        ko: 'nat PREROUTING은 여전히 KUBE-SERVICES로 점프하지만, 서비스마다 규칙이 있지는 않습니다. ipset 조회 한 번(`-m set --match-set KUBE-CLUSTER-IP dst,dst`)으로 10.200.1.100,tcp:9000이 클러스터 IP 목록에 있는지 보고 ACCEPT합니다. 여기서는 DNAT가 일어나지 않으므로 패킷은 여전히 클러스터 IP를 목적지로 단 채 PREROUTING을 나갑니다.',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, chain: 'KUBE-SERVICES', target: 'ACCEPT' },
    },
    {
      text: {
        en: 'The routing decision: 10.200.1.100 is on kube-ipvs0, so the kernel’s local table says "local". The SYN goes up to INPUT, as if a process on the node were its receiver — it is not forwarded toward any pod yet.',
        ko: '라우팅 결정: 10.200.1.100은 kube-ipvs0에 있으므로 커널의 local 테이블이 "local"이라고 답합니다. SYN은 노드의 프로세스가 받을 패킷처럼 INPUT으로 올라갑니다. 아직 어느 파드로도 포워딩되지 않습니다.',
      },
      at: { send: 'syn', packet: 'SYN', stage: 'routing', node: CP, hook: 'PREROUTING' },
    },
    {
      text: {
        en: 'filter INPUT jumps to KUBE-IPVS-FILTER. 10.200.1.100,tcp:9000 is in KUBE-CLUSTER-IP, so the chain RETURNs and the packet goes on (lesson 21 shows what this chain does to anything else sent to a Service IP).',
        ko: 'filter INPUT이 KUBE-IPVS-FILTER로 점프합니다. 10.200.1.100,tcp:9000이 KUBE-CLUSTER-IP에 있으므로 체인은 RETURN하고 패킷은 계속 갑니다(서비스 IP로 온 다른 패킷을 이 체인이 어떻게 하는지는 레슨 21에서 봅니다).',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, chain: 'KUBE-IPVS-FILTER', target: 'RETURN' },
    },
    {
      text: {
        en: 'Now IPVS. It hooks LOCAL_IN (the INPUT hook) at a priority after filter, finds the virtual server TCP 10.200.1.100:9000, lets its scheduler (rr) pick a real server and rewrites the destination to 10.10.3.2:80, masquerading-forward ("Masq"). This is where the DNAT of IPVS mode happens: after the routing decision and after filter INPUT, not in PREROUTING.',
        ko: '이제 IPVS 차례입니다. IPVS는 LOCAL_IN(INPUT 훅)에 filter보다 뒤 우선순위로 걸려 있어서, 가상 서버 TCP 10.200.1.100:9000을 찾고 스케줄러(rr)가 고른 실제 서버로 목적지를 10.10.3.2:80으로 바꿉니다(포워딩 방식 "Masq"). IPVS 모드의 DNAT는 바로 여기서 일어납니다. PREROUTING이 아니라 라우팅 결정과 filter INPUT이 끝난 뒤입니다.',
      },
      noteSays: {
        en: 'IPVS mode uses `ipvsadm` to put the Linux kernel’s IPVS feature to work (an L4 load balancer).',
        ko: '`ipvsadm`을 사용하여 Linux 커널의 IPVS 기능을 활용(L4 Load Balancer).',
      },
      at: { send: 'syn', packet: 'SYN', stage: 'ipvs', node: CP, hook: 'INPUT' },
    },
    {
      text: {
        en: 'About the note: kube-proxy does not run `ipvsadm`. It programs the virtual servers over netlink itself; `ipvsadm -Ln` is the tool you use to look at them. After this connection it shows TCP 10.200.1.100:9000 rr with the three pods as Masq real servers, and webpod3’s connection, now closed and in TIME_WAIT, counted under InActConn.',
        ko: '노트에 대해: kube-proxy는 `ipvsadm`을 실행하지 않습니다. netlink로 가상 서버를 직접 설정하고, `ipvsadm -Ln`은 사람이 그것을 들여다볼 때 쓰는 도구입니다. 이 연결 뒤에 보면 TCP 10.200.1.100:9000 rr 아래에 파드 세 개가 Masq 실제 서버로 있고, 이미 닫혀 TIME_WAIT에 있는 webpod3의 연결은 InActConn으로 셉니다.',
      },
      at: { send: 'syn' },
    },
    {
      text: {
        en: 'The rewritten SYN is sent again from LOCAL_OUT: routing now finds 10.10.3.2 via myk8s-worker3, and in POSTROUTING KUBE-POSTROUTING returns at once (no masquerade mark), so webpod3 sees net-pod’s own address.',
        ko: '바뀐 SYN은 LOCAL_OUT에서 다시 보내집니다. 이번에는 라우팅이 myk8s-worker3 쪽으로 10.10.3.2를 찾고, POSTROUTING의 KUBE-POSTROUTING은 masquerade 마크가 없으니 바로 돌아오므로, webpod3는 net-pod의 주소를 그대로 봅니다.',
      },
      at: { send: 'syn', packet: 'SYN', node: CP, hook: 'POSTROUTING', chain: 'KUBE-POSTROUTING', target: 'RETURN' },
    },
    {
      text: {
        en: 'conntrack saw all of this: IPVS (net.ipv4.vs.conntrack=1) tells it the reply will come from 10.10.3.2:80, so the entry reads "dst=10.200.1.100 … dport=9000 src=10.10.3.2 … sport=80" like an iptables-mode DNAT entry. The replies are rewritten back to 10.200.1.100:9000 by IPVS, not by conntrack’s NAT.',
        ko: 'conntrack도 이 과정을 봤습니다. IPVS가(net.ipv4.vs.conntrack=1) 응답이 10.10.3.2:80에서 온다고 알려 주므로, 엔트리는 iptables 모드의 DNAT 엔트리처럼 "dst=10.200.1.100 … dport=9000 src=10.10.3.2 … sport=80"으로 보입니다. 응답을 다시 10.200.1.100:9000으로 바꾸는 일은 conntrack의 NAT가 아니라 IPVS가 합니다.',
      },
      at: { send: 'syn', packet: 'SYN-ACK', stage: 'ipvs', node: CP },
    },
    {
      text: {
        en: 'The second connection goes to webpod2: rr takes the next real server in the list, every time. Lesson 1’s iptables cascade draws a random number for each connection instead, so the same pod can come up twice in a row there.',
        ko: '두 번째 연결은 webpod2로 갑니다. rr은 매번 목록의 다음 실제 서버를 고릅니다. 레슨 1의 iptables 사다리는 연결마다 난수를 뽑기 때문에 같은 파드가 두 번 연달아 걸릴 수도 있습니다.',
      },
      at: { send: 'again', packet: 'SYN', stage: 'ipvs', node: CP, hook: 'INPUT' },
    },
  ],
  questions: [
    {
      id: 'where-dnat',
      prompt: {
        en: 'In iptables mode 10.200.1.100:9000 became a pod address in nat PREROUTING (a KUBE-SEP chain’s DNAT). Where does it happen in IPVS mode?',
        ko: 'iptables 모드에서는 10.200.1.100:9000이 nat PREROUTING(KUBE-SEP 체인의 DNAT)에서 파드 주소로 바뀌었습니다. IPVS 모드에서는 어디서 바뀔까요?',
      },
      choices: [
        {
          id: 'prerouting',
          text: { en: 'Still in nat PREROUTING, by a DNAT rule', ko: '여전히 nat PREROUTING에서, DNAT 규칙이' },
          claim: { kind: 'ruleMatched', send: 'syn', packet: 'SYN', node: CP, hook: 'PREROUTING', target: 'DNAT', equals: true },
        },
        { id: 'local-in', text: { en: 'In IPVS at LOCAL_IN (INPUT), after the routing decision and filter INPUT', ko: 'IPVS가 LOCAL_IN(INPUT)에서, 라우팅 결정과 filter INPUT 다음에' } },
        {
          id: 'pod-node',
          text: { en: 'On the pod’s node, myk8s-worker3', ko: '파드가 있는 노드인 myk8s-worker3에서' },
          claim: { kind: 'hop', at: { send: 'syn', packet: 'SYN', stage: 'ipvs', node: 'myk8s-worker3' }, equals: true },
        },
      ],
      answer: { kind: 'hop', at: { send: 'syn', packet: 'SYN', stage: 'ipvs', node: CP, hook: 'INPUT' }, equals: true },
      correct: 'local-in',
      reveal: {
        en: 'PREROUTING only ACCEPTs the cluster IP (an ipset lookup). Because kube-ipvs0 owns 10.200.1.100, routing delivers the SYN locally; filter INPUT runs, then IPVS at LOCAL_IN picks the pod and rewrites the destination. The pod’s node sees an ordinary packet to a pod IP.',
        ko: 'PREROUTING은 클러스터 IP를 ACCEPT할 뿐입니다(ipset 조회). kube-ipvs0가 10.200.1.100을 갖고 있어서 라우팅이 SYN을 로컬로 배달하고, filter INPUT이 돈 다음 LOCAL_IN의 IPVS가 파드를 골라 목적지를 바꿉니다. 파드가 있는 노드에는 파드 IP로 가는 평범한 패킷이 도착할 뿐입니다.',
      },
    },
    {
      id: 'owns-address',
      prompt: {
        en: 'Does myk8s-control-plane have 10.200.1.100 as one of its own addresses?',
        ko: 'myk8s-control-plane은 10.200.1.100을 자기 주소로 가지고 있을까요?',
      },
      choices: [
        { id: 'yes', text: { en: 'Yes: `ip addr show kube-ipvs0` lists it as a /32', ko: '예: `ip addr show kube-ipvs0`에 /32로 나온다' } },
        {
          id: 'no',
          text: { en: 'No: a cluster IP is only a rule, as in iptables mode', ko: '아니요: iptables 모드처럼 클러스터 IP는 규칙일 뿐이다' },
          claim: { kind: 'ipvsPrint', node: CP, tool: 'ip-addr', includes: 'inet 10.200.1.100/32 scope global kube-ipvs0', equals: false },
        },
      ],
      answer: { kind: 'ipvsPrint', node: CP, tool: 'ip-addr', includes: 'inet 10.200.1.100/32 scope global kube-ipvs0', equals: true },
      correct: 'yes',
      reveal: {
        en: 'kube-proxy binds every cluster IP (and external and load-balancer IPs) to kube-ipvs0 on every node. The interface stays down; the address is there so that the kernel treats the packets as local and IPVS at LOCAL_IN gets to see them.',
        ko: 'kube-proxy는 모든 노드의 kube-ipvs0에 모든 클러스터 IP(외부 IP, 로드밸런서 IP도)를 붙입니다. 인터페이스는 꺼진(DOWN) 상태로 두고, 주소만 있으면 커널이 패킷을 로컬로 다루어 LOCAL_IN의 IPVS가 볼 수 있게 됩니다.',
      },
    },
    {
      id: 'ipvsadm',
      prompt: {
        en: 'After the first connection (it ended with FIN), what does `ipvsadm -Ln` on myk8s-control-plane show for webpod3?',
        ko: '첫 연결(FIN으로 끝남)이 지나간 뒤, myk8s-control-plane의 `ipvsadm -Ln`은 webpod3를 어떻게 보여 줄까요?',
      },
      choices: [
        {
          id: 'active',
          text: { en: '-> 10.10.3.2:80 Masq 1 1 0 (one active connection)', ko: '-> 10.10.3.2:80 Masq 1 1 0 (활성 연결 하나)' },
          claim: { kind: 'ipvsPrint', node: CP, tool: 'ipvsadm', send: 'syn', includes: '-> 10.10.3.2:80 Masq 1 1 0', equals: true },
        },
        { id: 'inactive', text: { en: '-> 10.10.3.2:80 Masq 1 0 1 (one inactive connection)', ko: '-> 10.10.3.2:80 Masq 1 0 1 (비활성 연결 하나)' } },
        {
          id: 'probability',
          text: { en: 'No such line: the pods are in a KUBE-SVC chain with probabilities', ko: '그런 줄은 없다: 파드는 확률이 붙은 KUBE-SVC 체인에 있다' },
          claim: { kind: 'rulesPrint', node: CP, table: 'nat', format: 'save', includes: '--probability', equals: true },
        },
      ],
      answer: { kind: 'ipvsPrint', node: CP, tool: 'ipvsadm', send: 'syn', includes: '-> 10.10.3.2:80 Masq 1 0 1', equals: true },
      correct: 'inactive',
      reveal: {
        en: 'The columns are Forward, Weight, ActiveConn, InActConn. IPVS counts a connection as active only while it is ESTABLISHED; this one closed, and its entry waits in TIME_WAIT, counted as inactive until it expires. kube-proxy gives every real server weight 1.',
        ko: '열은 차례로 Forward, Weight, ActiveConn, InActConn입니다. IPVS는 ESTABLISHED인 동안만 연결을 활성으로 셉니다. 이 연결은 이미 닫혔고, 엔트리는 TIME_WAIT에서 만료를 기다리는 동안 비활성으로 셉니다. kube-proxy는 모든 실제 서버에 가중치 1을 줍니다.',
      },
    },
    {
      id: 'next-pod',
      prompt: {
        en: 'net-pod opens a second connection right after the first. Which pod gets it?',
        ko: 'net-pod가 첫 연결 바로 다음에 두 번째 연결을 엽니다. 어느 파드가 받을까요?',
      },
      choices: [
        {
          id: 'same',
          text: { en: 'webpod3 again', ko: '다시 webpod3' },
          claim: { kind: 'endpointPod', send: 'again', equals: 'webpod3' },
        },
        { id: 'next', text: { en: 'webpod2, the next real server in the list', ko: '목록의 다음 실제 서버인 webpod2' } },
        {
          id: 'first',
          text: { en: 'webpod1, the first pod created', ko: '가장 먼저 만든 파드인 webpod1' },
          claim: { kind: 'endpointPod', send: 'again', equals: 'webpod1' },
        },
      ],
      answer: { kind: 'endpointPod', send: 'again', equals: 'webpod2' },
      correct: 'next',
      reveal: {
        en: 'rr walks the service’s list of real servers in order, one step per new connection. The kernel keeps that list in the reverse of the order kube-proxy added the endpoints, which is why it started at webpod3.',
        ko: 'rr은 새 연결마다 서비스의 실제 서버 목록을 한 칸씩 차례로 돕니다. 커널은 이 목록을 kube-proxy가 엔드포인트를 추가한 순서의 역순으로 갖고 있어서, webpod3부터 시작했습니다.',
      },
    },
  ],
};
