/**
 * One packet through one node, hook by hook in the kernel's order: from the network PREROUTING →
 * routing → INPUT (a local socket) or FORWARD → POSTROUTING (out of an interface); from a local process
 * routing → OUTPUT → (re-routing if nat changed the destination) → POSTROUTING, and back in over `lo`
 * when the destination is the node itself. At each hook the stages composed by pipeline.ts run: the
 * node's conntrack stages and every data plane's entries, by priority. Every rule a data plane
 * evaluates becomes a hop, so the UI and the CLI can show how far the kernel read, and a test can see
 * that the second packet of a connection never enters the nat table.
 *
 * The node layer knows netfilter's hooks, conntrack and routing, not Kubernetes: where a packet may go
 * is asked of the node's `route` function, which the simulation builds from the cluster's topology.
 * A data plane may take a packet at a hook and send it again from LOCAL_OUT (IPVS after choosing a real
 * server): it is routed anew and crosses OUTPUT and POSTROUTING, keeping its conntrack entry.
 */
import type { Hook, TrackedPacket } from '../packet';
import type { RouteDecision } from './hops';
import type { Arrival, LinuxNode, Traversal, TraversalClock, TraversalOptions } from './model';
import { runHook, type HookStop, type NodeHooks } from './pipeline';
import { finish, startTraversal, type NodeTraversal } from './state';

/**
 * Runs `packet` through `node`, whose netfilter runs `hooks` (registerPlanes). Mutates what the kernel
 * mutates: rule and policy counters, the conntrack table, and whatever state the data planes keep.
 */
export function traverse(
  node: LinuxNode,
  hooks: NodeHooks,
  packet: TrackedPacket,
  arrival: Arrival,
  clock: TraversalClock,
  options: TraversalOptions = {},
): Traversal {
  const t = startTraversal(node, packet, arrival, clock, options);
  return arrival.from === 'network' ? fromNetwork(t, hooks) : fromLocalProcess(t, hooks);
}

/** How a hook that stopped the packet ends the traversal: an outcome, or a re-send from LOCAL_OUT. */
function settle(t: NodeTraversal, hooks: NodeHooks, stop: HookStop): Traversal {
  return stop.kind === 'resend' ? resendFromLocalOut(t, hooks) : finish(t, stop);
}

/**
 * ip_vs_send_or_cont: the packet, rewritten for its real server, goes through NF_HOOK(LOCAL_OUT) to
 * dst_output — every OUTPUT stage again (conntrack keeps the entry it has; the nat entries translate from
 * the binding; IPVS skips a packet it sent), then POSTROUTING. A real server on this node itself was
 * handled where IPVS took the packet (ip_vs_nat_xmit delivers locally without a re-send).
 */
function resendFromLocalOut(t: NodeTraversal, hooks: NodeHooks): Traversal {
  t.resent = true;
  const route = t.node.route(t.packet.dst);
  t.route = route;
  if (t.record) t.hops.push({ kind: 'routing', node: t.node.name, hook: 'OUTPUT', decision: route, destination: t.packet.dst });
  if (!route || route.kind !== 'unicast') return finish(t, { kind: 'no-route', hook: 'OUTPUT', packet: t.packet });
  const { inInterface: _, ...sent } = t.packet;
  t.packet = { ...sent, outInterface: route.device };
  const stop = runHook(t, hooks.OUTPUT, 'OUTPUT') ?? runHook(t, hooks.POSTROUTING, 'POSTROUTING');
  // A packet IPVS sent is not taken again (ipvs_property): a second re-send cannot happen.
  if (stop) return finish(t, stop.kind === 'resend' ? { kind: 'no-route', hook: 'OUTPUT', packet: t.packet } : stop);
  return finish(t, { kind: 'sent', packet: t.packet, route });
}

function fromNetwork(t: NodeTraversal, hooks: NodeHooks): Traversal {
  const stop = runHook(t, hooks.PREROUTING, 'PREROUTING');
  if (stop) return settle(t, hooks, stop);
  const route = routeStage(t, 'PREROUTING');
  if (!route) return finish(t, { kind: 'no-route', hook: 'PREROUTING', packet: t.packet });
  if (route.kind === 'local') return deliverLocally(t, hooks);
  t.packet = { ...t.packet, outInterface: route.device };
  const forward = runHook(t, hooks.FORWARD, 'FORWARD') ?? runHook(t, hooks.POSTROUTING, 'POSTROUTING');
  return forward ? settle(t, hooks, forward) : finish(t, { kind: 'sent', packet: t.packet, route });
}

/**
 * Locally generated: the route is chosen before OUTPUT (it sets the out interface), and chosen again
 * after it when the nat table changed the destination (ip_route_me_harder).
 */
function fromLocalProcess(t: NodeTraversal, hooks: NodeHooks): Traversal {
  t.route = t.node.route(t.packet.dst);
  if (!t.route) {
    if (t.record) t.hops.push({ kind: 'routing', node: t.node.name, hook: 'OUTPUT', decision: undefined, destination: t.packet.dst });
    return finish(t, { kind: 'no-route', hook: 'OUTPUT', packet: t.packet });
  }
  leaveThrough(t, t.route);
  const originalDst = t.packet.dst;
  const out = runHook(t, hooks.OUTPUT, 'OUTPUT');
  if (out) return settle(t, hooks, out);
  if (t.packet.dst !== originalDst) t.route = t.node.route(t.packet.dst);
  const route = t.route;
  if (t.record) t.hops.push({ kind: 'routing', node: t.node.name, hook: 'OUTPUT', decision: route, destination: t.packet.dst });
  if (!route) return finish(t, { kind: 'no-route', hook: 'OUTPUT', packet: t.packet });
  leaveThrough(t, route);
  const post = runHook(t, hooks.POSTROUTING, 'POSTROUTING');
  if (post) return settle(t, hooks, post);
  if (route.kind === 'unicast') return finish(t, { kind: 'sent', packet: t.packet, route });
  // A packet for this node itself loops back over lo: PREROUTING (conntrack already attached) → INPUT.
  const { outInterface: _, ...looped } = t.packet;
  t.packet = { ...looped, inInterface: 'lo' };
  const pre = runHook(t, hooks.PREROUTING, 'PREROUTING');
  if (pre) return settle(t, hooks, pre);
  return deliverLocally(t, hooks);
}

/** INPUT, then the local socket. */
function deliverLocally(t: NodeTraversal, hooks: NodeHooks): Traversal {
  const stop = runHook(t, hooks.INPUT, 'INPUT');
  return stop ? settle(t, hooks, stop) : finish(t, { kind: 'local', packet: t.packet });
}

/** The routing decision after PREROUTING (ip_rcv_finish → ip_route_input). */
function routeStage(t: NodeTraversal, hook: Hook): RouteDecision | undefined {
  t.route = t.node.route(t.packet.dst);
  if (t.record) t.hops.push({ kind: 'routing', node: t.node.name, hook, decision: t.route, destination: t.packet.dst });
  return t.route;
}

function leaveThrough(t: NodeTraversal, route: RouteDecision): void {
  t.packet = { ...t.packet, outInterface: route.kind === 'local' ? 'lo' : route.device };
}
