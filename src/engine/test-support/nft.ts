/**
 * Running the real nft in a throw-away network namespace (`unshare -n`), for the nftables kernel check:
 * load a transaction with `nft -f`, read back `nft list ruleset`, and compare with what our printer makes
 * of the same transaction. Test-only. Transactions go in on stdin (`nft -f -`), so their size is not bounded by the kernel's argument limit.
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

/** Where a connection starts: a process on the node, a pod (10.180.0.9 behind cni0), or a client outside (192.168.0.1 on eth0's link). */
export type ConnectFrom = 'node' | 'pod' | 'external';
export const CLIENT_ADDRESS: Readonly<Record<ConnectFrom, string>> = { node: '192.168.0.2', pod: '10.180.0.9', external: '192.168.0.1' };

/** What a client got when it connected, and the conntrack entry the node's kernel made for it. */
export interface RealConnect {
  readonly from: ConnectFrom;
  readonly destination: string;
  /** `refused`: an ICMP error or a reset came back (REJECT); `silent`: nothing came back in time. */
  readonly result: 'refused' | 'silent';
  /** The entry's reply direction (`src=… dst=… sport=… dport=…` after `[UNREPLIED]`), when conntrack kept one. */
  readonly reply?: { readonly src: string; readonly sport: number; readonly dst: string; readonly dport: number };
}

/**
 * Loads `transaction` into a fresh namespace shaped like kube-proxy's test node (eth0 192.168.0.2/24 with a
 * default route via 192.168.0.1, cni0 10.180.0.254/24 towards the pods, forwarding on), with two more
 * namespaces behind the veths: a pod (10.180.0.9) and an outside client (192.168.0.1). Each connection
 * (TCP, all at once, 3 s: a SYN whose REJECT answer is lost is retransmitted after 1 s) is made from where
 * it says; nothing answers at the endpoints' addresses, so a DNATed connection stays in conntrack unreplied.
 */
export function realConnects(transaction: string, connects: readonly { from: ConnectFrom; destination: string }[]): { error: string; connects: RealConnect[] } {
  const dir = mkdtempSync(join(tmpdir(), 'kpl-nft-'));
  try {
    const file = join(dir, 'tx.nft');
    writeFileSync(file, transaction);
    const sep = '@@@KPL@@@';
    const inNs = (from: ConnectFrom, cmd: string): string => (from === 'node' ? cmd : `nsenter -t $${from === 'pod' ? 'POD' : 'EXT'} -n ${cmd}`);
    const script = [
      'set -e',
      `nft -f '${file}'`,
      'ip link set lo up',
      'sysctl -qw net.ipv4.ip_forward=1',
      // REJECT's ICMP errors are rate-limited per destination (1/s); with many connections at once that would lose some.
      'sysctl -qw net.ipv4.icmp_ratelimit=0',
      'unshare -n sleep 60 & POD=$!',
      'unshare -n sleep 60 & EXT=$!',
      'trap "kill $POD $EXT" EXIT',
      'for i in $(seq 50); do [ "$(readlink /proc/$POD/ns/net)" != "$(readlink /proc/self/ns/net)" ] && [ "$(readlink /proc/$EXT/ns/net)" != "$(readlink /proc/self/ns/net)" ] && break; sleep 0.02; done',
      'ip link add eth0 type veth peer name eth0p && ip link set eth0p netns $EXT && ip addr add 192.168.0.2/24 dev eth0 && ip link set eth0 up',
      'ip link add cni0 type veth peer name cni0p && ip link set cni0p netns $POD && ip addr add 10.180.0.254/24 dev cni0 && ip link set cni0 up',
      'ip route add default via 192.168.0.1 dev eth0',
      `nsenter -t $POD -n sh -c 'ip link set lo up; ip addr add 10.180.0.9/24 dev cni0p; ip link set cni0p up; ip route add default via 10.180.0.254'`,
      `nsenter -t $EXT -n sh -c 'ip link set lo up; ip addr add 192.168.0.1/24 dev eth0p; ip link set eth0p up'`,
      'set +e',
      ...connects.map((c, i) => `(${inNs(c.from, `timeout 3 bash -c 'echo > /dev/tcp/${c.destination.replace(':', '/')}'`)} > '${dir}/c${i}' 2>&1) & W="$W $!"`),
      'wait $W',
      ...connects.map((_, i) => `echo '${sep} ${i}'; tail -1 '${dir}/c${i}'`),
      `echo '${sep} conntrack'`,
      'conntrack -L 2>/dev/null',
    ].join('\n');
    const run = spawnSync('unshare', ['-n', 'bash', '-c', script], { encoding: 'utf8' });
    if (run.status !== 0) return { error: run.stderr || run.stdout, connects: [] };
    const parts = run.stdout.split(`${sep} `).slice(1);
    const entries = (parts.pop() ?? '').split('\n');
    const used = new Set<number>();
    const results = parts.map((p, i): RealConnect => {
      const { from, destination } = connects[i]!;
      const [ip, port] = destination.split(':');
      const at = entries.findIndex((l, j) => !used.has(j) && l.includes(` src=${CLIENT_ADDRESS[from]} dst=${ip} `) && l.includes(` dport=${port} [UNREPLIED]`));
      if (at >= 0) used.add(at);
      const m = at >= 0 ? /\[UNREPLIED\] src=(\S+) dst=(\S+) sport=(\d+) dport=(\d+)/.exec(entries[at]!) : null;
      return {
        from,
        destination,
        result: /refused|reset/i.test(p) ? 'refused' : 'silent',
        ...(m ? { reply: { src: m[1]!, dst: m[2]!, sport: Number(m[3]), dport: Number(m[4]) } } : {}),
      };
    });
    return { error: '', connects: results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the namespace tools the connect check needs are here (ip, conntrack, veth). */
export function probeConnectCheck(): { available: boolean; reason: string } {
  const nft = probeRealNft();
  if (!nft.available) return { available: false, reason: nft.reason };
  const which = spawnSync('sh', ['-c', 'command -v ip && command -v conntrack && command -v timeout && command -v nsenter && command -v sysctl'], { encoding: 'utf8' });
  if (which.status !== 0) return { available: false, reason: 'ip, conntrack, timeout, nsenter or sysctl is not installed (apt-get install iproute2 conntrack util-linux procps)' };
  const veth = spawnSync('unshare', ['-n', 'ip', 'link', 'add', 'kplprobe0', 'type', 'veth', 'peer', 'name', 'kplprobe1'], { encoding: 'utf8' });
  if (veth.status !== 0) return { available: false, reason: `cannot create a veth pair: ${veth.stderr.trim()}` };
  return { available: true, reason: '' };
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
