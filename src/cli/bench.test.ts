/**
 * `kpl bench --quick`: the benchmark runs end to end and prints its tables and JSON in the documented
 * shape. No timing is asserted (a busy CI machine is not a failure); what is checked is that every
 * measured step ran and that the counts the tables show are right.
 */
import { describe, expect, it } from 'vitest';
import { benchCommand, benchTable, duration } from './commands/bench';
import type { BenchResult } from '../../bench/engine';
import { loadGeneratedRuleset } from '../../bench/load-ruleset';
import { syntheticCluster } from '../../bench/synthetic-cluster';
import { generateNodeRules } from '../engine/kubeproxy';
import { parseIptables } from '../engine/netfilter/parse';
import { printIptablesSave } from '../engine/netfilter/print';

async function bench(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await benchCommand(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('kpl bench --quick', () => {
  it('--json: every size measured, the traced connection delivered, the rule counts the generator wrote', async () => {
    const r = await bench('--quick', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as BenchResult;
    expect(result.quick).toBe(true);
    expect(result.sizes.map((s) => s.services)).toEqual([10, 100]);
    for (const s of result.sizes) {
      const cluster = syntheticCluster(s.services);
      expect(s.rules).toBe(generateNodeRules(cluster, s.node).rules.length);
      for (const t of [s.generate, s.explain, s.load, s.generateAndLoad, s.trace, s.traceRecorded, s.spread]) {
        expect(t.runs).toBeGreaterThan(0);
        expect(t.median).toBeGreaterThan(0);
        expect(t.p95).toBeGreaterThanOrEqual(t.median);
      }
      expect(s.spreadFailed).toBe(0);
      // The packet crosses KUBE-SERVICES on the client's node (the service sorts last) and again on the endpoint's.
      expect(s.traceRulesEvaluated).toBeGreaterThan(2 * s.services);
      expect(s.traceRecordedHops).toBeGreaterThan(s.traceRulesEvaluated);
    }
    // More services, more rules for the kernel to read.
    expect(result.sizes[1]!.traceRulesEvaluated).toBeGreaterThan(result.sizes[0]!.traceRulesEvaluated);
    expect(Object.values(result.spread.endpoints).reduce((a, b) => a + b, 0)).toBe(result.spread.connections);
    expect(result.targets.map((t) => t.name)).toEqual(['10,000 × 10 generation', 'one trace at 10,000 services', '1,000-connection spread (default scenario)']);
    expect(result.targets.every((t) => t.measuredMs === undefined)).toBe(true);
    if (result.kernel.available) expect(result.sizes.every((s) => s.kernel !== undefined)).toBe(true);
    else expect(result.kernel.reason).not.toBe('');
    expect(r.err).toContain('kpl bench: 100 × 10: tracing client → web');
  }, 120_000);

  it('the table has one row per size in each section, and the targets', async () => {
    const r = await bench('--quick');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const rowsAfter = (title: string): string[] => {
      const at = lines.indexOf(title);
      expect(at, title).toBeGreaterThanOrEqual(0);
      return lines.slice(at + 3, at + 5);
    };
    expect(lines[lines.indexOf('Rules (node bench-worker)') + 1]).toMatch(/^services × endpoints +rules +restore text +generate +explanations +load +one run +iptables-restore +real ÷ simulated +real ÷ one run$/);
    for (const row of rowsAfter('Rules (node bench-worker)')) expect(row).toMatch(/^(10|100) × 10 +[\d,]+ +\d+ kB( +[\d.]+ ms \([\d.]+\)){3}/);
    expect(lines[lines.indexOf('Traffic') + 1]).toMatch(/^services × endpoints +trace, 1st packet +rules evaluated +trace, every hop +hops +spread 1,000$/);
    for (const row of rowsAfter('Traffic')) expect(row).toMatch(/^(10|100) × 10 +[\d.]+ ms \([\d.]+\) +[\d,]+ +[\d.]+ ms \([\d.]+\) +[\d,]+ +[\d.]+ ms \([\d.]+\)$/);
    expect(r.out).toMatch(/^Spread on src\/scenarios\/default\.yaml: 1,000 connections net-pod → svc-clusterip: [\d.]+ ms \([\d.]+\); 10\.10\.\d\.2:80 \d+/m);
    expect(r.out).toMatch(/^10,000 × 10 generation +≤ 500 ms +not measured$/m);
    expect(r.out.endsWith('\n')).toBe(true);
  }, 120_000);

  it('--sizes chooses the clusters; arguments it does not know are refused', async () => {
    const r = await bench('--quick', '--json', '--sizes', '20');
    expect((JSON.parse(r.out) as BenchResult).sizes.map((s) => s.services)).toEqual([20]);
    await expect(bench('--sizes', 'ten')).rejects.toThrow('--sizes must be a whole number');
    await expect(bench('--runs', '3')).rejects.toThrow('unknown option --runs');
    await expect(bench('extra')).rejects.toThrow('usage: kpl bench');
  }, 60_000);
});

describe('benchTable pieces', () => {
  it('durations keep three significant digits', () => {
    expect([0.0456, 1.234, 12.34, 123.4, 23_382].map(duration)).toEqual(['0.046 ms', '1.23 ms', '12.3 ms', '123 ms', '23.4 s']);
  });

  it('says why iptables-restore was skipped', () => {
    const t = { median: 1, p95: 2, runs: 3 };
    const result: BenchResult = {
      date: '2026-01-01T00:00:00.000Z',
      machine: { node: 'v20', platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'cpu', memoryGB: 4 },
      quick: true,
      sizes: [],
      spread: { scenario: 's.yaml', from: 'a', to: 'b', connections: 10, timing: t, endpoints: { '10.0.0.1:80': 10 }, failed: 0 },
      kernel: { available: false, reason: 'not Linux' },
      targets: [],
    };
    expect(benchTable(result)).toContain('iptables-restore: skipped — not Linux.');
  });
});

describe('loading generated rules above the parser limit', () => {
  it('in pieces gives the ruleset one parse gives', () => {
    const text = generateNodeRules(syntheticCluster(40), 'bench-worker').restoreText;
    const whole = parseIptables(text);
    expect(whole.errors).toEqual([]);
    // A limit a tenth of the text's size cuts the nat table into several pieces.
    const limit = Math.ceil(text.length / 10);
    expect(text.length - text.indexOf('*nat')).toBeGreaterThan(3 * limit);
    const pieces = loadGeneratedRuleset(text, limit);
    for (const table of ['nat', 'filter'] as const) {
      expect(printIptablesSave(pieces, { tables: [table], counters: true })).toBe(printIptablesSave(whole.ruleset, { tables: [table], counters: true }));
    }
    // As nodeRuleset lists them (a node shows nat first).
    expect([...pieces.tables.keys()]).toEqual(['nat', 'filter']);
  });
});
