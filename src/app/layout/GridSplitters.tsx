import { useLayoutEffect, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { useT, type MessageKey } from '../i18n';
import { asFractions, boundaries, moveBoundary, parseAreas, parseTracks, type Boundary } from './grid-tracks';
import { applySaved, layoutKey, load, save } from './saved-tracks';
import './splitters.css';

/** No panel narrower than this by dragging (a column keeps a readable line of rules or YAML)… */
const MIN_COLUMN = 200;
/** …nor lower than this (a title and a couple of lines; at 1280×720 a row is only ~140 px). */
const MIN_ROW = 80;
/** One arrow key press; with Shift, four. */
const KEY_STEP = 24;
/** The regions' visible titles, by grid area. */
const AREA_TITLE: Readonly<Record<string, MessageKey>> = {
  editor: 'editorRegion',
  hooks: 'hooksRegion',
  graph: 'graphRegion',
  packet: 'packetRegion',
  conntrack: 'conntrackRegion',
  rules: 'rulesRegion',
};

interface Measure {
  readonly cols: number[];
  readonly rows: number[];
  readonly gapX: number;
  readonly gapY: number;
  readonly padX: number;
  readonly padY: number;
  readonly areas: string;
  readonly boundaries: readonly Boundary[];
}

function measure(grid: HTMLElement): Measure {
  const cs = getComputedStyle(grid);
  const areas = cs.gridTemplateAreas;
  return {
    cols: parseTracks(cs.gridTemplateColumns),
    rows: parseTracks(cs.gridTemplateRows),
    gapX: Number.parseFloat(cs.columnGap) || 0,
    gapY: Number.parseFloat(cs.rowGap) || 0,
    padX: Number.parseFloat(cs.paddingLeft) || 0,
    padY: Number.parseFloat(cs.paddingTop) || 0,
    areas,
    boundaries: boundaries(parseAreas(areas)),
  };
}

const sum = (xs: readonly number[], from: number, to: number): number => xs.slice(from, to).reduce((s, n) => s + n, 0);

function moveAndSave(grid: HTMLElement, classroom: boolean, b: Boundary, delta: number): void {
  const now = measure(grid);
  const next = asFractions(moveBoundary(b.axis === 'col' ? now.cols : now.rows, b.index, delta, b.axis === 'col' ? MIN_COLUMN : MIN_ROW));
  if (b.axis === 'col') grid.style.gridTemplateColumns = next;
  else grid.style.gridTemplateRows = next;
  const key = layoutKey(now.areas, classroom);
  save(key, { ...load(key), [b.axis === 'col' ? 'cols' : 'rows']: next });
}

function resetSaved(grid: HTMLElement, classroom: boolean): void {
  save(layoutKey(getComputedStyle(grid).gridTemplateAreas, classroom), undefined);
  grid.style.gridTemplateColumns = '';
  grid.style.gridTemplateRows = '';
}

/**
 * Splitters in the workspace grid's gaps: drag one (or focus it and use the arrow keys) to give a column
 * or a row more room; double-click (or Enter) puts the layout back. Sizes are remembered per layout
 * (with or without the editor, classroom or not).
 */
export function GridSplitters({ grid, classroom, layout }: { readonly grid: HTMLElement | null; readonly classroom: boolean; readonly layout: string }) {
  const t = useT();
  const [m, setM] = useState<Measure>();

  // A new layout (`layout`: the workspace's classes, which change its areas): its own remembered sizes,
  // or the stylesheet's. The observer's first report measures it; later ones follow the window.
  useLayoutEffect(() => {
    if (!grid) return;
    applySaved(grid, classroom);
    const observer = new ResizeObserver(() => setM(measure(grid)));
    observer.observe(grid);
    return () => observer.disconnect();
  }, [grid, classroom, layout]);

  const apply = (b: Boundary, delta: number): void => {
    if (!grid) return;
    moveAndSave(grid, classroom, b, delta);
    setM(measure(grid));
  };
  const reset = (): void => {
    if (!grid) return;
    resetSaved(grid, classroom);
    setM(measure(grid));
  };

  if (!m) return null;
  return (
    <>
      {m.boundaries.flatMap((b) =>
        b.spans.map((span, i) => {
          const isCol = b.axis === 'col';
          const [along, across, gapAlong, gapAcross, padAlong, padAcross] = isCol ? [m.cols, m.rows, m.gapX, m.gapY, m.padX, m.padY] : [m.rows, m.cols, m.gapY, m.gapX, m.padY, m.padX];
          const at = padAlong + sum(along, 0, b.index + 1) + gapAlong * b.index;
          const start = padAcross + sum(across, 0, span.from) + gapAcross * span.from;
          const length = sum(across, span.from, span.to + 1) + gapAcross * (span.to - span.from);
          const total = sum(along, 0, along.length);
          const value = Math.round((100 * sum(along, 0, b.index + 1)) / (total || 1));
          const style = isCol ? { left: at, top: start, width: gapAlong, height: length } : { top: at, left: start, height: gapAlong, width: length };
          const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
            if (e.button !== 0) return;
            e.preventDefault();
            const handle = e.currentTarget;
            handle.setPointerCapture(e.pointerId);
            let last = isCol ? e.clientX : e.clientY;
            const move = (ev: globalThis.PointerEvent): void => {
              const pos = isCol ? ev.clientX : ev.clientY;
              if (pos !== last) apply(b, pos - last);
              last = pos;
            };
            const up = (): void => {
              handle.removeEventListener('pointermove', move);
              handle.removeEventListener('pointerup', up);
              handle.removeEventListener('pointercancel', up);
            };
            handle.addEventListener('pointermove', move);
            handle.addEventListener('pointerup', up);
            handle.addEventListener('pointercancel', up);
          };
          const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
            const step = e.shiftKey ? KEY_STEP * 4 : KEY_STEP;
            const keys: Readonly<Record<string, number>> = isCol ? { ArrowLeft: -1, ArrowRight: 1 } : { ArrowUp: -1, ArrowDown: 1 };
            const sign = keys[e.key];
            if (sign !== undefined) {
              e.preventDefault();
              apply(b, sign * step);
            } else if (e.key === 'Enter') {
              e.preventDefault();
              reset();
            }
          };
          return (
            <div
              key={`${b.axis}${b.index}-${i}`}
              className={`grid-splitter is-${b.axis}`}
              role="separator"
              aria-orientation={isCol ? 'vertical' : 'horizontal'}
              aria-label={t('resizeBetween')
                .replace('{a}', AREA_TITLE[b.before] ? t(AREA_TITLE[b.before]!) : b.before)
                .replace('{b}', AREA_TITLE[b.after] ? t(AREA_TITLE[b.after]!) : b.after)}
              aria-valuenow={value}
              aria-valuemin={0}
              aria-valuemax={100}
              tabIndex={i === 0 ? 0 : -1}
              // Its arrow keys resize; they do not step the packet (useKeyboardShortcuts).
              data-own-keys=""
              style={style}
              onPointerDown={onPointerDown}
              onKeyDown={onKeyDown}
              onDoubleClick={reset}
              data-testid={`splitter-${b.axis}-${b.index}`}
            />
          );
        }),
      )}
    </>
  );
}
