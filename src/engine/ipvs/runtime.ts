/**
 * The IPVS table at work on one node: connection entries (`struct ip_vs_conn`) with their destination,
 * IPVS TCP state and expiry; persistence templates (protocol IP, client port 0) for services with `-p`;
 * the per-destination ActiveConn / InActConn / PersistConn counts the schedulers read; and the counters
 * `--stats` prints. ip_vs_core.c's `ip_vs_in` (schedule a new connection, ip_vs_schedule /
 * ip_vs_sched_persist) and `ip_vs_out` (find the connection of a real server's reply), over plain data.
 * New connections start inactive (`IP_VS_CONN_F_INACTIVE`, set on every destination's conn_flags) and
 * count as active only while ESTABLISHED (set_tcp_state); UDP connections stay inactive.
 */
import { formatIpv4, parseIpv4 } from '../ipv4';
import type { TcpFlag } from '../packet';
import type { IpvsConnection, IpvsProtocol, IpvsStats, IpvsTable, RealServer, VirtualServer } from './model';
import { initialSchedulerState, schedule, type SchedulerState } from './schedulers';
import { nextTcpState, TCP_TIMEOUTS, UDP_TIMEOUT, type IpvsTcpState } from './tcp-states';

interface MutableStats { conns: number; inPkts: number; outPkts: number; inBytes: number; outBytes: number }
const zero = (): MutableStats => ({ conns: 0, inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 });

interface RuntimeDest {
  readonly address: number;
  readonly port: number;
  readonly weight: number;
  activeConns: number;
  inactiveConns: number;
  persistConns: number;
  readonly stats: MutableStats;
}

interface RuntimeService {
  readonly vs: VirtualServer;
  readonly vaddr: number;
  /** The service's list: the reverse of the order kube-proxy added the destinations (list_add_rcu at the head). */
  readonly dests: RuntimeDest[];
  readonly sched: SchedulerState;
  readonly stats: MutableStats;
}

export interface IpvsConn {
  readonly protocol: IpvsProtocol;
  readonly client: number;
  readonly cport: number;
  readonly vaddr: number;
  readonly vport: number;
  readonly service: string;
  readonly dest: number;
  state: IpvsTcpState | 'UDP';
  inactive: boolean;
  expiresAtMs: number;
}

interface Template {
  readonly client: number;
  readonly vaddr: number;
  readonly vport: number;
  readonly service: string;
  readonly dest: number;
  expiresAtMs: number;
}

export interface IpvsRuntime {
  readonly services: Map<string, RuntimeService>;
  /** By the client's tuple (what a request carries). */
  readonly conns: Map<string, IpvsConn>;
  /** By the real server's tuple (what its reply carries). */
  readonly replies: Map<string, IpvsConn>;
  readonly templates: Map<string, Template>;
}

/** The packet fields IPVS reads. */
export interface IpvsPacket {
  readonly protocol: 'tcp' | 'udp' | 'sctp' | 'icmp';
  readonly src: number;
  readonly sport: number;
  readonly dst: number;
  readonly dport: number;
  readonly tcpFlags?: readonly TcpFlag[];
  readonly length: number;
}

const PROTO: Readonly<Record<string, IpvsProtocol | undefined>> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' };
const serviceKey = (protocol: IpvsProtocol, addr: number, port: number): string => `${protocol}/${addr}:${port}`;
const tupleKey = (protocol: IpvsProtocol, a: number, ap: number, b: number, bp: number): string => `${protocol}/${a}:${ap}>${b}:${bp}`;

export function createIpvsRuntime(virtualServers: readonly VirtualServer[]): IpvsRuntime {
  const services = new Map<string, RuntimeService>();
  for (const vs of virtualServers) {
    const vaddr = parseIpv4(vs.address) ?? 0;
    const dests = vs.realServers.map((rs): RuntimeDest => ({ address: parseIpv4(rs.address) ?? 0, port: rs.port, weight: rs.weight, activeConns: 0, inactiveConns: 0, persistConns: 0, stats: zero() })).reverse();
    services.set(serviceKey(vs.protocol, vaddr, vs.port), { vs, vaddr, dests, sched: initialSchedulerState(), stats: zero() });
  }
  return { services, conns: new Map(), replies: new Map(), templates: new Map() };
}

