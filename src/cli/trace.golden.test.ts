/**
 * `kpl trace` text as people read it, for a few built-in cases: every line of the plain and the
 * `--verbose` output is pinned in __golden__/NAME.trace and NAME.verbose.trace, so a change to the
 * packet path, the conntrack stages or the printer shows up as a diff to review.
 * UPDATE_GOLDEN=1 rewrites them.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectGolden } from '../engine/test-support/golden';
import { main } from './main';

const DIR = join(import.meta.dirname, '__golden__');
const SCENARIOS = join(import.meta.dirname, '..', 'scenarios');

interface TraceCase {
  readonly name: string;
  readonly file: string;
  readonly from: string;
  readonly to: string;
  readonly seed?: number;
  /** `--mode`: the same connection through kube-proxy's nftables or IPVS structures. */
  readonly mode?: 'nftables' | 'ipvs';
}

const CASES: readonly TraceCase[] = [
  { name: 'clusterip-tcp', file: 'default.yaml', from: 'net-pod', to: 'svc-clusterip:9000' },
  { name: 'external-nodeport', file: 'lessons/03-nodeport.yaml', from: 'external', to: 'myk8s-worker:30080' },
  { name: 'dns-udp', file: 'lessons/11-dns-udp.yaml', from: 'net-pod', to: 'kube-dns.kube-system:53' },
  { name: 'reject-no-endpoints', file: 'lessons/10-no-endpoints.yaml', from: 'net-pod', to: 'svc-empty:9000' },
  { name: 'clusterip-tcp-nftables', file: 'default.yaml', from: 'net-pod', to: 'svc-clusterip:9000', mode: 'nftables' },
  { name: 'clusterip-tcp-ipvs', file: 'default.yaml', from: 'net-pod', to: 'svc-clusterip:9000', mode: 'ipvs' },
  { name: 'external-nodeport-nftables', file: 'lessons/03-nodeport.yaml', from: 'external', to: 'myk8s-worker:30080', mode: 'nftables' },
  { name: 'external-nodeport-ipvs', file: 'lessons/03-nodeport.yaml', from: 'external', to: 'myk8s-worker:30080', mode: 'ipvs' },
];

async function trace(c: TraceCase, verbose: boolean): Promise<string> {
  let out = '';
  let err = '';
  const argv = ['trace', join(SCENARIOS, c.file), '--from', c.from, '--to', c.to, '--seed', String(c.seed ?? 1), ...(c.mode ? ['--mode', c.mode] : []), ...(verbose ? ['--verbose'] : [])];
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  expect({ code, err }).toEqual({ code: 0, err: '' });
  return out;
}


describe('kpl trace text', () => {
  test.each(CASES)('$name', async (c) => {
    expectGolden(DIR, `${c.name}.trace`, await trace(c, false));
    expectGolden(DIR, `${c.name}.verbose.trace`, await trace(c, true));
  });
});
