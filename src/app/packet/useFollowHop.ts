import { useEffect } from 'react';
import { useLabStore } from '../store';
import { usePacketStore } from './store';
import { hopNode } from './steps';
import { currentStepOf } from './useCurrentStep';
import { tokenSpot } from './focus';

/**
 * While a packet plays, the node picker and the rules table follow it: the chain graph and the rules
 * show the node (and nat / filter table) the current hop is on. Only a step moves them, so a user who
 * picks another node while paused keeps it until the next step.
 */
export function useFollowHop(): void {
  useEffect(
    () =>
      usePacketStore.subscribe((s, prev) => {
        if (s.position === prev.position && s.trace === prev.trace && s.playback === prev.playback) return;
        const cur = currentStepOf(s.trace, s.steps, s.position, s.playback);
        if (!cur) return;
        const lab = useLabStore.getState();
        const node = hopNode(cur.hop, cur.packet);
        if (node && node !== lab.selectedNode && lab.summary?.nodes.some((n) => n.name === node)) lab.setSelectedNode(node);
        if ((cur.hop.kind === 'rule' || cur.hop.kind === 'skipped') && (cur.hop.table === 'nat' || cur.hop.table === 'filter') && cur.hop.table !== lab.table) {
          lab.setTable(cur.hop.table);
        }
        // nftables mode: kube-proxy's chains are drawn by the type of base chain they run under (nat or filter).
        const stages = lab.summary?.hookStages;
        if (stages && (cur.hop.kind === 'rule' || cur.hop.kind === 'skipped' || cur.hop.kind === 'map-lookup') && cur.hop.table.includes(' ')) {
          const spot = tokenSpot(cur.hop, stages, cur.packet, cur.step.hop);
          const stage = spot?.kind === 'stage' ? stages[spot.hook][spot.stage] : undefined;
          if (stage?.kind === 'nft' && stage.type !== lab.table) lab.setTable(stage.type);
        }
      }),
    [],
  );
}