/** Is there a virtual server for this destination? (What makes IPVS take the packet at all.) */
export function findService(rt: IpvsRuntime, p: IpvsPacket): VirtualServer | undefined {
  const protocol = PROTO[p.protocol];
  return protocol === undefined ? undefined : rt.services.get(serviceKey(protocol, p.dst, p.dport))?.vs;
}

export type IpvsInResult =
  | { readonly kind: 'no-service' }
  /** TCP without SYN and no connection entry: IPVS lets the packet go on to the local stack (tcp_conn_schedule). */
  | { readonly kind: 'not-scheduled' }
  /** No available destination: ip_vs_leave answers ICMP port unreachable and drops. */
  | { readonly kind: 'no-destination'; readonly service: VirtualServer }
  | { readonly kind: 'forward'; readonly conn: IpvsConn; readonly to: { readonly address: number; readonly port: number }; readonly created: boolean; readonly viaTemplate: boolean; readonly service: VirtualServer };

/** ip_vs_in for a packet to a virtual address: the existing connection, or a new one the scheduler (or a template) chose. */
export function ipvsIn(rt: IpvsRuntime, p: IpvsPacket, nowMs: number): IpvsInResult {
  expire(rt, nowMs);
  const protocol = PROTO[p.protocol];
  if (protocol === undefined) return { kind: 'no-service' };
  const existing = rt.conns.get(tupleKey(protocol, p.src, p.sport, p.dst, p.dport));
  if (existing) {
    const svc = rt.services.get(existing.service)!;
    const dest = svc.dests[existing.dest]!;
    update(rt, existing, p, true, nowMs);
    return { kind: 'forward', conn: existing, to: { address: dest.address, port: dest.port }, created: false, viaTemplate: false, service: svc.vs };
  }
  const key = serviceKey(protocol, p.dst, p.dport);
  const svc = rt.services.get(key);
  if (!svc) return { kind: 'no-service' };
  if (protocol === 'TCP' && !(p.tcpFlags ?? []).includes('SYN')) return { kind: 'not-scheduled' };
  let destIndex: number | undefined;
  let viaTemplate = false;
  const persistent = svc.vs.persistentTimeout;
  const templateKey = tupleKey(protocol, p.src, 0, p.dst, p.dport);
  if (persistent !== undefined) {
    const t = rt.templates.get(templateKey);
    if (t && svc.dests[t.dest]!.weight > 0) {
      destIndex = t.dest;
      viaTemplate = true;
      t.expiresAtMs = nowMs + persistent * 1000;
    }
  }
  destIndex ??= schedule(svc.vs.scheduler, svc.dests, svc.sched, { src: p.src, dst: p.dst });
  if (destIndex === undefined) return { kind: 'no-destination', service: svc.vs };
  const dest = svc.dests[destIndex]!;
  if (persistent !== undefined && !viaTemplate) {
    rt.templates.set(templateKey, { client: p.src, vaddr: p.dst, vport: p.dport, service: key, dest: destIndex, expiresAtMs: nowMs + persistent * 1000 });
    dest.persistConns++;
  }
  const conn: IpvsConn = { protocol, client: p.src, cport: p.sport, vaddr: p.dst, vport: p.dport, service: key, dest: destIndex, state: protocol === 'UDP' ? 'UDP' : 'NONE', inactive: true, expiresAtMs: nowMs };
  dest.inactiveConns++;
  dest.stats.conns++;
  svc.stats.conns++;
  rt.conns.set(tupleKey(protocol, p.src, p.sport, p.dst, p.dport), conn);
  rt.replies.set(tupleKey(protocol, dest.address, dest.port, p.src, p.sport), conn);
  update(rt, conn, p, true, nowMs);
  return { kind: 'forward', conn, to: { address: dest.address, port: dest.port }, created: true, viaTemplate, service: svc.vs };
}

/** ip_vs_out: a real server's reply to a client of a connection, to be rewritten back to the virtual address. */
export function ipvsOut(rt: IpvsRuntime, p: IpvsPacket, nowMs: number): IpvsConn | undefined {
  expire(rt, nowMs);
  const protocol = PROTO[p.protocol];
  if (protocol === undefined) return undefined;
  const conn = rt.replies.get(tupleKey(protocol, p.src, p.sport, p.dst, p.dport));
  if (conn) update(rt, conn, p, false, nowMs);
  return conn;
}

