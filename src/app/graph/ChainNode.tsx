import { memo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { Node, NodeProps } from '@xyflow/react';
import type { ChainGraphNode } from '../../engine/netfilter/chain-graph';
import { usePacketText } from '../packet/useCurrentStep';
import { useChainMarks } from './chain-marks';
import { useLabStore } from '../store';
import { graphMessages } from './messages';

export type ChainFlowNode = Node<
  {
    readonly chain: ChainGraphNode;
    readonly width: number;
    /** For an endpoint chain: the 1-based rule of its Service chain that picks it (`rule 2`). */
    readonly rule?: { readonly from: string; readonly rule: number } | undefined;
  },
  'chain'
>;

/**
 * One chain: its full name, its kind's colour and its rule count. The button holds only the chain name,
 * so its accessible name is exactly the chain (DESIGN §5); the details sit beside it.
 */
export const ChainNode = memo(function ChainNode({ data }: NodeProps<ChainFlowNode>) {
  const { chain, width, rule } = data;
  // Marks come from the graph's marks store, not from the node's data (see chain-marks.ts).
  const selected = useChainMarks((s) => s.selected === chain.chain);
  const onPath = useChainMarks((s) => s.onPath.has(chain.chain));
  // What the hop did, when the packet's current hop is in this chain (colour language).
  const current = useChainMarks((s) => (s.current?.chain === chain.chain ? s.current.kind : undefined));
  // Read when clicked, not subscribed to: the panel hands a new handler on every render.
  const onSelect = (c: string): void => useChainMarks.getState().select(c);
  const m = usePacketText();
  const g = graphMessages[useLabStore((s) => s.lang)];
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
        {rule ? (
          <span className="chain-rule" title={g.ruleBadgeTitle(rule.rule, rule.from)}>
            {g.ruleBadge(rule.rule)}
          </span>
        ) : null}
        {current ? (
          <span className="chain-here">● {m.packetHere}</span>
        ) : (
          <>
            <span className="chain-service">{chain.service ?? (chain.policy ? g.policy(chain.policy) : '')}</span>
            <span className="chain-count">{chain.kind === 'nft-map' ? g.elements(chain.ruleCount) : g.rules(chain.ruleCount)}</span>
          </>
        )}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
