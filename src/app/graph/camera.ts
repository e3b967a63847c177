/**
 * Where the chain graph's camera goes: the smallest zoom it may use keeps every word readable, so it frames
 * the packet's whole way when that fits at a readable size, else the chains around the packet, else it
 * centres the packet's chain and lets the rest run off the edges (the minimap shows where). Pure.
 */
import { SMALLEST_FONT_PX } from '../../worker/chain-geometry';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** Text on screen is never smaller than this: 12 px, 16 px in classroom mode (the floor). */
export function readablePx(classroom: boolean): number {
  return classroom ? 16 : 12;
}

/**
 * The least zoom at which the view's smallest font is drawn at `readablePx`, rounded up to a thousandth:
 * the viewport's transform keeps about five digits, and 16/12 stored as 1.33333 draws 15.99996px.
 */
export function readableZoom(classroom: boolean): number {
  return Math.ceil((readablePx(classroom) / SMALLEST_FONT_PX) * 1000) / 1000;
}

/** Room left around a framed part, in screen pixels. */
const PADDING = 16;

/** The zoom at which `r` fills a `width` × `height` view with PADDING around it. */
export function zoomToFit(r: Rect, width: number, height: number): number {
  return Math.min((width - 2 * PADDING) / Math.max(1, r.width), (height - 2 * PADDING) / Math.max(1, r.height));
}

function centred(r: Rect, width: number, height: number, zoom: number): Viewport {
  return { x: width / 2 - (r.x + r.width / 2) * zoom, y: height / 2 - (r.y + r.height / 2) * zoom, zoom };
}

export interface Shot {
  readonly width: number;
  readonly height: number;
  readonly minZoom: number;
  readonly maxZoom: number;
  /** What should be seen whole: the packet's whole walk, or the Service's chains. */
  readonly whole?: Rect | undefined;
  /** What to fall back to: the chain the packet came from, the one it is in and the one it jumps to. */
  readonly near?: Rect | undefined;
  /** The chain to centre when nothing fits. */
  readonly anchor?: Rect | undefined;
}

/**
 * Where along one axis the view's centre goes (world units) to show as much of `[lo, hi]` as it can while
 * `[keepLo, keepHi]` stays wholly inside with PADDING to spare (`half`: half the view, world units).
 */
function clampedCentre(lo: number, hi: number, keepLo: number, keepHi: number, half: number, pad: number): number {
  const want = (lo + hi) / 2;
  const least = keepHi + pad - half;
  const most = keepLo - pad + half;
  // The kept part is larger than the view: its middle, then.
  if (least > most) return (keepLo + keepHi) / 2;
  return Math.min(most, Math.max(least, want));
}

/**
 * The first of whole / near that fits at a readable zoom, framed; else, at the readable zoom, as much of
 * `near` (the chain the packet came from, the one it is in, the jump) as the view holds, shifted only as
 * far as keeps the anchor (its chain) wholly in view: a centred anchor cut the chain above it off.
 */
export function chooseViewport(s: Shot): Viewport | undefined {
  for (const r of [s.whole, s.near]) {
    if (!r) continue;
    const zoom = zoomToFit(r, s.width, s.height);
    if (zoom >= s.minZoom) return centred(r, s.width, s.height, Math.min(zoom, s.maxZoom));
  }
  const r = s.anchor ?? s.near ?? s.whole;
  if (!r) return undefined;
  const area = s.near ?? r;
  const z = s.minZoom;
  const pad = PADDING / z;
  const cx = clampedCentre(area.x, area.x + area.width, r.x, r.x + r.width, s.width / (2 * z), pad);
  const cy = clampedCentre(area.y, area.y + area.height, r.y, r.y + r.height, s.height / (2 * z), pad);
  return { x: s.width / 2 - cx * z, y: s.height / 2 - cy * z, zoom: z };
}

/** The rectangle around some rectangles. */
export function around(rects: readonly Rect[]): Rect | undefined {
  if (rects.length === 0) return undefined;
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x, y, width: right - x, height: bottom - y };
}
