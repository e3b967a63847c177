import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../worker/engine-session';
import type { RuleDetails, RuleFormat } from '../../worker/api';
import { createDetailsCache, type DetailsKey } from './details-cache';
import { indexRuleLines, partAt, placeParts, wholeLines } from './line-map';
import { placeTooltip } from './place';

const scenario = readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8');
const session = new EngineSession();
const summary = session.load(scenario);
const NODE = summary.defaultNode!;
const linesOf = (format: RuleFormat, table: 'nat' | 'filter' = 'nat'): string[] => session.rules(NODE, table, format).split('\n');

describe('a printed line is the rule the worker explains', () => {
  for (const format of ['S', 'save'] as const) {
    it(`every -A line of ${format} maps to the rule whose -S text it is`, () => {
      const lines = linesOf(format);
      const at = indexRuleLines(lines, format);
      let rules = 0;
      lines.forEach((line, i) => {
        const rule = at(i);
        expect(rule === undefined, line).toBe(!line.startsWith('-A '));
        if (!rule) return;
        rules++;
        expect(session.ruleDetails(NODE, 'nat', rule.chain, rule.index)?.text).toBe(line);
      });
      expect(rules).toBeGreaterThan(20);
    });
  }

  it('-L rows map by chain header and row number; headers, titles and blank lines are no rule', () => {
    const lines = linesOf('L');
    const at = indexRuleLines(lines, 'L');
    const header = lines.findIndex((l) => l.startsWith('Chain KUBE-SVC-KBDEBIL6IU6WL7RF ('));
    expect(at(header)).toBeUndefined();
    expect(at(header + 1)).toBeUndefined();
    expect(at(header + 2)).toEqual({ chain: 'KUBE-SVC-KBDEBIL6IU6WL7RF', index: 0 });
    const second = at(header + 3)!;
    expect(lines[header + 3]).toContain('probability 0.33333333349');
    expect(session.ruleDetails(NODE, 'nat', second.chain, second.index)?.text).toContain('--probability 0.33333333349');
    expect(lines.filter((_, i) => at(i) !== undefined)).toHaveLength(linesOf('S').filter((l) => l.startsWith('-A ')).length);
    expect(lines.every((l, i) => l !== '' || at(i) === undefined)).toBe(true);
  });

  it('the same chain in another table starts again at 0 (filter -S)', () => {
    const lines = linesOf('S', 'filter');
    const at = indexRuleLines(lines, 'S');
    const first = lines.findIndex((l) => l.startsWith('-A KUBE-FIREWALL '));
    expect(at(first)).toEqual({ chain: 'KUBE-FIREWALL', index: 0 });
  });
});

describe('options placed in the line', () => {
  const details = (chain: string, index: number): RuleDetails => session.ruleDetails(NODE, 'nat', chain, index)!;

  it('underlines `! -s 10.10.0.0/16` as one part and finds it under its characters', () => {
    const d = details('KUBE-SVC-KBDEBIL6IU6WL7RF', 0);
    const placed = placeParts(d.text, d.text, d.parts, 'S');
    const not = placed.find((p) => p.part.text === '! -s 10.10.0.0/16')!;
    expect(d.text.slice(not.start, not.end)).toBe('! -s 10.10.0.0/16');
    expect(not.part.words?.en).toBe('NOT (!): source address outside 10.10.0.0/16');
    expect(placed[partAt(placed, not.start)!]).toBe(not);
    expect(placed[partAt(placed, not.end - 1)!]).toBe(not);
    // The space after a part belongs to no part.
    expect(partAt(placed, not.end)).toBeUndefined();
  });

  it('finds parts by text when a line reads differently, and places none in -L', () => {
    const d = details('KUBE-SVC-KBDEBIL6IU6WL7RF', 1);
    const shifted = `   ${d.text}`;
    const placed = placeParts(shifted, d.text, d.parts, 'save');
    const p = placed.find((x) => x.part.text.startsWith('--probability'))!;
    expect(shifted.slice(p.start, p.end)).toBe('--probability 0.33333333349');
    expect(placeParts('anything', d.text, d.parts, 'L')).toEqual([]);
  });

  it('a YAML range ending at column 1 stops on the line before', () => {
    expect(wholeLines({ line: 70, endLine: 73, endCol: 1 })).toEqual({ first: 70, last: 72 });
    expect(wholeLines({ line: 5, endLine: 5, endCol: 9 })).toEqual({ first: 5, last: 5 });
    expect(wholeLines({ line: 5, endLine: 6, endCol: 3 })).toEqual({ first: 5, last: 6 });
  });
});

describe('rule details cache', () => {
  const key = (index: number, revision = 1): DetailsKey => ({ revision, node: NODE, table: 'nat', chain: 'KUBE-SERVICES', index });

  it('asks the worker once per (revision, node, table, chain, index), and again for a new revision', async () => {
    const asked: DetailsKey[] = [];
    const cache = createDetailsCache(async (k) => {
      asked.push(k);
      return session.ruleDetails(k.node, k.table, k.chain, k.index);
    });
    const a = await cache.get(key(0));
    const b = await cache.get(key(0));
    expect(b).toBe(a);
    await cache.get(key(1));
    await cache.get(key(0, 2));
    expect(asked.map((k) => `${k.revision}:${k.index}`)).toEqual(['1:0', '1:1', '2:0']);
  });

  it('drops the least recently used beyond its limit, and forgets failures', async () => {
    let calls = 0;
    let fail = true;
    const cache = createDetailsCache(async () => {
      calls++;
      if (fail) throw new Error('worker gone');
      return undefined;
    }, 2);
    await expect(cache.get(key(0))).rejects.toThrow('worker gone');
    expect(cache.size).toBe(0);
    fail = false;
    await cache.get(key(0));
    await cache.get(key(1));
    await cache.get(key(0));
    await cache.get(key(2));
    expect(cache.size).toBe(2);
    const before = calls;
    await cache.get(key(0));
    expect(calls).toBe(before);
    await cache.get(key(1));
    expect(calls).toBe(before + 1);
  });
});

describe('tooltip placement', () => {
  const view = { width: 1280, height: 720 };
  const size = { width: 400, height: 200 };
  const line = (top: number, left = 830) => ({ left, right: 1260, top, bottom: top + 16 });

  it('sits left of a panel at the right edge, level with the line, arrow on the line', () => {
    const panel = { left: 820, right: 1270, top: 450, bottom: 710 };
    const p = placeTooltip(line(500), panel, size, view);
    expect(p.side).toBe('left');
    expect(p.left + size.width).toBeLessThanOrEqual(panel.left);
    expect(p.top + p.arrow).toBe(508);
  });

  it('stays inside the window for a line at the bottom', () => {
    const panel = { left: 820, right: 1270, top: 450, bottom: 710 };
    const p = placeTooltip(line(700), panel, size, view);
    expect(p.top + size.height).toBeLessThanOrEqual(view.height - 8);
    expect(p.arrow).toBeLessThanOrEqual(size.height - 10);
  });

  it('goes above the line when neither side has room, below when above has none', () => {
    const panel = { left: 100, right: 1200, top: 0, bottom: 700 };
    const above = placeTooltip(line(400, 120), panel, size, view);
    expect(above.side).toBe('above');
    expect(above.top + size.height).toBeLessThanOrEqual(400);
    const below = placeTooltip(line(50, 120), panel, size, view);
    expect(below.side).toBe('below');
    expect(below.top).toBeGreaterThanOrEqual(66);
  });
});
