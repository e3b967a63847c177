/**
 * Where the rule tooltip goes. Beside the rules panel first (left, then right), level with the line:
 * there it covers no rule, so the pointer can go on to the next line and the wheel still scrolls the
 * text. Only when neither side has room does it sit above (or below) the line. Pure, for unit tests.
 */

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export type Side = 'left' | 'right' | 'above' | 'below';

export interface Placement {
  readonly left: number;
  readonly top: number;
  readonly side: Side;
  /** Where the arrow points along the tooltip's edge (px from its top for left/right, from its left for above/below). */
  readonly arrow: number;
}

/** Space kept from the window's edges. */
const MARGIN = 8;
/** Between the panel (or line) and the tooltip: room for the arrow. */
const GAP = 10;

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n));

/**
 * @param line the hovered line's box, clipped to the panel's width (a long line runs past it)
 * @param panel the rules text's visible box
 * @param size the tooltip's own size
 * @param view the window's size
 */
export function placeTooltip(line: Box, panel: Box, size: { readonly width: number; readonly height: number }, view: { readonly width: number; readonly height: number }): Placement {
  const mid = (line.top + line.bottom) / 2;
  // Level with the line, a little above it so the arrow meets the tooltip's first lines.
  const besideTop = clamp(line.top - 14, MARGIN, Math.max(MARGIN, view.height - size.height - MARGIN));
  const arrowY = clamp(mid - besideTop, 10, Math.max(10, size.height - 10));
  if (panel.left - GAP - size.width >= MARGIN) return { left: panel.left - GAP - size.width, top: besideTop, side: 'left', arrow: arrowY };
  if (panel.right + GAP + size.width <= view.width - MARGIN) return { left: panel.right + GAP, top: besideTop, side: 'right', arrow: arrowY };
  const left = clamp(panel.left, MARGIN, Math.max(MARGIN, view.width - size.width - MARGIN));
  const lineX = clamp(line.left, panel.left, panel.right) + 24;
  const arrowX = clamp(lineX - left, 12, Math.max(12, size.width - 12));
  if (line.top - GAP - size.height >= MARGIN) return { left, top: line.top - GAP - size.height, side: 'above', arrow: arrowX };
  return { left, top: Math.min(line.bottom + GAP, Math.max(MARGIN, view.height - size.height - MARGIN)), side: 'below', arrow: arrowX };
}
