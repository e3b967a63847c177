/**
 * The sandbox every interface, address, route, rule and packet of the journey check lives in: one
 * `unshare --net --mount --pid` holder whose network namespace has nothing but a downed `lo`, with a private
 * tmpfs on /run so that `ip netns add` names exist only inside it. The nodes', pods' and clients' namespaces
 * are created from there (`ip netns add`, `ip link add … netns A type veth peer … netns B`), never in the
 * host's namespace. The holder is PID 1 of its PID namespace: when it ends (its stdin closes, its deadline
 * passes, or `close()`), the kernel kills every process in it and the namespaces go with their last user.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * A system tool by its absolute path: `npm run` puts node_modules/.bin first on PATH, and a shared
 * node_modules being reinstalled meanwhile must not make every spawn fail (ELOOP was seen).
 */
function tool(name: string): string {
  return ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin'].map((d) => `${d}/${name}`).find((p) => existsSync(p)) ?? name;
}

export interface Sandbox {
  /** Runs a bash script inside the sandbox (its network, mount and PID namespaces); throws if it fails. */
  sh(script: string, input?: string): string;
  /** The same, but returns the status instead of throwing. */
  shStatus(script: string, input?: string): { status: number; stdout: string; stderr: string };
  /** Starts a long-lived process in network namespace `netns` (created with `ip netns add` in the sandbox). */
  spawnIn(netns: string, argv: readonly string[]): ChildProcessWithoutNullStreams;
  close(): Promise<void>;
}

/** Why the journey check cannot run here, or '' when it can. */
export function sandboxUnavailableReason(): string {
  if (process.platform !== 'linux') return 'not Linux';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root (network namespaces need CAP_SYS_ADMIN and CAP_NET_ADMIN)';
  const tools = ['ip', 'iptables-restore', 'unshare', 'nsenter', 'conntrack', 'nfacct'];
  const which = spawnSync('sh', ['-c', tools.map((t) => `command -v ${t} >/dev/null || echo ${t}`).join('; ')], { encoding: 'utf8' });
  const missing = which.stdout.trim().split('\n').filter((l) => l !== '');
  if (missing.length > 0) return `missing ${missing.join(', ')} (apt-get install iproute2 iptables conntrack nfacct util-linux)`;
  const probe = spawnSync('unshare', ['--net', '--mount', '--pid', '--fork', 'sh', '-c', 'ip link add kpl-probe type bridge && iptables -t nat -L -n >/dev/null'], { encoding: 'utf8' });
  if (probe.status !== 0) return `cannot create network namespaces with iptables here: ${(probe.stderr || probe.stdout).trim().split('\n')[0] ?? ''}`;
  return '';
}

export async function openSandbox(deadlineMs: number): Promise<Sandbox> {
  // `exec timeout … cat`: PID 1 ends when the harness closes our stdin, or at the deadline if the harness hangs.
  const holder = spawn(
    tool('unshare'),
    ['--net', '--mount', '--pid', '--fork', '--kill-child', '--propagation', 'private', 'sh', '-c',
      `mount -t tmpfs kpl-netns /run && mkdir /run/netns && ip link set lo down && echo ready && exec timeout ${Math.ceil(deadlineMs / 1000)} cat`],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  holder.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = await new Promise<boolean>((resolve) => {
    holder.stdout.once('data', (d: Buffer) => resolve(d.toString().includes('ready')));
    holder.once('exit', () => resolve(false));
  });
  if (!ready || holder.pid === undefined) throw new Error(`the sandbox did not start: ${stderr}`);
  const pid1 = readFileSync(`/proc/${holder.pid}/task/${holder.pid}/children`, 'utf8').trim().split(/\s+/)[0] ?? '';
  // The one check everything else rests on: the namespace we are about to fill is not the host's.
  if (!/^\d+$/.test(pid1) || readlinkSync(`/proc/${pid1}/ns/net`) === readlinkSync('/proc/self/ns/net')) {
    holder.kill('SIGKILL');
    throw new Error('the sandbox has no network namespace of its own; refusing to go on');
  }
  const nsenter = tool('nsenter');
  const enter = ['-t', pid1, '--net', '--mount', '--pid', '--'];
  const shStatus = (script: string, input?: string): { status: number; stdout: string; stderr: string } => {
    // A fixed PATH inside: the sandbox's commands are system tools only.
    const r = spawnSync(nsenter, [...enter, tool('bash'), '-c', script], {
      encoding: 'utf8', input, timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
    });
    return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
  };
  return {
    shStatus,
    sh(script, input) {
      const r = shStatus(script, input);
      if (r.status !== 0) throw new Error(`sandbox command failed (${r.status}): ${r.stderr.trim()}\n--- script ---\n${script.slice(0, 2000)}`);
      return r.stdout;
    },
    spawnIn(netns, argv) {
      return spawn(nsenter, [...enter, nsenter, `--net=/run/netns/${netns}`, ...argv], { stdio: ['pipe', 'pipe', 'pipe'] });
    },
    close() {
      return new Promise((resolve) => {
        if (holder.exitCode !== null || holder.signalCode !== null) return resolve();
        holder.once('exit', () => resolve());
        holder.stdin.end();
        setTimeout(() => holder.kill('SIGKILL'), 5000).unref();
      });
    },
  };
}
