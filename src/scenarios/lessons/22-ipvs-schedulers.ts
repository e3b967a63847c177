import { LESSON_TITLES } from './catalog';
import type { Lesson } from './types';

const CP = 'myk8s-control-plane';
const TO = { from: 'net-pod', to: 'svc-clusterip:9000' } as const;

/** IPVS schedulers: `lc` against `rr` when some connections stay open, with the counts IPVS keeps. */
export const ipvsSchedulers: Lesson = {
  id: '22-ipvs-schedulers',
  title: LESSON_TITLES['22-ipvs-schedulers'],
  summary: {
    en: 'kube-proxy’s IPVS mode lets you choose the scheduler (`ipvs.scheduler`): rr by default, or lc, sed, nq, sh, dh… This cluster runs lc. net-pod opens two connections that stay open and one that closes, then one more: lc counts the open connections and sends it where the fewest are, rr would just take the next pod in turn.',
    ko: 'kube-proxy의 IPVS 모드에서는 스케줄러(`ipvs.scheduler`)를 고를 수 있습니다. 기본은 rr이고 lc, sed, nq, sh, dh 등이 있습니다. 이 클러스터는 lc를 씁니다. net-pod가 계속 열려 있는 연결 두 개와 닫히는 연결 하나를 연 다음 하나를 더 엽니다. lc는 열린 연결 수를 세어 가장 적은 곳으로 보내고, rr이었다면 그냥 다음 차례의 파드로 보냈을 것입니다.',
  },
  sends: [
    {
      kind: 'connection',
      id: 'long1',
      title: { en: 'A long-lived connection (stays open)', ko: '오래 가는 연결(계속 열려 있음)' },
      ...TO,
      keepOpen: true,
      seed: 1,
    },
    {
      kind: 'connection',
      id: 'long2',
      title: { en: 'A second long-lived connection', ko: '두 번째 오래 가는 연결' },
      ...TO,
      keepOpen: true,
      continues: 'long1',
    },
    {
      kind: 'connection',
      id: 'short',
      title: { en: 'A short request (opens and closes)', ko: '짧은 요청(열었다가 닫음)' },
      ...TO,
      continues: 'long2',
    },
    {
      kind: 'connection',
      id: 'next',
      title: { en: 'One more new connection', ko: '새 연결 하나 더' },
      ...TO,
      continues: 'short',
    },
  ],
  steps: [
    {
      text: {
        en: 'The first connection: no real server has any connection yet, so lc takes the first of the list, webpod3 (10.10.3.2). The connection stays open after its response, like a database connection, a gRPC stream or a WebSocket.',
        ko: '첫 연결: 아직 어느 실제 서버에도 연결이 없으므로 lc는 목록의 첫 번째인 webpod3(10.10.3.2)를 고릅니다. 이 연결은 응답을 받은 뒤에도 닫히지 않고 열려 있습니다. 데이터베이스 연결, gRPC 스트림, WebSocket처럼요.',
      },
      at: { send: 'long1', packet: 'SYN', stage: 'ipvs', node: CP, hook: 'INPUT' },
    },
    {
      text: {
        en: 'The second long-lived connection: webpod3 now has one active connection, so lc picks webpod2. Both stay ESTABLISHED, and IPVS counts each under ActiveConn of its real server.',
        ko: '두 번째 오래 가는 연결: webpod3에 이미 활성 연결이 하나 있으므로 lc는 webpod2를 고릅니다. 두 연결 모두 ESTABLISHED로 남고, IPVS는 각각을 해당 실제 서버의 ActiveConn으로 셉니다.',
      },
      at: { send: 'long2', packet: 'SYN', stage: 'ipvs', node: CP, hook: 'INPUT' },
    },
    {
      text: {
        en: 'A short request goes to webpod1, the only pod without a connection, and closes at once (FIN). Its entry waits in TIME_WAIT for a while and counts under InActConn.',
        ko: '짧은 요청은 연결이 없는 유일한 파드인 webpod1로 가고 곧바로 닫힙니다(FIN). 그 엔트리는 한동안 TIME_WAIT에 머물며 InActConn으로 셉니다.',
      },
      at: { send: 'short', packet: 'SYN', stage: 'ipvs', node: CP, hook: 'INPUT' },
    },
    {
      text: {
        en: 'Now one more connection. lc (ip_vs_lc.c) gives each real server an overhead of ActiveConn × 256 + InActConn and picks the smallest: webpod3 256, webpod2 256, webpod1 1. So webpod1 gets it again. sed ("shortest expected delay") looks at (ActiveConn + 1) / weight and decides the same here.',
        ko: '이제 연결 하나를 더 엽니다. lc(ip_vs_lc.c)는 실제 서버마다 ActiveConn × 256 + InActConn을 부하로 보고 가장 작은 곳을 고릅니다. webpod3는 256, webpod2는 256, webpod1은 1입니다. 그래서 webpod1이 또 받습니다. sed("shortest expected delay")는 (ActiveConn + 1) / 가중치를 보는데, 여기서는 같은 결론입니다.',
      },
      noteSays: {
        en: 'IPVS supports layer-4 load balancing algorithms such as least connection or shortest expected delay.',
        ko: '`IPVS` 는 `least connection`이나 `shortest expected delay`와 같은 layer-4 load balancing algorithm을 지원한다.',
      },
      at: { send: 'next', packet: 'SYN', stage: 'ipvs', node: CP, hook: 'INPUT' },
    },
    {
      text: {
        en: 'rr, kube-proxy’s default, would not look: after webpod1 comes webpod3 again, which is still holding a long-lived connection. With short requests that hardly matters; when connections live for minutes or hours, lc keeps the pods evenly busy and rr does not. (The counts are per node: each node’s IPVS only sees the connections that went through it.)',
        ko: 'kube-proxy의 기본값인 rr은 이런 것을 보지 않습니다. webpod1 다음은 다시 webpod3인데, webpod3는 아직 오래 가는 연결을 잡고 있습니다. 짧은 요청만 있다면 별 차이가 없지만, 연결이 몇 분, 몇 시간씩 이어지면 lc는 파드들을 고르게 바쁘게 하고 rr은 그러지 못합니다. (이 수는 노드마다 따로입니다. 각 노드의 IPVS는 자기를 거친 연결만 봅니다.)',
      },
      at: { send: 'next' },
    },
    {
      text: {
        en: 'The scheduler is one line of KubeProxyConfiguration, `ipvs.scheduler: lc`. Change it to rr in the editor and send the lesson’s connections again to watch the last one go to webpod3. `ipvsadm -Ln` shows the scheduler on each virtual server’s line and the counts lc reads in the ActiveConn and InActConn columns.',
        ko: '스케줄러는 KubeProxyConfiguration의 한 줄, `ipvs.scheduler: lc`입니다. 에디터에서 rr로 바꾸고 레슨의 연결을 다시 보내면 마지막 연결이 webpod3로 가는 것을 볼 수 있습니다. `ipvsadm -Ln`은 가상 서버 줄에 스케줄러를 보여 주고, lc가 읽는 수를 ActiveConn과 InActConn 열에 보여 줍니다.',
      },
    },
  ],
  questions: [
    {
      id: 'lc',
      prompt: {
        en: 'webpod3 and webpod2 each hold one open connection; webpod1’s only connection has closed. With lc, which pod gets the next connection?',
        ko: 'webpod3와 webpod2는 각각 열린 연결을 하나씩 갖고 있고, webpod1의 유일한 연결은 닫혔습니다. lc라면 다음 연결은 어느 파드가 받을까요?',
      },
      choices: [
        {
          id: 'webpod3',
          text: { en: 'webpod3: it is its turn again', ko: 'webpod3: 다시 차례가 되었으니까' },
          claim: { kind: 'endpointPod', send: 'next', equals: 'webpod3' },
        },
        { id: 'webpod1', text: { en: 'webpod1: it has no active connection', ko: 'webpod1: 활성 연결이 없으니까' } },
        {
          id: 'webpod2',
          text: { en: 'webpod2', ko: 'webpod2' },
          claim: { kind: 'endpointPod', send: 'next', equals: 'webpod2' },
        },
      ],
      answer: { kind: 'endpointPod', send: 'next', equals: 'webpod1' },
      correct: 'webpod1',
      reveal: {
        en: 'An active connection weighs 256 inactive ones in lc’s count, so webpod1 (one connection in TIME_WAIT) is far less loaded than the two pods holding open connections.',
        ko: 'lc의 계산에서 활성 연결 하나는 비활성 연결 256개와 같습니다. 그래서 TIME_WAIT 연결 하나만 있는 webpod1이 열린 연결을 잡고 있는 두 파드보다 훨씬 덜 바쁜 것으로 셉니다.',
      },
    },
    {
      id: 'rr',
      prompt: {
        en: 'Same connections, but with kube-proxy’s default scheduler, rr. Which pod would get the last connection?',
        ko: '같은 연결들인데 kube-proxy의 기본 스케줄러인 rr이라면, 마지막 연결은 어느 파드가 받을까요?',
      },
      choices: [
        { id: 'webpod3', text: { en: 'webpod3, next in turn, though it holds an open connection', ko: '열린 연결이 있어도 차례가 된 webpod3' } },
        {
          id: 'webpod1',
          text: { en: 'webpod1, the least busy', ko: '가장 한가한 webpod1' },
          claim: { kind: 'endpointPodWithScheduler', send: 'next', scheduler: 'rr', equals: 'webpod1' },
        },
      ],
      answer: { kind: 'endpointPodWithScheduler', send: 'next', scheduler: 'rr', equals: 'webpod3' },
      correct: 'webpod3',
      reveal: {
        en: 'The engine ran the same four connections with `ipvs.scheduler: rr`: they go to webpod3, webpod2, webpod1 and webpod3. rr only remembers its place in the list, never how many connections a pod holds.',
        ko: '엔진이 같은 연결 네 개를 `ipvs.scheduler: rr`로 다시 돌려 보았습니다. webpod3, webpod2, webpod1, webpod3 순서로 갑니다. rr은 목록에서 자기 위치만 기억할 뿐, 파드가 연결을 몇 개 잡고 있는지는 보지 않습니다.',
      },
    },
    {
      id: 'sed',
      prompt: {
        en: 'The study note also names shortest expected delay (sed). With `ipvs.scheduler: sed`, which pod would get the last connection?',
        ko: '스터디 노트는 shortest expected delay(sed)도 언급합니다. `ipvs.scheduler: sed`라면 마지막 연결은 어느 파드가 받을까요?',
      },
      choices: [
        { id: 'webpod1', text: { en: 'webpod1, as with lc', ko: 'lc와 같이 webpod1' } },
        {
          id: 'webpod3',
          text: { en: 'webpod3, as with rr', ko: 'rr과 같이 webpod3' },
          claim: { kind: 'endpointPodWithScheduler', send: 'next', scheduler: 'sed', equals: 'webpod3' },
        },
      ],
      answer: { kind: 'endpointPodWithScheduler', send: 'next', scheduler: 'sed', equals: 'webpod1' },
      correct: 'webpod1',
      reveal: {
        en: 'sed (ip_vs_sed.c) divides ActiveConn + 1 by the weight and ignores inactive connections: webpod1 scores 1, the other two 2. With kube-proxy’s weights (all 1) it differs from lc only in ignoring InActConn.',
        ko: 'sed(ip_vs_sed.c)는 ActiveConn + 1을 가중치로 나누고 비활성 연결은 보지 않습니다. webpod1은 1, 나머지 둘은 2입니다. kube-proxy의 가중치(모두 1)에서는 InActConn을 무시한다는 점만 lc와 다릅니다.',
      },
    },
    {
      id: 'counts',
      prompt: {
        en: 'After the last connection closed, what does `ipvsadm -Ln` on myk8s-control-plane show for webpod1 (10.10.1.2)?',
        ko: '마지막 연결까지 닫힌 뒤, myk8s-control-plane의 `ipvsadm -Ln`은 webpod1(10.10.1.2)을 어떻게 보여 줄까요?',
      },
      choices: [
        { id: 'two-inactive', text: { en: '-> 10.10.1.2:80 Masq 1 0 2', ko: '-> 10.10.1.2:80 Masq 1 0 2' } },
        {
          id: 'two-active',
          text: { en: '-> 10.10.1.2:80 Masq 1 2 0', ko: '-> 10.10.1.2:80 Masq 1 2 0' },
          claim: { kind: 'ipvsPrint', node: CP, tool: 'ipvsadm', send: 'next', includes: '-> 10.10.1.2:80 Masq 1 2 0', equals: true },
        },
        {
          id: 'none',
          text: { en: '-> 10.10.1.2:80 Masq 1 0 0: closed connections are gone', ko: '-> 10.10.1.2:80 Masq 1 0 0: 닫힌 연결은 사라졌다' },
          claim: { kind: 'ipvsPrint', node: CP, tool: 'ipvsadm', send: 'next', includes: '-> 10.10.1.2:80 Masq 1 0 0', equals: true },
        },
      ],
      answer: { kind: 'ipvsPrint', node: CP, tool: 'ipvsadm', send: 'next', includes: '-> 10.10.1.2:80 Masq 1 0 2', equals: true },
      correct: 'two-inactive',
      reveal: {
        en: 'Both of webpod1’s connections closed, and each entry stays in the table in TIME_WAIT (2 minutes) counted as inactive. webpod3 and webpod2 show "1 1 0": one active connection each, the long-lived ones.',
        ko: 'webpod1의 두 연결은 모두 닫혔고, 각 엔트리는 TIME_WAIT(2분) 동안 테이블에 남아 비활성으로 셉니다. webpod3와 webpod2는 "1 1 0"입니다. 오래 가는 연결이 각각 하나씩 활성으로 있습니다.',
      },
    },
  ],
};
