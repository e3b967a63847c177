/**
 * The panel sizes a user left each layout with (GridSplitters writes them). Applied as the workspace
 * first renders, before the splitters themselves arrive, so a reload never shows the stylesheet's layout
 * first and jumps a second later.
 */

export const layoutKey = (areas: string, classroom: boolean): string => `kpl.layout.v1:${classroom ? 'classroom:' : ''}${areas}`;

export function load(key: string): { cols?: string; rows?: string } | undefined {
  try {
    const raw = window.localStorage.getItem(key);
    const v = raw ? (JSON.parse(raw) as unknown) : undefined;
    return v && typeof v === 'object' ? (v as { cols?: string; rows?: string }) : undefined;
  } catch {
    return undefined;
  }
}

export function save(key: string, value: { cols?: string; rows?: string } | undefined): void {
  try {
    if (value) window.localStorage.setItem(key, JSON.stringify(value));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage unavailable: the sizes still hold until the page closes.
  }
}

/** Only what GridSplitters writes (`asFractions`): anything else in storage is ignored. */
const TRACKS = /^minmax\(0(px)?, \d+(\.\d+)?fr\)( minmax\(0(px)?, \d+(\.\d+)?fr\))*$/;

/** The stylesheet's track sizes for this layout, or the ones the user left it with. */
export function applySaved(grid: HTMLElement, classroom: boolean): void {
  grid.style.gridTemplateColumns = '';
  grid.style.gridTemplateRows = '';
  const saved = load(layoutKey(getComputedStyle(grid).gridTemplateAreas, classroom));
  if (typeof saved?.cols === 'string' && TRACKS.test(saved.cols)) grid.style.gridTemplateColumns = saved.cols;
  if (typeof saved?.rows === 'string' && TRACKS.test(saved.rows)) grid.style.gridTemplateRows = saved.rows;
}
