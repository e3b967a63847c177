import { describe, expect, it } from 'vitest';
import { BASE_US, PER_RULE_NS, modelledLatencyUs } from './latency-model';
import { scaleSweep, sweepPointCount, type ScalePoint } from './sweep';

/** A clock that ticks 1 ms per reading: the sweep's durations are whatever the caller's clock says. */
function tickingClock(): () => number {
  let t = 0;
  return () => t++;
}

describe('scale sweep', () => {
  const points: ScalePoint[] = [...scaleSweep({ sizes: [10, 100, 400], now: tickingClock() })];
  const of = (mode: ScalePoint['mode']): ScalePoint[] => points.filter((p) => p.mode === mode);

  it('yields one point per size and mode, numbered for a progress bar', () => {
    expect(points.map((p) => `${p.services}/${p.mode}`)).toEqual(['10/iptables', '10/nftables', '10/ipvs', '100/iptables', '100/nftables', '100/ipvs', '400/iptables', '400/nftables', '400/ipvs']);
    expect(points.map((p) => p.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(points.every((p) => p.total === 9)).toBe(true);
    expect(sweepPointCount({ sizes: [10, 100, 400] })).toBe(9);
  });

  it('delivers the traced connection in every mode', () => {
    expect(points.every((p) => p.connection.outcome === 'delivered')).toBe(true);
  });

  it('iptables reads one more KUBE-SERVICES rule per Service; nftables and IPVS read the same few rules and lookups', () => {
    const ipt = of('iptables').map((p) => p.connection.total);
    // The traced Service sorts last: each of the other Services' KUBE-SERVICES rules is read first.
    expect(ipt[1]! - ipt[0]!).toBe(90);
    expect(ipt[2]! - ipt[1]!).toBe(300);
    for (const mode of ['nftables', 'ipvs'] as const) {
      const totals = of(mode).map((p) => p.connection.total);
      expect(new Set(totals).size, mode).toBe(1);
      expect(totals[0]!, mode).toBeLessThan(ipt[0]!);
    }
    expect(of('nftables').every((p) => p.connection.mapLookups > 0 && p.connection.ipvsLookups === 0)).toBe(true);
    expect(of('ipvs').every((p) => p.connection.ipvsLookups === 1 && p.connection.mapLookups === 0)).toBe(true);
    expect(of('iptables').every((p) => p.connection.mapLookups === 0 && p.connection.ipvsLookups === 0)).toBe(true);
  });

  it('counts the programming work every mode grows with the Services, and times it with the given clock', () => {
    for (const mode of ['iptables', 'nftables', 'ipvs'] as const) {
      const lines = of(mode).map((p) => p.work.lines);
      expect(lines[1]!, mode).toBeGreaterThan(lines[0]!);
      expect(lines[2]!, mode).toBeGreaterThan(lines[1]!);
    }
    // One endpoint per Service: a KUBE-SERVICES rule, a KUBE-SVC chain with 2 rules, a KUBE-SEP chain with 2.
    const ipt = of('iptables');
    expect(ipt[1]!.work.rules - ipt[0]!.work.rules).toBe(90 * 5);
    expect(ipt[1]!.work.chains - ipt[0]!.work.chains).toBe(90 * 2);
    const ipvs = of('ipvs');
    expect(ipvs[1]!.work.virtualServers - ipvs[0]!.work.virtualServers).toBe(90);
    expect(ipvs[1]!.work.rules).toBe(ipvs[0]!.work.rules);
    expect(points.every((p) => p.work.generateAndLoadMs === 1)).toBe(true);
  });

  it('models latency from the counts', () => {
    const ipt = of('iptables');
    expect(ipt[2]!.modelledLatencyUs).toBeGreaterThan(ipt[0]!.modelledLatencyUs);
    expect(of('nftables')[2]!.modelledLatencyUs).toBe(of('nftables')[0]!.modelledLatencyUs);
  });
});

describe('latency model', () => {
  it('is fitted to the blog post figures: 12.5 µs base, ~16.4 ns per rule', () => {
    expect(BASE_US).toBeCloseTo(12.5, 6);
    expect(PER_RULE_NS).toBeCloseTo(16.4, 1);
    // The model at 30,000 Services with the rule last in KUBE-SERVICES: between the blog's p50 (271 µs) and p99 (713 µs).
    const at30k = modelledLatencyUs({ total: 30_000 });
    expect(at30k).toBeGreaterThan(271);
    expect(at30k).toBeLessThan(713);
  });
});
