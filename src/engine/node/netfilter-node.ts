/**
 * A node whose netfilter holds the iptables tables (every node here: kube-proxy's iptables mode, and the
 * tables other components write in every mode), plus any data planes registered beside them.
 */
import { iptablesPlane, type XtablesState } from './iptables';
import type { DataPlane } from './data-plane';
import type { Arrival, LinuxNode, Traversal, TraversalClock, TraversalOptions } from './model';
import { registerPlanes, type NodeHooks } from './pipeline';
import { traverse } from './traverse';
import type { TrackedPacket } from '../packet';

export interface NetfilterNode extends LinuxNode, XtablesState {
  /** Data planes hooked in beside the iptables tables (nftables base chains, IPVS). @default [] */
  readonly planes?: readonly DataPlane[];
}

/** Hooks are composed once per node: a spread sends thousands of packets through the same nodes. */
const composed = new WeakMap<NetfilterNode, NodeHooks>();

export function nodeHooks(node: NetfilterNode): NodeHooks {
  let hooks = composed.get(node);
  if (!hooks) {
    hooks = registerPlanes([iptablesPlane(node), ...(node.planes ?? [])]);
    composed.set(node, hooks);
  }
  return hooks;
}

/**
 * Runs `packet` through `node`. Mutates what the kernel mutates: rule and policy counters, the conntrack
 * table, `-m recent` lists, nth counters, nfacct counters.
 */
export function traversePacket(node: NetfilterNode, packet: TrackedPacket, arrival: Arrival, clock: TraversalClock, options: TraversalOptions = {}): Traversal {
  return traverse(node, nodeHooks(node), packet, arrival, clock, options);
}
