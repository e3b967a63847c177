import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { readVector, vectorPath } from '../engine/test-support/vectors';

async function kpl(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const tmp = mkdtempSync(join(tmpdir(), 'kpl-'));
const file = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('kpl', () => {
  it('--version prints the version', async () => {
    expect(await kpl('--version')).toEqual({ code: 0, out: '0.1.0\n', err: '' });
  });

  it('rules: the k8s-overall scenario prints what the real node printed, byte for byte', async () => {
    const r = await kpl('rules', vectorPath('k8s-overall/scenario.yaml'));
    expect(r.code).toBe(0);
    expect(r.out).toBe(readVector('k8s-overall/iptables-save'));
    // The vector's nodePorts and cluster IPs depend on cluster flags: warnings, located, and the run goes on.
    expect(r.err).toMatch(/scenario\.yaml:\d+:\d+: warning: spec\.clusterIP: Invalid value: "172\.30\.0\.41"/);
  });

  it('rules: -S and -L of one table', async () => {
    const scenario = vectorPath('k8s-overall/scenario.yaml');
    expect((await kpl('rules', scenario, '--table', 'nat', '--format', 'S')).out).toBe(readVector('k8s-overall/nat-S'));
    expect((await kpl('rules', scenario, '--table', 'filter', '--format', 'S')).out).toBe(readVector('k8s-overall/filter-S'));
    expect((await kpl('rules', scenario, '--node', 'test-node', '--table', 'nat', '--format', 'L')).out).toBe(readVector('k8s-overall/nat-L-n-v'));
  });

  it('rules: the study-note cluster gets the chain names a real kind node shows', async () => {
    const r = await kpl('rules', join(import.meta.dirname, '../scenarios/default.yaml'), '--table', 'nat', '--format', 'S');
    expect(r.code).toBe(0);
    expect(r.out).toContain('-A KUBE-SVC-KBDEBIL6IU6WL7RF -m comment --comment "default/svc-clusterip:svc-webport -> 10.10.1.2:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-TBW2IYJKUCAC7GB3');
  });

  it('rules: an invalid scenario exits 1 with file:line:col', async () => {
    const p = file('bad.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 0\n');
    const r = await kpl('rules', p);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${p}:7:11: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive`);
    expect(r.out).toBe('');
  });

  it('rules: an unknown node is a usage error', async () => {
    const r = await kpl('rules', join(import.meta.dirname, '../scenarios/default.yaml'), '--node', 'nope');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no node named "nope" \(nodes: myk8s-control-plane, myk8s-worker/);
  });

  it('print: re-prints a pasted dump, and locates bad lines', async () => {
    const dump = vectorPath('k8s-overall/iptables-save');
    expect((await kpl('print', dump, '--table', 'nat', '--format', 'L')).out).toBe(readVector('k8s-overall/nat-L-n-v'));
    const bad = file('bad.save', '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp --dprot 80 -j ACCEPT\nCOMMIT\n');
    const r = await kpl('print', bad);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${bad}:3:22: line 3: unknown option "--dprot"\n`);
  });

  it('usage errors exit 1', async () => {
    expect((await kpl('rules')).code).toBe(1);
    expect((await kpl('print', 'x', '--format', 'json')).err).toContain('--format must be one of save, S, L');
    expect((await kpl('frob')).err).toContain('unknown command "frob"');
  });
});
