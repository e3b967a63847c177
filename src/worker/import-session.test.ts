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
});
