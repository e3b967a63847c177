import { describe, expect, it } from 'vitest';
import { ARROWS, CELLS, arrowPath, rowOf } from './layout';
import { HOOK_STAGES } from './kernel-stages';

const box = (x: number, y: number, w = 100, h = 40) => ({ x, y, w, h });

describe('the hook diagram layout', () => {
  it('draws every hook the kernel has, each once, and every place the token can be', () => {
    const ids = CELLS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const hook of Object.keys(HOOK_STAGES)) expect(ids).toContain(hook);
    for (const place of ['net-in', 'net-out', 'route-in', 'route-out', 'local']) expect(ids).toContain(place);
  });

  it('connects only what it places, and no two cells share a grid cell', () => {
    const ids = new Set(CELLS.map((c) => c.id));
    for (const a of ARROWS) expect(ids.has(a.from) && ids.has(a.to)).toBe(true);
    const cells = CELLS.map((c) => `${c.row}/${c.col}`);
    expect(new Set(cells).size).toBe(cells.length);
  });

  it('puts the forward path on the top row and the local path on the bottom one', () => {
    expect(['PREROUTING', 'FORWARD', 'POSTROUTING'].map(rowOf)).toEqual([1, 1, 1]);
    expect(['INPUT', 'OUTPUT', 'local', 'route-out'].map(rowOf)).toEqual([2, 2, 2, 2]);
    expect(rowOf('OUTPUT:3')).toBe(2);
    expect(rowOf('PREROUTING:0')).toBe(1);
  });

  it('a straight arrow between boxes on one line, an elbow otherwise', () => {
    const along = ARROWS.find((a) => a.from === 'net-in')!;
    expect(arrowPath(box(0, 0), box(200, 0), along)).toBe('M100,20 L200,20');
    expect(arrowPath(box(0, 0), box(200, 20), along)).toBe('M100,20 L150,20 L150,40 L200,40');
  });

  it('the way up from the output routing bends just under POSTROUTING and enters it off-centre', () => {
    const up = ARROWS.find((a) => a.from === 'route-out')!;
    // POSTROUTING at (0,0) 100×40; the routing decision lower and to the right.
    expect(arrowPath(box(150, 100, 60, 30), box(0, 0), up)).toBe('M180,100 L180,51 L80,51 L80,40');
  });
});
