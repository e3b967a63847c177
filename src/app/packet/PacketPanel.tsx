import { lazy, Suspense } from 'react';
import { loadPacketDetails } from './packet-views';
import { useDescribedStep, usePacketText } from './useCurrentStep';

const PacketDetails = lazy(loadPacketDetails);

/** The Packet region: a hint until a packet is sent, then the current hop's header, place and outcome. */
export function PacketPanel() {
  const m = usePacketText();
  const cur = useDescribedStep();
  if (!cur) return <p className="pk-empty">{m.packetEmpty}</p>;
  return (
    <Suspense fallback={null}>
      <PacketDetails cur={cur} />
    </Suspense>
  );
}
