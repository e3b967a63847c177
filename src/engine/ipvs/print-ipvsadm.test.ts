/**
 * ipvsadm's layouts. IPVS cannot be loaded into this machine's kernel, so the oracles are ipvsadm.c's
 * printf formats and outputs published from real nodes (cited per test).
 */
import { describe, expect, it } from 'vitest';
import type { IpvsStats, RealServer, VirtualServer } from './model';
import { ZERO_STATS } from './model';
import { printIpvsadmConnections, printIpvsadmList, printIpvsadmStats } from './print-ipvsadm';

const rs = (address: string, port: number, extra: Partial<RealServer> = {}): RealServer => ({
  address, port, forward: 'Masq', weight: 1, activeConns: 0, inactiveConns: 0, persistConns: 0, stats: ZERO_STATS, ...extra,
});
const vs = (protocol: VirtualServer['protocol'], address: string, port: number, realServers: RealServer[], extra: Partial<VirtualServer> = {}): VirtualServer => ({
  protocol, address, port, scheduler: 'rr', realServers, stats: ZERO_STATS, ...extra,
});

describe('ipvsadm -Ln', () => {
  it('prints a minikube node as published (trailing blanks of the padded InActConn column stripped by the page)', () => {
    // A kube-proxy IPVS node listed with `ipvsadm --list -n` (a Russian course's notes, 2019): services sorted
    // TCP before UDP, then by address and port; one line per destination.
    const published = [
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  10.96.0.1:443 rr',
      '  -> 192.168.136.17:8443          Masq    1      0          0',
      'TCP  10.96.0.10:53 rr',
      '  -> 172.17.0.2:53                Masq    1      0          0',
      'TCP  10.96.0.10:9153 rr',
      '  -> 172.17.0.2:9153              Masq    1      0          0',
      'TCP  10.97.181.101:80 rr',
      '  -> 172.17.0.3:8000              Masq    1      0          0',
      '  -> 172.17.0.4:8000              Masq    1      0          0',
      '  -> 172.17.0.5:8000              Masq    1      0          0',
      'UDP  10.96.0.10:53 rr',
      '  -> 172.17.0.2:53                Masq    1      0          0',
    ].join('\n');
    const table = {
      virtualServers: [
        vs('UDP', '10.96.0.10', 53, [rs('172.17.0.2', 53)]),
        vs('TCP', '10.97.181.101', 80, [rs('172.17.0.5', 8000), rs('172.17.0.3', 8000), rs('172.17.0.4', 8000)]),
        vs('TCP', '10.96.0.10', 9153, [rs('172.17.0.2', 9153)]),
        vs('TCP', '10.96.0.10', 53, [rs('172.17.0.2', 53)]),
        vs('TCP', '10.96.0.1', 443, [rs('192.168.136.17', 8443)]),
      ],
      connections: [],
    };
    const out = printIpvsadmList(table);
    expect(out.split('\n').map((l) => l.trimEnd()).join('\n')).toBe(`${published}\n`);
    // `"  -> %-28s %-7s %-6d %-10u %-10u\n"`: the last column is padded too.
    expect(out).toContain('  -> 172.17.0.2:53                Masq    1      0          0         \n');
  });

  it('shows persistence, the counts and weight 0 of a draining destination', () => {
    const out = printIpvsadmList({
      virtualServers: [vs('TCP', '10.96.0.100', 9000, [rs('10.244.1.2', 80, { activeConns: 12, inactiveConns: 3 }), rs('10.244.2.2', 80, { weight: 0, inactiveConns: 7 })], { scheduler: 'lc', persistentTimeout: 10800 })],
      connections: [],
    });
    expect(out).toBe([
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  10.96.0.100:9000 lc persistent 10800',
      '  -> 10.244.1.2:80                Masq    1      12         3         ',
      '  -> 10.244.2.2:80                Masq    0      0          7         ',
      '',
    ].join('\n'));
  });

  it('sorts as libipvs does: ntohl(a) - ntohl(b) in an int puts 172.18.0.3 and 203.0.113.10 before 10.96.0.1 (more than 2^31 apart)', () => {
    const out = printIpvsadmList({ virtualServers: [vs('TCP', '10.96.0.1', 443, []), vs('TCP', '203.0.113.10', 80, []), vs('TCP', '172.18.0.3', 30080, [])], connections: [] });
    expect(out.split('\n').filter((l) => l.startsWith('TCP'))).toEqual(['TCP  172.18.0.3:30080 rr', 'TCP  203.0.113.10:80 rr', 'TCP  10.96.0.1:443 rr']);
  });
});

