/**
 * Time passing between connections: conntrack entries run out by the kernel's timeouts (with the two
 * kube-proxy changes on every node), `conntrack -L` counts down, TIME_WAIT ends, `-m recent` affinity
 * expires on the same clock. Each case moves the simulated clock (clock.ts) and reads what a node lists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import type { ClusterModel } from '../cluster/model';
import { classify } from '../conntrack/classify';
import { createConntrackTable } from '../conntrack/model';
import { printConntrackList } from '../conntrack/print';
import { confirm } from '../conntrack/table';
import { KERNEL_TIMEOUTS } from '../conntrack/timeouts';
import { parseIpv4, type Ipv4 } from '../ipv4';
import { kubeProxyConntrackTimeouts } from '../kubeproxy/conntrack-sysctls';
import type { RuleHop } from '../node/hops';
import { advanceClock } from './clock';
import { runConnection, type Journey } from './journey';
import { createNetwork, type SimNetwork } from './network';

function load(path: string): ClusterModel {
  const { cluster, diagnostics } = loadScenario(readFileSync(path, 'utf8'));
  if (!cluster) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return cluster;
}
const flows = load(join(import.meta.dirname, 'flows.scenario.yaml'));
const stale = load(join(import.meta.dirname, '..', '..', 'scenarios', 'lessons', '13-stale-udp.yaml'));
const CP = 'myk8s-control-plane';
const ip = (text: string): Ipv4 => parseIpv4(text)!;

/** `conntrack -L` of a node now. */
const list = (n: SimNetwork, node: string): string[] => printConntrackList(n.nodes.get(node)!.conntrack, n.nowMs).split('\n').filter(Boolean);
/** The timeout column and state of every listed line: `119 TIME_WAIT`. */
const countdown = (lines: readonly string[]): string[] => lines.map((l) => l.split(/\s+/).slice(2, 4).join(' ').replace(/ src=.*/, ''));

