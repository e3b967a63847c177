/**
 * Compare modes' words, English and Korean side by side. Names the tools print (chains, tables, hooks,
 * addresses, `numgen`, schedulers) go in `backticks`: shown as code, the same in both languages.
 */
import { particle } from '../../engine/explain/particles';
import type { DifferenceKind, EndpointChooser, FirstPacketEnd, ModeSummary } from '../../worker/api';
import type { Lang } from '../lang';

export interface CompareMessages {
  /** The button's visible words (its accessible name in English is `Compare modes`, DESIGN §5). */
  readonly button: string;
  readonly title: string;
  readonly close: string;
  readonly loading: string;
  readonly noPacket: string;
  /** `net-pod → svc-clusterip:9000`, what is compared. */
  readonly packet: (from: string, to: string, ping: boolean) => string;
  readonly intro: string;
  readonly modeNote: Readonly<Record<ModeSummary['mode'], string>>;
  readonly pathTitle: string;
  readonly hookLine: (rules: number, lookups: number) => string;
  readonly marks: { readonly dnat: string; readonly snat: string; readonly stop: string; readonly out: string };
  readonly wireTo: (to: string) => string;
  readonly receives: (by: string) => string;
  readonly rows: {
    readonly dnat: string;
    readonly chooser: string;
    readonly candidates: string;
    readonly work: string;
    readonly endpoint: string;
    readonly seen: string;
    readonly end: string;
  };
  readonly none: string;
  readonly dnatAt: (s: ModeSummary) => string;
  readonly chooser: (c: EndpointChooser) => string;
  readonly work: (s: ModeSummary) => string;
  readonly end: (e: FirstPacketEnd) => string;
  readonly differs: string;
  readonly differencesTitle: string;
  readonly noDifferences: string;
  readonly kind: Readonly<Record<DifferenceKind, string>>;
}

const code = (s: string | number): string => `\`${s}\``;

function dnatAt(s: ModeSummary, none: string): string {
  const d = s.dnat;
  if (!d) return none;
  return d.kind === 'ipvs' ? `${code(d.stage)} IPVS ${code(`${d.from} → ${d.to}`)}` : `${code(`${d.hook} ${d.table}`)} ${code(d.chain)}`;
}

const en: CompareMessages = {
  button: 'Compare modes',
  title: 'Compare modes: one packet in iptables, nftables and IPVS mode',
  close: 'Close',
  loading: 'Tracing the packet in the three modes…',
  noPacket: 'Choose where the packet starts and where it goes first (From, To).',
  packet: (from, to, ping) => `${code(from)} → ${code(to)}${ping ? ' (ping)' : ''}`,
  intro: 'The same connection on three fresh networks from the same seed; the first packet decides. What differs is marked ≠ and explained below.',
  modeNote: {
    iptables: 'kube-proxy writes iptables rules; the kernel reads them one by one.',
    nftables: 'kube-proxy writes one nftables table; Services are found by map lookups.',
    ipvs: 'Deprecated since Kubernetes 1.35 and planned for removal, yet still what many clusters and the study notes show.',
  },
  pathTitle: 'Path of the first packet',
  hookLine: (rules, lookups) => `${rules} rule${rules === 1 ? '' : 's'}${lookups > 0 ? ` + ${lookups} lookup${lookups === 1 ? '' : 's'}` : ''}`,
  marks: { dnat: 'DNAT', snat: 'SNAT', stop: 'stopped', out: 'out of the cluster, unanswered' },
  wireTo: (to) => `wire → ${code(to)}`,
  receives: (by) => `${code(by)} receives it`,
  rows: { dnat: 'DNAT at', chooser: 'Endpoint chosen by', candidates: 'Endpoints to choose from', work: 'Evaluated (first packet)', endpoint: 'Endpoint', seen: 'The endpoint sees the source', end: 'First packet' },
  none: 'none',
  dnatAt: (s) => dnatAt(s, 'nowhere'),
  chooser: (c) => {
    switch (c.kind) {
      case 'statistic':
        return c.affinity ? `${code('recent')} (sessionAffinity) in ${code(c.chain)}` : `${code('statistic')} probability cascade in ${code(c.chain)}: rule ${c.matched} of ${c.candidates.length}`;
      case 'numgen':
        return `${code(`numgen random mod ${c.modulus}`)} = ${code(c.value)}, one verdict-map lookup`;
      case 'scheduler':
        return `IPVS scheduler ${code(c.scheduler)}${c.persistent ? ' (persistent)' : ''}`;
    }
  },
  work: (s) => `${s.rulesEvaluated} rules${s.mapLookups > 0 ? ` + ${s.mapLookups} map lookups` : ''}${s.ipvsLookups > 0 ? ` + ${s.ipvsLookups} IPVS lookup${s.ipvsLookups === 1 ? '' : 's'}` : ''}`,
  end: (e) => {
    switch (e.kind) {
      case 'delivered':
        return `delivered to ${code(e.to)}`;
      case 'rejected':
        return e.by.kind === 'ipvs' ? `rejected: IPVS has no real server (${code(e.rejectWith)})` : `rejected by ${code(`${e.by.table} ${e.by.chain}`)} (${code(e.rejectWith)})`;
      case 'refused':
        return `refused: nothing listens on ${code(`${e.address}/${e.protocol}`)} at ${code(e.by)}`;
      case 'dropped':
        return `dropped by ${code(`${e.by.table} ${e.by.chain}`)}`;
      case 'unanswered':
        return `unanswered: nobody owns ${code(e.dst)}, the node routes it out`;
      case 'lost':
        return `lost: ${e.reason}`;
    }
  },
  differs: 'differs',
  differencesTitle: 'What differs, and why',
  noDifferences: 'The three modes agree on everything shown here.',
  kind: { outcome: 'Outcome', 'endpoint-set': 'Endpoints', endpoint: 'Endpoint picked', 'seen-source': 'Source seen', 'dnat-site': 'Where the DNAT happens', chooser: 'What chose the endpoint', work: 'Rules and lookups' },
};