describe('ipvsadm -Ln --stats', () => {
  it('is 33 wide, then 9-wide counters, K/M/G above 100 million (print_largenum); numbers end in column 42 as on published nodes', () => {
    const stats = (conns: number, inPkts: number, outPkts: number, inBytes: number, outBytes: number): IpvsStats => ({ conns, inPkts, outPkts, inBytes, outBytes });
    const out = printIpvsadmStats({
      virtualServers: [vs('TCP', '10.96.0.1', 443, [rs('172.18.0.2', 6443, { stats: stats(3, 120, 100, 9_876, 123_456_789) })], { stats: stats(3, 120, 100, 9_876, 123_456_789) })],
      connections: [],
    });
    expect(out).toBe([
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes',
      '  -> RemoteAddress:Port',
      'TCP  10.96.0.1:443                       3      120      100     9876  123456K',
      '  -> 172.18.0.2:6443                     3      120      100     9876  123456K',
      '',
    ].join('\n'));
  });
});

describe('ipvsadm -Ln --stats, published', () => {
  it('prints a laptop\'s two-destination service as published (an LVS course, 2023)', () => {
    const st = (conns: number, inPkts: number, outPkts: number, inBytes: number, outBytes: number): IpvsStats => ({ conns, inPkts, outPkts, inBytes, outBytes });
    const out = printIpvsadmStats({
      virtualServers: [vs('TCP', '192.168.100.1', 80, [rs('127.0.0.1', 8081, { stats: st(4, 25, 23, 1640, 2132) }), rs('127.0.0.1', 8082, { stats: st(4, 27, 23, 1744, 2164) })], { stats: st(8, 52, 46, 3384, 4296) })],
      connections: [],
    });
    expect(out).toBe(`IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
  -> RemoteAddress:Port
TCP  192.168.100.1:80                    8       52       46     3384     4296
  -> 127.0.0.1:8081                      4       25       23     1640     2132
  -> 127.0.0.1:8082                      4       27       23     1744     2164
`);
  });
});

describe('ipvsadm -Lnc', () => {
  it('is "%-3s %-6s %-11s %-18s %-18s %s" per connection, mm:ss of the expiry; templates are protocol IP, state NONE', () => {
    const out = printIpvsadmConnections([
      { protocol: 'TCP', clientAddress: '10.244.1.5', clientPort: 45678, virtualAddress: '10.96.0.1', virtualPort: 443, destAddress: '172.18.0.2', destPort: 6443, state: 'ESTABLISHED', expires: 899 },
      { protocol: 'UDP', clientAddress: '10.244.1.5', clientPort: 53001, virtualAddress: '10.96.0.10', virtualPort: 53, destAddress: '10.244.0.2', destPort: 53, state: 'UDP', expires: 299 },
      { protocol: 'IP', clientAddress: '10.244.1.5', clientPort: 0, virtualAddress: '10.96.0.100', virtualPort: 9000, destAddress: '10.244.2.2', destPort: 80, state: 'NONE', expires: 10795 },
    ]);
    expect(out).toBe([
      'IPVS connection entries',
      'pro expire state       source             virtual            destination',
      'TCP 14:59  ESTABLISHED 10.244.1.5:45678   10.96.0.1:443      172.18.0.2:6443',
      'UDP 04:59  UDP         10.244.1.5:53001   10.96.0.10:53      10.244.0.2:53',
      'IP  179:55 NONE        10.244.1.5:0       10.96.0.100:9000   10.244.2.2:80',
      '',
    ].join('\n'));
  });
});
