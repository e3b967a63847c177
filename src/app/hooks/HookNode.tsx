import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import type { HookStage } from '../../engine/node/hook-stages';
import { useSpotHere } from '../packet/useHookFocus';
import type { Hook } from '../../engine/packet';

export type HookNodeData = {
  readonly hook: Hook;
  readonly stages: readonly HookStage[];
};

export type HookFlowNode = Node<HookNodeData, 'hook'>;

function stageLabel(stage: HookStage, hook: Hook): string {
  if (stage.kind === 'conntrack') return 'conntrack';
  if (stage.kind === 'confirm') return 'conntrack confirm';
  if (stage.table === 'nat') return hook === 'PREROUTING' || hook === 'OUTPUT' ? 'nat (DNAT)' : 'nat (SNAT)';
  return stage.table;
}

function stageClass(stage: HookStage): string {
  return stage.kind === 'table' ? `stage stage-${stage.table}` : 'stage stage-conntrack';
}

/** A netfilter hook with its tables in the kernel's priority order. */
export const HookNode = memo(function HookNode({ data }: NodeProps<HookFlowNode>) {
  const labels = data.stages.map((s) => stageLabel(s, data.hook));
  // The stage the packet is at (if it is at this hook) and what the hop did there, in the colour language.
  const here = useSpotHere(data.hook);
  const [stage, fx] = here?.split(' ') ?? [];
  const current = stage === undefined ? undefined : Number(stage);
  // The group is named by the hook; its list of tables is read as content.
  return (
    <div className={`hook-node${current !== undefined ? ' is-current' : ''}`} role="group" aria-labelledby={`hook-${data.hook}`}>
      <Handle type="target" position={Position.Left} id="l" />
      <Handle type="target" position={Position.Top} id="t" />
      <div className="hook-name" id={`hook-${data.hook}`}>
        {data.hook}
      </div>
      <ol className="stages">
        {data.stages.map((s, i) => (
          <li
            key={i}
            className={`${stageClass(s)}${current === i ? ` is-current fx-${fx ?? 'info'}` : ''}`}
            title={`priority ${s.priority}`}
            data-spot={`${data.hook}:${i}`}
            aria-current={current === i ? 'step' : undefined}
          >
            {labels[i]}
          </li>
        ))}
      </ol>
      <Handle type="source" position={Position.Right} id="r" />
      <Handle type="source" position={Position.Bottom} id="b" />
    </div>
  );
});

export type PlaceFlowNode = Node<{ readonly label: string; readonly shape: 'box' | 'diamond'; readonly spot: string }, 'place'>;

/** The places around the hooks: the network, the routing decision, the local process. */
export const PlaceNode = memo(function PlaceNode({ data }: NodeProps<PlaceFlowNode>) {
  const active = useSpotHere(data.spot) !== undefined;
  return (
    <div className={`place-node place-${data.shape}${active ? ' is-current' : ''}`} role="group" aria-label={data.label} data-spot={data.spot}>
      <Handle type="target" position={Position.Left} id="l" />
      <Handle type="target" position={Position.Top} id="t" />
      <Handle type="target" position={Position.Bottom} id="bt" />
      <span>{data.label}</span>
      <Handle type="source" position={Position.Right} id="r" />
      <Handle type="source" position={Position.Bottom} id="b" />
      <Handle type="source" position={Position.Top} id="ts" />
    </div>
  );
});
