import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';
const SEP2 = 'KUBE-SEP-TE3RF263SKTYCT4A';
const ASK = { from: 'dns-client', to: 'udp-echo:5353', protocol: 'udp', sport: 40000 } as const;

/**
 * A UDP client that keeps asking from one port, as a DNS resolver does, meets its old conntrack entry after
 * the pod behind it is deleted: kube-proxy's reconciler deletes that entry (v1.33), except when the Service
 * has no serving endpoint left.
 */
export const staleUdp: Lesson = {
  id: '13-stale-udp',
  title: LESSON_TITLES['13-stale-udp'],
  summary: {
    en: 'dns-client asks udp-echo over UDP, always from port 40000, as a DNS resolver does. Every query refreshes one conntrack entry that says where the Service was DNATed to. Then that pod is deleted. Will the next query follow the entry to an address where nothing answers? kube-proxy deletes such UDP entries after every sync; TCP entries it leaves alone.',
    ko: 'dns-client가 UDP로 udp-echo에 묻습니다. DNS 리졸버처럼 늘 포트 40000에서 보냅니다. 질의마다 conntrack 엔트리 하나가 갱신되고, 그 엔트리에는 서비스를 어디로 DNAT했는지 적혀 있습니다. 그런데 그 파드가 지워집니다. 다음 질의는 엔트리를 따라 아무도 답하지 않는 주소로 갈까요? kube-proxy는 동기화할 때마다 그런 UDP 엔트리를 지웁니다. TCP 엔트리는 건드리지 않습니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'ask',
      title: { en: 'dns-client → udp-echo:5353 (UDP, from port 40000)', ko: 'dns-client → udp-echo:5353 (UDP, 포트 40000에서)' },
      ...ASK,
    },
    {
      kind: 'connection',
      id: 'ask-again',
      title: { en: '5 s later, udp-echo2 deleted: ask again from port 40000', ko: '5초 뒤 udp-echo2 삭제: 포트 40000에서 다시 묻기' },
      ...ASK,
      continues: 'ask',
      before: { waitSeconds: 5, removeEndpoints: ['10.10.2.2'] },
    },
    {
      kind: 'connection',
      id: 'ask-at-zero',
      title: { en: '10 s later, udp-echo1 deleted too: ask again', ko: '10초 뒤 udp-echo1도 삭제: 다시 묻기' },
      ...ASK,
      continues: 'ask-again',
      before: { waitSeconds: 10, removeEndpoints: ['10.10.1.2'] },
    },
  ],
  steps: [
    {
      text: {
        en: `The first query from 10.10.0.5:40000 to 10.200.1.100:5353 walks the nat table once; the cascade picks udp-echo2, and ${SEP2} DNATs it to 10.10.2.2:5353.`,
        ko: `10.10.0.5:40000에서 10.200.1.100:5353으로 가는 첫 질의는 nat 테이블을 한 번 지나고, 사다리가 udp-echo2를 골라 ${SEP2}에서 10.10.2.2:5353으로 DNAT됩니다.`,
      },
      at: { send: 'ask', packet: 'query', chain: SEP2, target: 'DNAT' },
    },
    {
      text: {
        en: 'conntrack on myk8s-control-plane now holds "udp 17 29 src=10.10.0.5 dst=10.200.1.100 sport=40000 dport=5353 src=10.10.2.2 …": the reply side names the endpoint. Every later query from port 40000 matches this entry and is DNATed from it, without the nat table, for as long as the entry lives (30 s, or 120 s once the flow is a stream; each query starts the count again).',
        ko: '이제 myk8s-control-plane의 conntrack에는 "udp 17 29 src=10.10.0.5 dst=10.200.1.100 sport=40000 dport=5353 src=10.10.2.2 …"가 있습니다. 응답 쪽에 엔드포인트가 적혀 있습니다. 포트 40000에서 오는 다음 질의는 모두 이 엔트리에 걸려 nat 테이블 없이 엔트리대로 DNAT됩니다. 엔트리가 살아 있는 동안 계속 그렇습니다(30초, 스트림이 되면 120초, 질의마다 다시 셉니다).',
      },
      at: { send: 'ask', packet: 'response', stage: 'nat-from-entry', node: CP },
    },
    {
      text: {
        en: 'udp-echo2 is deleted. kube-proxy rewrites the rules, then lists the conntrack table: a UDP entry whose original destination is udp-echo’s cluster IP and port but whose reply source, 10.10.2.2, is no longer a serving endpoint is stale, and kube-proxy deletes it (the same as "conntrack -D -p udp --orig-dst 10.200.1.100 --orig-port-dst 5353 --reply-src 10.10.2.2"). The next query from port 40000 is NEW again and the rules pick udp-echo1.',
        ko: 'udp-echo2가 지워집니다. kube-proxy는 규칙을 다시 쓴 다음 conntrack 테이블을 읽습니다. 원래 목적지가 udp-echo의 클러스터 IP와 포트인데 응답 출발지 10.10.2.2가 더 이상 서빙 중인 엔드포인트가 아닌 UDP 엔트리는 오래된 엔트리이고, kube-proxy가 지웁니다("conntrack -D -p udp --orig-dst 10.200.1.100 --orig-port-dst 5353 --reply-src 10.10.2.2"와 같습니다). 포트 40000에서 오는 다음 질의는 다시 NEW이고, 규칙이 udp-echo1을 고릅니다.',
      },
      at: { send: 'ask-again', packet: 'query', stage: 'conntrack', node: CP, ctstate: 'NEW' },
    },
    {
      text: {
        en: 'Then udp-echo1 goes too, and udp-echo has no endpoint at all. kube-proxy v1.33 skips a Service without serving endpoints in its cleanup, so the entry to 10.10.1.2 stays: the query is DNATed from it before the "has no endpoints" REJECT rule (which matches the cluster IP) can see it, and it is lost on the way to an address nobody has. Each lost query refreshes the entry, so a client that keeps asking never gets past it (kubernetes#139628, fixed after v1.33).',
        ko: '이어서 udp-echo1도 사라져 udp-echo에는 엔드포인트가 하나도 없습니다. kube-proxy v1.33은 서빙 중인 엔드포인트가 없는 서비스를 정리에서 건너뛰므로 10.10.1.2로 가는 엔트리가 남습니다. 질의는 클러스터 IP에 걸리는 "has no endpoints" REJECT 규칙이 보기 전에 엔트리대로 DNAT되고, 아무도 갖지 않은 주소로 가다 사라집니다. 사라지는 질의마다 엔트리가 갱신되므로 계속 묻는 클라이언트는 거기서 벗어나지 못합니다(kubernetes#139628, v1.33 이후에 고쳐짐).',
      },
      at: { send: 'ask-at-zero', packet: 'query', stage: 'nat-from-entry', node: CP },
    },
    {
      text: {
        en: 'TCP is different on purpose: kube-proxy never deletes TCP entries, so a connection that was open to a deleted pod keeps sending to its old address until the client gives up or the entry times out (24 h for ESTABLISHED on a kube-proxy node). Deleting them would cut off pods that are shutting down gracefully. Try it with Wait… and by deleting a pod in the editor: the Conntrack panel shows what was deleted and what stays.',
        ko: 'TCP는 일부러 다르게 다룹니다. kube-proxy는 TCP 엔트리를 지우지 않으므로, 지워진 파드로 열려 있던 연결은 클라이언트가 포기하거나 엔트리가 만료될 때까지(kube-proxy 노드에서 ESTABLISHED는 24시간) 옛 주소로 계속 보냅니다. 지우면 우아하게 종료 중인 파드의 연결까지 끊기기 때문입니다. 기다리기…와 에디터에서 파드 지우기로 직접 해 보세요. Conntrack 패널이 지워진 것과 남은 것을 보여 줍니다.',
      },
    },
  ],
  questions: [
    {
      id: 'after-delete',
      prompt: {
        en: 'udp-echo2 (10.10.2.2), which answered the first query, is deleted. 5 s later dns-client asks again from port 40000. Where does the query go?',
        ko: '첫 질의에 답한 udp-echo2(10.10.2.2)가 지워집니다. 5초 뒤 dns-client가 포트 40000에서 다시 묻습니다. 질의는 어디로 갈까요?',
      },
      choices: [
        { id: 'live', text: { en: 'To udp-echo1: the old entry is gone, so the rules choose again', ko: 'udp-echo1로: 옛 엔트리가 없어져 규칙이 다시 고른다' } },
        {
          id: 'stale',
          text: { en: 'To 10.10.2.2, as the conntrack entry says, and nobody answers', ko: 'conntrack 엔트리대로 10.10.2.2로 가고, 아무도 답하지 않는다' },
          claim: { kind: 'outcome', send: 'ask-again', equals: 'no-route' },
        },
        {
          id: 'reject',
          text: { en: 'Nowhere: dns-client gets ICMP port unreachable', ko: '어디로도: dns-client가 ICMP port unreachable을 받는다' },
          claim: { kind: 'outcome', send: 'ask-again', equals: 'rejected' },
        },
      ],
      answer: { kind: 'endpointPod', send: 'ask-again', equals: 'udp-echo1' },
      correct: 'live',
      reveal: {
        en: 'kube-proxy’s conntrack reconciler deleted the UDP entry whose reply source was the deleted endpoint, so the query was NEW and walked the nat table again. Without that cleanup it would have followed the entry to 10.10.2.2: the stale-entry DNS timeouts many clusters once had.',
        ko: 'kube-proxy의 conntrack 정리 과정이 응답 출발지가 지워진 엔드포인트인 UDP 엔트리를 지웠습니다. 그래서 질의는 NEW였고 nat 테이블을 다시 지났습니다. 이 정리가 없었다면 엔트리대로 10.10.2.2로 갔을 것입니다. 많은 클러스터가 한때 겪은 오래된 엔트리 DNS 타임아웃이 바로 이것입니다.',
      },
    },
    {
      id: 'at-zero',
      prompt: {
        en: 'Then udp-echo1 is deleted too, so udp-echo has no endpoints. dns-client asks again from port 40000. What happens to the query?',
        ko: '이어서 udp-echo1도 지워져 udp-echo에는 엔드포인트가 없습니다. dns-client가 포트 40000에서 다시 묻습니다. 질의는 어떻게 될까요?',
      },
      choices: [
        {
          id: 'reject',
          text: { en: 'The "has no endpoints" REJECT answers with ICMP port unreachable', ko: '"has no endpoints" REJECT가 ICMP port unreachable로 답한다' },
          claim: { kind: 'outcome', send: 'ask-at-zero', equals: 'rejected' },
        },
        { id: 'stale', text: { en: 'It follows the old entry to 10.10.1.2 and is lost', ko: '옛 엔트리를 따라 10.10.1.2로 가다 사라진다' } },
        {
          id: 'answered',
          text: { en: 'udp-echo1 still answers: the entry keeps it alive', ko: 'udp-echo1이 여전히 답한다: 엔트리가 살려 둔다' },
          claim: { kind: 'endpointPod', send: 'ask-at-zero', equals: 'udp-echo1' },
        },
      ],
      answer: { kind: 'outcome', send: 'ask-at-zero', equals: 'no-route' },
      correct: 'stale',
      reveal: {
        en: 'In v1.33 the reconciler skips a Service with no serving endpoint, so the entry stays and DNATs the query before the REJECT rule can match the cluster IP. Only when dns-client stops for longer than the entry’s timeout does the next query reach the REJECT.',
        ko: 'v1.33의 정리 과정은 서빙 중인 엔드포인트가 없는 서비스를 건너뛰므로, 엔트리가 남아 REJECT 규칙이 클러스터 IP를 보기 전에 질의를 DNAT합니다. dns-client가 엔트리의 타임아웃보다 오래 멈춰야 다음 질의가 REJECT에 닿습니다.',
      },
    },
  ],
};
