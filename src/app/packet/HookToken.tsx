import { useLayoutEffect, useRef } from 'react';
import { ViewportPortal, useReactFlow, useStore } from '@xyflow/react';
// framer-motion's mini animate (Web Animations API, ~3 KB) instead of the full motion component (~50 KB gz):
// the token only ever glides between two points, and the full bundle sat on the startup path.
import { useAnimate } from 'framer-motion/mini';
import { stepInterval } from './clock';
import { afterFrame } from '../after-frame';
import { usePacketStore } from './store';
import type { HookFocus } from './useHookFocus';

const TOKEN_H = 18;
const TOKEN_W = 44;

/**
 * Where the token goes, in flow coordinates: just past the right edge of the current stage (or on the
 * middle of a place). Offsets inside a node come from the DOM (offsetLeft/Top ignore the viewport's
 * transform), the node's own position from React Flow, so the token stays put while the camera moves.
 */
function flowTarget(root: HTMLElement, key: string, nodeAt: (id: string) => { x: number; y: number } | undefined): { x: number; y: number } | undefined {
  const el = root.querySelector<HTMLElement>(`[data-spot="${CSS.escape(key)}"]`);
  const wrapper = el?.closest<HTMLElement>('.react-flow__node');
  const id = wrapper?.dataset.id;
  const origin = id ? nodeAt(id) : undefined;
  if (!el || !wrapper || !origin) return undefined;
  let left = 0;
  let top = 0;
  for (let n: HTMLElement | null = el; n && n !== wrapper; n = n.offsetParent as HTMLElement | null) {
    left += n.offsetLeft;
    top += n.offsetTop;
  }
  const place = !key.includes(':');
  return {
    x: origin.x + (place ? left + el.offsetWidth / 2 - TOKEN_W / 2 : left + el.offsetWidth - 10),
    y: origin.y + top + el.offsetHeight / 2 - TOKEN_H / 2,
  };
}

/**
 * The packet as a token in the hook diagram, moving from stage to stage with framer-motion. The step
 * comes from the app clock (the store); the token only animates towards it, and jumps without
 * movement when motion is reduced. Render inside <ReactFlow>.
 */
export function HookToken({ focus }: { readonly focus: HookFocus | undefined }) {
  const [scope, animate] = useAnimate<HTMLDivElement>();
  const shown = useRef(false);
  const reduced = usePacketStore((s) => s.reducedMotion);
  const speed = usePacketStore((s) => s.speed);
  const root = useStore((s) => s.domNode);
  const { getInternalNode } = useReactFlow();
  const key = focus?.key;

  useLayoutEffect(() => {
    const el = scope.current;
    if (!el || !root) return;
    if (!key) {
      shown.current = false;
      void animate(el, { opacity: 0 }, { duration: 0 });
      return;
    }
    // Measured after the frame the step was committed in (see afterFrame): a frame later, for nothing.
    return afterFrame(() => {
      const to = flowTarget(root, key, (id) => getInternalNode(id)?.internals.positionAbsolute);
      if (!to) return;
      // The first position (and every position with reduced motion) is a jump; later ones glide.
      const duration = !shown.current || reduced ? 0 : Math.min(0.45, (stepInterval(speed) / 1000) * 0.7);
      shown.current = true;
      void animate(el, { transform: `translate(${to.x}px, ${to.y}px)`, opacity: 1 }, { duration, ease: 'easeInOut' });
    });
  }, [key, reduced, speed, animate, scope, root, getInternalNode]);

  return (
    <ViewportPortal>
      <div
        ref={scope}
        className={`hook-token pk-chip-${focus?.direction ?? 'original'}`}
        style={{ opacity: 0, height: TOKEN_H, minWidth: TOKEN_W }}
        aria-hidden="true"
        data-testid="packet-token"
      >
        {focus?.label ?? ''}
      </div>
    </ViewportPortal>
  );
}
