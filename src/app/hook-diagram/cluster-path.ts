/**
 * The nodes one packet crosses, in order, as the cluster strip draws them: where it starts (a pod, a
 * node's own process, or a client outside the cluster), every node whose hooks it goes through, and
 * where it is delivered; each link labelled with the device it crosses (`eth0` between nodes, the pod's
 * veth). Every hop of the packet maps to a stop (or the link into one), so playback can light the
 * current one. Pure (no DOM), built from what the worker returned.
 */
import type { HopView, PacketView, PartyView } from '../../worker/api';

export interface PathStop {
  readonly kind: 'pod' | 'node' | 'external';
  /** Pod name, node name, or `external`. */
  readonly name: string;
  readonly ip?: string;
  /** The node this stop is, or the node a pod runs on. */
  readonly node?: string;
  /** The device of the link into this stop (`eth0`, `veth…`), when the trace names one. */
  readonly via?: string;
}

/** Where a hop is: at a stop, or on the link into it (a `wire` hop). */
export interface PathAt {
  readonly stop: number;
  readonly onLink: boolean;
}

export interface ClusterPath {
  readonly stops: readonly PathStop[];
  /** One per hop of the packet, in hop order. */
  readonly at: readonly PathAt[];
}

function partyStop(p: PartyView, via: string | undefined): PathStop {
  const name = p.kind === 'external' ? 'external' : p.name;
  return {
    kind: p.kind,
    name,
    ...(p.ip !== undefined ? { ip: p.ip } : {}),
    ...(p.node !== undefined ? { node: p.node } : {}),
    ...(via !== undefined ? { via } : {}),
  };
}

/** The node a hop happens on, for the hops that happen on one. */
function hopNodeName(h: HopView): string | undefined {
  return h.kind === 'send' || h.kind === 'wire' || h.kind === 'deliver' ? undefined : h.node;
}

export function clusterPath(packet: PacketView): ClusterPath {
  const stops: PathStop[] = [];
  const at: PathAt[] = [];
  /** A wire toward something that is not a node: the stop it leads to comes with the deliver hop. */
  let pending: { device: string; to: string } | undefined;
  const last = (): PathStop | undefined => stops[stops.length - 1];
  const push = (s: PathStop): number => stops.push(s) - 1;

  for (const h of packet.hops) {
    if (h.kind === 'send') {
      at.push({ stop: push(partyStop(h.from, undefined)), onLink: false });
    } else if (h.kind === 'wire') {
      if (packet.nodes.includes(h.to)) {
        at.push({ stop: push({ kind: 'node', name: h.to, node: h.to, via: h.device }), onLink: true });
      } else {
        pending = { device: h.device, to: h.to };
        at.push({ stop: stops.length, onLink: true });
      }
    } else if (h.kind === 'deliver') {
      const prev = last();
      // Delivered to a process of the node the packet is on (a NodePort to the node's own address): the same stop.
      if (h.to.kind === 'node' && prev?.kind === 'node' && prev.name === h.to.name && !pending) at.push({ stop: stops.length - 1, onLink: false });
      else at.push({ stop: push(partyStop(h.to, pending?.device)), onLink: false });
      pending = undefined;
    } else {
      const node = hopNodeName(h)!;
      const prev = last();
      if (prev && prev.kind === 'node' && prev.name === node) at.push({ stop: stops.length - 1, onLink: false });
      else at.push({ stop: push({ kind: 'node', name: node, node }), onLink: false });
    }
  }
  // A wire the packet never came off (dropped on the far side): still draw where it was going.
  if (pending) push({ kind: pending.to.startsWith('external') ? 'external' : 'pod', name: pending.to.startsWith('external') ? 'external' : pending.to, via: pending.device });
  return { stops, at };
}
