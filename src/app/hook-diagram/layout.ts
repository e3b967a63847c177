/**
 * The classic netfilter diagram as data: where each hook and place sits in a two-row grid, and the arrows
 * between them. The forward path runs along the top row, the local path along the bottom one:
 *
 *   network in → PREROUTING → routing → FORWARD → POSTROUTING → network out
 *                                ↓                     ↑
 *                              INPUT → local process → OUTPUT → routing
 */
import type { Hook } from './kernel-stages';

export type PlaceId = 'net-in' | 'route-in' | 'local' | 'route-out' | 'net-out';
export type DiagramId = Hook | PlaceId;

export interface Cell {
  readonly id: DiagramId;
  readonly row: 1 | 2;
  readonly col: number;
}

/** Grid cells (1-based, as CSS grid counts). Column 3 holds the routing decision over INPUT, so that arrow is straight. */
export const CELLS: readonly Cell[] = [
  { id: 'net-in', row: 1, col: 1 },
  { id: 'PREROUTING', row: 1, col: 2 },
  { id: 'route-in', row: 1, col: 3 },
  { id: 'FORWARD', row: 1, col: 4 },
  { id: 'POSTROUTING', row: 1, col: 5 },
  { id: 'net-out', row: 1, col: 6 },
  { id: 'INPUT', row: 2, col: 3 },
  { id: 'local', row: 2, col: 4 },
  { id: 'OUTPUT', row: 2, col: 5 },
  { id: 'route-out', row: 2, col: 6 },
];

/** Which side of a box an arrow leaves or enters by. */
export type Side = 'left' | 'right' | 'top' | 'bottom';

export interface Arrow {
  readonly from: DiagramId;
  readonly to: DiagramId;
  readonly out: Side;
  readonly in: Side;
  /** Where along the target's side the arrow enters (0 … 1). @default 0.5 */
  readonly inAt?: number;
  /** An elbow bends halfway, or just before the target (to stay in the gap between rows). @default 'middle' */
  readonly bend?: 'middle' | 'end';
}

const along = (from: DiagramId, to: DiagramId): Arrow => ({ from, to, out: 'right', in: 'left' });

export const ARROWS: readonly Arrow[] = [
  along('net-in', 'PREROUTING'),
  along('PREROUTING', 'route-in'),
  along('route-in', 'FORWARD'),
  along('FORWARD', 'POSTROUTING'),
  along('POSTROUTING', 'net-out'),
  { from: 'route-in', to: 'INPUT', out: 'bottom', in: 'top' },
  along('INPUT', 'local'),
  along('local', 'OUTPUT'),
  along('OUTPUT', 'route-out'),
  // OUTPUT sits right under POSTROUTING: this arrow bends in the gap between the rows and enters off-centre,
  // so it does not read as OUTPUT → POSTROUTING without the routing decision.
  { from: 'route-out', to: 'POSTROUTING', out: 'top', in: 'bottom', inAt: 0.8, bend: 'end' },
];

/** How far before its target an elbow with `bend: 'end'` turns. */
const BEND_BEFORE = 11;

/** A box's place in the canvas, in CSS px (measured from the DOM). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

function port(b: Box, side: Side, at = 0.5): { x: number; y: number } {
  switch (side) {
    case 'left':
      return { x: b.x, y: b.y + b.h * at };
    case 'right':
      return { x: b.x + b.w, y: b.y + b.h * at };
    case 'top':
      return { x: b.x + b.w * at, y: b.y };
    case 'bottom':
      return { x: b.x + b.w * at, y: b.y + b.h };
  }
}

const r = (n: number): number => Math.round(n * 10) / 10;

/**
 * An SVG path for an arrow between two measured boxes: straight when they line up, otherwise an
 * orthogonal elbow (horizontal arrows bend halfway across, vertical ones halfway up or down, or just
 * before the target).
 */
export function arrowPath(a: Box, b: Box, arrow: Arrow): string {
  const s = port(a, arrow.out);
  const e = port(b, arrow.in, arrow.inAt);
  const horizontal = arrow.out === 'left' || arrow.out === 'right';
  if (horizontal ? Math.abs(s.y - e.y) < 0.5 : Math.abs(s.x - e.x) < 0.5) return `M${r(s.x)},${r(s.y)} L${r(e.x)},${r(e.y)}`;
  if (horizontal) {
    const mx = (s.x + e.x) / 2;
    return `M${r(s.x)},${r(s.y)} L${r(mx)},${r(s.y)} L${r(mx)},${r(e.y)} L${r(e.x)},${r(e.y)}`;
  }
  const my = arrow.bend === 'end' ? e.y + Math.sign(s.y - e.y) * BEND_BEFORE : (s.y + e.y) / 2;
  return `M${r(s.x)},${r(s.y)} L${r(s.x)},${r(my)} L${r(e.x)},${r(my)} L${r(e.x)},${r(e.y)}`;
}

/** Which row a spot (a `HOOK:stage` key or a place id) is on. */
export function rowOf(id: string): 1 | 2 {
  const base = id.split(':')[0];
  return CELLS.find((c) => c.id === base)?.row ?? 1;
}
