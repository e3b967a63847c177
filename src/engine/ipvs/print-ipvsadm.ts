/**
 * `ipvsadm -Ln`, `ipvsadm -Ln --stats` and `ipvsadm -Lnc`, laid out as ipvsadm 1.31 prints them
 * (ipvsadm.c `print_title`, `print_service_entry`, `print_largenum`, `print_conn`; libipvs.c
 * `ipvs_cmp_services`, `ipvs_cmp_dests`). The kernel side reports IPVS 1.2.1 with a 4096-entry
 * connection hash (ip_vs_conn_tab_bits = 12).
 */
import { parseIpv4 } from '../ipv4';
import type { IpvsConnection, IpvsTable, RealServer, VirtualServer } from './model';

const VERSION_LINE = 'IP Virtual Server version 1.2.1 (size=4096)';
const PROTOCOL_NUMBER = { TCP: 6, UDP: 17, SCTP: 132 } as const;

/**
 * libipvs compares addresses with `ntohl(a) - ntohl(b)` in an `int`: two addresses more than 2^31 apart
 * compare the wrong way round (203.0.113.10 sorts before 10.96.0.1), and so does ipvsadm's listing.
 */
const int32Diff = (a: number, b: number): number => (a - b) | 0;
const addr = (ip: string): number => parseIpv4(ip) ?? 0;

function compareServices(a: VirtualServer, b: VirtualServer): number {
  return PROTOCOL_NUMBER[a.protocol] - PROTOCOL_NUMBER[b.protocol] || int32Diff(addr(a.address), addr(b.address)) || a.port - b.port;
}

function compareDests(a: RealServer, b: RealServer): number {
  return int32Diff(addr(a.address), addr(b.address)) || a.port - b.port;
}

/** `svc_name`: `"%s  %s"` of protocol and address:port, cut at 33 characters for IPv4. */
const serviceName = (vs: VirtualServer): string => `${vs.protocol}  ${vs.address}:${vs.port}`.slice(0, 33);
/** `dname`, cut at 28 characters for IPv4. */
const destName = (rs: RealServer): string => `${rs.address}:${rs.port}`.slice(0, 28);

/** `%-Nd`-style padding (left-aligned, at least N wide). */
const left = (text: string | number, width: number): string => String(text).padEnd(width);

/** `print_largenum` without --exact: 9 wide, then K/M/G/T above 100 million. */
function largeNum(n: number): string {
  if (n < 100_000_000) return String(n).padStart(9);
  if (n < 1_000_000_000) return `${String(Math.floor(n / 1000)).padStart(8)}K`;
  if (n < 100_000_000_000) return `${String(Math.floor(n / 1_000_000)).padStart(8)}M`;
  if (n < 100_000_000_000_000) return `${String(Math.floor(n / 1_000_000_000)).padStart(8)}G`;
  return `${String(Math.floor(n / 1_000_000_000_000)).padStart(8)}T`;
}

const sorted = (table: IpvsTable): VirtualServer[] => [...table.virtualServers].sort(compareServices);
const sortedDests = (vs: VirtualServer): RealServer[] => [...vs.realServers].sort(compareDests);

/** `ipvsadm -Ln`. */
export function printIpvsadmList(table: IpvsTable): string {
  const out = [VERSION_LINE, 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn'];
  for (const vs of sorted(table)) {
    let line = `${serviceName(vs)} ${vs.scheduler}`;
    // print_sched_flags: mh's IP_VS_SVC_F_SCHED1 is its fallback flag.
    if (vs.sourceHash) line += vs.scheduler === 'mh' ? ' mh-fallback' : vs.scheduler === 'sh' ? ' sh-fallback' : ' flag-1';
    if (vs.persistentTimeout !== undefined) line += ` persistent ${vs.persistentTimeout}`;
    out.push(line);
    for (const rs of sortedDests(vs)) out.push(`  -> ${left(destName(rs), 28)} ${left(rs.forward, 7)} ${left(rs.weight, 6)} ${left(rs.activeConns, 10)} ${left(rs.inactiveConns, 10)}`);
  }
  return `${out.join('\n')}\n`;
}

/** `ipvsadm -Ln --stats`. */
export function printIpvsadmStats(table: IpvsTable): string {
  const out = [VERSION_LINE, `${left('Prot LocalAddress:Port', 33)} ${['Conns', 'InPkts', 'OutPkts', 'InBytes', 'OutBytes'].map((h) => h.padStart(8)).join(' ')}`, '  -> RemoteAddress:Port'];
  const nums = (s: VirtualServer['stats']): string => [s.conns, s.inPkts, s.outPkts, s.inBytes, s.outBytes].map(largeNum).join('');
  for (const vs of sorted(table)) {
    out.push(`${left(serviceName(vs), 33)}${nums(vs.stats)}`);
    for (const rs of sortedDests(vs)) out.push(`  -> ${left(destName(rs), 28)}${nums(rs.stats)}`);
  }
  return `${out.join('\n')}\n`;
}

/** `ipvsadm -Lnc`: the connection table in /proc/net/ip_vs_conn order (the hash's order; here as given). */
export function printIpvsadmConnections(connections: readonly IpvsConnection[]): string {
  const out = ['IPVS connection entries', `pro expire ${left('state', 11)} ${left('source', 18)} ${left('virtual', 18)} destination`];
  for (const c of connections) {
    const expire = `${String(Math.floor(c.expires / 60)).padStart(2, '0')}:${String(c.expires % 60).padStart(2, '0')}`;
    out.push(`${left(c.protocol, 3)} ${left(expire, 6)} ${left(c.state, 11)} ${left(`${c.clientAddress}:${c.clientPort}`, 18)} ${left(`${c.virtualAddress}:${c.virtualPort}`, 18)} ${c.destAddress}:${c.destPort}`);
  }
  return `${out.join('\n')}\n`;
}
