import { describe, expect, it } from 'vitest';
import { finalOf, particle, withParticle } from './particles';

describe('Korean particles follow the preceding word as it is read', () => {
  it.each([
    // Hangul: the last syllable's final consonant.
    ['서비스', '을/를', '를'],
    ['엔드포인트', '이/가', '가'],
    ['규칙', '을/를', '을'],
    ['체인', '으로/로', '으로'],
    ['레일', '으로/로', '로'],
    // Numbers and addresses are read as Sino-Korean numerals.
    ['10.10.1.2:80', '을/를', '을'], // 팔십
    ['715827883', '으로/로', '으로'], // 삼
    ['0x4000', '으로/로', '으로'], // 천
    ['30080', '으로/로', '으로'], // 삼만 팔십
    ['32008', '으로/로', '로'], // 팔 (ㄹ)
    ['10.96.0.10', '이/가', '이'], // 십
    ['2', '이/가', '가'], // 이
    ['1', '으로/로', '로'], // 일 (ㄹ)
    ['7', '으로/로', '로'], // 칠 (ㄹ)
    ['6', '을/를', '을'], // 육
    ['20000', '으로/로', '으로'], // 이만
    ['0', '이/가', '이'], // 영
    // Chain names and acronyms letter by letter.
    ['KUBE-SVC-KBDEBIL6IU6WL7RF', '으로/로', '로'], // 에프
    ['KUBE-SERVICES', '을/를', '를'], // 에스
    ['KUBE-MARK-MASQ', '으로/로', '로'], // 큐
    ['DNAT', '을/를', '를'], // 티
    ['KUBE-SEP-XYZL', '으로/로', '로'], // 엘 (ㄹ)
    ['NAT', '이/가', '가'],
    ['RETURN', '을/를', '을'], // 엔
    // Lowercase words as words.
    ['masquerade', '을/를', '를'],
    ['svc-clusterip', '이/가', '가'],
    ['tcp', '으로/로', '로'],
    ['ping', '을/를', '을'],
    ['kube-system', '으로/로', '으로'],
  ] as const)('%s + %s → %s', (word, pair, expected) => {
    expect(particle(word, pair)).toBe(expected);
  });

  it('writes the particle straight after the word', () => {
    expect(withParticle('10.10.1.2:80', '을/를')).toBe('10.10.1.2:80을');
    expect(withParticle('KUBE-SVC-KBDEBIL6IU6WL7RF', '으로/로')).toBe('KUBE-SVC-KBDEBIL6IU6WL7RF로');
  });

  it('skips closing punctuation and quotes', () => {
    expect(finalOf('“서비스”')).toBe('none');
    expect(finalOf('(규칙)')).toBe('other');
    expect(particle('`DNAT`', '을/를')).toBe('를');
  });
});
