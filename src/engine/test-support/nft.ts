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
