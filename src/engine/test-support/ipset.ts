/**
 * Whether the real `ipset`, `iptables-restore` and `ip` can run in a throw-away network namespace here
 * (root, `unshare -n`), for the IPVS mode checks. Test-only.
 */
import { spawnSync } from 'node:child_process';

export interface RealIpset {
  readonly available: boolean;
  /** Why the check cannot run here, when it cannot. */
  readonly reason: string;
  readonly version: string;
}

export function probeRealIpset(): RealIpset {
  if (process.platform !== 'linux') return { available: false, reason: 'not Linux', version: '' };
  const which = spawnSync('sh', ['-c', 'command -v ipset && command -v iptables-restore && command -v ip && command -v unshare'], { encoding: 'utf8' });
  if (which.status !== 0) return { available: false, reason: 'ipset, iptables-restore, ip or unshare is not installed (apt-get install ipset iptables iproute2)', version: '' };
  const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ipset create KPL-PROBE hash:ip && ip link add kpl-probe type ifb'], { encoding: 'utf8' });
  if (probe.status !== 0) return { available: false, reason: `cannot create an ipset and an ifb device in a network namespace: ${(probe.stderr || probe.stdout).trim().split('\n')[0]}`, version: '' };
  const version = spawnSync('ipset', ['version'], { encoding: 'utf8' }).stdout.trim();
  return { available: true, reason: '', version };
}
