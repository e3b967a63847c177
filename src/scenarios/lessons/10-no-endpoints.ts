import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';

/** No endpoints: REJECT in filter KUBE-SERVICES; and terminating endpoints used when nothing is Ready. */
export const noEndpoints: Lesson = {
  id: '10-no-endpoints',
  title: LESSON_TITLES['10-no-endpoints'],
  summary: {
    en: 'svc-empty selects no pod: its cluster IP is answered with an ICMP error at once. svc-rolling is mid-rollout — its old pod is terminating, its new pod not Ready yet — and kube-proxy still finds somewhere to send the connection.',
    ko: 'svc-empty는 선택하는 파드가 없어서 클러스터 IP로 보낸 연결이 곧바로 ICMP 오류를 받습니다. svc-rolling은 롤아웃 중입니다. 옛 파드는 종료 중이고 새 파드는 아직 Ready가 아닌데, kube-proxy는 그래도 연결을 보낼 곳을 찾아냅니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'empty',
      title: { en: 'net-pod → svc-empty:9000', ko: 'net-pod → svc-empty:9000' },
      from: 'net-pod',
      to: 'svc-empty:9000',
    },
    {
      kind: 'connection',
      id: 'rolling',
      title: { en: 'net-pod → svc-rolling:9000', ko: 'net-pod → svc-rolling:9000' },
      from: 'net-pod',
      to: 'svc-rolling:9000',
    },
  ],
  steps: [
    {
      text: {
        en: 'svc-empty has no endpoints, so kube-proxy writes no nat rule for it: the SYN leaves the nat table still addressed to 10.200.1.100:9000 and is routed toward the node’s default route, into FORWARD.',
        ko: 'svc-empty에는 엔드포인트가 없으므로 kube-proxy는 nat 규칙을 쓰지 않습니다. SYN은 목적지 10.200.1.100:9000 그대로 nat 테이블을 빠져나와 노드의 기본 경로를 향해 FORWARD로 갑니다.',
      },
      at: { send: 'empty', packet: 'SYN', node: CP, hook: 'PREROUTING', chain: 'PREROUTING', rule: 'policy ACCEPT' },
    },
    {
      text: {
        en: 'There filter KUBE-SERVICES stops it: "-d 10.200.1.100/32 -p tcp -m comment --comment "default/svc-empty:svc-webport has no endpoints" -m tcp --dport 9000 -j REJECT --reject-with icmp-port-unreachable".',
        ko: '거기서 filter의 KUBE-SERVICES가 막습니다: "-d 10.200.1.100/32 -p tcp -m comment --comment "default/svc-empty:svc-webport has no endpoints" -m tcp --dport 9000 -j REJECT --reject-with icmp-port-unreachable".',
      },
      at: { send: 'empty', packet: 'SYN', table: 'filter', chain: 'KUBE-SERVICES', target: 'REJECT' },
    },
    {
      text: {
        en: 'REJECT answers: the node sends net-pod an ICMP port unreachable, from 10.10.0.1 (its side of net-pod’s veth). curl prints "Connection refused" at once instead of hanging until a timeout.',
        ko: 'REJECT는 응답을 보냅니다. 노드가 net-pod에게 ICMP port unreachable을 10.10.0.1(net-pod veth의 노드 쪽 주소)에서 보냅니다. curl은 타임아웃까지 기다리지 않고 바로 "Connection refused"를 출력합니다.',
      },
      at: { send: 'empty', packet: 'ICMP port unreachable', stage: 'deliver' },
    },
    {
      text: {
        en: 'The rejected SYN never left the node, so its conntrack entry was never confirmed and nothing stays in the table. The ICMP error is still RELATED: REJECT hands it the rejected packet’s conntrack (nf_send_unreach), so rules that accept RELATED,ESTABLISHED let it through and curl hears "Connection refused".',
        ko: '거절된 SYN은 노드를 떠나지 못했으므로 conntrack 엔트리가 확정되지 않았고, 테이블에는 아무것도 남지 않습니다. 그래도 ICMP 오류는 RELATED입니다. REJECT가 거절한 패킷의 conntrack을 ICMP 오류에 붙여 주기 때문에(nf_send_unreach), RELATED,ESTABLISHED를 허용하는 규칙을 통과하고 curl은 "Connection refused"를 받습니다.',
      },
      at: { send: 'empty', packet: 'ICMP port unreachable', stage: 'conntrack', ctstate: 'RELATED' },
    },
    {
      text: {
        en: 'svc-rolling: rolling-old has a deletionTimestamp but is still Ready, so its endpoint is serving and terminating, not ready; rolling-new is not Ready, so it is not even serving. kube-proxy prefers ready endpoints, and when there is none it falls back to serving terminating ones, so connections are not refused in the middle of a rollout.',
        ko: 'svc-rolling: rolling-old는 deletionTimestamp가 있지만 아직 Ready이므로, 엔드포인트는 serving이면서 terminating이고 ready는 아닙니다. rolling-new는 Ready가 아니므로 serving도 아닙니다. kube-proxy는 ready 엔드포인트를 우선 쓰고, 하나도 없으면 serving인 종료 중 엔드포인트로 대신합니다. 그래서 롤아웃 도중에도 연결이 거절되지 않습니다.',
      },
      at: { send: 'rolling', packet: 'SYN', chain: 'KUBE-SVC-SEDENENX6H3P4VBB', target: 'KUBE-SEP-JKLMOGPQFE2NXNPZ' },
    },
    {
      text: {
        en: 'As soon as rolling-new becomes Ready, kube-proxy rewrites KUBE-SVC-SEDENENX6H3P4VBB with rolling-new only: terminating endpoints are a fallback, not a share.',
        ko: 'rolling-new가 Ready가 되는 순간 kube-proxy는 KUBE-SVC-SEDENENX6H3P4VBB를 rolling-new만으로 다시 씁니다. 종료 중 엔드포인트는 대체용일 뿐, 트래픽을 나눠 받지 않습니다.',
      },
      at: { send: 'rolling', packet: 'SYN', chain: 'KUBE-SEP-JKLMOGPQFE2NXNPZ', target: 'DNAT' },
    },
  ],
  questions: [
    {
      id: 'empty',
      prompt: {
        en: 'net-pod connects to svc-empty, which has no endpoints. What does it get?',
        ko: 'net-pod가 엔드포인트가 없는 svc-empty에 접속합니다. 무엇을 받을까요?',
      },
      choices: [
        { id: 'refused', text: { en: 'An immediate error: ICMP port unreachable', ko: '즉시 오류: ICMP port unreachable' } },
        {
          id: 'timeout',
          text: { en: 'Nothing: the SYN is dropped and curl waits', ko: '아무것도: SYN이 버려지고 curl은 기다린다' },
          claim: { kind: 'outcome', send: 'empty', equals: 'dropped' },
        },
        {
          id: 'leaves',
          text: { en: 'The SYN leaves the cluster toward 10.200.1.100', ko: 'SYN이 10.200.1.100을 향해 클러스터 밖으로 나간다' },
          claim: { kind: 'outcome', send: 'empty', equals: 'no-route' },
        },
      ],
      answer: { kind: 'packetFate', send: 'empty', packet: 'ICMP port unreachable', equals: 'delivered' },
      correct: 'refused',
      reveal: {
        en: '"has no endpoints" is a REJECT, unlike the DROPs of lessons 5–7: a Service with nothing behind it should fail fast.',
        ko: '"has no endpoints"는 레슨 5~7의 DROP과 달리 REJECT입니다. 뒤에 아무것도 없는 서비스는 빨리 실패하는 편이 낫기 때문입니다.',
      },
    },
    {
      id: 'rolling',
      prompt: {
        en: 'svc-rolling: rolling-old is terminating (but still Ready), rolling-new is not Ready yet. Where does net-pod’s connection go?',
        ko: 'svc-rolling: rolling-old는 종료 중(하지만 아직 Ready)이고 rolling-new는 아직 Ready가 아닙니다. net-pod의 연결은 어디로 갈까요?',
      },
      choices: [
        {
          id: 'rejected',
          text: { en: 'Rejected: no endpoint is ready', ko: '거절: ready인 엔드포인트가 없다' },
          claim: { kind: 'outcome', send: 'rolling', equals: 'rejected' },
        },
        { id: 'old', text: { en: 'To rolling-old, terminating but still serving', ko: '종료 중이지만 아직 서비스 중인 rolling-old로' } },
        {
          id: 'new',
          text: { en: 'To rolling-new, the pod that will take over', ko: '곧 넘겨받을 rolling-new로' },
          claim: { kind: 'endpointPod', send: 'rolling', equals: 'rolling-new' },
        },
      ],
      answer: { kind: 'endpointPod', send: 'rolling', equals: 'rolling-old' },
      correct: 'old',
      reveal: {
        en: 'With no ready endpoint, kube-proxy uses the serving terminating ones (KEP-1669, on by default since Kubernetes 1.26). A pod that is not Ready is never used.',
        ko: 'ready인 엔드포인트가 없으면 kube-proxy는 serving인 종료 중 엔드포인트를 씁니다(KEP-1669, Kubernetes 1.26부터 기본). Ready가 아닌 파드는 절대 쓰지 않습니다.',
      },
    },
  ],
};
