/**
 * IPVS at work: schedulers over active/inactive counts (ip_vs_*.c), the IPVS TCP state machine's effect on
 * ActiveConn / InActConn, persistence templates, expiry, and what ipvsadm then prints.
 */
import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../ipv4';
import type { TcpFlag } from '../packet';
import type { IpvsScheduler, RealServer, VirtualServer } from './model';
import { ZERO_STATS } from './model';
import { printIpvsadmConnections, printIpvsadmList } from './print-ipvsadm';
import { createIpvsRuntime, ipvsIn, ipvsOut, ipvsTable, type IpvsRuntime } from './runtime';
import { dhKey, schedule, shKey, initialSchedulerState } from './schedulers';

const ip = (s: string): number => parseIpv4(s)!;
const rs = (address: string, weight = 1): RealServer => ({ address, port: 80, forward: 'Masq', weight, activeConns: 0, inactiveConns: 0, persistConns: 0, stats: ZERO_STATS });
const service = (scheduler: IpvsScheduler, dests: RealServer[], extra: Partial<VirtualServer> = {}): VirtualServer => ({ protocol: 'TCP', address: '10.96.0.100', port: 9000, scheduler, realServers: dests, stats: ZERO_STATS, ...extra });
const ENDPOINTS = () => [rs('10.244.1.2'), rs('10.244.2.2'), rs('10.244.3.2')];

/** A client's TCP segment to the VIP. */
const toVip = (rt: IpvsRuntime, client: string, sport: number, flags: TcpFlag[], nowMs: number) =>
  ipvsIn(rt, { protocol: 'tcp', src: ip(client), sport, dst: ip('10.96.0.100'), dport: 9000, tcpFlags: flags, length: 60 }, nowMs);
/** The real server's segment back to the client. */
const fromServer = (rt: IpvsRuntime, server: string, client: string, sport: number, flags: TcpFlag[], nowMs: number) =>
  ipvsOut(rt, { protocol: 'tcp', src: ip(server), sport: 80, dst: ip(client), dport: sport, tcpFlags: flags, length: 60 }, nowMs);

/** A full connection that stays open: SYN, SYN-ACK, ACK. Returns the chosen endpoint. */
function open(rt: IpvsRuntime, client: string, sport: number, nowMs: number): string {
  const r = toVip(rt, client, sport, ['SYN'], nowMs);
  if (r.kind !== 'forward') throw new Error(r.kind);
  const server = [...`${r.to.address >>> 24}.${(r.to.address >>> 16) & 255}.${(r.to.address >>> 8) & 255}.${r.to.address & 255}`].join('');
  fromServer(rt, server, client, sport, ['SYN', 'ACK'], nowMs);
  toVip(rt, client, sport, ['ACK'], nowMs);
  return server;
}

/** A connection opened and closed at once (client closes first): it lingers in TIME_WAIT, inactive. */
function shortLived(rt: IpvsRuntime, client: string, sport: number, nowMs: number): string {
  const server = open(rt, client, sport, nowMs);
  toVip(rt, client, sport, ['FIN', 'ACK'], nowMs);
  fromServer(rt, server, client, sport, ['FIN', 'ACK'], nowMs);
  toVip(rt, client, sport, ['ACK'], nowMs);
  return server;
}

