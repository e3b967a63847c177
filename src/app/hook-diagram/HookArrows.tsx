import { memo } from 'react';
import { ARROWS, arrowPath } from './layout';
import type { Geometry } from './useGeometry';

/** The arrows between the hooks and places, drawn under them from their measured boxes. */
export const HookArrows = memo(function HookArrows({ geometry }: { readonly geometry: Geometry | undefined }) {
  if (!geometry) return null;
  return (
    <svg className="hook-arrows" width={geometry.width} height={geometry.height} aria-hidden="true" focusable="false">
      <defs>
        <marker id="hook-arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
        </marker>
      </defs>
      {ARROWS.map((a) => {
        const from = geometry.boxes[a.from];
        const to = geometry.boxes[a.to];
        if (!from || !to) return null;
        return <path key={`${a.from}-${a.to}`} d={arrowPath(from, to, a)} markerEnd="url(#hook-arrowhead)" />;
      })}
    </svg>
  );
});
