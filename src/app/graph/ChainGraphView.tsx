import { useLayoutEffect, useMemo } from 'react';
import { ReactFlow, MarkerType, Position } from '@xyflow/react';
import type { Edge, NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { ChainGraph } from '../../engine/netfilter/chain-graph';
import { NODE_HEIGHT } from '../../worker/chain-geometry';
import { useChainLayout } from './useChainLayout';
import { useChainMarks } from './chain-marks';
import { filterByService, foldEndpoints } from './filter';
import { ChainNode } from './ChainNode';
import type { ChainFlowNode } from './ChainNode';
import { useChainFocus } from '../packet/useChainFocus';
import { ChainCamera } from '../packet/ChainCamera';
import { usePacketStore } from '../packet/store';

const nodeTypes: NodeTypes = { chain: ChainNode };
/** React Flow's default handle size (the handles are invisible; edges meet the node's sides). */
const HANDLE = 6;

interface Props {
  readonly graph: ChainGraph;
  readonly service?: string;
  readonly selectedChain?: string;
  /** Chains the current packet went through, in order. */
  readonly path?: readonly string[];
  readonly onSelectChain: (chain: string) => void;
}

/** The chains a playing packet has walked in this table, and the one its current rule jumps to. */
function packetChains(graph: ChainGraph, focus: { readonly visited: readonly string[]; readonly edges: readonly string[] }): string[] {
  const jumps = graph.edges.filter((e) => focus.edges.includes(`${e.from}#${e.ruleIndex}`)).map((e) => e.to);
  return [...new Set([...focus.visited, ...jumps])].filter((c) => graph.nodes.some((n) => n.chain === c));
}

/** `shown` plus some chains of `graph`, with every edge between the chains kept. */
function withChains(graph: ChainGraph, shown: ChainGraph, extra: readonly string[]): ChainGraph {
  if (extra.length === 0) return shown;
  const keep = new Set([...shown.nodes.map((n) => n.chain), ...extra]);
  return { table: graph.table, nodes: graph.nodes.filter((n) => keep.has(n.chain)), edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
}

/** The KUBE-* jump graph of one table, laid out left to right. */
export function ChainGraphView({ graph, service, selectedChain, path, onSelectChain }: Props) {
  // The packet's current chain, when it is in this graph (same node and table).
  const focus = useChainFocus(graph.table);
  const playingTrace = usePacketStore((s) => s.trace !== undefined);
  const reducedMotion = usePacketStore((s) => s.reducedMotion);
  const filtered = useMemo(() => filterByService(graph, service), [graph, service]);
  // A service filter never hides the packet's way: its chains (and the jump it takes) join the filtered ones.
  const missing = useMemo(() => (focus ? packetChains(graph, focus).filter((c) => !filtered.nodes.some((n) => n.chain === c)) : []), [graph, focus, filtered]);
  const missingKey = missing.join(' ');
  const shown = useMemo(() => foldEndpoints(withChains(graph, filtered, missingKey === '' ? [] : missingKey.split(' '))), [graph, filtered, missingKey]);
  // Laid out in the worker; `drawn` is the graph those positions belong to (the previous one until it answers).
  const laidOut = useChainLayout(shown);
  const drawn = useMemo(() => laidOut?.graph ?? { table: graph.table, nodes: [], edges: [] }, [laidOut, graph.table]);
  const onPath = useMemo(() => new Set(focus ? focus.visited : (path ?? [])), [path, focus]);
  const takenEdges = useMemo(() => new Set(focus?.edges ?? []), [focus]);
  // What the camera frames while a packet plays: the chain it came from, the one it is in, the one it jumps to.
  const frame = useMemo(() => {
    if (!focus) return [];
    const jump = drawn.edges.find((e) => e.from === focus.chain && focus.edges.includes(`${e.from}#${e.ruleIndex}`));
    const ids = [focus.visited[focus.visited.length - 2], focus.chain, jump?.to];
    return [...new Set(ids.filter((id): id is string => !!id && drawn.nodes.some((n) => n.chain === id)))];
  }, [focus, drawn]);

  // The marks go to the nodes through their store (one render of the chains that changed), not as new
  // node objects: React Flow then keeps every node as it is from step to step.
  useLayoutEffect(() => {
    useChainMarks.setState({ selected: selectedChain, onPath, current: focus ? { chain: focus.chain, kind: focus.kind } : undefined, select: onSelectChain });
  }, [selectedChain, onPath, focus, onSelectChain]);

  const nodes: ChainFlowNode[] = useMemo(() => (laidOut?.positions ?? []).map((p, i) => {
    const node = drawn.nodes[i]!;
    return {
      id: node.chain,
      type: 'chain',
      position: { x: p.x, y: p.y },
      data: { chain: node, width: p.width },
      draggable: false,
      width: p.width,
      height: NODE_HEIGHT,
      // Size and handles given, not measured: React Flow drops a node's measured handles whenever the
      // node object is new, and when the worker's layout answers after the render that brought the
      // graph, no resize is left to re-measure them; the edges then vanished.
      measured: { width: p.width, height: NODE_HEIGHT },
      handles: [
        { type: 'target', position: Position.Left, x: -HANDLE / 2, y: NODE_HEIGHT / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
        { type: 'source', position: Position.Right, x: p.width - HANDLE / 2, y: NODE_HEIGHT / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
      ],
    };
  }), [laidOut, drawn]);
  const edges: Edge[] = drawn.edges.map((e) => ({
    id: `${e.from}#${e.ruleIndex}`,
    source: e.from,
    target: e.to,
    label: e.label || undefined,
    className: `chain-edge${onPath.has(e.from) && onPath.has(e.to) ? ' on-path' : ''}${takenEdges.has(`${e.from}#${e.ruleIndex}`) ? ' is-taken' : ''}`,
    // The jump just taken marches (unless motion is reduced); its stroke is thicker either way.
    animated: !reducedMotion && takenEdges.has(`${e.from}#${e.ruleIndex}`),
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
        onlyRenderVisibleElements={drawn.nodes.length > 150}
        minZoom={0.05}
      >
        <ChainCamera frame={frame} graph={drawn} hold={playingTrace} />
      </ReactFlow>
    </div>
  );
}
