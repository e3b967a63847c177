import { useEffect, useRef } from 'react';
import { useReactFlow, useStore } from '@xyflow/react';
import { usePacketStore } from './store';
import { around, chooseViewport, type Rect } from '../graph/camera';

/** Chains by name, with where they are drawn. */
export type ChainRects = ReadonlyMap<string, Rect>;

interface Props {
  readonly rects: ChainRects;
  /** What to show whole when it fits at a readable size: the packet's whole walk, or the Service's chains. */
  readonly whole: readonly string[];
  /** The fallback: the chain the packet came from, the one it is in, the one it jumps to. */
  readonly near: readonly string[];
  /** The chain to centre when neither fits. */
  readonly anchor?: string | undefined;
  /** Keep the last shot (between rule hops: conntrack, routing, the wire) instead of reframing. */
  readonly hold: boolean;
  readonly minZoom: number;
  readonly maxZoom: number;
}

function rectOf(rects: ChainRects, ids: readonly string[]): Rect | undefined {
  return around(ids.map((id) => rects.get(id)).filter((r): r is Rect => r !== undefined));
}

/**
 * Frames the chain graph at a zoom that keeps its text readable (never below `minZoom`): the packet's whole
 * way when it fits, else the chains around the packet, else the packet's chain in the middle. Render inside
 * <ReactFlow>.
 */
export function ChainCamera({ rects, whole, near, anchor, hold, minZoom, maxZoom }: Props) {
  const { setViewport } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const reduced = usePacketStore((s) => s.reducedMotion);
  const key = `${whole.join(' ')}|${near.join(' ')}|${anchor ?? ''}`;
  const framed = useRef<unknown>(undefined);
  useEffect(() => {
    if (width === 0 || height === 0 || rects.size === 0) return;
    // Between rule hops keep the last frame instead of zooming out and back.
    if (hold && key.startsWith('|') && framed.current === rects) return;
    framed.current = rects;
    const [w, n, a] = key.split('|');
    const ids = (s: string | undefined): string[] => (s ? s.split(' ') : []);
    const all = ids(w).length > 0 ? ids(w) : [...rects.keys()];
    const viewport = chooseViewport({ width, height, minZoom, maxZoom, whole: rectOf(rects, all), near: rectOf(rects, ids(n)), anchor: a ? rects.get(a) : undefined });
    if (viewport) void setViewport(viewport, { duration: reduced ? 0 : 350 });
  }, [key, rects, hold, width, height, minZoom, maxZoom, reduced, setViewport]);
  return null;
}
