import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateClaim, runLesson } from '../../scenarios/lessons/check';
import { LESSONS, lessonById } from '../../scenarios/lessons/index';
import type { Claim } from '../../scenarios/lessons/types';
import { observedText } from './observed-text';

const yamlOf = (id: string): string => readFileSync(join(import.meta.dirname, '../../scenarios/lessons', `${id}.yaml`), 'utf8');
const HANGUL = /[\uac00-\ud7a3]/;
/** Words the reveal used to show bare; a sentence never is one of them. */
const RAW = /^(yes|no|printed|not printed|found \(\d+\)|matched \(\d+\)|no such rule matched|\(no entries\))$/;
/** Latin words of 3+ letters that may stand in Korean text: tool and table names, ICMP's `echo` (code-ish, kept as printed). */
const KO_ALLOWED = new Set(['nat', 'filter', 'conntrack', 'iptables', 'save', 'echo']);

function claimsOf(id: string): Claim[] {
  const lesson = lessonById(id)!;
  return lesson.questions.flatMap((q) => [q.answer, ...q.choices.flatMap((c) => (c.claim ? [c.claim] : []))]);
}

describe('the engine observed, as sentences', () => {
  it.each(LESSONS.map((l) => [l.id] as const))('%s: every claim reads as a sentence in English and in Korean', (id) => {
    const run = runLesson(lessonById(id)!, yamlOf(id));
    for (const claim of claimsOf(id)) {
      const { observed } = evaluateClaim(run, claim);
      const en = observedText(observed, 'en');
      const ko = observedText(observed, 'ko');
      expect(en.text, JSON.stringify(observed)).not.toMatch(RAW);
      expect(en.text, JSON.stringify(observed)).toMatch(/[.:]$/);
      expect(ko.text, JSON.stringify(observed)).toMatch(HANGUL);
      // Outside backticked code, names with digits or dashes (pods, nodes, addresses) and capitals (chains, targets, states).
      const prose = ko.text.replace(/`[^`]*`/g, ' ').replace(/[\w.:-]*[\d-][\w.:-]*/g, ' ').replace(/\b[A-Z][A-Z0-9_-]+\b/g, ' ');
      const latin = (prose.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !KO_ALLOWED.has(w));
      expect(latin, `${ko.text} (${JSON.stringify(observed)})`).toEqual([]);
      expect(ko.code).toEqual(en.code);
    }
  });

  it('says what the issue asks for, in words', () => {
    expect(observedText({ kind: 'natWalked', packet: 'ACK', rules: 0 }, 'en').text).toBe('nat rules walked for this ACK: 0.');
    expect(observedText({ kind: 'natWalked', packet: 'ACK', rules: 0 }, 'ko').text).toBe('이 ACK 패킷이 거친 nat 규칙: 0개.');
    expect(observedText({ kind: 'ruleMatched', packet: 'SYN', count: 1, table: 'filter', chain: 'INPUT', target: 'DROP' }, 'en').text).toBe(
      '1 DROP rule matched in filter INPUT for the SYN.',
    );
    expect(observedText({ kind: 'ruleMatched', packet: 'SYN', count: 1, table: 'filter', chain: 'INPUT', target: 'DROP' }, 'ko').text).toBe(
      'SYN 패킷에 대해 filter INPUT에서 일치한 DROP 규칙: 1개.',
    );
    const udp = { kind: 'conntrackEntry', node: 'n1', packet: 'query', original: '10.10.0.4:50367 → 10.200.1.10:53', entry: { protocol: 'udp', state: '', timeoutSeconds: 30, flags: [], nat: ['DNAT'] } } as const;
    expect(observedText(udp, 'en').text).toBe('Right after the query, n1’s entry for 10.10.0.4:50367 → 10.200.1.10:53 is a UDP entry, expiring in 30 s, with no flags; it holds DNAT.');
    expect(observedText(udp, 'ko').text).toBe('질의 패킷 직후 n1 노드의 10.10.0.4:50367 → 10.200.1.10:53 항목: UDP 항목, 남은 시간 30초, 플래그 없음, DNAT 변환 정보 있음.');
    expect(observedText({ kind: 'seenSource', ip: '172.18.0.3' }, 'ko').text).toBe('엔드포인트는 클라이언트 주소를 172.18.0.3으로 보았습니다.');
    expect(observedText({ kind: 'rulesPrint', node: 'n1', table: 'nat', format: 'S', includes: '-j KUBE-SVC-X', found: true }, 'en')).toEqual({ text: '`iptables -t nat -S` on n1 prints:', code: ['-j KUBE-SVC-X'] });
  });
});