describe('schedulers (list order: the reverse of the order destinations were added)', () => {
  it('rr walks the list round and round, skipping weight 0', () => {
    const rt = createIpvsRuntime([service('rr', [rs('10.244.1.2'), rs('10.244.2.2', 0), rs('10.244.3.2')])]);
    const picks = [1, 2, 3, 4].map((i) => { const r = toVip(rt, '10.244.0.5', 40000 + i, ['SYN'], 0); return r.kind === 'forward' ? r.to.address : 0; });
    expect(picks).toEqual([ip('10.244.3.2'), ip('10.244.1.2'), ip('10.244.3.2'), ip('10.244.1.2')]);
  });

  it('wrr gives weights 3:1 three picks to one', () => {
    const dests = [{ address: 1, weight: 3, activeConns: 0, inactiveConns: 0 }, { address: 2, weight: 1, activeConns: 0, inactiveConns: 0 }];
    const state = initialSchedulerState();
    const picks = Array.from({ length: 12 }, () => schedule('wrr', dests, state, { src: 0, dst: 0 }));
    // The first pass (cw starts at 0) takes both, then cw = 3, 2, 1: A, A, A B.
    expect(picks).toEqual([0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0]);
  });

  it('rr vs lc with long-lived connections: rr keeps stacking on the busy endpoint, lc sends new ones where nothing is active', () => {
    for (const scheduler of ['rr', 'lc'] as const) {
      const rt = createIpvsRuntime([service(scheduler, ENDPOINTS())]);
      // Three long-lived connections, then short ones that close (TIME_WAIT, inactive).
      const long = [open(rt, '10.244.0.5', 41000, 0), open(rt, '10.244.0.5', 41001, 0)];
      const short = [1, 2, 3, 4, 5, 6].map((i) => shortLived(rt, '10.244.0.6', 42000 + i, 1000));
      if (scheduler === 'rr') {
        expect(long).toEqual(['10.244.3.2', '10.244.2.2']);
        expect(short).toEqual(['10.244.1.2', '10.244.3.2', '10.244.2.2', '10.244.1.2', '10.244.3.2', '10.244.2.2']);
      } else {
        // overhead = active × 256 + inactive: 10.244.1.2 has nothing active, so it takes every short connection.
        expect(long).toEqual(['10.244.3.2', '10.244.2.2']);
        expect(short).toEqual(['10.244.1.2', '10.244.1.2', '10.244.1.2', '10.244.1.2', '10.244.1.2', '10.244.1.2']);
      }
    }
  });

  it('nq takes an idle endpoint at once; sed counts only active connections', () => {
    const busy = [{ address: 1, weight: 1, activeConns: 2, inactiveConns: 0 }, { address: 2, weight: 1, activeConns: 0, inactiveConns: 50 }, { address: 3, weight: 1, activeConns: 1, inactiveConns: 0 }];
    expect(schedule('nq', busy, initialSchedulerState(), { src: 0, dst: 0 })).toBe(1);
    expect(schedule('sed', busy, initialSchedulerState(), { src: 0, dst: 0 })).toBe(1);
    expect(schedule('wlc', busy, initialSchedulerState(), { src: 0, dst: 0 })).toBe(1);
    const noIdle = busy.map((d) => ({ ...d, activeConns: d.activeConns + 1 }));
    // sed: (active + 1) / weight → 3, 2, 2 → the first of the two 2s; lc: active×256 + inactive → 768, 306, 512.
    expect(schedule('sed', noIdle, initialSchedulerState(), { src: 0, dst: 0 })).toBe(1);
    expect(schedule('lc', noIdle, initialSchedulerState(), { src: 0, dst: 0 })).toBe(1);
  });

  it('dh hashes the destination (the VIP): every client of a service reaches the same endpoint', () => {
    const rt = createIpvsRuntime([service('dh', ENDPOINTS())]);
    const servers = ['10.244.0.5', '10.244.0.6', '10.244.1.9', '172.18.0.1'].map((c, i) => open(rt, c, 43000 + i, 0));
    expect(new Set(servers).size).toBe(1);
    expect(dhKey(ip('10.96.0.100'))).toBe(Number((BigInt(ip('10.96.0.100')) * 2654435761n) % 256n));
  });

  it('sh hashes the source: one client always reaches the same endpoint, clients spread', () => {
    const rt = createIpvsRuntime([service('sh', ENDPOINTS())]);
    const a = [0, 1, 2].map((i) => open(rt, '10.244.0.5', 44000 + i, 0));
    expect(new Set(a).size).toBe(1);
    const clients = Array.from({ length: 12 }, (_, i) => open(rt, `10.244.${i}.7`, 45000, 0));
    expect(new Set(clients).size).toBeGreaterThan(1);
    expect(shKey(0)).toBe(0);
  });
});

