import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../scenarios/lessons/index';
import { EngineSession } from '../worker/engine-session';
import type { TraceView } from '../worker/api';
import { fateText, outcomeSentence, outcomeWord, packetLabel } from './outcome-text';

const yamlOf = (id: string): string => readFileSync(join(import.meta.dirname, '../scenarios/lessons', `${id}.yaml`), 'utf8');
const HANGUL = /[\uac00-\ud7a3]/;

/** Every connection of every lesson, traced as the page gets it: delivered, rejected and dropped packets among them. */
function lessonTraces(): { readonly id: string; readonly trace: TraceView }[] {
  const out: { id: string; trace: TraceView }[] = [];
  for (const lesson of LESSONS) {
    const session = new EngineSession();
    session.load(yamlOf(lesson.id));
    for (const send of lesson.sends) {
      if (send.kind !== 'connection' || send.continues) continue;
      session.resetNetwork();
      const r = session.trace({ from: send.from, to: send.to, seed: send.seed ?? 1, ...(send.via ? { via: send.via } : {}), ...(send.protocol ? { protocol: send.protocol } : {}) });
      if (r.ok) out.push({ id: `${lesson.id}/${send.id}`, trace: r.trace });
    }
  }
  return out;
}

describe('outcomes and fates in the UI language, from the trace\'s data', () => {
  const traces = lessonTraces();

  it('covers every kind of end the lessons show', () => {
    const kinds = new Set(traces.flatMap((t) => t.trace.packets.map((p) => p.fate.kind)));
    expect([...kinds].sort()).toEqual(['delivered', 'dropped', 'rejected']);
  });

  it('says every packet\'s end in English and in Korean, never with the engine\'s English text', () => {
    for (const { id, trace } of traces) {
      for (const p of trace.packets) {
        const en = fateText(p, 'en');
        const ko = fateText(p, 'ko');
        expect(en.text, id).toMatch(/^The .+\.$/);
        expect(ko.text, `${id} ${p.label}`).toMatch(HANGUL);
        expect(ko.text).not.toContain(p.fate.text);
        // Outside names, addresses and UPPERCASE terms, no Latin words but the table names and ICMP's `echo` (the UI's 'echo 요청').
        const prose = ko.text.replace(/[\w.:/-]*[\d-][\w.:/-]*/g, ' ').replace(/\b[A-Z][A-Z0-9_-]+\b/g, ' ');
        expect((prose.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !['nat', 'filter', 'conntrack', 'echo'].includes(w)), ko.text).toEqual([]);
        if (p.fate.rule !== undefined && !p.fate.rule.startsWith('policy')) expect(ko.rule, id).toBe(p.fate.rule);
      }
    }
  });

  it('names the rule, chain and node that decided a drop', () => {
    const dropped = traces.flatMap((t) => t.trace.packets).find((p) => p.fate.kind === 'dropped' && p.fate.rule);
    expect(dropped).toBeDefined();
    const en = fateText(dropped!, 'en').text;
    expect(en).toContain(`dropped on ${dropped!.fate.node}`);
    expect(en).toMatch(/by (a DROP rule in|the policy of) (filter|nat) /);
    expect(fateText(dropped!, 'ko').text).toContain(`${dropped!.fate.node} 노드에서`);
  });

  it('has a word and a sentence for every outcome, and translates the packets\' word labels', () => {
    for (const o of ['delivered', 'rejected', 'dropped', 'no-route'] as const) {
      expect(outcomeWord(o, 'ko')).toMatch(HANGUL);
      expect(outcomeSentence(o, 'ko')).toMatch(HANGUL);
      expect(outcomeSentence(o, 'en')).toMatch(/^The connection/);
    }
    expect(['SYN', 'request', 'response', 'query', 'last ACK', 'ICMP port unreachable', 'RST'].map((l) => packetLabel(l, 'ko'))).toEqual([
      'SYN',
      '요청',
      '응답',
      '질의',
      '마지막 ACK',
      'ICMP 포트 도달 불가',
      'RST',
    ]);
    expect(packetLabel('request', 'en')).toBe('request');
  });
});
