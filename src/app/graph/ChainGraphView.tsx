import { lazy, Suspense, useLayoutEffect, useMemo } from 'react';
import { Panel, ReactFlow, MarkerType, Position, useStore } from '@xyflow/react';
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { ChainGraph, ChainKind } from '../../engine/netfilter/chain-graph';
import { LABEL_HEIGHT, NODE_HEIGHT } from '../../worker/chain-geometry';
import { useChainLayout } from './useChainLayout';
import { useChainMarks } from './chain-marks';
import { filterByService, foldEndpoints } from './filter';
import { ChainNode } from './ChainNode';
import type { ChainFlowNode } from './ChainNode';
import { ChainEdge, type ChainFlowEdge } from './ChainEdge';
import { useChainFocus } from '../packet/useChainFocus';
import { useCurrentStep } from '../packet/useCurrentStep';
import { ChainCamera, type ChainRects } from '../packet/ChainCamera';
import { usePacketStore } from '../packet/store';
import { useLabStore } from '../store';
import { around, readableZoom, zoomToFit, type Rect } from './camera';
import { walkChains } from './packet-path';
import { serviceOfPort } from './service-port';
import { graphMessages } from './messages';
import { edgeId } from '../../worker/edge-id';

// Loaded when a graph first overflows the view, after the first screen.
const ChainOutline = lazy(() => import('./ChainOutline'));

const nodeTypes: NodeTypes = { chain: ChainNode };
const edgeTypes: EdgeTypes = { chain: ChainEdge };
/** React Flow's default handle size (the handles are invisible; edges meet the node's sides). */
const HANDLE = 6;

interface Props {
  readonly graph: ChainGraph;
  /** One Service (`namespace/name`): its chains and the way into them. */
  readonly service?: string;
  readonly selectedChain?: string;
  readonly onSelectChain: (chain: string) => void;
  /** A graph that is not the selected node's (an imported node's): the scenario's packet never shows in it. */
  readonly standalone?: boolean;
}

/** The chains a playing packet has walked in this table, and the one its current rule jumps to. */
function packetChains(graph: ChainGraph, focus: { readonly visited: readonly string[]; readonly edges: readonly string[] }, walk: readonly string[]): string[] {
  const jumps = graph.edges.filter((e) => focus.edges.includes(edgeId(e))).map((e) => e.to);
  const known = new Set(graph.nodes.map((n) => n.chain));
  return [...new Set([...focus.visited, ...walk, ...jumps])].filter((c) => known.has(c));
}

