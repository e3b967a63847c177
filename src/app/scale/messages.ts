/** The scale lab's words, English and Korean side by side. */
import type { Lang } from '../lang';

export type ScaleMetric = 'evaluated' | 'lines' | 'time' | 'latency';

interface ScaleMessages {
  readonly button: string;
  readonly title: string;
  readonly close: string;
  readonly intro: string;
  readonly upTo: string;
  readonly services: (n: string) => string;
  readonly run: string;
  readonly cancel: string;
  readonly cancelling: string;
  readonly progressLabel: string;
  readonly progress: (done: number, total: number, services: string, mode: string) => string;
  readonly finished: (points: number, seconds: string) => string;
  readonly cancelled: (points: number, total: number) => string;
  readonly failed: (why: string) => string;
  readonly metricLabel: string;
  readonly metric: Readonly<Record<ScaleMetric, string>>;
  readonly yAxis: Readonly<Record<ScaleMetric, string>>;
  readonly xAxis: string;
  readonly yScale: string;
  readonly logarithmic: string;
  readonly linear: string;
  readonly chartLabel: (metric: string) => string;
  readonly legend: string;
  readonly readOff: string;
  readonly readOffWork: string;
  readonly shape: string;
  readonly tableTitle: string;
  readonly columns: {
    readonly services: string;
    readonly mode: string;
    readonly rules: string;
    readonly lookups: string;
    readonly total: string;
    readonly lines: string;
    readonly chains: string;
    readonly sets: string;
    readonly time: string;
    readonly latency: string;
  };
  readonly modelTitle: string;
  readonly model: (baseUs: string, perRuleNs: string) => string;
  readonly published: string;
  readonly publishedRow: (services: string, p50: string, p99: string) => string;
  readonly blogWords: string;
  readonly proposal: string;
  readonly calibrated: (min: string, avg: string, iptables: string) => string;
  readonly timeNote: string;
  readonly noData: string;
}

