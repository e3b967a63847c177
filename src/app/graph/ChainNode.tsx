import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import type { ChainGraphNode } from '../../engine/netfilter/chain-graph';
import { usePacketText } from '../packet/useCurrentStep';

export type ChainFlowNode = Node<
  {
    readonly chain: ChainGraphNode;
    readonly width: number;
    readonly selected: boolean;
    readonly onPath: boolean;
    /** The packet's current hop is in this chain; the value is what the hop did (colour language). */
    readonly current?: string | undefined;
    readonly onSelect: (chain: string) => void;
  },
  'chain'
>;

/**
 * One chain: its full name, its kind's colour and its rule count. The button holds only the chain name,
 * so its accessible name is exactly the chain (DESIGN §5); the details sit beside it.
 */
export const ChainNode = memo(function ChainNode({ data }: NodeProps<ChainFlowNode>) {
  const { chain, width, selected, onPath, current, onSelect } = data;
  const m = usePacketText();
  return (
    <div
      className={`chain-node chain-${chain.kind}${selected ? ' is-selected' : ''}${onPath ? ' on-path' : ''}${current ? ` is-current fx-${current}` : ''}`}
      style={{ width }}
      onClick={() => onSelect(chain.chain)}
      data-current={current ? 'true' : undefined}
    >
      <Handle type="target" position={Position.Left} />
      <button
        type="button"
        className="chain-name"
        aria-pressed={selected}
        onClick={(e) => {
          e.stopPropagation();
          onSelect(chain.chain);
        }}
      >
        {chain.chain}
      </button>
      <div className="chain-meta">
        {/* The packet's chain says so in words too, not only with its border colour. */}
        {current ? (
          <span className="chain-here">● {m.packetHere}</span>
        ) : (
          <>
            {chain.service ?? (chain.policy ? `policy ${chain.policy}` : '')}
            <span className="chain-count">{chain.ruleCount === 1 ? '1 rule' : `${chain.ruleCount} rules`}</span>
          </>
        )}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
