/**
 * Running the real nft (nftables 1.0.6 here, what kind's Debian bookworm node images ship) in a throw-away
 * network namespace (`unshare -n`), for the kernel checks of nftables mode. Test-only. The transaction goes
 * in on stdin (`nft -f -`), so its size is not bounded by the kernel's argument limit.
 */
import { execFileSync, spawnSync } from 'node:child_process';

export interface RealNft {
  readonly available: boolean;
  /** Why the check cannot run here, when it cannot. */
  readonly reason: string;
  readonly version: string;
}

export function probeRealNft(): RealNft {
  if (process.platform !== 'linux') return { available: false, reason: 'not Linux', version: '' };
  const which = spawnSync('sh', ['-c', 'command -v nft && command -v unshare'], { encoding: 'utf8' });
  if (which.status !== 0) return { available: false, reason: 'nft or unshare is not installed (apt-get install nftables)', version: '' };
  const probe = spawnSync('unshare', ['-n', 'nft', 'list', 'ruleset'], { encoding: 'utf8' });
  if (probe.status !== 0) return { available: false, reason: `cannot create a network namespace with nft: ${(probe.stderr || probe.stdout).trim().split('\n')[0]}`, version: '' };
  const version = execFileSync('nft', ['--version'], { encoding: 'utf8' }).trim();
  return { available: true, reason: '', version };
}

/**
 * Loads `transaction` with `nft -f -` in a fresh network namespace, then runs each command there (e.g.
 * `nft list ruleset`); returns each command's stdout, or nft's error (which names the failing line).
 */
export function nftInNamespace(transaction: string, commands: readonly string[] = []): { ok: boolean; error: string; outputs: string[] } {
  const sep = '@@@KPL-SEPARATOR@@@';
  const script = ['set -e', 'nft -f -', ...commands.map((c) => `echo '${sep}'; ${c} </dev/null`)].join('\n');
  const run = spawnSync('unshare', ['-n', 'bash', '-c', script], { input: transaction, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) return { ok: false, error: run.stderr || run.stdout || String(run.error ?? ''), outputs: [] };
  return { ok: true, error: '', outputs: run.stdout.split(`${sep}\n`).slice(1) };
}