const ko: CompareMessages = {
  button: '모드 비교',
  title: '모드 비교: 한 패킷을 iptables, `nftables`, IPVS 모드로',
  close: '닫기',
  loading: '세 모드로 패킷을 추적하는 중…',
  noPacket: '먼저 패킷의 출발지와 목적지를 고르세요.',
  packet: (from, to, ping) => `${code(from)} → ${code(to)}${ping ? ' (핑)' : ''}`,
  intro: '같은 시드로 새로 만든 세 네트워크에서 같은 연결을 보냅니다. 결정은 첫 패킷에서 납니다. 다른 곳은 ≠로 표시하고 아래에서 설명합니다.',
  modeNote: {
    iptables: 'kube-proxy가 iptables 규칙을 쓰고, 커널은 규칙을 하나씩 읽습니다.',
    nftables: `kube-proxy가 ${code('nftables')} 테이블 하나를 쓰고, 서비스는 맵 조회로 찾습니다.`,
    ipvs: '쿠버네티스 1.35부터 더 이상 권장되지 않고 제거될 예정이지만, 아직 많은 클러스터와 스터디 노트가 이 모드를 보여 줍니다.',
  },
  pathTitle: '첫 패킷의 경로',
  hookLine: (rules, lookups) => `규칙 ${rules}개${lookups > 0 ? ` + 조회 ${lookups}번` : ''}`,
  marks: { dnat: 'DNAT', snat: 'SNAT', stop: '멈춤', out: '클러스터 밖으로, 응답 없음' },
  wireTo: (to) => `선로 → ${code(to)}`,
  receives: (by) => `${code(by)}${particle(by, '이/가')} 받음`,
  rows: { dnat: 'DNAT 위치', chooser: '엔드포인트를 고른 것', candidates: '고를 수 있는 엔드포인트', work: '평가한 수(첫 패킷)', endpoint: '엔드포인트', seen: '엔드포인트가 보는 출발지', end: '첫 패킷' },
  none: '없음',
  dnatAt: (s) => dnatAt(s, '없음'),
  chooser: (c) => {
    switch (c.kind) {
      case 'statistic':
        return c.affinity ? `${code(c.chain)}의 ${code('recent')} 목록(sessionAffinity)` : `${code(c.chain)}의 ${code('statistic')} 확률 단계: 규칙 ${c.candidates.length}개 중 ${c.matched}번째`;
      case 'numgen':
        return `${code(`numgen random mod ${c.modulus}`)} = ${code(c.value)}, 판정 맵 조회 한 번`;
      case 'scheduler':
        return `IPVS 스케줄러 ${code(c.scheduler)}${c.persistent ? ' (지속 연결)' : ''}`;
    }
  },
  work: (s) => `규칙 ${s.rulesEvaluated}개${s.mapLookups > 0 ? ` + 맵 조회 ${s.mapLookups}번` : ''}${s.ipvsLookups > 0 ? ` + IPVS 조회 ${s.ipvsLookups}번` : ''}`,
  end: (e) => {
    switch (e.kind) {
      case 'delivered':
        return `${code(e.to)}에 도착`;
      case 'rejected':
        return e.by.kind === 'ipvs' ? `REJECT: IPVS에 실제 서버가 없음(${code(e.rejectWith)})` : `${code(`${e.by.table} ${e.by.chain}`)}에서 REJECT(${code(e.rejectWith)})`;
      case 'refused':
        return `거부: ${code(e.by)}의 ${code(`${e.address}/${e.protocol}`)}에서 기다리는 프로그램이 없음`;
      case 'dropped':
        return `${code(`${e.by.table} ${e.by.chain}`)}에서 DROP`;
      case 'unanswered':
        return `응답 없음: ${code(e.dst)}의 주인이 없어 노드가 밖으로 내보냄`;
      case 'lost':
        return '도착하지 못함';
    }
  },
  differs: '다름',
  differencesTitle: '무엇이 왜 다른가',
  noDifferences: '여기 보이는 것은 세 모드가 모두 같습니다.',
  kind: { outcome: '결과', 'endpoint-set': '엔드포인트 집합', endpoint: '고른 엔드포인트', 'seen-source': '보이는 출발지', 'dnat-site': 'DNAT 위치', chooser: '엔드포인트를 고르는 구조', work: '규칙과 조회 수' },
};

export const compareMessages: Readonly<Record<Lang, CompareMessages>> = { en, ko };
