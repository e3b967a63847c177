import { useLayoutEffect, useRef } from 'react';
// framer-motion's mini animate (Web Animations API, ~3 KB) instead of the full motion component (~50 KB gz):
// the token only ever glides between two points, and the full bundle sat on the startup path.
import { useAnimate } from 'framer-motion/mini';
import { glideSeconds } from './token-glide';
import { afterFrame } from '../after-frame';
import { playbackIndex, usePacketStore } from './store';
import type { HookFocus } from './useHookFocus';

/** The element's offset inside `canvas` (offsetLeft/Top ignore scrolling, so the token scrolls with the diagram). */
function offsetIn(el: HTMLElement, canvas: HTMLElement): { left: number; top: number } {
  let left = 0;
  let top = 0;
  for (let n: HTMLElement | null = el; n && n !== canvas; n = n.offsetParent as HTMLElement | null) {
    left += n.offsetLeft;
    top += n.offsetTop;
  }
  return { left, top };
}

/**
 * Where the token goes: over the right end of the current stage (where its name ends), or just under a
 * place (over it when the diagram ends below it), never on its label: on the middle it covered
 * "routing decision" while it waited there.
 */
function target(canvas: HTMLElement, token: HTMLElement, key: string): { x: number; y: number } | undefined {
  const el = canvas.querySelector<HTMLElement>(`[data-spot="${CSS.escape(key)}"]`);
  if (!el) return undefined;
  const at = offsetIn(el, canvas);
  const w = token.offsetWidth;
  const h = token.offsetHeight;
  const place = !key.includes(':');
  return {
    x: place ? at.left + el.offsetWidth / 2 - w / 2 : at.left + el.offsetWidth - Math.min(w / 2, 14),
    y: place ? (at.top + el.offsetHeight + h + 2 <= canvas.scrollHeight ? at.top + el.offsetHeight + 2 : at.top - h - 2) : at.top + el.offsetHeight / 2 - h / 2,
  };
}

/**
 * The packet as a token in the hook diagram, moving from stage to stage with framer-motion. The step
 * comes from the app clock (the store); the token only animates towards it, and jumps without
 * movement when motion is reduced. Render inside the diagram's canvas; `layout` changes when the boxes
 * moved (language, classroom type), so the token is put back on its stage.
 */
export function HookToken({ focus, canvas, layout }: { readonly focus: HookFocus | undefined; readonly canvas: HTMLElement | null; readonly layout: unknown }) {
  const [scope, animate] = useAnimate<HTMLDivElement>();
  const shown = useRef(false);
  const reduced = usePacketStore((s) => s.reducedMotion);
  // The glide fits the time the clock stays on this step (short between decisions in folded playback).
  const glide = usePacketStore((s) => glideSeconds(s.speed, s.playback.steps[playbackIndex(s)], s.folded, s.reducedMotion));
  const key = focus?.key;
  const label = focus?.label;

  useLayoutEffect(() => {
    const el = scope.current;
    if (!el || !canvas) return;
    if (!key) {
      shown.current = false;
      void animate(el, { opacity: 0 }, { duration: 0 });
      return;
    }
    // Measured after the frame the step was committed in (see afterFrame): a frame later, for nothing.
    return afterFrame(() => {
      const to = target(canvas, el, key);
      if (!to) return;
      // The first position (and every position with reduced motion) is a jump; later ones glide.
      const duration = !shown.current || reduced ? 0 : glide;
      shown.current = true;
      void animate(el, { transform: `translate(${to.x}px, ${to.y}px)`, opacity: 1 }, { duration, ease: 'easeInOut' });
    });
  }, [key, label, reduced, glide, animate, scope, canvas, layout]);

  return (
    <div ref={scope} className={`hook-token pk-chip-${focus?.direction ?? 'original'}`} style={{ opacity: 0 }} aria-hidden="true" data-testid="packet-token">
      {label ?? ''}
    </div>
  );
}
