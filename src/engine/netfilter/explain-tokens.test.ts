import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainRuleParts } from './explain-tokens';

describe('explainRuleParts', () => {
  it('groups a kube-proxy rule into options, a negation with the option after it', () => {
    const line = '-A KUBE-SVC-KBDEBIL6IU6WL7RF ! -s 10.10.0.0/16 -d 10.200.1.100/32 -p tcp -m comment --comment "default/svc-clusterip:svc-webport cluster IP" -m tcp --dport 9000 -j KUBE-MARK-MASQ';
    const parts = explainRuleParts(line);
    expect(parts.map((p) => p.text)).toEqual([
      '-A KUBE-SVC-KBDEBIL6IU6WL7RF',
      '! -s 10.10.0.0/16',
      '-d 10.200.1.100/32',
      '-p tcp',
      '-m comment',
      '--comment "default/svc-clusterip:svc-webport cluster IP"',
      '-m tcp',
      '--dport 9000',
      '-j KUBE-MARK-MASQ',
    ]);
    expect(parts[1]!.words?.en).toBe('NOT: source address in 10.10.0.0/16');
    expect(parts[1]!.words?.ko).toBe('부정(!): 출발지 주소가 10.10.0.0/16 안에 있음');
    for (const p of parts) expect(line.slice(p.col - 1, p.endCol)).toBe(p.text);
  });

  it('explains the probability as the kernel stores it', () => {
    const parts = explainRuleParts('-A KUBE-SVC-X -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-A');
    const p = parts.find((x) => x.text.startsWith('--probability'))!;
    expect(p.words?.en).toContain('1 in 3');
    expect(p.words?.en).toContain('715827883');
    expect(p.words?.ko).toContain('3개 중 1개');
  });

  it('explains --set-xmark as the formula xt_MARK applies', () => {
    const parts = explainRuleParts('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000');
    expect(parts.map((p) => p.text)).toEqual(['-A KUBE-MARK-MASQ', '-j MARK', '--set-xmark 0x4000/0x4000']);
    expect(parts[2]!.words?.en).toMatch(/\(mark AND NOT 0x4000\) XOR 0x4000/);
  });

  it('treats option names that are Object.prototype keys as unknown options', () => {
    expect(explainRuleParts('__proto__ x -constructor y').map((p) => p.words)).toEqual([undefined, undefined]);
  });

  it('never throws and covers the line in order (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (line) => {
        const parts = explainRuleParts(line);
        let last = 0;
        for (const p of parts) {
          expect(p.col).toBeGreaterThan(last);
          expect(p.endCol).toBeGreaterThanOrEqual(p.col - 1);
          last = p.endCol;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
