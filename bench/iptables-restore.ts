/**
 * The real-kernel side of the benchmark: how long `iptables-restore` takes to load a node's generated
 * rules into the kernel, in a throw-away network namespace (`unshare -n`), on the same machine. Only the
 * restore itself is timed, inside the namespace; creating the namespace and the nfacct objects the rules
 * name (xt_nfacct refuses unknown ones) is not. Where root, `unshare` or iptables is missing, it says why.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeRealIptables } from '../src/engine/test-support/iptables';

export type KernelProbe = { readonly available: true; readonly version: string } | { readonly available: false; readonly reason: string };

let probed: KernelProbe | undefined;

/** Whether iptables-restore can run in a namespace here (asked once per process). */
export function probeKernel(): KernelProbe {
  if (probed === undefined) {
    const real = probeRealIptables();
    probed = real.available ? { available: true, version: real.version } : { available: false, reason: real.reason };
  }
  return probed;
}

/** Runs of one restore, in milliseconds, or why none could be timed. */
export type RestoreTiming = { readonly ok: true; readonly ms: readonly number[] } | { readonly ok: false; readonly reason: string };

const MARK = 'KPL-RESTORE-NS';

/** Loads `restoreText` `runs` times, each into a fresh namespace, and times each `iptables-restore`. */
export function timeIptablesRestore(restoreText: string, runs: number): RestoreTiming {
  const probe = probeKernel();
  if (!probe.available) return { ok: false, reason: probe.reason };
  const dir = mkdtempSync(join(tmpdir(), 'kpl-bench-'));
  try {
    const file = join(dir, 'rules.restore');
    writeFileSync(file, restoreText);
    const nfacct = [...new Set([...restoreText.matchAll(/--nfacct-name\s+(\S+)/g)].map((m) => m[1]!))];
    const script = [
      'set -e',
      ...nfacct.map((n) => `nfacct add '${n}' >/dev/null 2>&1 || true`),
      's=$(date +%s%N)',
      `iptables-restore < '${file}'`,
      'e=$(date +%s%N)',
      `echo "${MARK} $((e - s))"`,
    ].join('\n');
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const run = spawnSync('unshare', ['-n', 'bash', '-c', script], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      const found = new RegExp(`${MARK} (\\d+)`).exec(run.stdout ?? '');
      if (run.status !== 0 || !found) {
        const why = (run.stderr || run.stdout || run.error?.message || `exit ${run.status}`).trim().split('\n').slice(0, 2).join(' ');
        return { ok: false, reason: `iptables-restore failed: ${why}` };
      }
      ms.push(Number(found[1]) / 1e6);
    }
    return { ok: true, ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