describe('connections, counts and ipvsadm', () => {
  it('a TCP connection: SYN_RECV (inactive), ESTABLISHED (active), then TIME_WAIT (inactive) until it expires', () => {
    const rt = createIpvsRuntime([service('rr', [rs('10.244.1.2')])]);
    const counts = (): [number, number] => { const d = ipvsTable(rt, 0).virtualServers[0]!.realServers[0]!; return [d.activeConns, d.inactiveConns]; };
    toVip(rt, '10.244.0.5', 40000, ['SYN'], 0);
    expect(counts()).toEqual([0, 1]);
    fromServer(rt, '10.244.1.2', '10.244.0.5', 40000, ['SYN', 'ACK'], 0);
    toVip(rt, '10.244.0.5', 40000, ['ACK'], 0);
    expect(counts()).toEqual([1, 0]);
    expect(printIpvsadmList(ipvsTable(rt, 0))).toContain('  -> 10.244.1.2:80                Masq    1      1          0         \n');
    expect(printIpvsadmConnections(ipvsTable(rt, 1000).connections).split('\n')[2]).toBe('TCP 14:59  ESTABLISHED 10.244.0.5:40000   10.96.0.100:9000   10.244.1.2:80');
    toVip(rt, '10.244.0.5', 40000, ['FIN', 'ACK'], 2000);
    fromServer(rt, '10.244.1.2', '10.244.0.5', 40000, ['FIN', 'ACK'], 2000);
    toVip(rt, '10.244.0.5', 40000, ['ACK'], 2000);
    expect(counts()).toEqual([0, 1]);
    expect(ipvsTable(rt, 2000).connections[0]).toMatchObject({ state: 'TIME_WAIT', expires: 120 });
    expect(ipvsTable(rt, 122_000).connections).toEqual([]);
    expect(counts()).toEqual([0, 0]);
  });

  it('a segment without SYN and no connection is not scheduled; a service without endpoints has no destination', () => {
    const rt = createIpvsRuntime([service('rr', [rs('10.244.1.2')]), { ...service('rr', []), port: 9001 }]);
    expect(toVip(rt, '10.244.0.5', 40000, ['ACK'], 0).kind).toBe('not-scheduled');
    expect(ipvsIn(rt, { protocol: 'tcp', src: ip('10.244.0.5'), sport: 1, dst: ip('10.96.0.100'), dport: 9001, tcpFlags: ['SYN'], length: 60 }, 0).kind).toBe('no-destination');
    expect(ipvsIn(rt, { protocol: 'tcp', src: ip('10.244.0.5'), sport: 1, dst: ip('10.96.0.101'), dport: 9000, tcpFlags: ['SYN'], length: 60 }, 0).kind).toBe('no-service');
  });

  it('persistence (-p 10800): a template sends every new connection of the client to the same endpoint', () => {
    const rt = createIpvsRuntime([service('rr', ENDPOINTS(), { persistentTimeout: 10800 })]);
    const servers = [0, 1, 2, 3].map((i) => open(rt, '10.244.0.5', 46000 + i, i * 1000));
    expect(new Set(servers).size).toBe(1);
    const other = open(rt, '10.244.0.6', 46000, 5000);
    expect(other).not.toBe(servers[0]);
    const table = ipvsTable(rt, 5000);
    expect(printIpvsadmConnections(table.connections).split('\n').filter((l) => l.startsWith('IP '))).toEqual([
      'IP  179:58 NONE        10.244.0.5:0       10.96.0.100:9000   10.244.3.2:80',
      'IP  180:00 NONE        10.244.0.6:0       10.96.0.100:9000   10.244.2.2:80',
    ]);
    expect(table.virtualServers[0]!.realServers.map((r) => r.persistConns)).toEqual([0, 1, 1]);
  });

  it('UDP connections stay inactive and expire after 300 s', () => {
    const rt = createIpvsRuntime([{ ...service('rr', [rs('10.244.1.2')]), protocol: 'UDP', port: 53 }]);
    ipvsIn(rt, { protocol: 'udp', src: ip('10.244.0.5'), sport: 5353, dst: ip('10.96.0.100'), dport: 53, length: 60 }, 0);
    expect(ipvsTable(rt, 0).connections[0]).toMatchObject({ protocol: 'UDP', state: 'UDP', expires: 300 });
    expect(ipvsTable(rt, 0).virtualServers[0]!.realServers[0]).toMatchObject({ activeConns: 0, inactiveConns: 1 });
  });
});
