import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const KIND_TRACE = { dump: 'kind', src: '10.10.1.5', dst: '10.200.1.201:9000', inInterface: 'veth1' } as const;
const EKS_PACKET = { dump: 'eks', src: '10.56.128.99', dst: '172.30.191.111:80' } as const;

/**
 * Read your own node: the study notes' kind worker (`iptables -t nat -S`, pasted with cuts) imported into the
 * lab, read chain by chain, traced, and compared with this lesson's YAML — the notes' cluster. Its questions
 * are decided by the import itself (check.ts runs `kpl trace --dump` / `spread --dump` on the same text).
 */
export const readYourOwnNode: Lesson = {
  id: '19-read-your-own-node',
  title: LESSON_TITLES['19-read-your-own-node'],
  summary: {
    en: 'Everyone who studies kube-proxy ends up on a node typing `iptables -t nat -S`. Import such a dump — the kind worker from the study notes — and the lab draws its chains, names who wrote each one, traces a packet through its lines and compares it with the YAML. Nothing you paste leaves the browser.',
    ko: 'kube-proxy를 공부하다 보면 누구나 노드에서 `iptables -t nat -S`를 치게 됩니다. 그런 덤프(스터디 노트의 kind 워커)를 가져오면 실습이 체인을 그리고, 각 체인을 누가 만들었는지 알려 주고, 그 줄들을 따라 패킷을 추적하고, YAML과 비교해 줍니다. 붙여 넣은 내용은 브라우저 밖으로 나가지 않습니다.',
  },
  dump: 'kind',
  sends: [
    {
      kind: 'connection',
      id: 'yaml',
      title: { en: 'net-pod → svc-clusterip (the YAML’s cluster, to compare)', ko: 'net-pod → svc-clusterip (비교용 YAML 클러스터)' },
      from: 'net-pod',
      to: 'svc-clusterip',
    },
  ],
  steps: [
    {
      text: {
        en: 'Press “Import the lesson’s node” above (or the header’s Import node rules button and its kind example). The dump is the notes’ kind worker: `iptables -t nat -S`, shortened with `...` at lines 17, 40 and 45. The import report says so, and what a cut left out is not in the lab.',
        ko: '위의 “레슨의 노드 가져오기”를 누르세요(또는 머리글의 노드 규칙 가져오기 버튼에서 kind 예제). 노트의 kind 워커에서 얻은 `iptables -t nat -S`이고, 17, 40, 45번째 줄에서 `...`로 줄였습니다. 가져오기 보고가 그렇게 알려 주며, 잘린 부분은 실습에 없습니다.',
      },
    },
    {
      text: {
        en: 'The Chain graph and Rules panels now show that node, with a legend of owners: not every chain is kube-proxy’s. DOCKER_OUTPUT is Docker’s (DNS to its embedded resolver), KIND-MASQ-AGENT is kindnet’s masquerading, KUBE-KUBELET-CANARY is kubelet’s. “Back to the scenario” brings the YAML’s node back.',
        ko: '이제 체인 그래프와 규칙 패널이 그 노드를 주인 범례와 함께 보여 줍니다. 모든 체인이 kube-proxy 것은 아닙니다. DOCKER_OUTPUT은 Docker의 것(내장 리졸버로 가는 DNS), KIND-MASQ-AGENT는 kindnet의 마스커레이드, KUBE-KUBELET-CANARY는 kubelet의 것입니다. “시나리오로 돌아가기”를 누르면 YAML의 노드가 돌아옵니다.',
      },
    },
    {
      text: {
        en: 'Search the rules for the ClusterIP 10.200.1.201: KUBE-SERVICES sends TCP to port 9000 to KUBE-SVC-KBDEBIL6IU6WL7RF — the very chain kube-proxy writes for this lesson’s YAML, because the name is a hash of “default/svc-clusterip:svc-webport” and tcp.',
        ko: '규칙에서 ClusterIP 10.200.1.201을 검색하세요. KUBE-SERVICES가 9000번 포트로 가는 TCP를 KUBE-SVC-KBDEBIL6IU6WL7RF로 보냅니다. 이름이 “default/svc-clusterip:svc-webport”와 tcp의 해시이므로, 이 레슨의 YAML로 kube-proxy가 쓰는 체인과 똑같습니다.',
      },
      at: { packet: 'SYN', chain: 'KUBE-SERVICES', target: 'KUBE-SVC-KBDEBIL6IU6WL7RF' },
    },
    {
      text: {
        en: 'In the Packet panel, trace 10.10.1.5 (arriving on veth1) → 10.200.1.201:9000. It walks the dump’s own lines to the statistic rules, which pick one of three endpoints; the paste was cut before the KUBE-SEP chains, so the trace stops at the jump and names the endpoint kube-proxy wrote in that rule’s comment.',
        ko: '패킷 패널에서 10.10.1.5(veth1로 들어옴) → 10.200.1.201:9000을 추적하세요. 덤프의 줄을 그대로 따라 statistic 규칙에 이르고, 그 규칙이 엔드포인트 세 개 중 하나를 고릅니다. 붙여 넣은 내용이 KUBE-SEP 체인 앞에서 잘렸기 때문에 추적은 그 점프에서 멈추고, kube-proxy가 그 규칙의 주석에 적은 엔드포인트를 알려 줍니다.',
      },
    },
    {
      text: {
        en: 'Finally, “Compare with the scenario” in the import dialog sets kube-proxy’s rules for myk8s-worker (this YAML: the notes’ ClusterIP 10.200.1.201 and its three endpoints) against the dump, Service by Service. The rules of KUBE-SVC-KBDEBIL6IU6WL7RF are the same on both sides; what differs is what the paste cut (the KUBE-SEP chains) and a KUBE-EXT chain on the node that a ClusterIP does not explain. The filter table is not compared: the dump has none.',
        ko: '마지막으로 가져오기 창의 “시나리오와 비교”는 이 YAML(노트의 ClusterIP 10.200.1.201과 엔드포인트 세 개)로 kube-proxy가 myk8s-worker에 쓸 규칙과 덤프를 서비스별로 맞대어 봅니다. KUBE-SVC-KBDEBIL6IU6WL7RF의 규칙은 양쪽이 같습니다. 다른 것은 붙여 넣을 때 잘린 부분(KUBE-SEP 체인)과, ClusterIP로는 설명되지 않는 노드의 KUBE-EXT 체인입니다. 덤프에 filter 테이블이 없으니 filter는 비교하지 않습니다.',
      },
    },
  ],
  questions: [
    {
      id: 'owner',
      prompt: {
        en: 'Who wrote the chain KIND-MASQ-AGENT on this node?',
        ko: '이 노드의 KIND-MASQ-AGENT 체인은 누가 만들었을까요?',
      },
      choices: [
        { id: 'kube-proxy', text: { en: 'kube-proxy', ko: 'kube-proxy' }, claim: { kind: 'dumpChainOwner', dump: 'kind', chain: 'KIND-MASQ-AGENT', equals: 'kube-proxy' } },
        { id: 'kindnet', text: { en: 'kindnet, kind’s CNI', ko: 'kind의 CNI인 kindnet' } },
        { id: 'docker', text: { en: 'Docker', ko: 'Docker' }, claim: { kind: 'dumpChainOwner', dump: 'kind', chain: 'KIND-MASQ-AGENT', equals: 'Docker' } },
      ],
      answer: { kind: 'dumpChainOwner', dump: 'kind', chain: 'KIND-MASQ-AGENT', equals: 'kindnet' },
      correct: 'kindnet',
      reveal: {
        en: 'kindnet writes KIND-MASQ-AGENT to masquerade traffic that leaves the pod network; kube-proxy’s chains all start with KUBE- (and kubelet keeps a few of those too).',
        ko: 'KIND-MASQ-AGENT는 파드 네트워크를 떠나는 트래픽을 마스커레이드하려고 kindnet이 만드는 체인입니다. kube-proxy의 체인은 모두 KUBE-로 시작합니다(그중 몇 개는 kubelet의 것입니다).',
      },
    },
    {
      id: 'cut',
      prompt: {
        en: 'The paste was cut before the KUBE-SEP chains. What happens to a packet traced to 10.200.1.201:9000?',
        ko: '붙여 넣은 내용은 KUBE-SEP 체인 앞에서 잘렸습니다. 10.200.1.201:9000으로 추적한 패킷은 어떻게 될까요?',
      },
      choices: [
        { id: 'delivered', text: { en: 'It is DNATed to a pod anyway', ko: '그래도 파드로 DNAT된다' }, claim: { kind: 'dumpTraceOutcome', ...KIND_TRACE, equals: 'delivered' } },
        { id: 'dropped', text: { en: 'It is dropped: the chain is missing', ko: '체인이 없으니 버려진다' }, claim: { kind: 'dumpTraceOutcome', ...KIND_TRACE, equals: 'dropped' } },
        { id: 'incomplete', text: { en: 'The trace stops at the jump and says which endpoint the rule names', ko: '추적이 점프에서 멈추고, 규칙이 가리키는 엔드포인트를 알려 준다' } },
      ],
      answer: { kind: 'dumpTraceOutcome', ...KIND_TRACE, equals: 'incomplete' },
      correct: 'incomplete',
      reveal: {
        en: 'The lab does not invent what a paste left out: the trace is “incomplete”, stops at the jump to the missing KUBE-SEP chain and names the endpoint from kube-proxy’s comment (“… -> 10.10.2.2:80”).',
        ko: '실습은 붙여 넣지 않은 부분을 지어내지 않습니다. 추적은 “덤프가 잘려 더 따라갈 수 없음”으로 끝나 없는 KUBE-SEP 체인으로의 점프에서 멈추고, kube-proxy의 주석(“… -> 10.10.2.2:80”)에서 엔드포인트를 알려 줍니다.',
      },
    },
    {
      id: 'eks',
      prompt: {
        en: 'Now the notes’ EKS node (`iptables -L` without -n: names instead of addresses). How many endpoints do connections to test/svc-nginx, 172.30.191.111:80, reach there?',
        ko: '이번에는 노트의 EKS 노드입니다(-n 없는 `iptables -L`: 주소 대신 이름). test/svc-nginx, 172.30.191.111:80으로 가는 연결은 거기서 엔드포인트 몇 개에 도착할까요?',
      },
      choices: [
        { id: 'three', text: { en: 'Three, as the notes’ Deployment says', ko: '노트의 Deployment대로 세 개' }, claim: { kind: 'dumpSpreadEndpoints', ...EKS_PACKET, equals: 3 } },
        { id: 'four', text: { en: 'Four: one per KUBE-SEP chain the node holds', ko: '네 개: 노드에 있는 KUBE-SEP 체인마다 하나' } },
        { id: 'none', text: { en: 'None: names like ip-10-56-115-164… cannot be traced', ko: '없음: ip-10-56-115-164… 같은 이름으로는 추적할 수 없다' }, claim: { kind: 'dumpSpreadEndpoints', ...EKS_PACKET, equals: 0 } },
      ],
      answer: { kind: 'dumpSpreadEndpoints', ...EKS_PACKET, equals: 4 },
      correct: 'four',
      reveal: {
        en: 'EC2 names read back as addresses, so the EKS dump traces like any other: its KUBE-SVC chain picks 1/4, 1/3, 1/2, then the rest, a quarter each for four endpoints. Compared with a YAML of three endpoints, the fourth KUBE-SEP chain is reported as a stale endpoint.',
        ko: 'EC2 이름은 주소로 되돌려 읽으므로 EKS 덤프도 똑같이 추적됩니다. KUBE-SVC 체인이 1/4, 1/3, 1/2, 나머지 순으로 골라 네 엔드포인트가 4분의 1씩 받습니다. 엔드포인트가 세 개인 YAML과 비교하면 네 번째 KUBE-SEP 체인은 오래된 엔드포인트로 보고됩니다.',
      },
    },
  ],
};
