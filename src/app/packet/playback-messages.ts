/**
 * The words of decision-paced playback, in English and Korean: the Next decision button, the fold
 * toggle, and the sentences of folded playback steps (a hop's own sentence comes from narration.ts).
 * Korean particles here follow fixed syllables (개, 단계), never a variable.
 */
import type { Lang } from './messages';

export interface PlaybackMessages {
  readonly nextDecision: string;
  readonly nextDecisionHint: string;
  readonly hideNonMatching: string;
  readonly hideNonMatchingHint: string;
  /** A playback step that changes the packet or decides its fate. */
  readonly decision: string;
  /** A folded run of rules that did not match. */
  readonly rulesFolded: (p: { readonly where: string; readonly count: number; readonly from: number; readonly to: number }) => string;
  /** A later packet played as one step: its first and last hops' sentences. */
  readonly packetFolded: (p: { readonly first: string; readonly last: string; readonly hops: number }) => string;
  readonly openRules: (count: number) => string;
  readonly openPacket: (hops: number) => string;
  /** The conntrack panel while a packet is under way. */
  readonly conntrackDuring: (label: string) => string;
}

const en: PlaybackMessages = {
  nextDecision: 'Next decision',
  nextDecisionHint: 'Next decision: the next hop that changes the packet or decides its fate (N)',
  hideNonMatching: 'Hide rules that did not match',
  hideNonMatchingHint: 'Fold runs of rules that did not match, and play each later packet of the connection as one step. Off: every rule, one by one.',
  decision: 'decision',
  rulesFolded: ({ where, count, from, to }) => (count === 1 ? `${where}: 1 rule did not match (rule ${from})` : `${where}: ${count} rules did not match (rules ${from}–${to})`),
  packetFolded: ({ first, last, hops }) => `${first} … ${last} (${hops} hops in one step)`,
  openRules: (count) => (count === 1 ? 'Show the rule' : `Show the ${count} rules`),
  openPacket: (hops) => `Play its ${hops} hops`,
  conntrackDuring: (label) => `during ${label}, as this hop left them`,
};

const ko: PlaybackMessages = {
  nextDecision: '다음 결정',
  nextDecisionHint: '다음 결정: 패킷을 바꾸거나 운명을 정하는 다음 홉으로 (N)',
  hideNonMatching: '일치하지 않은 규칙 숨기기',
  hideNonMatchingHint: '일치하지 않은 규칙이 이어지면 하나로 접고, 연결의 뒤쪽 패킷은 패킷마다 한 단계로 재생합니다. 끄면 규칙을 하나씩 모두 봅니다.',
  decision: '결정',
  rulesFolded: ({ where, count, from, to }) => (count === 1 ? `${where}: 규칙 1개 불일치 (규칙 ${from})` : `${where}: 규칙 ${count}개 모두 불일치 (규칙 ${from}–${to})`),
  packetFolded: ({ first, last, hops }) => `${first} … ${last} (홉 ${hops}개를 한 단계로)`,
  openRules: (count) => `규칙 ${count}개 펼치기`,
  openPacket: (hops) => `홉 ${hops}개 하나씩 보기`,
  conntrackDuring: (label) => `${label} 진행 중, 이 홉 직후`,
};

export function playbackMessages(lang: Lang): PlaybackMessages {
  return lang === 'ko' ? ko : en;
}

/** `nat PREROUTING` or `nat PREROUTING → KUBE-SERVICES`, as the narration names a place. */
export function placeOf(hop: { readonly table: string; readonly hook: string; readonly chain: string }): string {
  return hop.chain === hop.hook ? `${hop.table} ${hop.hook}` : `${hop.table} ${hop.hook} → ${hop.chain}`;
}
