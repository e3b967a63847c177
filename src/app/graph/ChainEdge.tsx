import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath } from '@xyflow/react';
import type { Edge, EdgeProps } from '@xyflow/react';

export type ChainFlowEdge = Edge<{ readonly label: string; readonly offset: number }, 'chain'>;

/** Room between a label and the arrow's head. */
const BEFORE_ARROW = 16;

/**
 * A jump between chains. Its condition (`10.200.1.100:9000/tcp`, `p=0.33333333349`) stands just before the
 * arrow's head, at the height of the chain it leads to: the jumps out of one Service chain fan out at their
 * start, so a label in the middle would stand between two edges; at the end it is beside its own chain.
 */
export const ChainEdge = memo(function ChainEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, data }: EdgeProps<ChainFlowEdge>) {
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} {...(style ? { style } : {})} />
      {data?.label ? (
        <EdgeLabelRenderer>
          <div className="chain-edge-label" style={{ transform: `translate(-100%, -50%) translate(${targetX - BEFORE_ARROW}px, ${targetY + data.offset}px)` }}>
            <code>{data.label}</code>
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});
