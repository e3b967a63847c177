import { useEffect, useRef } from 'react';
import { useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { usePacketStore } from './store';

/** Below this zoom chain names are unreadable: then the camera frames the packet's chains, not the whole table. */
const FOLLOW_BELOW = 0.7;

function measured(s: ReactFlowState): boolean {
  if (s.nodeLookup.size === 0) return false;
  for (const n of s.nodeLookup.values()) if (!n.measured.width || !n.measured.height) return false;
  return true;
}

/**
 * Frames the chain graph: all of it, or (while a packet plays and all of it would be too small) the
 * chain the packet came from, the one it is in and the one it jumps to. Render inside <ReactFlow>.
 */
export function ChainCamera({ frame, graph, hold }: { readonly frame: readonly string[]; readonly graph: unknown; readonly hold: boolean }) {
  const { fitView, getNodesBounds, getNodes } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const ready = useStore(measured);
  const reduced = usePacketStore((s) => s.reducedMotion);
  const key = frame.join(' ');
  const framed = useRef<unknown>(undefined);
  useEffect(() => {
    if (!ready || width === 0 || height === 0) return;
    // Between rule hops (conntrack, routing, the wire) keep the last frame instead of zooming out and back.
    if (key === '' && hold && framed.current === graph) return;
    framed.current = graph;
    const all = getNodesBounds(getNodes().map((n) => n.id));
    const overview = Math.min(width / all.width, height / all.height);
    const ids = key === '' ? [] : key.split(' ');
    const follow = ids.length > 0 && overview < FOLLOW_BELOW;
    void fitView({
      ...(follow ? { nodes: ids.map((id) => ({ id })) } : {}),
      padding: follow ? 0.15 : 0.05,
      maxZoom: 1,
      minZoom: 0.05,
      duration: reduced ? 0 : 350,
    });
  }, [key, graph, hold, width, height, ready, reduced, fitView, getNodesBounds, getNodes]);
  return null;
}
