/** The chain graph's own words in English and Korean. Chain names, targets and addresses stay as printed. */
import type { Lang } from '../packet/messages';

export interface GraphMessages {
  readonly rules: (n: number) => string;
  /** An nftables verdict map's size. */
  readonly elements: (n: number) => string;
  readonly policy: (p: string) => string;
  /** An endpoint chain's place in its Service chain: `rule 2`. */
  readonly ruleBadge: (n: number) => string;
  readonly ruleBadgeTitle: (n: number, chain: string) => string;
  readonly minimap: string;
  readonly find: string;
  readonly findPlaceholder: string;
  readonly shown: (shown: number, all: number) => string;
  readonly noMatch: string;
  readonly services: string;
  readonly chains: (n: number) => string;
  readonly endpoints: (n: number) => string;
  readonly expand: (service: string) => string;
  readonly backToAll: string;
}

export const graphMessages: Readonly<Record<Lang, GraphMessages>> = {
  en: {
    rules: (n) => (n === 1 ? '1 rule' : `${n} rules`),
    elements: (n) => (n === 1 ? '1 element' : `${n} elements`),
    policy: (p) => `policy ${p}`,
    ruleBadge: (n) => `rule ${n}`,
    ruleBadgeTitle: (n, chain) => `rule ${n} of ${chain}: the kernel tries the endpoints in this order`,
    minimap: 'Where the view is in the chain graph',
    find: 'Find a Service',
    findPlaceholder: 'name, IP or port',
    shown: (shown, all) => (shown === all ? `${all} Services` : `${shown} of ${all} Services`),
    noMatch: 'No Service matches.',
    services: 'Services',
    chains: (n) => (n === 1 ? '1 chain' : `${n} chains`),
    endpoints: (n) => (n === 1 ? '1 endpoint' : `${n} endpoints`),
    expand: (service) => `Show the chains of ${service}`,
    backToAll: '← All services',
  },
  ko: {
    rules: (n) => `규칙 ${n}개`,
    elements: (n) => `원소 ${n}개`,
    policy: (p) => `정책 ${p}`,
    ruleBadge: (n) => `규칙 ${n}`,
    ruleBadgeTitle: (n, chain) => `${chain}의 규칙 ${n}: 커널은 엔드포인트를 이 순서대로 시도합니다`,
    minimap: '체인 그래프에서 지금 보는 위치',
    find: '서비스 찾기',
    findPlaceholder: '이름, IP 또는 포트',
    shown: (shown, all) => (shown === all ? `서비스 ${all}개` : `서비스 ${all}개 중 ${shown}개`),
    noMatch: '일치하는 서비스가 없습니다.',
    services: '서비스',
    chains: (n) => `체인 ${n}개`,
    endpoints: (n) => `엔드포인트 ${n}개`,
    expand: (service) => `${service} 체인 보기`,
    backToAll: '← 모든 서비스',
  },
};
