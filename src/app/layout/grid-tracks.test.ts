import { describe, expect, it } from 'vitest';
import { fc, test as prop } from '@fast-check/vitest';
import { asFractions, boundaries, moveBoundary, parseAreas, parseTracks } from './grid-tracks';

const WORKSPACE = parseAreas('"editor hooks hooks" "editor graph graph" "packet conntrack rules"');
const NO_LEFT = parseAreas('"hooks hooks hooks" "graph graph graph" "packet conntrack rules"');

describe('boundaries', () => {
  it('finds a splitter wherever two different areas meet, and only there', () => {
    expect(boundaries(WORKSPACE)).toEqual([
      { axis: 'col', index: 0, spans: [{ from: 0, to: 2 }], before: 'editor', after: 'hooks' },
      // Between columns 2 and 3 only the bottom row has two panels; hooks and graph span both.
      { axis: 'col', index: 1, spans: [{ from: 2, to: 2 }], before: 'conntrack', after: 'rules' },
      // Under the hooks, not under the editor (it spans rows 1 and 2).
      { axis: 'row', index: 0, spans: [{ from: 1, to: 2 }], before: 'hooks', after: 'graph' },
      { axis: 'row', index: 1, spans: [{ from: 0, to: 2 }], before: 'editor', after: 'packet' },
    ]);
  });

  it('follows the layout: without the editor the first column boundary runs only along the bottom row', () => {
    expect(boundaries(NO_LEFT).filter((b) => b.axis === 'col')).toEqual([
      { axis: 'col', index: 0, spans: [{ from: 2, to: 2 }], before: 'packet', after: 'conntrack' },
      { axis: 'col', index: 1, spans: [{ from: 2, to: 2 }], before: 'conntrack', after: 'rules' },
    ]);
  });

  it('splits a boundary into runs where a spanning area interrupts it', () => {
    const areas = parseAreas('"a b" "c c" "d e"');
    expect(boundaries(areas).find((b) => b.axis === 'col')?.spans).toEqual([
      { from: 0, to: 0 },
      { from: 2, to: 2 },
    ]);
  });
});

describe('moveBoundary', () => {
  it('moves the boundary and keeps both sides at least the minimum', () => {
    expect(moveBoundary([300, 300, 400], 0, 50, 100)).toEqual([350, 250, 400]);
    expect(moveBoundary([300, 300, 400], 0, -500, 100)).toEqual([100, 500, 400]);
    expect(moveBoundary([300, 300, 400], 1, 500, 100)).toEqual([300, 600, 100]);
  });

  it('never shrinks a track that is already below the minimum, and still lets it grow', () => {
    expect(moveBoundary([140, 140, 190], 1, -24, 160)).toEqual([140, 140, 190]);
    expect(moveBoundary([140, 140, 190], 1, 24, 160)).toEqual([140, 164, 166]);
  });

  prop.prop([fc.array(fc.double({ min: 50, max: 900, noNaN: true }), { minLength: 2, maxLength: 4 }), fc.nat(), fc.double({ min: -2000, max: 2000, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true })])(
    'keeps the total and the other tracks; a side ends below the minimum only if it started there and did not shrink',
    (sizes, i, delta, min) => {
      const index = i % (sizes.length - 1);
      const next = moveBoundary(sizes, index, delta, min);
      expect(next.reduce((s, n) => s + n, 0)).toBeCloseTo(sizes.reduce((s, n) => s + n, 0), 6);
      next.forEach((n, k) => {
        if (k !== index && k !== index + 1) expect(n).toBe(sizes[k]);
        else if (n < min - 1e-9) expect(n).toBeGreaterThanOrEqual(sizes[k]! - 1e-9);
      });
    },
  );
});

describe('track text', () => {
  it('reads computed track sizes and writes proportions that survive a window resize', () => {
    expect(parseTracks('396.188px 396.188px 455.609px')).toEqual([396.188, 396.188, 455.609]);
    expect(asFractions([100, 100, 200])).toBe('minmax(0, 0.7500fr) minmax(0, 0.7500fr) minmax(0, 1.5000fr)');
    expect(parseAreas('"a b" "c d"')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
});
