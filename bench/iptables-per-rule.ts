/**
 * This machine's kernel, reading iptables rules one by one: in a throw-away namespace (`unshare -n`), N rules
 * that do not match (`-d 10.96.x.y/32 -p tcp -m tcp --dport 80 -j ACCEPT`, KUBE-SERVICES' shape) in filter
 * OUTPUT, and a flood ping over lo. The echo request and the kernel's echo reply both leave through OUTPUT, so one
 * round trip reads 2 × N rules: (RTT(N) − RTT(0)) / 2N is the cost of one rule. Round trips are `ping -f`'s
 * minimum and average over `count` pings (the minimum is the least disturbed by other work on the machine).
 */
import { spawnSync } from 'node:child_process';
import { probeKernel } from './iptables-restore';

export interface PerRuleRow {
  readonly rules: number;
  /** Round-trip times in ms, as ping prints them. */
  readonly minMs: number;
  readonly avgMs: number;
}

export type PerRuleCalibration =
  | { readonly ok: true; readonly version: string; readonly count: number; readonly rows: readonly PerRuleRow[]; readonly nsPerRuleMin: number; readonly nsPerRuleAvg: number }
  | { readonly ok: false; readonly reason: string };

const MARK = 'KPL-PER-RULE';

function restoreScript(rules: number): string {
  const lines = ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]'];
  for (let i = 0; i < rules; i++) lines.push(`-A OUTPUT -d 10.${96 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}/32 -p tcp -m tcp --dport 80 -j ACCEPT`);
  lines.push('COMMIT', '');
  return lines.join('\n');
}

export function calibratePerRule(sizes: readonly number[] = [0, 10_000, 30_000], count = 3000): PerRuleCalibration {
  const probe = probeKernel();
  if (!probe.available) return { ok: false, reason: probe.reason };
  const rows: PerRuleRow[] = [];
  for (const rules of sizes) {
    const script = `set -e; ip link set lo up; iptables-restore; echo "${MARK} $(ping -f -c ${count} -q 127.0.0.1 | tail -1)"`;
    const run = spawnSync('unshare', ['-n', 'bash', '-c', script], { input: restoreScript(rules), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const found = new RegExp(`${MARK} rtt min/avg/max/mdev = ([\\d.]+)/([\\d.]+)/`).exec(run.stdout ?? '');
    if (run.status !== 0 || !found) return { ok: false, reason: `ping through ${rules} rules failed: ${(run.stderr || run.stdout || `exit ${run.status}`).trim().split('\n')[0]}` };
    rows.push({ rules, minMs: Number(found[1]), avgMs: Number(found[2]) });
  }
  const base = rows.find((r) => r.rules === 0) ?? { minMs: 0, avgMs: 0 };
  const big = rows[rows.length - 1]!;
  const perRule = (a: number, b: number): number => Math.round(((a - b) * 1e6) / (2 * big.rules) * 10) / 10;
  return { ok: true, version: probe.version, count, rows, nsPerRuleMin: perRule(big.minMs, base.minMs), nsPerRuleAvg: perRule(big.avgMs, base.avgMs) };
}
