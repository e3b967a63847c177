import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NodeSummary, PacketView } from '../../worker/api';
import { useLabStore } from '../store';
import { useDescribedStep } from '../packet/useCurrentStep';
import { clusterPath, type PathAt, type PathStop } from './cluster-path';
import { hooksMessages, type HooksMessages } from './messages';
import { packetLabel } from '../outcome-text';
import type { Lang } from '../lang';

interface NodeChipProps {
  readonly name: string;
  readonly detail: string | undefined;
  readonly selected: boolean;
  readonly current?: boolean;
  readonly title: string;
  readonly onSelect: (node: string) => void;
}

/** A node: pressing it shows that node in the hook diagram, the chain graph and the rules. */
function NodeChip({ name, detail, selected, current, title, onSelect }: NodeChipProps) {
  return (
    <button type="button" className="cs-chip cs-node" aria-pressed={selected} aria-current={current ? 'step' : undefined} title={title} onClick={() => onSelect(name)}>
      <span className="cs-name">{name}</span>
      {detail && <span className="cs-detail">{detail}</span>}
    </button>
  );
}

function PartyChip({ stop, current, m }: { readonly stop: PathStop; readonly current: boolean; readonly m: HooksMessages }) {
  const title = stop.kind === 'pod' && stop.node ? m.podOn(stop.name, stop.node) : stop.kind === 'external' ? m.external : undefined;
  return (
    <span className={`cs-chip cs-${stop.kind}`} title={title} aria-current={current ? 'step' : undefined}>
      <span className="cs-name">{stop.kind === 'external' ? m.externalName : stop.name}</span>
      {stop.ip && <span className="cs-detail">{stop.ip}</span>}
    </span>
  );
}

interface PathProps {
  readonly packet: PacketView;
  readonly hop: number;
  readonly nodes: readonly NodeSummary[];
  readonly selected: string | undefined;
  readonly onSelect: (node: string) => void;
  readonly m: HooksMessages;
  readonly lang: Lang;
}

/**
 * One packet's way through the cluster; the stop (or link) it is at now is marked. Each stop is one
 * row or cell: the link it was reached by (the device, e.g. `eth0`), then the stop; the first stop
 * carries the packet's label instead.
 */
const PacketPath = memo(function PacketPath({ packet, hop, nodes, selected, onSelect, m, lang }: PathProps) {
  // Per packet, not per step: a step only moves the mark.
  const path = useMemo(() => clusterPath(packet), [packet]);
  const here: PathAt | undefined = path.at[hop];
  return (
    <ol className="cs-list cs-path">
      {path.stops.map((stop, i) => {
        const atStop = here?.stop === i && !here.onLink;
        const onLink = here?.stop === i && here.onLink;
        const known = stop.kind === 'node' ? nodes.find((n) => n.name === stop.name) : undefined;
        return (
          <li key={i} className={`cs-stop${atStop ? ' is-current' : ''}`}>
            {i === 0 ? (
              <span className={`cs-packet dir-${packet.direction}`}>
                {packet.direction === 'reply' ? '←' : '→'} {packetLabel(packet.label, lang)}
              </span>
            ) : (
              <span className={`cs-link${onLink ? ' is-current' : ''}`} aria-current={onLink ? 'step' : undefined} title={stop.via ? m.link(stop.via) : undefined}>
                {stop.via && <span className="cs-via">{stop.via}</span>}
              </span>
            )}
            {known ? (
              <NodeChip name={known.name} detail={known.internalIP} selected={known.name === selected} current={atStop} title={m.showNode(known.name)} onSelect={onSelect} />
            ) : (
              <PartyChip stop={stop} current={atStop} m={m} />
            )}
          </li>
        );
      })}
    </ol>
  );
});

/**
 * The cluster at a glance above the hook diagram: the nodes the current packet crosses, in order
 * (client → node → wire → node → pod), or, before any packet, every node with its role and address.
 * A node chip switches the node picker, so the diagram, the chain graph and the rules show that node.
 */
export const ClusterStrip = memo(function ClusterStrip() {
  const { nodes, selected, setSelected, lang } = useLabStore(
    useShallow((s) => ({ nodes: s.summary?.nodes, selected: s.selectedNode, setSelected: s.setSelectedNode, lang: s.lang })),
  );
  const cur = useDescribedStep();
  const m = hooksMessages(lang);
  if (!nodes || nodes.length === 0) return null;
  if (cur) {
    return (
      <div className="cluster-strip" role="group" aria-label={m.path} data-testid="cluster-strip">
        <PacketPath packet={cur.packet} hop={cur.step.hop} nodes={nodes} selected={selected} onSelect={setSelected} m={m} lang={lang} />
      </div>
    );
  }
  return (
    <div className="cluster-strip" role="group" aria-label={m.nodes} data-testid="cluster-strip">
      <ul className="cs-list cs-nodes">
        {nodes.map((n) => (
          <li key={n.name} className="cs-stop">
            <NodeChip name={n.name} detail={`${n.role} · ${n.internalIP}`} selected={n.name === selected} title={m.showNode(n.name)} onSelect={setSelected} />
          </li>
        ))}
      </ul>
    </div>
  );
});
