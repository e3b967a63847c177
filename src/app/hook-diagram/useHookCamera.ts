import { useEffect, useRef } from 'react';
import { CELLS, rowOf, type Box } from './layout';
import type { Geometry } from './useGeometry';
import { usePacketStore } from '../packet/store';

/** Room kept beside the framed hook, so the arrows into and out of it show too; above and below, a little. */
const MARGIN_X = 28;
const MARGIN_Y = 6;

/** The smallest scroll along one axis that brings [from, to] into a window of `size` at `at`, `margin` around it (or centres it if it cannot fit). */
function bring(at: number, size: number, from: number, to: number, margin: number): number {
  if (to - from + 2 * margin > size) return (from + to) / 2 - size / 2;
  if (from - margin < at) return from - margin;
  if (to + margin > at + size) return to + margin - size;
  return at;
}

function union(boxes: readonly Box[]): { x0: number; y0: number; x1: number; y1: number } {
  return {
    x0: Math.min(...boxes.map((b) => b.x)),
    y0: Math.min(...boxes.map((b) => b.y)),
    x1: Math.max(...boxes.map((b) => b.x + b.w)),
    y1: Math.max(...boxes.map((b) => b.y + b.h)),
  };
}

/**
 * Keeps the part of the hook diagram that matters in view: the diagram is drawn at its real size (its
 * text never shrinks below what reads), so where it does not fit, the view pans to the packet's row
 * (the forward path on top, the local path below) and to the hook the packet is at, only as far as
 * needed. The user can still scroll it freely between steps.
 */
export function useHookCamera(scroller: HTMLElement | null, geometry: Geometry | undefined, at: string | undefined): void {
  const reduced = usePacketStore((s) => s.reducedMotion);
  const last = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!scroller || !geometry) return;
    if (at === undefined) {
      last.current = undefined;
      return;
    }
    const id = at.split(':')[0]!;
    const box = geometry.boxes[id];
    if (!box) return;
    const row = rowOf(id);
    const rowBoxes = CELLS.filter((c) => c.row === row)
      .map((c) => geometry.boxes[c.id])
      .filter((b): b is Box => b !== undefined);
    const band = union(rowBoxes.length > 0 ? rowBoxes : [box]);
    const vw = scroller.clientWidth;
    const vh = scroller.clientHeight;
    // The row when it fits, else the hook itself; a hook taller than the view (nftables mode adds kube-proxy's
    // base chains to its tables) keeps at least the stage the packet is at in view.
    let top =
      band.y1 - band.y0 + 2 * MARGIN_Y <= vh ? bring(scroller.scrollTop, vh, band.y0, band.y1, MARGIN_Y) : bring(scroller.scrollTop, vh, box.y, box.y + box.h, MARGIN_Y);
    const stage = at.includes(':') ? scroller.querySelector<HTMLElement>(`[data-spot="${CSS.escape(at)}"]`) : null;
    if (stage && stage.offsetParent?.getAttribute('data-box') === id) {
      const y0 = box.y + stage.offsetTop;
      const y1 = y0 + stage.offsetHeight;
      if (y0 < top || y1 > top + vh) top = bring(top, vh, y0, y1, MARGIN_Y);
    }
    const left = bring(scroller.scrollLeft, vw, box.x, box.x + box.w, MARGIN_X);
    const moved = last.current !== undefined;
    last.current = at;
    if (Math.abs(top - scroller.scrollTop) < 1 && Math.abs(left - scroller.scrollLeft) < 1) return;
    scroller.scrollTo({ left, top, behavior: reduced || !moved ? 'auto' : 'smooth' });
  }, [scroller, geometry, at, reduced]);
}
