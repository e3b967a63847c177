/**
 * The packet UI's text in English and Korean: labels, and the narration templates (one sentence per step).
 * Terms of art stay as the tools print them in both languages: PREROUTING, DNAT, conntrack, ctstate,
 * chain names, targets. Korean sentences end in nouns or fixed verbs so no particle depends on a
 * variable's last syllable; a rule's own words (why it matched) come from the explanation catalog
 * (`engine/explain/catalog.ts`), whose Korean particles follow the values.
 */
import { withParticle } from '../../engine/explain/particles';
import type { Choice, HeaderField } from '../../worker/api';

/**
 * The UI languages (the same as i18n.ts's `Lang`; spelled out here so these pure modules, and their
 * Node tests, do not pull in the app store through i18n.ts).
 */
export type Lang = 'en' | 'ko';

interface Where {
  /** `nat PREROUTING` or `nat PREROUTING → KUBE-SERVICES`. */
  readonly where: string;
}

export interface PacketMessages {
  readonly from: string;
  readonly to: string;
  readonly protocol: string;
  /** The protocol picker's ICMP option: a ping. */
  readonly protocolPing: string;
  /** The protocol picker's other options (`tcp` as the CLI spells it; Korean text writes TCP). */
  readonly protocolOption: (p: string) => string;
  /** The typed destination's field, its hint and its button. */
  readonly typedTo: string;
  readonly typedToHint: string;
  readonly typedToApply: string;
  readonly via: string;
  readonly viaAuto: string;
  readonly send: string;
  readonly sending: string;
  readonly play: string;
  readonly pause: string;
  readonly step: string;
  readonly stepBack: string;
  readonly reset: string;
  readonly speed: string;
  readonly timeline: string;
  readonly reduceMotion: string;
  readonly packets: string;
  readonly idle: string;
  readonly packetEmpty: string;
  readonly conntrackEmpty: string;
  readonly conntrackNone: string;
  readonly conntrackSnapshot: (label: string) => string;
  readonly conntrackBefore: string;
  readonly rawTitle: string;
  readonly tableTitle: string;
  readonly flowEntries: (n: number) => string;
  readonly field: string;
  /** The header table's column names and the change line's field words (short: they head narrow columns). */
  readonly fields: Readonly<Record<HeaderField | 'proto', string>>;
  /** A protocol as shown in prose and tables (`tcp` as conntrack prints it, `TCP` in Korean text). */
  readonly protocolName: (p: string) => string;
  readonly before: string;
  readonly after: string;
  readonly changedBy: string;
  readonly unchanged: string;
  readonly fate: string;
  readonly inFlight: string;
  readonly outcome: string;
  readonly endpoint: string;
  readonly seenSource: string;
  readonly rulesEvaluated: string;
  readonly noEndpoint: string;
  /** The conntrack table's tuple labels: short, the column says they are directions (outcome-text's directionWord is the long form). */
  readonly original: string;
  readonly reply: string;
  readonly state: string;
  readonly nat: string;
  readonly flags: string;
  readonly timeout: string;
  readonly isNew: string;
  readonly isChanged: string;
  readonly step_n: (i: number, n: number) => string;
  readonly connectionN: (n: number) => string;
  readonly onNode: string;
  readonly ruleN: (i: number) => string;
  readonly policy: string;
  readonly packetList: string;
  readonly packetHere: string;
  readonly groups: Readonly<Record<Choice['group'], string>>;
  /** An nftables map lookup's row: the map, the key, and what a key without an element gives. */
  readonly lookupMap: string;
  readonly lookupKey: string;
  readonly anonymousMap: string;
  readonly noElement: string;
  // Narration
  readonly nSend: (p: { who: string; label: string; flow: string; proto: string }) => string;
  readonly nCtNew: (p: { node: string; hook: string }) => string;
  readonly nCtFound: (p: { node: string; hook: string; id: string; direction: string; ctstate: string }) => string;
  readonly nPolicy: (p: Where & { verdict: string; chain: string }) => string;
  /** IPVS took the packet at a hook (trace-view.ts shows it as a rule of table `ipvs`): `what` is ipvsHopText. */
  readonly nIpvs: (p: { hook: string; what: string }) => string;
  readonly nNoMatch: (p: Where & { why: string }) => string;
  readonly nDrawSkip: (p: Where & { endpoint: string; probability: string }) => string;
  readonly nSkipped: (p: Where & { from: number; to: number; count: number }) => string;
  readonly aJump: (p: { target: string }) => string;
  /** nft's `goto`: like a jump, but the chain's end returns past this chain. */
  readonly aGoto: (p: { target: string }) => string;
  readonly aDnat: (p: { from: string; to: string }) => string;
  readonly aSnat: (p: { target: string; from: string; to: string }) => string;
  readonly aMark: (p: { target: string; from: string; to: string }) => string;
  readonly aAccept: (p: { table: string; hook: string }) => string;
  readonly aDrop: string;
  readonly aReject: string;
  readonly aReturn: string;
  readonly aNoTarget: string;
  readonly aOther: (p: { target: string }) => string;
  readonly nNatEntry: (p: { node: string; hook: string; label: string; change: string }) => string;
  readonly nNatEntryNone: (p: { node: string; hook: string; label: string }) => string;
  readonly nRouteLocal: (p: { node: string; dst: string }) => string;
  readonly nRouteOut: (p: { node: string; dst: string; device: string; via?: string }) => string;
  readonly nRouteNone: (p: { node: string; dst: string }) => string;
  readonly nConfirm: (p: { node: string; hook: string; id: string }) => string;
  readonly nClash: (p: { node: string; hook: string; id: string }) => string;
  readonly nWire: (p: { from: string; to: string; device: string }) => string;
  readonly nDeliver: (p: { to: string; flow: string }) => string;
  /** The receiving stack finds no socket: it refuses the packet and answers (`answer`: RST, ICMP port unreachable). */
  readonly nRefuse: (p: { to: string; at: string; answer: string }) => string;
}

