import { useLayoutEffect, useState } from 'react';
import type { Box } from './layout';

/** Where the diagram's boxes ended up after CSS laid them out, in the canvas's own (unscrolled) px. */
export interface Geometry {
  readonly width: number;
  readonly height: number;
  readonly boxes: Readonly<Record<string, Box>>;
}

function measure(canvas: HTMLElement): Geometry {
  const boxes: Record<string, Box> = {};
  for (const el of canvas.querySelectorAll<HTMLElement>('[data-box]')) {
    boxes[el.dataset.box!] = { x: el.offsetLeft, y: el.offsetTop, w: el.offsetWidth, h: el.offsetHeight };
  }
  return { width: canvas.offsetWidth, height: canvas.offsetHeight, boxes };
}

const same = (a: Geometry | undefined, b: Geometry): boolean => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/**
 * Measures the laid-out diagram, and again whenever a box changes size (the language, classroom mode's
 * larger type, a stage turning bold): the arrows, the token, the camera and the overview all read it.
 */
export function useGeometry(canvas: HTMLElement | null): Geometry | undefined {
  const [geometry, setGeometry] = useState<Geometry>();
  useLayoutEffect(() => {
    if (!canvas) return;
    const update = (): void => {
      const next = measure(canvas);
      setGeometry((prev) => (same(prev, next) ? prev : next));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(canvas);
    for (const el of canvas.querySelectorAll('[data-box]')) observer.observe(el);
    return () => observer.disconnect();
  }, [canvas]);
  return geometry;
}
