/**
 * The iptables-nft samples against the real kernel: kube-proxy's rules loaded with iptables-nft-restore into a
 * throw-away network namespace, then `nft list ruleset` and `iptables-nft-save` there. The import must read
 * the listing into what it reads from the save (but for the pieces nft does not show, xt-nft.test.ts), and the
 * listing must be the committed sample (test-vectors/iptables-nft/). Runs where root can `unshare -n` and
 * iptables-nft and nft are installed; elsewhere it is reported skipped, with the reason.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { printIptablesSave } from '../netfilter/print';
import { readVector } from '../test-support/vectors';
import { importDump } from './import';

function probe(): { available: boolean; reason: string } {
  if (process.platform !== 'linux') return { available: false, reason: 'not Linux' };
  const which = spawnSync('sh', ['-c', 'command -v iptables-nft-restore && command -v nft && command -v nfacct && command -v unshare'], { encoding: 'utf8' });
  if (which.status !== 0) return { available: false, reason: 'iptables-nft-restore, nft, nfacct or unshare is not installed (apt-get install iptables nftables nfacct)' };
  const p = spawnSync('unshare', ['-n', 'nft', 'list', 'ruleset'], { encoding: 'utf8' });
  if (p.status !== 0) return { available: false, reason: `cannot create a network namespace with nft: ${(p.stderr || p.stdout).trim().split('\n')[0]}` };
  return { available: true, reason: '' };
}

const SEP = '@@@KPL-SEPARATOR@@@';

/** `nft list ruleset` and `iptables-nft-save` after loading `save` with iptables-nft-restore. */
function throughKernel(save: string): { list: string; saved: string } {
  const nfacct = [...new Set([...save.matchAll(/--nfacct-name\s+(\S+)/g)].map((m) => m[1]!))];
  const script = ['set -e', ...nfacct.map((n) => `nfacct add ${n} >/dev/null`), `iptables-nft-restore <<"KPL_EOF"\n${save}KPL_EOF`, 'nft list ruleset', `echo '${SEP}'`, "iptables-nft-save | grep -v '^#'"].join('\n');
  const run = spawnSync('unshare', ['-n', 'bash', '-c', script], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(run.stderr || run.stdout);
  const [list = '', saved = ''] = run.stdout.split(`${SEP}\n`);
  return { list, saved };
}

const rules = (text: string): string[] =>
  printIptablesSave(importDump(text).ruleset)
    .split(/\n(?=\*)/)
    .sort()
    .join('\n')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.replace(/ -m comment --comment ("[^"]*"|\S+)/g, '').replace(/ -m (tcp|udp)(?= -[mjg] |$)/g, ''));

const real = probe();

describe.skipIf(!real.available)(`iptables-nft samples against the real kernel (${real.available ? 'iptables-nft, nft' : `skipped: ${real.reason}`})`, () => {
  it('the committed listings are what the kernel lists today', () => {
    expect(throughKernel(readVector('k8s-overall/iptables-save')).list).toBe(readVector('iptables-nft/k8s-overall.nft-list-ruleset.txt'));
    expect(throughKernel(readVector('iptables-nft/eks-svc-nginx.input.iptables-save')).list).toBe(readVector('iptables-nft/eks-svc-nginx.nft-list-ruleset.txt'));
  });

  it('kube-proxy\'s rules for test/svc-nginx, but for what nft cannot show: the listing reads back into the save, rule for rule', () => {
    // Left out: `-m nfacct` (listed by name only) and KUBE-FIREWALL's `! --ctstate RELATED,ESTABLISHED,DNAT`
    // (libxtables translates it to `ct status dnat`): see test-vectors/iptables-nft/README.md.
    const input = readVector('iptables-nft/eks-svc-nginx.input.iptables-save').replace(/^.*(nfacct|! --ctstate).*\n/gm, '');
    const { list, saved } = throughKernel(input);
    expect(rules(list).length).toBeGreaterThan(40);
    expect(rules(list)).toEqual(rules(saved));
  });
});
