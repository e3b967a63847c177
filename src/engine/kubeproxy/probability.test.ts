import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { readVector } from '../test-support/vectors';
import { formatFixed, probabilityText } from './probability';

const rows = readVector('probabilities.tsv').trim().split('\n').slice(1).map((l) => l.split('\t'));

describe('probabilities (vectors/probabilities.tsv, first two columns)', () => {
  test.each(rows.map((r) => [Number(r[0]), r[1]!] as const))('%i endpoints → %s', (n, written) => {
    expect(probabilityText(n)).toBe(written);
  });
});

describe('%0.10f as Go prints it', () => {
  test('exact ties round half to even, where toFixed rounds up', () => {
    // 1/2048 = 0.00048828125 exactly; 1/4096 = 0.000244140625 exactly.
    expect(probabilityText(2048)).toBe('0.0004882812');
    expect((1 / 2048).toFixed(10)).toBe('0.0004882813');
    expect(probabilityText(4096)).toBe('0.0002441406');
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(2.5, 0)).toBe('2');
  });

  fcTest.prop([fc.integer({ min: 1, max: 1_000_000 })], { numRuns: 1000 })('has 10 decimals and is within half a unit of 1/n', (n) => {
    const text = probabilityText(n);
    expect(text).toMatch(/^[01]\.\d{10}$/);
    expect(Math.abs(Number(text) - 1 / n)).toBeLessThanOrEqual(0.5e-10 + 1e-16);
  });
});
