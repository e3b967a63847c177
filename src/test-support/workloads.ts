/**
 * The inputs issue 18 found to be slow, by name, for `measureScalingApart` (which times them in a
 * process of their own). Each makes an input of size n and does the work a user's link, paste or dump
 * would trigger.
 */
import { loadScenario } from '../engine/cluster/load';
import { outlineScenario } from '../engine/scenario-outline';
import { parseIptables } from '../engine/netfilter/parse';
import { printIptablesList } from '../engine/netfilter/print-list';

export interface Workload<T = unknown> {
  make(n: number): T;
  work(input: T): unknown;
}

const workload = <T>(w: Workload<T>): Workload => w as Workload;

/** `a:` then n keys: every key unique, so a duplicate check has to look at all of them. */
export const manyKeys = (n: number): string => `a:\n${Array.from({ length: n }, (_, i) => `  k${i}: v\n`).join('')}`;

/** n user chains, each jumped to once from one chain: the `-L` header counts references per chain. */
export const manyReferencedChains = (n: number): string => {
  const names = Array.from({ length: n }, (_, i) => `C${i}`);
  return `*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:HUB - [0:0]\n${names.map((c) => `:${c} - [0:0]\n`).join('')}${names.map((c) => `-A HUB -j ${c}\n`).join('')}COMMIT\n`;
};

/** `-A Ci -j Ci+1` for n chains, written last chain first: every new jump once searched all that follows it. */
export const reversedJumpChain = (n: number): string => {
  const decl = Array.from({ length: n + 1 }, (_, i) => `-N C${i}\n`).join('');
  const jumps = Array.from({ length: n }, (_, k) => n - 1 - k).map((i) => `-A C${i} -j C${i + 1}\n`).join('');
  return decl + jumps;
};

export const WORKLOADS: Readonly<Record<string, Workload>> = {
  'yaml-keys-load': workload({ make: manyKeys, work: loadScenario }),
  'yaml-keys-outline': workload({ make: manyKeys, work: outlineScenario }),
  'yaml-aliases': workload({ make: (n) => `a: &x 1\nb:\n${'- *x\n'.repeat(n)}`, work: loadScenario }),
  'list-references': workload({
    make: (n) => parseIptables(manyReferencedChains(n)).ruleset,
    work: (r) => printIptablesList(r, 'nat', { numeric: true, verbose: true }),
  }),
  'print-new-chains': workload({
    make: (n) => Array.from({ length: n }, (_, i) => `-N KUBE-SEP-${i}\n`).join(''),
    work: (text) => printIptablesList(parseIptables(text, { table: 'nat' }).ruleset, 'nat', { numeric: true, verbose: true }),
  }),
  'loop-check': workload({ make: reversedJumpChain, work: (text) => parseIptables(text, { table: 'filter' }) }),
};
