import type { TraceRequest } from '../../worker/api';
import { destinationFor, protocolsOf, type PacketState } from '../packet/store';

/**
 * The connection the packet pickers describe, asked exactly as Send packet asks it (store.ts `send`): a
 * ping to the destination's address, the protocol only when it is a choice, `via` only for an external client.
 */
export function pickedRequest(s: Pick<PacketState, 'choices' | 'from' | 'to' | 'protocol' | 'via' | 'seed' | 'sport'>): TraceRequest | undefined {
  if (!s.from || !s.to) return undefined;
  const protocols = protocolsOf(s.choices, s.to);
  const chosen = s.protocol === 'icmp' || (s.protocol && protocols.length !== 1) ? s.protocol : undefined;
  return {
    from: s.from,
    to: destinationFor(s.to, s.protocol),
    seed: s.seed,
    ...(s.sport !== undefined ? { sport: s.sport } : {}),
    ...(s.via && s.from.startsWith('external') ? { via: s.via } : {}),
    ...(chosen ? { protocol: chosen } : {}),
  };
}
