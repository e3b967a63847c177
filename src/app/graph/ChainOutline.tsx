import type { MouseEvent } from 'react';
import { useReactFlow, useStore } from '@xyflow/react';
import type { ChainKind } from '../../engine/netfilter/chain-graph';
import type { Rect } from './camera';

interface Props {
  readonly chains: readonly { readonly chain: string; readonly kind: ChainKind; readonly rect: Rect }[];
  readonly bounds: Rect;
  /** The chain the packet is in, marked. */
  readonly current?: string | undefined;
  readonly label: string;
}

/**
 * A small outline of the whole graph with the part in view framed: shown when the graph is too big to draw
 * whole at a readable size, so the view pans and this says where it is. Clicking it moves the view there.
 * (React Flow's MiniMap does the same but would add its code to the first screen's shared chunk.)
 */
export default function ChainOutline({ chains, bounds, current, label }: Props) {
  const { setCenter } = useReactFlow();
  const [tx, ty, zoom] = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const boxW = Math.round(Math.min(160, width / 5));
  const boxH = Math.round(Math.min(80, Math.max(36, height / 3)));
  const k = Math.min(boxW / bounds.width, boxH / bounds.height);
  const at = (x: number, y: number): { x: number; y: number } => ({ x: (x - bounds.x) * k, y: (y - bounds.y) * k });
  const view = at(-tx / zoom, -ty / zoom);
  const onClick = (e: MouseEvent<HTMLDivElement>): void => {
    const box = e.currentTarget.getBoundingClientRect();
    void setCenter(bounds.x + (e.clientX - box.left) / k, bounds.y + (e.clientY - box.top) / k, { zoom });
  };
  return (
    // A pointer shortcut only: the graph itself pans with the pointer and the wheel, and follows the packet.
    <div className="chain-outline" role="img" aria-label={label} style={{ width: bounds.width * k, height: bounds.height * k }} onClick={onClick}>
      <svg width={bounds.width * k} height={bounds.height * k} aria-hidden="true">
        {chains.map((c) => {
          const p = at(c.rect.x, c.rect.y);
          return <rect key={c.chain} className={`chain-mini chain-mini-${c.kind}${c.chain === current ? ' is-current' : ''}`} x={p.x} y={p.y} width={Math.max(2, c.rect.width * k)} height={Math.max(2, c.rect.height * k)} />;
        })}
        <rect className="chain-outline-view" x={view.x} y={view.y} width={(width / zoom) * k} height={(height / zoom) * k} />
      </svg>
    </div>
  );
}
