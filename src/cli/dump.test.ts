import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';
import { vectorPath } from '../engine/test-support/vectors';

async function kpl(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const eks = vectorPath('dumps/eks-node-L.txt');
const kind = vectorPath('dumps/kind-worker-nat-S.txt');

describe('kpl trace --dump / spread --dump', () => {
  it('an nft list ruleset dump: the trace goes through its map lookups, the spread splits as its numgen does', async () => {
    const nft = vectorPath('nftables/nft-list-ruleset.txt');
    const t = await kpl('trace', '--dump', nft, '--src', '10.0.3.7', '--dst', '172.30.0.41:80', '--node-ip', '192.168.0.2', '--json');
    expect(t.code).toBe(0);
    const j = JSON.parse(t.out);
    expect(j.outcome).toBe('delivered');
    expect(j.endpoint).toMatchObject({ ip: '10.180.0.1', port: 80 });
    expect(j.packets[0].hops.find((h: { target?: string }) => h.target === 'dnat to 10.180.0.1:80')).toMatchObject({ table: 'ip kube-proxy', line: 153 });
    const s = await kpl('spread', '--dump', nft, '--src', '10.0.3.7', '--dst', '172.30.0.44:80', '--node-ip', '192.168.0.2', '--connections', '2000', '--json');
    expect(Object.keys(JSON.parse(s.out).endpoints).sort()).toEqual(['10.180.0.4:80', '10.180.0.5:80']);
  });

  it('traces a packet through the EKS node and prints DESIGN §4 JSON', async () => {
    const r = await kpl('trace', '--dump', eks, '--src', '10.56.128.99:40000', '--dst', '172.30.191.111:80', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.outcome).toBe('delivered');
    expect(j.endpoint.port).toBe(80);
    expect(j.packets[0].hops[0]).toMatchObject({ node: 'ip-10-56-128-40', hook: 'PREROUTING', table: 'nat', chain: 'PREROUTING', matched: true, target: 'KUBE-SERVICES', ctstate: 'NEW', line: 51 });
    expect(j.packets[0].hops[0].before).toEqual({ src: '10.56.128.99', sport: 40000, dst: '172.30.191.111', dport: 80, mark: '0x0' });
    // what the import could not take exactly goes to stderr, by line
    expect(r.err).toContain(`${eks}:47: info: "..."`);
  });

  it('spreads connections over the kind node\'s three endpoints', async () => {
    const r = await kpl('spread', '--dump', kind, '--src', '10.10.1.5', '--dst', '10.200.1.201:9000', '--connections', '3000', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j.endpoints).sort()).toEqual(['10.10.1.2:80', '10.10.2.2:80', '10.10.3.3:80']);
    expect(j.connections).toBe(3000);
  });

  it('says what is wrong with the request (exit 1)', async () => {
    expect((await kpl('trace', '--dump', eks, '--src', '10.0.0.1', '--dst', '172.30.191.111')).err).toContain('--dst: "172.30.191.111" needs a port');
    expect((await kpl('trace', '--dump', eks, '--src', '10.0.0.1', '--dst', '1.2.3.4:80', '--in', 'eth0', '--local')).code).toBe(1);
    const empty = join(mkdtempSync(join(tmpdir(), 'kpl-')), 'empty.txt');
    writeFileSync(empty, 'hello\n');
    const r = await kpl('trace', '--dump', empty, '--src', '10.0.0.1', '--dst', '1.2.3.4:80');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${empty}:1: error: cannot read this line`);
  });

  it('kpl diff --dump prints the differences and exits 0', async () => {
    const r = await kpl('diff', '--dump', eks, vectorPath('dumps/eks-svc-nginx.scenario.yaml'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('your node has 1 KUBE-SEP chain for test/svc-nginx that no endpoint explains: stale endpoints? (KUBE-SEP-VSZSDJYX2QIYQA45 → 10.56.143.55:80)');
    expect(r.out).toContain('KUBE-SVC-MRW7XFPFSYA2VFWG has 4 endpoints here, 3 in the YAML');
    const json = JSON.parse((await kpl('diff', '--dump', eks, vectorPath('dumps/eks-svc-nginx.scenario.yaml'), '--json')).out);
    expect(json.services.find((s: { service: string }) => s.service === 'test/svc-nginx').endpointCounts).toMatchObject({ node: 4, yaml: 3 });
    expect((await kpl('diff', '--dump', eks, vectorPath('dumps/eks-svc-nginx.scenario.yaml'), '--node', 'nope')).code).toBe(1);
  });
});
