import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImportSession } from './import-session';

const text = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const noPause = (): Promise<void> => Promise.resolve();

describe('ImportSession (the worker side of Import node rules)', () => {
  it('imports in slices with progress, then searches, traces and diffs the imported node', async () => {
    const s = new ImportSession();
    const progress: number[] = [];
    const big = Array.from({ length: 30 }, () => text('test-vectors/dumps/eks-node-L.txt')).join('\n');
    let clock = 0;
    const summary = await s.importDump(big, (p) => progress.push(p.done), noPause, () => (clock += 60));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(summary.lineCount);

    const eks = await s.importDump(text('test-vectors/dumps/eks-node-L.txt'), undefined, noPause, () => 0);
    expect(eks.chains.find((c) => c.chain === 'AWS-SNAT-CHAIN-0')).toMatchObject({ owner: 'AWS VPC CNI', rules: 0, references: 0 });
    expect(eks.chains.find((c) => c.chain === 'KUBE-SVC-BRK3P4PPQWCLKOAN')).toMatchObject({ missing: true });
    const hits = s.importSearch('172.30.191.111');
    expect(hits.map((i) => eks.linesText.split('\n')[i])).toEqual(['-A KUBE-SERVICES -d 172.30.191.111/32 -p tcp -m comment --comment "test/svc-nginx cluster IP" -m tcp --dport 80 -j KUBE-SVC-MRW7XFPFSYA2VFWG']);

    const t = s.importTrace({ src: '10.56.128.99', dst: '172.30.191.111:80', protocol: 'tcp', inInterface: 'eth0', setup: {} });
    expect(t.ok && t.outcome).toBe('delivered');
    if (t.ok) {
      const svc = t.packets[0]!.hops.find((h) => h.matched && h.chain === 'KUBE-SERVICES')!;
      expect(eks.linesText.split('\n')[svc.viewLine!]).toContain('KUBE-SVC-MRW7XFPFSYA2VFWG');
      expect(svc.dumpLine).toBe(142);
    }
    expect(s.importTrace({ src: 'x', dst: '1.2.3.4:80', protocol: 'tcp', setup: {} })).toEqual({ ok: false, error: '--src: "x" is not IP[:PORT]' });

    const d = s.importDiff(text('test-vectors/dumps/eks-svc-nginx.scenario.yaml'));
    expect(d.ok && d.diff.services.find((x) => x.service === 'test/svc-nginx')!.staleEndpointChains).toEqual([{ chain: 'KUBE-SEP-VSZSDJYX2QIYQA45', endpoint: '10.56.143.55:80' }]);
  });

  it('an nft list ruleset dump: its tables, chains with owners, lines, graph with map branches, and a trace whose lookups point at their lines', async () => {
    const s = new ImportSession();
    const nft = await s.importDump(text('test-vectors/nftables/nft-list-ruleset.txt'), undefined, noPause, () => 0);
    expect(nft.tables).toEqual(['ip kube-proxy']);
    expect(nft.chains.find((c) => c.chain === 'services')).toMatchObject({ table: 'ip kube-proxy', owner: 'kube-proxy', rules: 2 });
    const lines = nft.linesText.split('\n');
    expect(lines[0]).toBe('# nft ip kube-proxy');
    const graph = s.importChainGraph('ip kube-proxy').graph;
    expect(graph.edges.filter((e) => e.from === 'services' && e.to === 'service-LAUZTJTB-ns4/svc4/tcp/p80')).toHaveLength(1);
    expect(new Set(graph.edges.map((e) => `${e.from}#${e.ruleIndex}`)).size).toBe(graph.edges.length);
    expect(graph.nodes.find((n) => n.chain === 'service-LAUZTJTB-ns4/svc4/tcp/p80')).toMatchObject({ kind: 'service', service: 'ns4/svc4:p80' });
    const t = s.importTrace({ src: '10.0.3.7', dst: '172.30.0.44:80', protocol: 'tcp', inInterface: 'eth0', setup: { nodeIps: ['192.168.0.2'] } });
    expect(t.ok && t.outcome).toBe('delivered');
    if (t.ok) {
      const lookup = t.packets[0]!.hops.find((h) => h.lookup && h.chain === 'services')!;
      expect(lookup).toMatchObject({ matched: true, dumpLine: 138, target: 'goto service-LAUZTJTB-ns4/svc4/tcp/p80' });
      expect(lines[lookup.viewLine!]).toBe('\t\tip daddr . meta l4proto . th dport vmap @service-ips');
      const dnat = t.packets[0]!.hops.find((h) => h.matched && h.target?.startsWith('dnat to'))!;
      expect(lines[dnat.viewLine!]).toContain('dnat to 10.180.0.');
    }
  });
});