/** The connection's new state, its destination's counts and its expiry, after one packet. */
function update(rt: IpvsRuntime, conn: IpvsConn, p: IpvsPacket, toServer: boolean, nowMs: number): void {
  const svc = rt.services.get(conn.service)!;
  const dest = svc.dests[conn.dest]!;
  if (toServer) {
    dest.stats.inPkts++; dest.stats.inBytes += p.length; svc.stats.inPkts++; svc.stats.inBytes += p.length;
  } else {
    dest.stats.outPkts++; dest.stats.outBytes += p.length; svc.stats.outPkts++; svc.stats.outBytes += p.length;
  }
  if (conn.state === 'UDP') {
    conn.expiresAtMs = nowMs + UDP_TIMEOUT * 1000;
    return;
  }
  conn.state = nextTcpState(conn.state, p.tcpFlags ?? [], toServer);
  const inactive = conn.state !== 'ESTABLISHED';
  if (inactive !== conn.inactive) {
    if (inactive) { dest.activeConns--; dest.inactiveConns++; } else { dest.activeConns++; dest.inactiveConns--; }
    conn.inactive = inactive;
  }
  conn.expiresAtMs = nowMs + TCP_TIMEOUTS[conn.state] * 1000;
}

/** Expired connections leave the table (and the counts); a template outlives its timeout while it still controls one. */
function expire(rt: IpvsRuntime, nowMs: number): void {
  for (const [key, conn] of rt.conns) {
    if (conn.expiresAtMs > nowMs) continue;
    const svc = rt.services.get(conn.service)!;
    const dest = svc.dests[conn.dest]!;
    if (conn.inactive) dest.inactiveConns--; else dest.activeConns--;
    rt.conns.delete(key);
    rt.replies.delete(tupleKey(conn.protocol, dest.address, dest.port, conn.client, conn.cport));
  }
  for (const [key, t] of rt.templates) {
    if (t.expiresAtMs > nowMs) continue;
    const controls = [...rt.conns.values()].some((c) => c.client === t.client && c.service === t.service);
    if (controls) continue;
    rt.services.get(t.service)!.dests[t.dest]!.persistConns--;
    rt.templates.delete(key);
  }
}

const view = (s: MutableStats): IpvsStats => ({ ...s });

/** What `ipvsadm -Ln`, `--stats` and `-Lnc` read now: counts, counters and the connection entries. */
export function ipvsTable(rt: IpvsRuntime, nowMs: number): IpvsTable {
  expire(rt, nowMs);
  const virtualServers = [...rt.services.values()].map((svc): VirtualServer => ({
    ...svc.vs,
    stats: view(svc.stats),
    realServers: svc.vs.realServers.map((rs): RealServer => {
      const d = svc.dests.find((x) => x.address === parseIpv4(rs.address) && x.port === rs.port)!;
      return { ...rs, activeConns: d.activeConns, inactiveConns: d.inactiveConns, persistConns: d.persistConns, stats: view(d.stats) };
    }),
  }));
  const secs = (ms: number): number => Math.max(0, Math.ceil((ms - nowMs) / 1000));
  const connections: IpvsConnection[] = [];
  for (const t of rt.templates.values()) {
    const d = rt.services.get(t.service)!.dests[t.dest]!;
    connections.push({ protocol: 'IP', clientAddress: formatIpv4(t.client), clientPort: 0, virtualAddress: formatIpv4(t.vaddr), virtualPort: t.vport, destAddress: formatIpv4(d.address), destPort: d.port, state: 'NONE', expires: secs(t.expiresAtMs) });
  }
  for (const c of rt.conns.values()) {
    const d = rt.services.get(c.service)!.dests[c.dest]!;
    connections.push({ protocol: c.protocol, clientAddress: formatIpv4(c.client), clientPort: c.cport, virtualAddress: formatIpv4(c.vaddr), virtualPort: c.vport, destAddress: formatIpv4(d.address), destPort: d.port, state: c.state, expires: secs(c.expiresAtMs) });
  }
  return { virtualServers, connections };
}