const en: PacketMessages = {
  from: 'From',
  to: 'To',
  protocol: 'Protocol',
  protocolPing: 'icmp (ping)',
  protocolOption: (p) => p,
  typedTo: 'Other destination',
  typedToHint: 'IP:PORT, NODE:PORT, or an address to ping',
  typedToApply: 'Use',
  via: 'Via',
  viaAuto: 'first worker',
  send: 'Send packet',
  sending: 'sending…',
  play: 'Play',
  pause: 'Pause',
  step: 'Step',
  stepBack: 'Step back',
  reset: 'Reset',
  speed: 'Speed',
  timeline: 'Timeline',
  reduceMotion: 'Reduce motion',
  packets: 'Packets',
  idle: 'Choose where the packet starts and where it goes, then Send packet.',
  packetEmpty: 'No packet yet. Pick From and To below and press Send packet: every rule the packet meets shows up here, its header before → after.',
  conntrackEmpty: 'No conntrack entries yet: they appear once a packet has crossed a node.',
  conntrackNone: 'No entries on this node.',
  conntrackSnapshot: (label) => `after ${label}`,
  conntrackBefore: 'before this connection',
  rawTitle: 'conntrack -L',
  tableTitle: 'Entries',
  flowEntries: (n) => `conntrack v1.4.8 (conntrack-tools): ${n} flow entries have been shown.`,
  field: 'field',
  fields: { proto: 'proto', src: 'src', sport: 'sport', dst: 'dst', dport: 'dport', mark: 'mark' },
  protocolName: (p) => p,
  before: 'before',
  after: 'after',
  changedBy: 'changed by',
  unchanged: 'header unchanged',
  fate: 'Fate',
  inFlight: 'in flight…',
  outcome: 'Outcome',
  endpoint: 'endpoint',
  seenSource: 'source the pod saw',
  rulesEvaluated: 'rules evaluated',
  noEndpoint: 'none',
  original: 'original',
  reply: 'reply',
  state: 'state',
  nat: 'NAT',
  flags: 'flags',
  timeout: 'timeout',
  isNew: 'new',
  isChanged: 'changed',
  step_n: (i, n) => `step ${i} / ${n}`,
  connectionN: (n) => `connection #${n}`,
  onNode: 'on',
  ruleN: (i) => `rule ${i}`,
  policy: 'policy',
  packetList: 'Packets of the connection',
  packetHere: 'packet here',
  groups: {
    pod: 'Pods',
    node: 'Nodes (a process on the node)',
    external: 'Outside the cluster',
    service: 'Services (cluster IP)',
    nodePort: 'NodePorts',
    loadBalancer: 'LoadBalancer IPs',
    externalIP: 'External IPs',
    podIP: 'Pod IPs (no Service)',
    typed: 'Typed by you',
  },
  lookupMap: 'map',
  lookupKey: 'key',
  anonymousMap: 'the rule’s own map { … }',
  noElement: 'no element: the rule does not match',
  nSend: ({ who, label, flow, proto }) => `${who} sends ${label}: ${flow} (${proto})`,
  nCtNew: ({ node, hook }) => `${node} ${hook}: conntrack has no entry for this flow, so it creates one (ctstate NEW)`,
  nCtFound: ({ node, hook, id, direction, ctstate }) => `${node} ${hook}: conntrack finds entry #${id}, ${direction} direction (ctstate ${ctstate})`,
  nPolicy: ({ where, verdict, chain }) => `${where}: no rule decided, so ${chain}'s policy ${verdict} applies`,
  nIpvs: ({ hook, what }) => `IPVS at ${hook}: \`${what}\``,
  nNoMatch: ({ where, why }) => `${where}: no match (${why}), next rule`,
  nDrawSkip: ({ where, endpoint, probability }) => `${where}: the random draw passes over endpoint ${endpoint} (probability ${probability}), next rule`,
  nSkipped: ({ where, from, to, count }) => `${where}: rules ${from}–${to} (${count}) do not match`,
  aJump: ({ target }) => `jump to ${target}`,
  aGoto: ({ target }) => `goto ${target} (no return to this chain)`,
  aDnat: ({ from, to }) => `DNAT: destination ${from} → ${to}`,
  aSnat: ({ target, from, to }) => `${target}: source ${from} → ${to}`,
  aMark: ({ target, from, to }) => `${target}: mark ${from} → ${to}`,
  aAccept: ({ table, hook }) => `ACCEPT: the packet passes ${table} ${hook}`,
  aDrop: 'DROP: the packet is discarded',
  aReject: 'REJECT: the packet is discarded and the sender gets an error back',
  aReturn: 'RETURN to the calling chain',
  aNoTarget: 'the rule has no target, so the packet goes on to the next rule',
  aOther: ({ target }) => `${target}, and the packet carries on`,
  nNatEntry: ({ node, hook, label, change }) => `${node} ${hook}: ${label} from the conntrack entry, no rule walked: ${change}`,
  nNatEntryNone: ({ node, hook, label }) => `${node} ${hook}: the conntrack entry has nothing to ${label.replace(/ \(conntrack\)$/, '')} and the nat table is not walked`,
  nRouteLocal: ({ node, dst }) => `${node} routing: ${dst} is this node's own address, delivered locally`,
  nRouteOut: ({ node, dst, device, via }) => `${node} routing: ${dst} leaves through ${device}${via ? ` via ${via}` : ''}`,
  nRouteNone: ({ node, dst }) => `${node} routing: no route to ${dst}`,
  nConfirm: ({ node, hook, id }) => `${node} ${hook}: conntrack confirms entry #${id}; it is now in the table`,
  nClash: ({ node, hook, id }) => `${node} ${hook}: conntrack cannot confirm entry #${id} (a clashing tuple), the packet is dropped`,
  nWire: ({ from, to, device }) => `on the wire: ${from} → ${to} through ${device}`,
  nDeliver: ({ to, flow }) => `${to} receives the packet: ${flow}`,
  nRefuse: ({ to, at, answer }) => `${to} receives the packet, but nothing listens on ${at}: its stack refuses it and answers with ${answer}`,
};

