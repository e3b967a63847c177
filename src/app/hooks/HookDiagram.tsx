import { ReactFlow } from '@xyflow/react';
import type { Edge, NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { HOOK_STAGES } from '../../engine/netfilter/hooks';
import type { Hook } from '../../engine/netfilter/model';
import { HookNode, PlaceNode } from './HookNode';
import type { HookFlowNode, PlaceFlowNode } from './HookNode';
import { useT } from '../i18n';
import { HookToken } from '../packet/HookToken';
import { HookCamera } from '../packet/HookCamera';
import { Icon } from '../packet/Icon';
import { useHookFocus, type HookFocus } from '../packet/useHookFocus';

// Module level: React Flow re-mounts every node when nodeTypes changes identity.
const nodeTypes: NodeTypes = { hook: HookNode, place: PlaceNode };

const COL = 190;
const ROW = 190;

function hookNode(hook: Hook, x: number, y: number, focus: HookFocus | undefined): HookFlowNode {
  const here = focus?.spot.kind === 'stage' && focus.spot.hook === hook ? { current: focus.spot.stage, fx: focus.kind } : {};
  return { id: hook, type: 'hook', position: { x, y }, data: { hook, stages: HOOK_STAGES[hook], ...here }, draggable: false };
}

function place(id: string, label: string, shape: 'box' | 'diamond', x: number, y: number, focus: HookFocus | undefined): PlaceFlowNode {
  // Two routing diamonds share a label; their spots tell them apart.
  const active = focus?.spot.kind === 'place' && focus.spot.place === id;
  return { id, type: 'place', position: { x, y }, data: { label, shape, spot: id, active }, draggable: false };
}

function edge(source: string, target: string, sourceHandle = 'r', targetHandle = 'l'): Edge {
  return { id: `${source}-${target}`, source, target, sourceHandle, targetHandle, type: 'smoothstep' };
}

/** The netfilter hooks as the classic diagram draws them; fixed layout, kernel data. */
export function HookDiagram() {
  const t = useT();
  const focus = useHookFocus();
  const nodes = [
    place('net-in', t('networkIn'), 'box', 0, 40, focus),
    hookNode('PREROUTING', COL * 0.8, 0, focus),
    place('route-in', t('routing'), 'diamond', COL * 1.85, 40, focus),
    hookNode('FORWARD', COL * 2.6, 0, focus),
    hookNode('POSTROUTING', COL * 3.6, 0, focus),
    place('net-out', t('networkOut'), 'box', COL * 4.6, 40, focus),
    hookNode('INPUT', COL * 1.55, ROW, focus),
    place('local', t('localProcess'), 'box', COL * 2.5, ROW + 40, focus),
    hookNode('OUTPUT', COL * 3.1, ROW, focus),
    place('route-out', t('routing'), 'diamond', COL * 4.05, ROW + 40, focus),
  ];
  const edges = [
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
  return (
    <div className="hook-diagram" data-testid="hook-diagram">
      <ReactFlow
        nodes={nodes}
        edges={edges}
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
  );
}
