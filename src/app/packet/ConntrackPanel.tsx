import { lazy, Suspense } from 'react';
import { ConntrackChangeNote } from './ConntrackChangeNote';
import { loadConntrackDetails } from './packet-views';
import { usePacketStore } from './store';
import { useDescribedStep, usePacketText } from './useCurrentStep';

const ConntrackDetails = lazy(loadConntrackDetails);

/**
 * The Conntrack region: a hint while no node holds an entry and no packet is shown, then each node's
 * entries as a table and as `conntrack -L` prints them.
 */
export function ConntrackPanel() {
  const m = usePacketText();
  const cur = useDescribedStep();
  const anyEntries = usePacketStore((s) => Object.keys(s.baseline.rows).length > 0);
  if (!cur && !anyEntries)
    return (
      <>
        <ConntrackChangeNote />
        <p className="pk-empty">{m.conntrackEmpty}</p>
      </>
    );
  return (
    <Suspense fallback={null}>
      <ConntrackDetails />
    </Suspense>
  );
}
