/**
 * IPVS as a data plane of a node (net/netfilter/ipvs/ip_vs_core.c `ip_vs_ops4`), with
 * net.ipv4.vs.conntrack=1 as kube-proxy sets it:
 * - LOCAL_IN 98 `ip_vs_reply4` and FORWARD 100 / LOCAL_OUT −99: a real server's reply is rewritten back
 *   to the virtual address (ip_vs_out);
 * - LOCAL_IN 99 `ip_vs_remote_request4`: a packet for a virtual address — delivered locally only because
 *   kube-ipvs0 holds the address, after filter INPUT — gets its connection (or a new one the scheduler
 *   picks), is rewritten to the real server (masquerading forward) and sent again from LOCAL_OUT;
 * - LOCAL_OUT −98 `ip_vs_local_request4`: the same for a process on the node, after nat OUTPUT.
 * The conntrack entry's reply tuple is altered to come from the real server (ip_vs_update_conntrack), so
 * replies are ESTABLISHED; conntrack itself translates nothing (no NAT status), IPVS does.
 */
import { isConfirmed } from '../conntrack/model';
import { formatIpv4, ipv4 } from '../ipv4';
import type { IpvsRuntime, IpvsPacket } from '../ipvs/runtime';
import { ipvsIn, ipvsOut } from '../ipvs/runtime';
import type { VirtualServer } from '../ipvs/model';
import { headerView, type Hook } from '../packet';
import { UNCHANGED, type DataPlane, type HookEntry, type HookResult } from './data-plane';
import type { IpvsHop, IpvsHopServer } from './hops';
import type { NodeTraversal } from './state';

/** include/net/ip_vs.h / ip_vs_core.c: NF_IP_PRI_NAT_SRC − 2, − 1; NF_IP_PRI_NAT_DST + 1, + 2; FORWARD 100. */
export const IPVS_PRIORITY = { localInReply: 98, localInRequest: 99, localOutReply: -99, localOutRequest: -98, forwardReply: 100 } as const;

const asIpvsPacket = (t: NodeTraversal): IpvsPacket => {
  const p = t.packet;
  return { protocol: p.protocol, src: p.src, sport: p.sport, dst: p.dst, dport: p.dport, length: p.length, ...(p.tcpFlags ? { tcpFlags: p.tcpFlags } : {}) };
};

const vsName = (vs: VirtualServer): string => `${vs.protocol}  ${vs.address}:${vs.port} ${vs.scheduler}`;
const vsFacts = (vs: VirtualServer): IpvsHopServer => ({
  protocol: vs.protocol, address: vs.address, port: vs.port, scheduler: vs.scheduler, realServers: vs.realServers.length,
  ...(vs.persistentTimeout !== undefined ? { persistentTimeout: vs.persistentTimeout } : {}),
});

function record(t: NodeTraversal, hook: Hook, hop: Omit<IpvsHop, 'kind' | 'node' | 'hook' | 'index'>): IpvsHop {
  return { kind: 'ipvs', node: t.node.name, hook, index: t.hops.length, ...hop };
}

/** ip_vs_out: a reply from a real server of a masqueraded connection leaves with the virtual address as source. */
function reply(rt: IpvsRuntime, t: NodeTraversal, hook: Hook): HookResult {
  if (t.resent) return UNCHANGED;
  const conn = ipvsOut(rt, asIpvsPacket(t), t.clock.nowMs);
  if (!conn) return UNCHANGED;
  const before = headerView(t.packet);
  t.packet = { ...t.packet, src: ipv4(conn.vaddr), sport: conn.vport };
  const vs = rt.services.get(conn.service)!.vs;
  const hop = record(t, hook, { action: 'reply', virtualServer: vsName(vs), vs: vsFacts(vs), realServer: `${formatIpv4(before.src)}:${before.sport}`, before, after: headerView(t.packet) });
  return { ...UNCHANGED, hops: [hop] };
}

/** ip_vs_in for a request: schedule (or find the connection), rewrite to the real server, send it on. */
function request(rt: IpvsRuntime, t: NodeTraversal, hook: Hook): HookResult {
  if (t.resent) return UNCHANGED;
  const r = ipvsIn(rt, asIpvsPacket(t), t.clock.nowMs);
  const before = headerView(t.packet);
  if (r.kind === 'no-service' || r.kind === 'not-scheduled') return UNCHANGED;
  if (r.kind === 'no-destination') {
    const hop = record(t, hook, { action: 'no-destination', virtualServer: vsName(r.service), vs: vsFacts(r.service), before, after: before });
    return { ...UNCHANGED, hops: [hop], stop: { kind: 'ipvs-unreachable', hook, hop } };
  }
  t.packet = { ...t.packet, dst: ipv4(r.to.address), dport: r.to.port };
  // ip_vs_update_conntrack: the reply will come from the real server (only for the first packet, before confirm).
  const entry = t.entry;
  if (entry && !isConfirmed(entry) && t.classification?.direction === 'original') entry.reply = { ...entry.reply, src: t.packet.dst, sport: t.packet.dport };
  const hop = record(t, hook, {
    action: r.created ? 'schedule' : 'connection',
    virtualServer: vsName(r.service),
    vs: vsFacts(r.service),
    realServer: `${formatIpv4(r.to.address)}:${r.to.port}`,
    ...(r.viaTemplate ? { persistent: true } : {}),
    before,
    after: headerView(t.packet),
  });
  // A real server on this node is delivered locally at once (ip_vs_send_or_cont with `local`).
  const route = t.node.route(t.packet.dst);
  return route?.kind === 'local' ? { ...UNCHANGED, hops: [hop] } : { ...UNCHANGED, hops: [hop], resend: true };
}

/** The IPVS hooks of a node whose IPVS table is `rt`. */
export function ipvsPlane(rt: IpvsRuntime): DataPlane {
  const entry = (hook: Hook, priority: number, run: (rt: IpvsRuntime, t: NodeTraversal, hook: Hook) => HookResult): HookEntry => ({ hook, priority, type: 'filter', name: 'ipvs', run: (t, h) => run(rt, t, h) });
  return {
    name: 'ipvs',
    entries: [
      entry('INPUT', IPVS_PRIORITY.localInReply, reply),
      entry('INPUT', IPVS_PRIORITY.localInRequest, request),
      entry('OUTPUT', IPVS_PRIORITY.localOutReply, reply),
      entry('OUTPUT', IPVS_PRIORITY.localOutRequest, request),
      entry('FORWARD', IPVS_PRIORITY.forwardReply, reply),
    ],
  };
}
