import { useEffect } from 'react';
import { useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { usePacketStore } from './store';

/** The classic diagram's two rows: the forward path on top, the local path under it. */
const TOP_ROW = ['net-in', 'PREROUTING', 'route-in', 'FORWARD', 'POSTROUTING', 'net-out'];
const BOTTOM_ROW = ['INPUT', 'local', 'OUTPUT', 'route-out'];

/**
 * Below this zoom the whole diagram's 11px labels are unreadable: then, while a packet plays, the
 * camera frames the row the packet is on (and pans when it changes rows) instead of the whole diagram.
 */
const FOLLOW_BELOW = 0.7;

/**
 * Whether React Flow has measured every node. (useNodesInitialized reads the nodes we pass, which a
 * controlled flow without onNodesChange never gives dimensions; the internal lookup has them.)
 */
function measured(s: ReactFlowState): boolean {
  if (s.nodeLookup.size === 0) return false;
  for (const n of s.nodeLookup.values()) if (!n.measured.width || !n.measured.height) return false;
  return true;
}

/** Keeps the hook diagram framed: all of it, or the packet's row when all of it would be too small. Render inside <ReactFlow>. */
export function HookCamera({ at }: { readonly at: string | undefined }) {
  const { fitView, getNodesBounds } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const ready = useStore(measured);
  const reduced = usePacketStore((s) => s.reducedMotion);
  const row = at === undefined ? undefined : BOTTOM_ROW.includes(at) ? 'bottom' : 'top';

  useEffect(() => {
    if (!ready || width === 0 || height === 0) return;
    const all = getNodesBounds([...TOP_ROW, ...BOTTOM_ROW]);
    const overview = Math.min(width / all.width, height / all.height);
    const follow = row !== undefined && overview < FOLLOW_BELOW;
    const ids = row === 'bottom' ? BOTTOM_ROW : TOP_ROW;
    void fitView({
      ...(follow ? { nodes: ids.map((id) => ({ id })) } : {}),
      padding: follow ? 0.04 : 0.06,
      maxZoom: 1.1,
      minZoom: 0.2,
      duration: reduced ? 0 : 350,
    });
  }, [row, width, height, ready, reduced, fitView, getNodesBounds]);
  return null;
}
