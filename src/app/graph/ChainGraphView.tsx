import { useMemo } from 'react';
import { ReactFlow, MarkerType } from '@xyflow/react';
import type { Edge, NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { ChainGraph } from '../../engine/netfilter/chain-graph';
import { layoutChainGraph, NODE_HEIGHT } from './layout';
import { filterByService, foldEndpoints } from './filter';
import { ChainNode } from './ChainNode';
import type { ChainFlowNode } from './ChainNode';

const nodeTypes: NodeTypes = { chain: ChainNode };

interface Props {
  readonly graph: ChainGraph;
  readonly service?: string;
  readonly selectedChain?: string;
  /** Chains the current packet went through, in order. */
  readonly path?: readonly string[];
  readonly onSelectChain: (chain: string) => void;
}

/** The KUBE-* jump graph of one table, laid out left to right. */
export function ChainGraphView({ graph, service, selectedChain, path, onSelectChain }: Props) {
  const shown = useMemo(() => foldEndpoints(filterByService(graph, service)), [graph, service]);
  const positioned = useMemo(() => layoutChainGraph(shown), [shown]);
  const onPath = useMemo(() => new Set(path ?? []), [path]);

  const nodes: ChainFlowNode[] = positioned.map((p) => ({
    id: p.node.chain,
    type: 'chain',
    position: { x: p.x, y: p.y },
    data: { chain: p.node, width: p.width, selected: p.node.chain === selectedChain, onPath: onPath.has(p.node.chain), onSelect: onSelectChain },
    draggable: false,
    width: p.width,
    height: NODE_HEIGHT,
  }));
  const edges: Edge[] = shown.edges.map((e) => ({
    id: `${e.from}#${e.ruleIndex}`,
    source: e.from,
    target: e.to,
    label: e.label || undefined,
    className: `chain-edge${onPath.has(e.from) && onPath.has(e.to) ? ' on-path' : ''}`,
    markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
    style: e.goto ? { strokeDasharray: '6 3' } : undefined,
    labelStyle: { fontFamily: 'ui-monospace, monospace', fontSize: 10 },
    labelBgPadding: [3, 1] as [number, number],
  }));

  return (
    <div className="chain-graph" data-testid="chain-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.05 }}
        nodesDraggable={false}
        nodesConnectable={false}
        onlyRenderVisibleElements={shown.nodes.length > 150}
        minZoom={0.05}
      />
    </div>
  );
}
