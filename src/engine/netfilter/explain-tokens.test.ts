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
    // `!` negates: the source is *outside* the range (issue 12 found the Korean saying "inside").
    expect(parts[1]!.words?.en).toBe('NOT (!): source address outside 10.10.0.0/16');
    expect(parts[1]!.words?.ko).toBe('부정(!): 출발지 주소가 10.10.0.0/16 밖에 있음');
    expect(parts[2]!.words?.ko).toBe('목적지 주소가 10.200.1.100/32 안에 있음');
    for (const p of parts) expect(line.slice(p.col - 1, p.endCol)).toBe(p.text);
  });

  it('explains the probability as the kernel stores it', () => {
    const parts = explainRuleParts('-A KUBE-SVC-X -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-A');
    const p = parts.find((x) => x.text.startsWith('--probability'))!;
    expect(p.words?.en).toContain('1 in 3');
    expect(p.words?.en).toContain('715827883');
    expect(p.words?.ko).toContain('3개 중 1개를');
    // Particles follow how the number is read, written straight after it: 칠백…팔십삼 → 으로, …사십구 → 로.
    expect(p.words?.ko).toContain('715827883으로 저장');
    expect(p.words?.ko).toContain('0.33333333349로 출력');
  });

  it('writes Korean particles after addresses and chain names as they are read, never after a space', () => {
    const words = (line: string) => explainRuleParts(line).map((x) => x.words?.ko ?? '');
    expect(words('-A KUBE-SEP-A -p tcp -j DNAT --to-destination 10.10.1.2:80')).toContain('DNAT: 목적지를 10.10.1.2:80으로 바꿉니다. 연결의 첫 패킷만 이 규칙에 오고, 나머지는 conntrack이 바꾸며 응답에서는 되돌립니다.');
    expect(words('-A KUBE-SERVICES -j KUBE-SVC-KBDEBIL6IU6WL7RF')[1]).toBe('체인 KUBE-SVC-KBDEBIL6IU6WL7RF로 점프합니다. 거기서 결정되지 않으면 돌아와 다음 규칙을 읽습니다.');
    expect(words('-A KUBE-SERVICES -j KUBE-SVC-ABCM')[1]).toMatch(/^체인 KUBE-SVC-ABCM으로 점프/);
    expect(words('-A KUBE-FIREWALL -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP')[2]).toBe('부정(!): conntrack 상태가 RELATED,ESTABLISHED,DNAT 중 어느 것도 아님');
    expect(words('-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN')[2]).toMatch(/^부정\(!\): 패킷 마크가 0x4000\/0x4000\(값\/마스크\)와 일치하지 않음/);
    for (const line of ['-A X -p tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable', '-A KUBE-SEP-X -m recent --name KUBE-SEP-X --set -m tcp -p tcp -j DNAT --to-destination 10.0.0.1:53', '-A X -j MARK --or-mark 0x4000', '-A X -j MASQUERADE --random-fully', '-A X -m set --match-set KUBE-A src -j ACCEPT'])
      for (const ko of words(line)) expect(ko, line).not.toMatch(/[\w:)"] (을|를|이|가|은|는|으로|로|에|에서|라는|이라는)(?![가-힣])/);
  });

  it('says --random-fully prevents clashes between connections on one node, not between nodes', () => {
    const p = explainRuleParts('-A KUBE-POSTROUTING -j MASQUERADE --random-fully').find((x) => x.text === '--random-fully')!;
    expect(p.words?.en).toContain('concurrent connections on this node');
    expect(p.words?.en).not.toContain('between nodes');
    expect(p.words?.ko).toContain('이 노드에서 동시에 생긴 연결들이');
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
