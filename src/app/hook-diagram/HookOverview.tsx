import { useEffect, useState } from 'react';
import type { PointerEvent } from 'react';
import { CELLS } from './layout';
import type { Geometry } from './useGeometry';

interface View {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly overflows: boolean;
}

function viewOf(el: HTMLElement): View {
  return {
    left: el.scrollLeft,
    top: el.scrollTop,
    width: el.clientWidth,
    height: el.clientHeight,
    overflows: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
  };
}

/** Follows the scroller's scroll position and size. */
function useView(scroller: HTMLElement | null): View | undefined {
  const [view, setView] = useState<View>();
  useEffect(() => {
    if (!scroller) return;
    const update = (): void => setView(viewOf(scroller));
    update();
    scroller.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(scroller);
    if (scroller.firstElementChild) observer.observe(scroller.firstElementChild);
    return () => {
      scroller.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, [scroller]);
  return view;
}

/**
 * A small outline of the whole hook diagram when only part of it fits: every hook and place as a box,
 * the one the packet is at filled, and a frame for the part on screen. Pointing into it pans there.
 * It carries no text (the boxes are too small for any to be read); the diagram itself is the content.
 */
export function HookOverview({ geometry, scroller, at, label }: { readonly geometry: Geometry | undefined; readonly scroller: HTMLElement | null; readonly at: string | undefined; readonly label: string }) {
  const view = useView(scroller);
  if (!geometry || !view?.overflows || !scroller) return null;
  const current = at?.split(':')[0];
  const pan = (e: PointerEvent<SVGSVGElement>): void => {
    if (e.type === 'pointermove' && e.buttons !== 1) return;
    const r = e.currentTarget.getBoundingClientRect();
    const x = ((e.clientX - r.left) / r.width) * geometry.width;
    const y = ((e.clientY - r.top) / r.height) * geometry.height;
    scroller.scrollTo({ left: x - view.width / 2, top: y - view.height / 2, behavior: 'auto' });
  };
  return (
    <svg
      className="hook-overview"
      viewBox={`0 0 ${geometry.width} ${geometry.height}`}
      role="img"
      aria-label={label}
      data-testid="hook-overview"
      style={{ aspectRatio: `${geometry.width} / ${geometry.height}` }}
      onPointerDown={pan}
      onPointerMove={pan}
    >
      {CELLS.map((c) => {
        const b = geometry.boxes[c.id];
        if (!b) return null;
        return <rect key={c.id} className={c.id === current ? 'is-current' : undefined} x={b.x} y={b.y} width={b.w} height={b.h} rx={6} />;
      })}
      <rect className="hook-overview-view" x={view.left} y={view.top} width={view.width} height={view.height} rx={4} />
    </svg>
  );
}
