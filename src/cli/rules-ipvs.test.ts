import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../engine/test-support/golden';
import { main } from './main';

async function kpl(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const GOLDEN = join(import.meta.dirname, '__golden__');
const DEFAULT = join(import.meta.dirname, '../scenarios/default.yaml');
const KIND_IPVS = join(import.meta.dirname, '../engine/kubeproxy/ipvs/__golden__/kind-default.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'kpl-ipvs-'));

describe('kpl rules --mode ipvs', () => {
  it('prints ipvsadm -Ln, ipset list and iptables-save for the notes\' kind cluster', async () => {
    const r = await kpl('rules', DEFAULT, '--mode', 'ipvs');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectGolden(GOLDEN, 'default-ipvs.rules', r.out);
  });

  it('each --format is one section, the same text the engine goldens hold', async () => {
    const golden = (ext: string): string => readFileSync(join(import.meta.dirname, `../engine/kubeproxy/ipvs/__golden__/kind-default.${ext}`), 'utf8');
    expect((await kpl('rules', DEFAULT, '--mode', 'ipvs', '--format', 'ipvsadm')).out).toBe(golden('ipvsadm'));
    expect((await kpl('rules', DEFAULT, '--mode', 'ipvs', '--format', 'ipset')).out).toBe(golden('ipset'));
    expect((await kpl('rules', DEFAULT, '--mode', 'ipvs', '--format', 'save')).out).toBe(golden('save'));
    expect((await kpl('rules', DEFAULT, '--mode', 'ipvs', '--format', 'ip')).out).toBe(golden('ip-addr'));
  });

  it('a scenario with mode ipvs prints IPVS without --mode, and --mode iptables overrides it', async () => {
    const ipvs = await kpl('rules', KIND_IPVS, '--format', 'ipvsadm');
    expect(ipvs.out).toMatch(/^IP Virtual Server version 1\.2\.1 \(size=4096\)\n/);
    const iptables = await kpl('rules', KIND_IPVS, '--mode', 'iptables', '--table', 'nat', '--format', 'S');
    expect(iptables.code).toBe(0);
    expect(iptables.out).toContain('-A KUBE-SERVICES -d 10.200.1.100/32 -p tcp -m comment --comment "default/svc-clusterip:svc-webport cluster IP" -m tcp --dport 9000 -j KUBE-SVC-');
  });

  it('an IPVS format in iptables mode, or an unknown mode, is a usage error', async () => {
    const r = await kpl('rules', DEFAULT, '--format', 'ipvsadm');
    expect(r.code).toBe(1);
    expect(r.err).toContain('--format ipvsadm is an IPVS mode format: add --mode ipvs');
    const m = await kpl('rules', DEFAULT, '--mode', 'userspace');
    expect(m.code).toBe(1);
    expect(m.err).toContain('--mode must be one of iptables, nftables, ipvs (got "userspace")');
  });

  it('ipvs.scheduler and session affinity show in ipvsadm -Ln', async () => {
    const p = join(tmp, 'lc.yaml');
    writeFileSync(p, `${readFileSync(DEFAULT, 'utf8')}\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\nipvs:\n  scheduler: lc\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: sticky\nspec:\n  selector:\n    app: webpod\n  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 600\n  ports:\n  - port: 8080\n    targetPort: 80\n`);
    const r = await kpl('rules', p, '--format', 'ipvsadm');
    expect(r.err).toBe('');
    expect(r.out).toContain('TCP  10.200.1.100:9000 lc\n');
    expect(r.out).toMatch(/TCP {2}10\.200\.1\.101:8080 lc persistent 600\n {2}-> 10\.10\.1\.2:80 {17}Masq {4}1 {6}0 {10}0 {9}\n/);
  });
});