/** `shown` plus some chains of `graph`, with every edge between the chains kept. */
function withChains(graph: ChainGraph, shown: ChainGraph, extra: readonly string[]): ChainGraph {
  if (extra.length === 0) return shown;
  const keep = new Set([...shown.nodes.map((n) => n.chain), ...extra]);
  return { table: graph.table, nodes: graph.nodes.filter((n) => keep.has(n.chain)), edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
}

/** The outline, only when the graph does not fit the view at a readable zoom (then the view pans). */
function OverflowOutline({ chains, bounds, minZoom, current, label }: { readonly chains: readonly { readonly chain: string; readonly kind: ChainKind; readonly rect: Rect }[]; readonly bounds: Rect | undefined; readonly minZoom: number; readonly current?: string | undefined; readonly label: string }) {
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  if (!bounds || width === 0 || zoomToFit(bounds, width, height) >= minZoom) return null;
  return (
    // Bottom left: the graph runs left to right, so its top right holds the endpoints (the outline covered
    // a KUBE-SEP's Service there), while below the way in there is room.
    <Panel position="bottom-left">
      <Suspense fallback={null}>
        <ChainOutline chains={chains} bounds={bounds} current={current} label={label} />
      </Suspense>
    </Panel>
  );
}

/** The KUBE-* jump graph of one table, laid out left to right, framed at a readable size. */
export function ChainGraphView({ graph, service, selectedChain, onSelectChain, standalone = false }: Props) {
  // The packet's current chain, when it is in this graph (same node and table).
  const focus = useChainFocus(standalone ? '' : graph.table);
  const cur = useCurrentStep();
  const playingTrace = usePacketStore((s) => s.trace !== undefined) && !standalone;
  const reducedMotion = usePacketStore((s) => s.reducedMotion);
  const classroom = useLabStore((s) => s.classroom);
  const lang = useLabStore((s) => s.lang);
  const minZoom = readableZoom(classroom);
  // The whole walk the packet is in (all of it, not only the chains behind it), when it is in this graph.
  const walkKey = focus && cur ? walkChains(cur.packet, cur.step.hop).join(' ') : '';
  const filtered = useMemo(() => filterByService(graph, service), [graph, service]);
  // A service filter never hides the packet's way: its chains (and the jump it takes) join the filtered ones.
  const missing = useMemo(
    () => (focus ? packetChains(graph, focus, walkKey === '' ? [] : walkKey.split(' ')).filter((c) => !filtered.nodes.some((n) => n.chain === c)) : []),
    [graph, focus, filtered, walkKey],
  );
  const missingKey = missing.join(' ');
  const shown = useMemo(() => foldEndpoints(withChains(graph, filtered, missingKey === '' ? [] : missingKey.split(' '))), [graph, filtered, missingKey]);
  // Laid out in the worker; `drawn` is the graph those positions belong to (the previous one until it answers).
  const laidOut = useChainLayout(shown);
  const drawn = useMemo(() => laidOut?.graph ?? { table: graph.table, nodes: [], edges: [] }, [laidOut, graph.table]);
  const onPath = useMemo(() => new Set(focus ? focus.visited : []), [focus]);
  const takenEdges = useMemo(() => new Set(focus?.edges ?? []), [focus]);
  // Each endpoint's Service chain and rule position, as the worker's layout placed them.
  const rules = useMemo(() => new Map((laidOut?.positions ?? []).flatMap((p) => (p.rule ? [[p.chain, p.rule] as const] : []))), [laidOut]);

  const rects: ChainRects = useMemo(() => new Map((laidOut?.positions ?? []).map((p) => [p.chain, { x: p.x, y: p.y, width: p.width, height: NODE_HEIGHT }])), [laidOut]);
  const bounds = useMemo(() => around([...rects.values()]), [rects]);
  const outline = useMemo(() => drawn.nodes.filter((n) => rects.has(n.chain)).map((n) => ({ chain: n.chain, kind: n.kind, rect: rects.get(n.chain)! })), [drawn, rects]);
  // What the camera frames. While a packet plays here: its whole walk, else the chains around it, else its
  // chain. At rest: the Service's chains with the way in, else its first chain and its endpoints.
  const shot = useMemo(() => {
    const has = (id: string | undefined): id is string => !!id && rects.has(id);
    if (focus) {
      const jump = drawn.edges.find((e) => e.from === focus.chain && focus.edges.includes(edgeId(e)));
      const near = [...new Set([focus.visited[focus.visited.length - 2], focus.chain, jump?.to].filter(has))];
      const walk = walkKey === '' ? [] : walkKey.split(' ').filter(has);
      return { whole: walk.length > 0 ? walk : near, near, anchor: focus.chain };
    }
    if (playingTrace) return { whole: [], near: [], anchor: undefined };
    const own = drawn.nodes.filter((n) => n.service !== undefined && (!service || serviceOfPort(n.service) === service)).map((n) => n.chain);
    const lead = drawn.nodes.find((n) => own.includes(n.chain) && n.kind !== 'endpoint')?.chain;
    const picks = lead ? drawn.edges.filter((e) => e.from === lead && rules.get(e.to)?.from === lead).map((e) => e.to) : [];
    // Nothing to follow: when the Service's chains do not fit, their middle (the endpoints around it) is shown.
    return { whole: drawn.nodes.map((n) => n.chain), near: lead ? [lead, ...picks] : [], anchor: lead ? undefined : 'KUBE-SERVICES' };
  }, [focus, walkKey, drawn, rects, playingTrace, service, rules]);

  // The marks go to the nodes through their store (one render of the chains that changed), not as new
  // node objects: React Flow then keeps every node as it is from step to step.
  useLayoutEffect(() => {
    useChainMarks.setState({ selected: selectedChain, onPath, current: focus ? { chain: focus.chain, kind: focus.kind } : undefined, select: onSelectChain });
  }, [selectedChain, onPath, focus, onSelectChain]);

  const nodes: ChainFlowNode[] = useMemo(
    () =>
      (laidOut?.positions ?? []).map((p, i) => {
        const node = drawn.nodes[i]!;
        return {
          id: node.chain,
          type: 'chain',
          position: { x: p.x, y: p.y },
          data: { chain: node, width: p.width, rule: rules.get(node.chain) },
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
      }),
    [laidOut, drawn, rules],
  );
  // Labels into one chain stand one above the other, each at its own edge's end.
  const labelOffsets = useMemo(() => {
    const into = new Map<string, string[]>();
    for (const e of drawn.edges) if (e.label) into.set(e.to, [...(into.get(e.to) ?? []), edgeId(e)]);
    const out = new Map<string, number>();
    for (const ids of into.values()) ids.forEach((id, k) => out.set(id, (k - (ids.length - 1) / 2) * (LABEL_HEIGHT + 2)));
    return out;
  }, [drawn]);
  const edges: ChainFlowEdge[] = drawn.edges.map((e) => {
    const id = edgeId(e);
    return {
      id,
      type: 'chain',
      source: e.from,
      target: e.to,
      data: { label: e.label, offset: labelOffsets.get(id) ?? 0 },
      className: `chain-edge${onPath.has(e.from) && onPath.has(e.to) ? ' on-path' : ''}${takenEdges.has(id) ? ' is-taken' : ''}`,
      // The jump just taken marches (unless motion is reduced); its stroke is thicker either way.
      animated: !reducedMotion && takenEdges.has(id),
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
      ...(e.goto ? { style: { strokeDasharray: '6 3' } } : {}),
    };
  });

  return (
    <div className="chain-graph" data-testid="chain-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        onlyRenderVisibleElements={drawn.nodes.length > 150}
        minZoom={minZoom}
        maxZoom={Math.max(2, minZoom)}
        // React Flow's corner badge sat on the lower right node's words at 1280×720 and in classroom mode;
        // the README credits React Flow instead (its MIT licence allows hiding the badge).
        proOptions={{ hideAttribution: true }}
      >
        <ChainCamera rects={rects} whole={shot.whole} near={shot.near} anchor={shot.anchor} hold={playingTrace} minZoom={minZoom} maxZoom={Math.max(1.25, minZoom)} />
        <OverflowOutline chains={outline} bounds={bounds} minZoom={minZoom} current={focus?.chain} label={graphMessages[lang].minimap} />
      </ReactFlow>
    </div>
  );
}
