/**
 * Running the real nft in a throw-away network namespace (`unshare -n`), for the nftables kernel check:
 * load a transaction with `nft -f`, read back `nft list ruleset`, and compare with what our printer makes
 * of the same transaction. Test-only.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTransaction } from '../nftables/parse-transaction';
import { printNftList } from '../nftables/print-list';
import type { NftIssue } from '../nftables/model';

export interface RealNft {
  readonly available: boolean;
  /** Why the kernel check cannot run here, when it cannot. */
  readonly reason: string;
  readonly version: string;
}

export function probeRealNft(): RealNft {
  if (process.platform !== 'linux') return { available: false, reason: 'not Linux', version: '' };
  const which = spawnSync('sh', ['-c', 'command -v nft && command -v unshare'], { encoding: 'utf8' });
  if (which.status !== 0) return { available: false, reason: 'nft or unshare is not installed (apt-get install nftables)', version: '' };
  const probe = spawnSync('unshare', ['-n', 'nft', 'list', 'ruleset'], { encoding: 'utf8' });
  if (probe.status !== 0) return { available: false, reason: `cannot create a network namespace with nft: ${(probe.stderr || probe.stdout).trim().split('\n')[0]}`, version: '' };
  return { available: true, reason: '', version: execFileSync('nft', ['--version'], { encoding: 'utf8' }).trim() };
}

/** The transaction's `add table|chain|set|map` lines first, in their order, then the rest (what a sorted golden needs to load). */
export function declarationsFirst(transaction: string): string {
  const lines = transaction.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const isDecl = (l: string): boolean => /^(add|create) (table|chain|set|map) /.test(l);
  return [...lines.filter(isDecl), ...lines.filter((l) => !isDecl(l))].map((l) => `${l}\n`).join('');
}

export interface RoundTrip {
  /** What the real nft listed after loading the transaction ('' when it refused it). */
  readonly listed: string;
  /** nft's error output when it refused the transaction. */
  readonly nftError: string;
  /** Our printer's `nft list ruleset` for the same transaction. */
  readonly ours: string;
  /** Our parser's problems with the transaction. */
  readonly parseErrors: readonly NftIssue[];
}

/**
 * Loads the transaction (or several, one after the other, as kube-proxy's syncs are) with the real
 * `nft -f` in a fresh namespace and lists the result; prints ours for the same transactions beside it.
 */
export function nftRoundTrip(transactions: string | readonly string[]): RoundTrip {
  const all = typeof transactions === 'string' ? [transactions] : transactions;
  let ruleset = parseTransaction('').ruleset;
  const parseErrors: NftIssue[] = [];
  for (const tx of all) {
    const parsed = parseTransaction(tx, { base: ruleset, declarationsFirst: false, atomic: true });
    ruleset = parsed.ruleset;
    parseErrors.push(...parsed.errors);
  }
  const ours = printNftList(ruleset);
  const dir = mkdtempSync(join(tmpdir(), 'kpl-nft-'));
  try {
    const files = all.map((tx, i) => {
      const f = join(dir, `tx${i}.nft`);
      writeFileSync(f, tx);
      return f;
    });
    const script = [...files.map((f) => `nft -f '${f}'`), 'nft list ruleset'].join(' && ');
    const run = spawnSync('unshare', ['-n', 'sh', '-c', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) return { listed: '', nftError: run.stderr || run.stdout, ours, parseErrors };
    return { listed: run.stdout, nftError: '', ours, parseErrors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a local process on the node got when it connected, and the conntrack entry the kernel made for it. */
export interface RealConnect {
  readonly destination: string;
  /** `refused`: an ICMP error or a reset came back (REJECT); `silent`: nothing came back in time. */
  readonly result: 'refused' | 'silent';
  /** The entry's reply direction (`src=… dst=… sport=… dport=…` after `[UNREPLIED]`), when conntrack kept one. */
  readonly reply?: { readonly src: string; readonly sport: number; readonly dst: string; readonly dport: number };
}

/**
 * Loads `transaction` into a fresh namespace shaped like kube-proxy's test node (eth0 192.168.0.2/24 with a
 * default route, cni0 10.180.0.254/24 towards the endpoints; veths whose peers nobody answers on) and
 * connects from a local process to each `ip:port` (TCP, all at once, 3 s); returns what each got.
 */
export function realConnectsFromNode(transaction: string, destinations: readonly string[]): { error: string; connects: RealConnect[] } {
  const dir = mkdtempSync(join(tmpdir(), 'kpl-nft-'));
  try {
    const file = join(dir, 'tx.nft');
    writeFileSync(file, transaction);
    const sep = '@@@KPL@@@';
    const script = [
      'set -e',
      `nft -f '${file}'`,
      'ip link set lo up',
      'ip link add eth0 type veth peer name eth0p && ip link set eth0p up && ip addr add 192.168.0.2/24 dev eth0 && ip link set eth0 up',
      'ip link add cni0 type veth peer name cni0p && ip link set cni0p up && ip addr add 10.180.0.254/24 dev cni0 && ip link set cni0 up',
      'ip route add default via 192.168.0.1 dev eth0',
      'set +e',
      // In parallel: a SYN whose REJECT answer is lost is retransmitted after 1 s, so each gets 3 s.
      ...destinations.map((d, i) => `(timeout 3 bash -c 'echo > /dev/tcp/${d.replace(':', '/')}' > '${dir}/c${i}' 2>&1) &`),
      'wait',
      ...destinations.map((d, i) => `echo '${sep} ${d}'; tail -1 '${dir}/c${i}'`),
      `echo '${sep} conntrack'`,
      'conntrack -L 2>/dev/null',
    ].join('\n');
    const run = spawnSync('unshare', ['-n', 'bash', '-c', script], { encoding: 'utf8' });
    if (run.status !== 0) return { error: run.stderr || run.stdout, connects: [] };
    const parts = run.stdout.split(`${sep} `).slice(1);
    const entries = (parts.pop() ?? '').split('\n');
    const connects = parts.map((p, i): RealConnect => {
      const destination = destinations[i]!;
      const [ip, port] = destination.split(':');
      const line = entries.find((l) => l.includes(` dst=${ip} `) && l.includes(` dport=${port} `));
      const m = line ? /\[UNREPLIED\] src=(\S+) dst=(\S+) sport=(\d+) dport=(\d+)/.exec(line) : null;
      return {
        destination,
        result: /refused|reset/i.test(p) ? 'refused' : 'silent',
        ...(m ? { reply: { src: m[1]!, dst: m[2]!, sport: Number(m[3]), dport: Number(m[4]) } } : {}),
      };
    });
    return { error: '', connects };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the namespace tools the connect check needs are here (ip, conntrack, veth). */
export function probeConnectCheck(): { available: boolean; reason: string } {
  const nft = probeRealNft();
  if (!nft.available) return { available: false, reason: nft.reason };
  const which = spawnSync('sh', ['-c', 'command -v ip && command -v conntrack && command -v timeout'], { encoding: 'utf8' });
  if (which.status !== 0) return { available: false, reason: 'ip, conntrack or timeout is not installed (apt-get install iproute2 conntrack)' };
  const veth = spawnSync('unshare', ['-n', 'ip', 'link', 'add', 'kplprobe0', 'type', 'veth', 'peer', 'name', 'kplprobe1'], { encoding: 'utf8' });
  if (veth.status !== 0) return { available: false, reason: `cannot create a veth pair: ${veth.stderr.trim()}` };
  return { available: true, reason: '' };
}