describe('the simulated clock and conntrack timeouts', () => {
  it('TIME_WAIT counts down from 120 s and ends: the entry is reaped and reported as DESTROY', () => {
    const n = createNetwork(flows);
    runConnection(n, { from: 'net-pod', to: 'svc-clusterip' });
    expect(countdown(list(n, CP))).toEqual(['119 TIME_WAIT']);
    advanceClock(n, 60_000);
    expect(countdown(list(n, CP))).toEqual(['59 TIME_WAIT']);
    const later = advanceClock(n, 60_000);
    expect(list(n, CP)).toEqual([]);
    expect(later.expired[CP]!.map((e) => e.tcp?.state)).toEqual(['TIME_WAIT']);
    expect(n.nodes.get(CP)!.conntrack.events!.at(-1)!.kind).toBe('DESTROY');
  });

  it('waiting less than the timeout expires nothing', () => {
    const n = createNetwork(flows);
    runConnection(n, { from: 'net-pod', to: 'svc-clusterip' });
    expect(advanceClock(n, 119_000).expired).toEqual({});
    expect(list(n, CP)).toHaveLength(1);
  });

  it('an ESTABLISHED entry on a node counts down from 86400 (kube-proxy sets nf_conntrack_tcp_timeout_established to 24h)', () => {
    const j = runConnection(createNetwork(flows), { from: 'net-pod', to: 'svc-clusterip' });
    const afterAck = j.packets.find((p) => p.label === 'ACK')!.conntrack[CP]!;
    expect(countdown(afterAck)).toEqual(['86400 ESTABLISHED']);
    // Data waiting for its ACK caps the timeout at 300 s (TCP_CONNTRACK_UNACK), as the kernel does.
    expect(countdown(j.packets.find((p) => p.label === 'request')!.conntrack[CP]!)).toEqual(['300 ESTABLISHED']);
  });

  it('kube-proxy changes exactly two sysctls: established 86400 and close_wait 3600, the rest as the kernel has them', () => {
    const t = kubeProxyConntrackTimeouts();
    expect(t.tcp).toEqual({ ...KERNEL_TIMEOUTS.tcp, ESTABLISHED: 86400, CLOSE_WAIT: 3600 });
    expect([t.tcpUnack, t.udp, t.udpStream, t.icmp, t.generic]).toEqual([300, 30, 120, 30, 600]);
    expect(KERNEL_TIMEOUTS.tcp.ESTABLISHED).toBe(432000);
  });

  it('UDP: a quick query and answer stay at 30 s and expire after 30 s', () => {
    const n = createNetwork(stale);
    runConnection(n, { from: 'dns-client', to: 'udp-echo:5353', protocol: 'udp', sport: 40000 });
    expect(countdown(list(n, CP))).toEqual(['29']);
    expect(list(n, CP)[0]).not.toContain('[ASSURED]');
    advanceClock(n, 29_000);
    expect(list(n, CP)).toHaveLength(1);
    const gone = advanceClock(n, 1_000);
    expect(Object.keys(gone.expired)).toContain(CP);
    expect(list(n, CP)).toEqual([]);
  });

  it('UDP: a flow still talking 2 s after it began is a stream: ASSURED, 120 s', () => {
    const n = createNetwork(stale);
    runConnection(n, { from: 'dns-client', to: 'udp-echo:5353', protocol: 'udp', sport: 40000 });
    advanceClock(n, 5_000);
    runConnection(n, { from: 'dns-client', to: 'udp-echo:5353', protocol: 'udp', sport: 40000 });
    const [line] = list(n, CP);
    expect(line).toMatch(/^udp +17 119 .*\[ASSURED\]/);
    advanceClock(n, 119_000);
    expect(list(n, CP)).toHaveLength(1);
    advanceClock(n, 1_000);
    expect(list(n, CP)).toEqual([]);
  });

  it('UDP: a query nobody answers stays [UNREPLIED] for 30 s', () => {
    const n = createNetwork(stale);
    const j = runConnection(n, { from: 'dns-client', to: '10.10.9.9:53', protocol: 'udp', sport: 40001 });
    expect(j.outcome).not.toBe('delivered');
    expect(list(n, CP)[0]).toMatch(/^udp +17 29 .*\[UNREPLIED\]/);
    advanceClock(n, 30_000);
    expect(list(n, CP)).toEqual([]);
  });

  it('ICMP: an echo request entry lives 30 s (nf_conntrack_icmp_timeout)', () => {
    const table = createConntrackTable({ timeouts: kubeProxyConntrackTimeouts() });
    const c = classify(table, { src: ip('10.10.0.5'), dst: ip('10.10.1.2'), protocol: 'icmp', sport: 0, dport: 0, icmpType: 8, icmpCode: 0, icmpId: 7, mark: 0, length: 84 }, 1_000);
    expect(confirm(table, c.entry!, 1_000)).toEqual({ ok: true });
    expect(printConntrackList(table, 1_000)).toMatch(/^icmp +1 30 src=10\.10\.0\.5 dst=10\.10\.1\.2 type=8 code=0 id=7 \[UNREPLIED\]/);
    expect(printConntrackList(table, 30_999)).toMatch(/^icmp +1 0 /);
    expect(printConntrackList(table, 31_000)).toBe('');
  });

  it('session affinity (-m recent --rcheck --seconds 10800) holds until 10800 s pass without a connection, then expires', () => {
    const n = createNetwork(flows);
    const rcheck = (j: Journey): RuleHop | undefined => j.packets[0]!.hops.find((h): h is RuleHop => h.kind === 'rule' && h.rule.includes('--rcheck') && h.matched);
    const first = runConnection(n, { from: 'net-pod', to: 'svc-affinity' });
    expect(rcheck(first)).toBeUndefined();
    advanceClock(n, 10_000_000);
    const within = runConnection(n, { from: 'net-pod', to: 'svc-affinity' });
    expect(rcheck(within)?.target).toMatch(/^KUBE-SEP-/);
    expect(within.endpoint!.ip).toBe(first.endpoint!.ip);
    advanceClock(n, 10_800_001);
    const after = runConnection(n, { from: 'net-pod', to: 'svc-affinity' });
    expect(rcheck(after)).toBeUndefined();
  });

  it('refuses to move the clock backwards', () => {
    expect(() => advanceClock(createNetwork(flows), -1)).toThrow(RangeError);
  });
});
