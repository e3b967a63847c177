/**
 * `kpl trace --mode all`: the three traces and the comparison table, pinned for a ClusterIP flow (the
 * modes agree on the endpoints and differ in mechanism) and a ping to a ClusterIP (the modes differ in
 * outcome); the JSON keeps each mode's DESIGN §4 trace exactly as `--mode MODE --json` prints it.
 * UPDATE_GOLDEN=1 rewrites the goldens.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectGolden } from '../engine/test-support/golden';
import { main } from './main';

const DIR = join(import.meta.dirname, '__golden__');
const DEFAULT = join(import.meta.dirname, '..', 'scenarios', 'default.yaml');

async function kpl(...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  expect({ code, err }).toEqual({ code: 0, err: '' });
  return out;
}

const CASES = [
  { name: 'clusterip-tcp-all-modes', args: ['--from', 'net-pod', '--to', 'svc-clusterip:9000'] },
  { name: 'ping-clusterip-all-modes', args: ['--from', 'net-pod', '--to', 'svc-clusterip', '--proto', 'icmp'] },
];

describe('kpl trace --mode all', () => {
  test.each(CASES)('$name', async (c) => {
    expectGolden(DIR, `${c.name}.trace`, await kpl('trace', DEFAULT, ...c.args, '--seed', '1', '--mode', 'all'));
  });

  test('--json: each mode\'s trace as --mode MODE --json prints it, and the summary', async () => {
    const args = ['trace', DEFAULT, '--from', 'net-pod', '--to', 'svc-clusterip:9000', '--seed', '3'];
    const all = JSON.parse(await kpl(...args, '--mode', 'all', '--json')) as Record<string, unknown> & { summary: { modes: { mode: string; endpointSet: string[] }[]; differences: { kind: string }[] } };
    expect(Object.keys(all)).toEqual(['iptables', 'nftables', 'ipvs', 'summary']);
    for (const mode of ['iptables', 'nftables', 'ipvs']) expect(all[mode], mode).toEqual(JSON.parse(await kpl(...args, '--mode', mode, '--json')));
    expect(all.summary.modes.map((m) => m.mode)).toEqual(['iptables', 'nftables', 'ipvs']);
    expect(new Set(all.summary.modes.map((m) => m.endpointSet.join(' '))).size).toBe(1);
    expect(all.summary.differences.map((d) => d.kind)).toContain('chooser');
  });

  test('a mode that is neither a mode nor all is a usage error naming the four', async () => {
    let err = '';
    const code = await main(['trace', DEFAULT, '--from', 'net-pod', '--to', 'svc-clusterip:9000', '--mode', 'every'], { stdout: () => {}, stderr: (s) => (err += s) });
    expect({ code, err }).toEqual({ code: 1, err: 'kpl: --mode must be one of iptables, nftables, ipvs, all (got "every")\n' });
  });

  test('a name the scenario lacks is a usage error, as for one mode', async () => {
    let err = '';
    const code = await main(['trace', DEFAULT, '--from', 'nope', '--to', 'svc-clusterip:9000', '--mode', 'all'], { stdout: () => {}, stderr: (s) => (err += s) });
    expect(code).toBe(1);
    expect(err).toMatch(/^kpl: /);
  });
});
