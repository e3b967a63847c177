import { useMemo } from 'react';
import { ReactFlow } from '@xyflow/react';
import type { Edge, NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { HOOK_STAGES } from '../../engine/node/hook-stages';
import { HookNode, PlaceNode } from './HookNode';
import type { HookFlowNode, PlaceFlowNode } from './HookNode';
import { useT } from '../i18n';
import { HookToken } from '../packet/HookToken';
import { HookCamera } from '../packet/HookCamera';
import { Icon } from '../packet/Icon';
import { useHookFocus } from '../packet/useHookFocus';
import { ClusterStrip } from './ClusterStrip';
import './hooks.css';
import type { Hook } from '../../engine/packet';

// Module level: React Flow re-mounts every node when nodeTypes changes identity.
const nodeTypes: NodeTypes = { hook: HookNode, place: PlaceNode };

const COL = 190;
const ROW = 190;

function hookNode(hook: Hook, x: number, y: number): HookFlowNode {
  return { id: hook, type: 'hook', position: { x, y }, data: { hook, stages: HOOK_STAGES[hook] }, draggable: false };
}

function place(id: string, label: string, shape: 'box' | 'diamond', x: number, y: number): PlaceFlowNode {
  // Two routing diamonds share a label; their spots tell them apart.
  return { id, type: 'place', position: { x, y }, data: { label, shape, spot: id }, draggable: false };
}

function edge(source: string, target: string, sourceHandle = 'r', targetHandle = 'l'): Edge {
  return { id: `${source}-${target}`, source, target, sourceHandle, targetHandle, type: 'smoothstep' };
}

// Module level: the same array on every render.
const EDGES: Edge[] = [
  edge('net-in', 'PREROUTING'),
  edge('PREROUTING', 'route-in'),
  edge('route-in', 'FORWARD'),
  edge('FORWARD', 'POSTROUTING'),
  edge('POSTROUTING', 'net-out'),
  edge('route-in', 'INPUT', 'b', 't'),
  edge('INPUT', 'local'),
  edge('local', 'OUTPUT'),
  edge('OUTPUT', 'route-out'),
  edge('route-out', 'POSTROUTING', 'ts', 't'),
];

/**
 * The netfilter hooks as the classic diagram draws them (fixed layout, kernel data), beside the cluster
 * strip: the diagram is one node's hooks, the strip says which node and where the packet goes next.
 */
export function HookDiagram() {
  const t = useT();
  const focus = useHookFocus();
  const [netIn, routing, netOut, local] = [t('networkIn'), t('routing'), t('networkOut'), t('localProcess')];
  // The same nodes for as long as the language stays: each node marks the token itself (useSpotHere), so
  // a step never hands React Flow new node objects (it would re-measure them and redraw their edges).
  const nodes = useMemo(
    () => [
      place('net-in', netIn, 'box', 0, 40),
      hookNode('PREROUTING', COL * 0.8, 0),
      place('route-in', routing, 'diamond', COL * 1.85, 40),
      hookNode('FORWARD', COL * 2.6, 0),
      hookNode('POSTROUTING', COL * 3.6, 0),
      place('net-out', netOut, 'box', COL * 4.6, 40),
      hookNode('INPUT', COL * 1.55, ROW),
      place('local', local, 'box', COL * 2.5, ROW + 40),
      hookNode('OUTPUT', COL * 3.1, ROW),
      place('route-out', routing, 'diamond', COL * 4.05, ROW + 40),
    ],
    [netIn, routing, netOut, local],
  );
  return (
    <div className="hooks-layout">
      <div className="hooks-grid">
        <ClusterStrip />
        <div className="hooks-stage">
          <div className="hook-diagram" data-testid="hook-diagram">
            <ReactFlow
              nodes={nodes}
              edges={EDGES}
              nodeTypes={nodeTypes}
              fitView
              fitViewOptions={{ padding: 0.06 }}
              nodesDraggable={false}
              nodesConnectable={false}
              elementsSelectable={false}
              panOnDrag={false}
              zoomOnScroll={false}
              zoomOnDoubleClick={false}
              preventScrolling={false}
              minZoom={0.2}
            >
              <HookCamera at={focus ? (focus.spot.kind === 'stage' ? focus.spot.hook : focus.spot.place) : undefined} />
              <HookToken focus={focus} />
            </ReactFlow>
            {focus?.node && (
              <p className="hook-on-node" data-testid="hook-node-label">
                <Icon name="pin" /> 
                {focus.node}
              </p>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
