/** The clock's words: durations as people write them in both languages, counts without particles. */
import { describe, expect, it } from 'vitest';
import { clockMessages, WAIT_PRESETS } from './clock-messages';

describe('clock messages', () => {
  it('names the presets in each language', () => {
    expect(WAIT_PRESETS.map((s) => clockMessages('en').preset(s))).toEqual(['1 s', '30 s', '2 min']);
    expect(WAIT_PRESETS.map((s) => clockMessages('ko').preset(s))).toEqual(['1초', '30초', '2분']);
    expect(clockMessages('ko').preset(5400)).toBe('1시간 30분');
    expect(clockMessages('en').preset(7.5)).toBe('7.5 s');
  });

  it('says what a wait and a cleanup did', () => {
    expect(clockMessages('en').waited({ seconds: 120, expired: 2 })).toBe('Waited 2 min: 2 entries expired.');
    expect(clockMessages('en').waited({ seconds: 1, expired: 1 })).toBe('Waited 1 s: 1 entry expired.');
    expect(clockMessages('ko').waited({ seconds: 120, expired: 0 })).toBe('2분 기다림: 만료된 엔트리 없음.');
    expect(clockMessages('ko').cleaned(1)).toContain('UDP 엔트리 1개');
  });
});
