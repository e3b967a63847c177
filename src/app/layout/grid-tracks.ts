/**
 * The workspace is a CSS grid whose areas change with the mode (a lesson, classroom, a hidden editor).
 * Where a splitter can go follows from `grid-template-areas` itself: between two tracks, wherever the
 * areas on either side differ (the gap between the editor and the diagrams; not across the middle of a
 * panel that spans both tracks). Pure: the component measures, this decides.
 */

/** Area names by row, then column. */
export type Areas = readonly (readonly string[])[];

/** `"editor hooks hooks" "editor graph graph"` (as getComputedStyle gives it) → rows of names. */
export function parseAreas(value: string): Areas {
  return [...value.matchAll(/"([^"]*)"/g)].map((m) => m[1]!.trim().split(/\s+/));
}

/** A run of tracks across the boundary, from `from` to `to` inclusive. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/** A boundary between track `index` and `index + 1` along an axis, and where along it a gap is visible. */
export interface Boundary {
  readonly axis: 'col' | 'row';
  readonly index: number;
  readonly spans: readonly Span[];
  /** The areas on either side, for the splitter's name (`editor` | `hooks`). */
  readonly before: string;
  readonly after: string;
}

function runs(flags: readonly boolean[]): Span[] {
  const out: Span[] = [];
  let start: number | undefined;
  flags.forEach((on, i) => {
    if (on && start === undefined) start = i;
    if (!on && start !== undefined) {
      out.push({ from: start, to: i - 1 });
      start = undefined;
    }
  });
  if (start !== undefined) out.push({ from: start, to: flags.length - 1 });
  return out;
}

export function boundaries(areas: Areas): Boundary[] {
  const rows = areas.length;
  const cols = areas[0]?.length ?? 0;
  const out: Boundary[] = [];
  for (let c = 0; c + 1 < cols; c++) {
    const differ = areas.map((row) => row[c] !== row[c + 1]);
    const spans = runs(differ);
    const r = differ.indexOf(true);
    if (spans.length > 0) out.push({ axis: 'col', index: c, spans, before: areas[r]![c]!, after: areas[r]![c + 1]! });
  }
  for (let r = 0; r + 1 < rows; r++) {
    const differ = areas[r]!.map((name, c) => name !== areas[r + 1]![c]);
    const spans = runs(differ);
    const c = differ.indexOf(true);
    if (spans.length > 0) out.push({ axis: 'row', index: r, spans, before: areas[r]![c]!, after: areas[r + 1]![c]! });
  }
  return out;
}

/**
 * Track sizes after moving the boundary after track `index` by `delta` px: the two tracks beside it share
 * the change, neither goes below `min` (nor grows past what the other can give), and the total stays.
 */
export function moveBoundary(sizes: readonly number[], index: number, delta: number, min: number): number[] {
  const a = sizes[index]!;
  const b = sizes[index + 1]!;
  const lo = Math.min(0, min - a);
  const hi = Math.max(0, b - min);
  const d = Math.min(hi, Math.max(lo, delta));
  return sizes.map((s, i) => (i === index ? a + d : i === index + 1 ? b - d : s));
}

/** `412px 398px 450px` (computed track sizes) → numbers. */
export function parseTracks(value: string): number[] {
  return value
    .split(/\s+/)
    .map((t) => Number.parseFloat(t))
    .filter((n) => Number.isFinite(n));
}

/** Sizes as grid tracks that keep their proportions when the window changes size. */
export function asFractions(sizes: readonly number[]): string {
  const total = sizes.reduce((s, n) => s + n, 0) || 1;
  return sizes.map((s) => `minmax(0, ${((s / total) * sizes.length).toFixed(4)}fr)`).join(' ');
}
