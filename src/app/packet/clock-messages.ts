/**
 * The words of the simulated clock, in English and Korean: the Wait… control and the Conntrack panel's
 * note on what a wait or an endpoint change did. Korean sentences end in nouns or fixed verbs; counts are
 * followed by 개, so no particle depends on a variable.
 */
import type { Lang } from './messages';

export interface ClockMessages {
  /** The Wait… button's visible text (its accessible name stays `Wait…`). */
  readonly wait: string;
  readonly waitHint: string;
  /** A preset, e.g. `1 s`, `2 min`. */
  readonly preset: (seconds: number) => string;
  readonly custom: string;
  readonly seconds: string;
  readonly secondsUnit: string;
  readonly waitCustom: string;
  readonly waiting: string;
  /** The clock's reading, seconds since the network started. */
  readonly clock: (seconds: string) => string;
  readonly waited: (p: { readonly seconds: number; readonly expired: number }) => string;
  readonly noneExpired: string;
  /** `conntrack -E` heading over the expired entries. */
  readonly expiredHeading: string;
  readonly cleaned: (deleted: number) => string;
  readonly cleanupHeading: string;
  readonly tcpStays: string;
  /** The Conntrack panel's label for tables shown after a change rather than after a packet. */
  readonly tablesAfter: (kind: 'wait' | 'cleanup') => string;
}

/** A duration as people write it: 1 s, 30 s, 2 min, 1 h 30 min (in Korean without the gap: 30초, 2분, 1시간 30분). */
function spoken(seconds: number, units: { readonly s: string; readonly min: string; readonly h: string; readonly gap: string }): string {
  const h = Math.floor(seconds / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  const s = Math.round((seconds % 60) * 1000) / 1000;
  const parts = [...(h > 0 ? [`${h}${units.gap}${units.h}`] : []), ...(min > 0 ? [`${min}${units.gap}${units.min}`] : []), ...(s > 0 || (h === 0 && min === 0) ? [`${s}${units.gap}${units.s}`] : [])];
  return parts.join(' ');
}

const en: ClockMessages = {
  wait: 'Wait…',
  waitHint: 'Let time pass before the next connection: conntrack entries and session affinity expire by their timeouts.',
  preset: (seconds) => spoken(seconds, { s: 's', min: 'min', h: 'h', gap: ' ' }),
  custom: 'Other',
  seconds: 'Seconds',
  secondsUnit: 's',
  waitCustom: 'Wait',
  waiting: 'Waiting…',
  clock: (seconds) => `clock t = ${seconds} s`,
  waited: ({ seconds, expired }) => `Waited ${spoken(seconds, { s: 's', min: 'min', h: 'h', gap: ' ' })}: ${expired === 0 ? 'no entry expired' : expired === 1 ? '1 entry expired' : `${expired} entries expired`}.`,
  noneExpired: 'Every entry still has time left; see the countdown column.',
  expiredHeading: 'conntrack -E (the kernel reaped them)',
  cleaned: (deleted) => `You changed the endpoints; kube-proxy rewrote the rules and deleted ${deleted === 1 ? '1 stale UDP entry' : `${deleted} stale UDP entries`}.`,
  cleanupHeading: 'kube-proxy’s cleanup, as conntrack -D would do it',
  tcpStays: 'The other entries stay: kube-proxy never deletes TCP entries, and leaves a Service with no serving endpoint alone (v1.33).',
  tablesAfter: (kind) => (kind === 'wait' ? 'after the wait' : 'after the endpoint change'),
};

const ko: ClockMessages = {
  wait: '기다리기…',
  waitHint: '다음 연결 전에 시간을 흘려 보냅니다. conntrack 엔트리와 세션 어피니티가 각자의 타임아웃대로 만료됩니다.',
  preset: (seconds) => spoken(seconds, { s: '초', min: '분', h: '시간', gap: '' }),
  custom: '직접 입력',
  seconds: '초',
  secondsUnit: '초',
  waitCustom: '기다리기',
  waiting: '기다리는 중…',
  clock: (seconds) => `시계 t = ${seconds}초`,
  waited: ({ seconds, expired }) => `${spoken(seconds, { s: '초', min: '분', h: '시간', gap: '' })} 기다림: ${expired === 0 ? '만료된 엔트리 없음' : `엔트리 ${expired}개 만료`}.`,
  noneExpired: '모든 엔트리에 아직 시간이 남아 있습니다. 남은 시간 열을 보세요.',
  expiredHeading: 'conntrack -E (커널이 정리한 엔트리)',
  cleaned: (deleted) => `엔드포인트를 바꿨습니다. kube-proxy가 규칙을 다시 쓰고 오래된 UDP 엔트리 ${deleted}개를 지웠습니다.`,
  cleanupHeading: 'kube-proxy의 정리 (conntrack -D로 하면 이렇게)',
  tcpStays: '다른 엔트리는 남습니다. kube-proxy는 TCP 엔트리를 지우지 않고, 서빙 중인 엔드포인트가 하나도 없는 서비스는 건드리지 않습니다 (v1.33).',
  tablesAfter: (kind) => (kind === 'wait' ? '기다린 뒤' : '엔드포인트 변경 뒤'),
};

export function clockMessages(lang: Lang): ClockMessages {
  return lang === 'ko' ? ko : en;
}

/** The presets the Wait… control offers, in seconds. */
export const WAIT_PRESETS = [1, 30, 120] as const;