const ko: PacketMessages = {
  from: '출발',
  to: '목적지',
  protocol: '프로토콜',
  protocolPing: 'ICMP (핑)',
  protocolOption: (p) => p.toUpperCase(),
  typedTo: '다른 목적지',
  typedToHint: 'IP:PORT, NODE:PORT 또는 ping할 주소',
  typedToApply: '적용',
  via: '경유 노드',
  viaAuto: '첫 번째 워커',
  send: '패킷 보내기',
  sending: '보내는 중…',
  play: '재생',
  pause: '일시 정지',
  step: '한 단계',
  stepBack: '한 단계 뒤로',
  reset: '초기화',
  speed: '속도',
  timeline: '타임라인',
  reduceMotion: '움직임 줄이기',
  packets: '패킷',
  idle: '패킷의 출발지와 목적지를 고른 뒤 패킷 보내기를 누르세요.',
  packetEmpty: '아직 패킷이 없습니다. 아래에서 출발과 목적지를 고르고 패킷 보내기를 누르면, 패킷이 만나는 규칙마다 헤더의 전 → 후가 여기에 나타납니다.',
  conntrackEmpty: '아직 conntrack 엔트리가 없습니다. 패킷이 노드를 지나가면 나타납니다.',
  conntrackNone: '이 노드에는 엔트리가 없습니다.',
  conntrackSnapshot: (label) => `${label} 이후`,
  conntrackBefore: '이 연결 이전',
  rawTitle: 'conntrack -L',
  tableTitle: '엔트리',
  flowEntries: (n) => `conntrack v1.4.8 (conntrack-tools): ${n} flow entries have been shown.`,
  field: '필드',
  fields: { proto: '프로토콜', src: '출발지', sport: '출발지 포트', dst: '목적지', dport: '목적지 포트', mark: '마크' },
  protocolName: (p) => p.toUpperCase(),
  before: '전',
  after: '후',
  changedBy: '변경',
  unchanged: '헤더 변화 없음',
  fate: '결과',
  inFlight: '이동 중…',
  outcome: '연결 결과',
  endpoint: '엔드포인트',
  seenSource: '파드가 본 출발지',
  rulesEvaluated: '평가한 규칙 수',
  noEndpoint: '없음',
  original: '원래',
  reply: '응답',
  state: '상태',
  nat: 'NAT',
  flags: '플래그',
  timeout: '타임아웃',
  isNew: '새 엔트리',
  isChanged: '변경됨',
  step_n: (i, n) => `단계 ${i} / ${n}`,
  connectionN: (n) => `${n}번째 연결`,
  onNode: '노드',
  ruleN: (i) => `규칙 ${i}`,
  policy: '정책',
  packetList: '연결의 패킷',
  packetHere: '패킷 위치',
  groups: {
    pod: '파드',
    node: '노드 (노드의 프로세스)',
    external: '클러스터 외부',
    service: '서비스 (cluster IP)',
    nodePort: 'NodePort',
    loadBalancer: 'LoadBalancer IP',
    externalIP: 'External IP',
    podIP: '파드 IP (서비스 없음)',
    typed: '직접 입력',
  },
  lookupMap: '맵',
  lookupKey: '키',
  anonymousMap: '규칙 안의 맵 { … }',
  noElement: '원소 없음: 규칙 불일치',
  nSend: ({ who, label, flow, proto }) => `${who}에서 ${label} 전송: ${flow} (${proto})`,
  nCtNew: ({ node, hook }) => `${node} ${hook}: 이 흐름의 conntrack 엔트리가 없어 새로 만듦 (ctstate NEW)`,
  nCtFound: ({ node, hook, id, direction, ctstate }) => `${node} ${hook}: conntrack 엔트리 #${id} 발견, ${direction === 'reply' ? '응답 방향' : '원래 방향'} (ctstate ${ctstate})`,
  nPolicy: ({ where, verdict, chain }) => `${where}: 결정한 규칙이 없어 ${chain} 체인의 정책 ${verdict} 적용`,
  nIpvs: ({ hook, what }) => `${hook} 훅의 IPVS: \`${what}\``,
  nNoMatch: ({ where, why }) => `${where}: 일치하지 않음 (${why}), 다음 규칙으로`,
  nDrawSkip: ({ where, endpoint, probability }) => `${where}: 무작위 추첨에서 엔드포인트 ${endpoint} 탈락 (확률 ${probability}), 다음 규칙으로`,
  nSkipped: ({ where, from, to, count }) => `${where}: 규칙 ${from}–${to} (${count}개) 모두 불일치`,
  aJump: ({ target }) => `${target} 체인으로 점프`,
  aGoto: ({ target }) => `${target} 체인으로 goto (이 체인으로 돌아오지 않음)`,
  aDnat: ({ from, to }) => `DNAT: 목적지 ${from} → ${to}`,
  aSnat: ({ target, from, to }) => `${target}: 출발지 ${from} → ${to}`,
  aMark: ({ target, from, to }) => `${target}: 마크 ${from} → ${to}`,
  aAccept: ({ table, hook }) => `ACCEPT: 패킷이 ${table} ${hook} 통과`,
  aDrop: 'DROP: 패킷 폐기',
  aReject: 'REJECT: 패킷을 폐기하고 보낸 쪽에 오류 응답',
  aReturn: 'RETURN: 호출한 체인으로 복귀',
  aNoTarget: '타깃이 없는 규칙이라 패킷은 다음 규칙으로 진행',
  aOther: ({ target }) => `${target} 후 패킷은 계속 진행`,
  nNatEntry: ({ node, hook, label, change }) => `${node} ${hook}: 규칙을 보지 않고 conntrack 엔트리로 ${label}: ${change}`,
  nNatEntryNone: ({ node, hook, label }) => `${node} ${hook}: conntrack 엔트리에 적용할 ${label.replace(/ \(conntrack\)$/, '')} 변환이 없음, nat 테이블은 건너뜀`,
  nRouteLocal: ({ node, dst }) => `${node} 라우팅: ${dst} = 이 노드 자신의 주소, 로컬 전달`,
  nRouteOut: ({ node, dst, device, via }) => `${node} 라우팅: ${dst} 행 패킷의 출구 ${device}${via ? ` (${via} 경유)` : ''}`,
  nRouteNone: ({ node, dst }) => `${node} 라우팅: ${dst} 행 경로 없음`,
  nConfirm: ({ node, hook, id }) => `${node} ${hook}: conntrack 엔트리 #${id} 확정, 이제 테이블에 있음`,
  nClash: ({ node, hook, id }) => `${node} ${hook}: conntrack 엔트리 #${id} 확정 실패 (충돌하는 튜플), 패킷 폐기`,
  nWire: ({ from, to, device }) => `전송: ${from} → ${to} (${device})`,
  nDeliver: ({ to, flow }) => `${to} 도착: ${flow}`,
  nRefuse: ({ to, at, answer }) => `${to} 도착, 하지만 ${at}에서 듣고 있는 소켓이 없음: 커널이 거부하고 ${withParticle(answer, '으로/로')} 응답`,
};

const MESSAGES: Readonly<Record<Lang, PacketMessages>> = { en, ko };

export function packetMessages(lang: Lang): PacketMessages {
  return MESSAGES[lang];
}
