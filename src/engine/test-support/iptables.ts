/**
 * Running the real iptables in a throw-away network namespace (`unshare -n`), for the kernel check.
 * Test-only. Debian 12 ships iptables 1.8.9, which prints protocol numbers in `-L`'s prot column where
 * 1.8.11 (our target, what the vectors show) prints names; `protNamesAs1811` rewrites only that column.
 */
import { execFileSync, spawnSync } from 'node:child_process';

export interface RealIptables {
  readonly available: boolean;
  /** Why the kernel check cannot run here, when it cannot. */
  readonly reason: string;
  readonly version: string;
}

export function probeRealIptables(): RealIptables {
  if (process.platform !== 'linux') return { available: false, reason: 'not Linux', version: '' };
  const which = spawnSync('sh', ['-c', 'command -v iptables-restore && command -v unshare'], { encoding: 'utf8' });
  if (which.status !== 0) return { available: false, reason: 'iptables-restore or unshare is not installed (apt-get install iptables)', version: '' };
  const probe = spawnSync('unshare', ['-n', 'iptables', '-L', '-n'], { encoding: 'utf8' });
  if (probe.status !== 0) return { available: false, reason: `cannot create a network namespace with iptables: ${(probe.stderr || probe.stdout).trim().split('\n')[0]}`, version: '' };
  const version = execFileSync('iptables', ['--version'], { encoding: 'utf8' }).trim();
  return { available: true, reason: '', version };
}

/**
 * Loads `saveText` with iptables-restore in a fresh namespace (creating the nfacct objects the rules name,
 * since xt_nfacct refuses unknown ones) and runs each command there; returns each command's stdout.
 */
export function inNamespace(saveText: string, commands: readonly string[]): { ok: boolean; error: string; outputs: string[] } {
  const nfacct = [...new Set([...saveText.matchAll(/--nfacct-name\s+(\S+)/g)].map((m) => m[1]!))];
  const sep = '@@@KPL-SEPARATOR@@@';
  const script = [
    'set -e',
    ...nfacct.map((n) => `nfacct add ${n} >/dev/null 2>&1 || true`),
    'iptables-restore -c',
    ...commands.map((c) => `echo '${sep}'; ${c}`),
  ].join('\n');
  // iptables-restore reads the dump from stdin; the commands after it get no input. (A replacer function,
  // so that `$&` and friends in the dump are not taken as replacement patterns.)
  const run = spawnSync('unshare', ['-n', 'bash', '-c', script.replace('iptables-restore -c', () => 'iptables-restore -c <<"KPL_EOF"\n' + saveText + 'KPL_EOF')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) return { ok: false, error: run.stderr || run.stdout, outputs: [] };
  return { ok: true, error: '', outputs: run.stdout.split(`${sep}\n`).slice(1) };
}

const PROTO_NAMES: Readonly<Record<string, string>> = { '0': 'all', '1': 'icmp', '6': 'tcp', '17': 'udp', '132': 'sctp' };

/** `iptables -L` of 1.8.9 → as 1.8.11 prints it: protocol names instead of numbers in the prot column. */
export function protNamesAs1811(listText: string): string {
  return listText
    .split('\n')
    .map((line) => line.replace(/ ([ !])(0|1|6|17|132)( *)([-!][-f]) /, (_m, inv: string, num: string, pad: string, opt: string) => {
      const name = PROTO_NAMES[num]!;
      const width = num.length + pad.length;
      return ` ${inv}${name.padEnd(width)}${opt} `;
    }))
    .join('\n');
}

/** iptables-save output without its `#` lines. */
export function withoutComments(save: string): string {
  return save
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
}
