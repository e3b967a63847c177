/**
 * The scale lab's sweep in Node (`kpl bench --sweep`): the same engine generator the worker runs
 * (src/engine/scale/sweep.ts), timed with performance.now() per point, plus the whole sweep's wall-clock and
 * CPU time (process.cpuUsage: every thread, the garbage collector's included), so the "whole sweep in ≤ 15 s"
 * target can be read on a shared machine.
 */
import { cpus } from 'node:os';
import { DEFAULT_ENDPOINTS_PER_SERVICE, DEFAULT_SCALE_SIZES, scaleSweep, type ScalePoint } from '../src/engine/scale/sweep';
import { BASE_US, PER_RULE_NS } from '../src/engine/scale/latency-model';
import { calibratePerRule, type PerRuleCalibration } from './iptables-per-rule';

export interface SweepBenchPoint extends ScalePoint {
  /** CPU time of this point (data plane, counts and the traced connection), ms. */
  readonly cpuMs: number;
  /** Wall-clock time of this point, ms. */
  readonly wallMs: number;
}

export interface SweepBenchResult {
  readonly date: string;
  readonly machine: { readonly node: string; readonly cpus: number; readonly cpuModel: string };
  readonly endpointsPerService: number;
  readonly sizes: readonly number[];
  readonly points: readonly SweepBenchPoint[];
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly targetMs: number;
  readonly model: { readonly baseUs: number; readonly perRuleNs: number };
  /** With `--calibrate`: this machine's kernel reading iptables rules one by one (iptables-per-rule.ts). */
  readonly kernel?: PerRuleCalibration;
}

/** The target: the whole sweep (10 … 30,000 Services, three modes) keeps up with its chart. */
export const SWEEP_TARGET_MS = 15_000;

const cpuNow = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

export function runSweepBench(sizes: readonly number[] = DEFAULT_SCALE_SIZES, progress: (line: string) => void = () => {}, calibrate = false): SweepBenchResult {
  const points: SweepBenchPoint[] = [];
  const wall0 = performance.now();
  const cpu0 = cpuNow();
  let wall = wall0;
  let cpu = cpu0;
  for (const p of scaleSweep({ sizes, now: () => performance.now() })) {
    const w = performance.now();
    const c = cpuNow();
    points.push({ ...p, wallMs: w - wall, cpuMs: c - cpu });
    wall = w;
    cpu = c;
    progress(`${p.index}/${p.total} ${p.services.toLocaleString('en-US')} Services, ${p.mode}: ${p.connection.total} rules + lookups, ${Math.round(w - wall0)} ms so far`);
  }
  return {
    date: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown' },
    endpointsPerService: DEFAULT_ENDPOINTS_PER_SERVICE,
    sizes,
    points,
    wallMs: performance.now() - wall0,
    cpuMs: cpuNow() - cpu0,
    targetMs: SWEEP_TARGET_MS,
    model: { baseUs: BASE_US, perRuleNs: PER_RULE_NS },
    ...(calibrate ? { kernel: calibratePerRule() } : {}),
  };
}