export const scaleMessages: Readonly<Record<Lang, ScaleMessages>> = {
  en: {
    button: 'Scale lab',
    title: 'Scale lab: why did kube-proxy change?',
    close: 'Close',
    intro:
      'The engine builds synthetic clusters of 10 to 30,000 Services (one endpoint each, one node), generates and loads kube-proxy’s rules in each mode, and sends one new connection from a pod to the Service whose rule comes last, counting every rule and lookup the kernel would evaluate.',
    upTo: 'Up to',
    services: (n) => `${n} Services`,
    run: 'Run the sweep',
    cancel: 'Cancel',
    cancelling: 'Cancelling…',
    progressLabel: 'Sweep progress',
    progress: (done, total, services, mode) => `${done} of ${total} measured: ${services} Services, ${mode}`,
    finished: (points, seconds) => `${points} points measured in ${seconds} s.`,
    cancelled: (points, total) => `Cancelled after ${points} of ${total} points.`,
    failed: (why) => `The sweep failed: ${why}`,
    metricLabel: 'Show',
    metric: {
      evaluated: 'Rules and lookups per new connection',
      lines: 'Programming work: lines written',
      time: 'Programming work: generate + load time',
      latency: 'Modelled first-packet latency',
    },
    yAxis: {
      evaluated: 'rules + lookups evaluated for one new connection',
      lines: 'lines written to program the node',
      time: 'ms to generate and load (this browser)',
      latency: 'modelled latency, µs (a model, see below)',
    },
    xAxis: 'Services in the cluster (logarithmic)',
    yScale: 'y axis',
    logarithmic: 'logarithmic',
    linear: 'linear',
    chartLabel: (metric) => `Chart: ${metric} against the number of Services, one line per kube-proxy mode`,
    legend: 'Modes',
    readOff:
      'iptables reads one KUBE-SERVICES rule per Service before it finds its own: the work grows in proportion to the Services. nftables looks the destination up in one verdict map and IPVS in its hash table: the same few steps at 10 and at 30,000 Services.',
    readOffWork:
      'Every mode writes more as the Services grow: the ruleset is proportional to the Services and endpoints in all three. What differs is the work per packet (the first view), and on a real node how much each update resends: iptables-restore the whole table, nftables only what changed.',
    shape: 'On logarithmic axes a line rising one decade per decade grows in proportion; a flat line stays constant.',
    tableTitle: 'The numbers behind the chart',
    columns: {
      services: 'Services',
      mode: 'mode',
      rules: 'rules evaluated',
      lookups: 'lookups',
      total: 'rules + lookups',
      lines: 'lines written',
      chains: 'chains',
      sets: 'sets / maps (elements)',
      time: 'generate + load, ms',
      latency: 'modelled µs',
    },
    modelTitle: 'Modelled latency: a model, not a measurement',
    model: (baseUs, perRuleNs) =>
      `modelled first-packet latency = ${baseUs} µs + ${perRuleNs} ns × (rules + lookups the engine counted). Both constants come from the Kubernetes blog post “NFTables mode for kube-proxy” (2025-02-28): the base is the nftables median, which the post says is “about the same as the best-case (p01) latency for iptables” at 5,000 and 10,000 Services; the cost per rule is fitted to the post’s iptables medians, assuming the median connection reads half of KUBE-SERVICES.`,
    published: 'The post’s iptables chart (first-packet round-trip time, ms, read off the bars):',
    publishedRow: (services, p50, p99) => `${services} Services: p50 ${p50} ms, p99 ${p99} ms`,
    blogWords: '“In the 30,000 Service cluster, the worst-case latency for nftables manages to beat out the best-case latency for iptables by a few microseconds!” and nftables “has the same performance as IPVS mode (actually, slightly better)”.',
    proposal: 'Programming: the 2017 proposal for IPVS mode (kubernetes/community#692) measured adding one iptables rule at 2 ms with 1 Service, 11 min with 5,000 and 5 hours with 20,000.',
    calibrated: (min, avg, iptables) =>
      `Measured on the machine this lab was built on (${iptables}, kpl bench --sweep --calibrate): the kernel reads one non-matching rule in ${min}–${avg} ns, about half the blog’s fitted cost, which includes a real node’s whole path.`,
    timeNote: 'Times are this browser’s engine on this machine (wall clock in the worker), not a kernel’s.',
    noData: 'Run the sweep to draw the chart.',
  },
  ko: {
    button: '규모 실험',
    title: '규모 실험: kube-proxy는 왜 바뀌었을까?',
    close: '닫기',
    intro:
      '엔진이 서비스 10개부터 30,000개까지의 합성 클러스터(서비스마다 엔드포인트 1개, 노드 1개)를 만들고, 모드마다 kube-proxy 규칙을 생성해 적재한 뒤, 파드에서 규칙이 맨 마지막에 있는 서비스로 새 연결 하나를 보내 커널이 평가할 규칙과 조회를 하나하나 셉니다.',
    upTo: '최대',
    services: (n) => `서비스 ${n}개`,
    run: '실험 실행',
    cancel: '취소',
    cancelling: '취소하는 중…',
    progressLabel: '실험 진행률',
    progress: (done, total, services, mode) => `${total}개 중 ${done}개 측정: 서비스 ${services}개, ${mode}`,
    finished: (points, seconds) => `${points}개 지점을 ${seconds}초 만에 측정했습니다.`,
    cancelled: (points, total) => `${total}개 중 ${points}개 지점에서 취소했습니다.`,
    failed: (why) => `실험이 실패했습니다: ${why}`,
    metricLabel: '보기',
    metric: {
      evaluated: '새 연결 하나당 규칙과 조회',
      lines: '프로그래밍 작업: 작성한 줄 수',
      time: '프로그래밍 작업: 생성 + 적재 시간',
      latency: '모델로 본 첫 패킷 지연',
    },
    yAxis: {
      evaluated: '새 연결 하나에 평가한 규칙 + 조회',
      lines: '노드를 프로그래밍하려고 쓴 줄 수',
      time: '생성과 적재에 걸린 ms (이 브라우저)',
      latency: '모델 지연, µs (모델입니다, 아래 참고)',
    },
    xAxis: '클러스터의 서비스 수 (로그 눈금)',
    yScale: 'y축',
    logarithmic: '로그',
    linear: '선형',
    chartLabel: (metric) => `차트: 서비스 수에 따른 ${metric}, kube-proxy 모드마다 선 하나`,
    legend: '모드',
    readOff:
      'iptables는 자기 규칙을 찾기 전에 서비스마다 KUBE-SERVICES 규칙을 하나씩 읽습니다. 그래서 일이 서비스 수에 비례해 늘어납니다. nftables는 verdict map 하나에서, IPVS는 해시 테이블에서 목적지를 찾습니다. 서비스가 10개든 30,000개든 같은 몇 단계입니다.',
    readOffWork:
      '서비스가 늘면 세 모드 모두 더 많이 씁니다. 규칙 집합은 세 모드 모두 서비스와 엔드포인트 수에 비례합니다. 다른 것은 패킷 하나당 일(첫 번째 보기)과, 실제 노드에서 갱신할 때마다 다시 보내는 양입니다. iptables-restore는 테이블 전체를, nftables는 바뀐 것만 보냅니다.',
    shape: '로그 축에서 한 자릿수 오를 때 한 자릿수 오르는 선은 비례해서 늘어나고, 평평한 선은 일정합니다.',
    tableTitle: '차트 뒤의 숫자',
    columns: {
      services: '서비스',
      mode: '모드',
      rules: '평가한 규칙',
      lookups: '조회',
      total: '규칙 + 조회',
      lines: '작성한 줄',
      chains: '체인',
      sets: 'set / map (원소)',
      time: '생성 + 적재, ms',
      latency: '모델 µs',
    },
    modelTitle: '모델 지연: 측정값이 아니라 모델입니다',
    model: (baseUs, perRuleNs) =>
      `모델 첫 패킷 지연 = ${baseUs} µs + ${perRuleNs} ns × (엔진이 센 규칙 + 조회). 두 상수는 쿠버네티스 블로그 글 “NFTables mode for kube-proxy”(2025-02-28)에서 왔습니다. 기준값은 서비스 5,000개와 10,000개에서 “iptables의 최선(p01) 지연과 거의 같다”고 한 nftables 중앙값이고, 규칙당 비용은 중앙값 연결이 KUBE-SERVICES의 절반을 읽는다고 보고 글의 iptables 중앙값에 맞춘 값입니다.`,
    published: '글의 iptables 차트 (첫 패킷 왕복 시간, ms, 막대에서 읽은 값):',
    publishedRow: (services, p50, p99) => `서비스 ${services}개: p50 ${p50} ms, p99 ${p99} ms`,
    blogWords: '“서비스 30,000개 클러스터에서는 nftables의 최악 지연이 iptables의 최선 지연보다 몇 마이크로초 빠르다”고 하고, nftables가 “IPVS 모드와 성능이 같다(실은 조금 더 낫다)”고 합니다.',
    proposal: '프로그래밍: 2017년 IPVS 모드 제안(kubernetes/community#692)은 iptables 규칙 하나를 추가하는 데 서비스 1개일 때 2 ms, 5,000개일 때 11분, 20,000개일 때 5시간이 걸렸다고 측정했습니다.',
    calibrated: (min, avg, iptables) =>
      `이 실험실을 만든 기계에서 잰 값(${iptables}, kpl bench --sweep --calibrate): 커널은 맞지 않는 규칙 하나를 ${min}–${avg} ns에 읽습니다. 실제 노드의 전체 경로가 들어간 블로그 기반 비용의 절반쯤입니다.`,
    timeNote: '시간은 이 기계의 이 브라우저에서 엔진이 걸린 시간(워커의 실제 시간)이지 커널의 시간이 아닙니다.',
    noData: '실험을 실행하면 차트를 그립니다.',
  },
};
