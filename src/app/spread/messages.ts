import type { Lang } from '../i18n';
import type { FailureOutcome } from './histogram';
import { outcomeWord } from '../outcome-text';

interface SpreadMessages {
  readonly title: string;
  readonly hint: string;
  readonly from: string;
  readonly to: string;
  readonly connections: string;
  readonly run: string;
  readonly cancel: string;
  readonly cancelling: string;
  readonly clear: string;
  readonly endpoint: string;
  readonly address: string;
  readonly count: string;
  readonly share: string;
  readonly bar: string;
  readonly noEndpoints: string;
  readonly failedTitle: string;
  readonly outcomes: Readonly<Record<FailureOutcome, string>>;
  readonly olderScenario: string;
  readonly noScenario: string;
  readonly running: (done: string, total: string) => string;
  readonly finished: (connections: string, endpoints: number, ms: string) => string;
  readonly cancelled: (done: string, total: string) => string;
  readonly evenShare: (k: number, percent: string) => string;
  readonly scale: (percent: string) => string;
  readonly shareOf: (delivered: string) => string;
}

export const spreadMessages: Readonly<Record<Lang, SpreadMessages>> = {
  en: {
    title: 'Spread',
    hint: 'N new connections, each from the next source port: which endpoint did each reach?',
    from: 'From',
    to: 'To',
    connections: 'Connections',
    run: 'Run spread',
    cancel: 'Cancel',
    cancelling: 'Cancelling…',
    clear: 'Clear',
    endpoint: 'Endpoint',
    address: 'IP:port',
    count: 'Connections',
    share: 'Share',
    bar: 'Bar',
    noEndpoints: 'No connection reached an endpoint.',
    failedTitle: 'Not delivered',
    outcomes: { delivered: 'delivered', rejected: 'rejected (REJECT answered)', dropped: 'dropped (DROP, no answer)', 'no-route': 'no route' },
    olderScenario: 'Ran on an earlier version of the scenario.',
    noScenario: 'Needs a valid scenario.',
    running: (done, total) => `${done} of ${total} connections…`,
    finished: (connections, endpoints, ms) => `${connections} connections reached ${endpoints} endpoint${endpoints === 1 ? '' : 's'} (${ms} ms in the worker).`,
    cancelled: (done, total) => `Cancelled after ${done} of ${total} connections; the counts below are for those.`,
    evenShare: (k, percent) => `even share (1/${k}) = ${percent}: an even split over the ${k} endpoint${k === 1 ? '' : 's'} that received traffic`,
    scale: (percent) => `bar scale 0–${percent}`,
    shareOf: (delivered) => `share of the ${delivered} delivered connections`,
  },
  ko: {
    title: '분산',
    hint: '새 연결 N개를 소스 포트를 하나씩 바꿔 가며 보냅니다. 각 연결은 어느 엔드포인트에 도착했을까요?',
    from: '출발',
    to: '목적지',
    connections: '연결 수',
    run: '분산 실행',
    cancel: '취소',
    cancelling: '취소하는 중…',
    clear: '지우기',
    endpoint: '엔드포인트',
    address: 'IP:포트',
    count: '연결',
    share: '비율',
    bar: '막대',
    noEndpoints: '엔드포인트에 도착한 연결이 없습니다.',
    failedTitle: '전달되지 않음',
    outcomes: {
      delivered: outcomeWord('delivered', 'ko'),
      rejected: `${outcomeWord('rejected', 'ko')} (REJECT 응답)`,
      dropped: `${outcomeWord('dropped', 'ko')} (DROP, 응답 없음)`,
      'no-route': outcomeWord('no-route', 'ko'),
    },
    olderScenario: '이전 버전의 시나리오로 실행한 결과입니다.',
    noScenario: '유효한 시나리오가 필요합니다.',
    running: (done, total) => `연결 ${total}개 중 ${done}개…`,
    finished: (connections, endpoints, ms) => `연결 ${connections}개가 엔드포인트 ${endpoints}개에 도착했습니다 (워커에서 ${ms} ms).`,
    cancelled: (done, total) => `연결 ${total}개 중 ${done}개에서 취소했습니다. 아래 수치는 그 연결들의 것입니다.`,
    evenShare: (k, percent) => `균등 비율 (1/${k}) = ${percent}: 트래픽을 받은 엔드포인트 ${k}개에 고르게 나눈 값`,
    scale: (percent) => `막대 눈금 0–${percent}`,
    shareOf: (delivered) => `전달된 연결 ${delivered}개 중 비율`,
  },
};
