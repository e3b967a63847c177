import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import { printNftList } from '../nftables/print-list';
import { nodeDataPlanes, withMode } from '../sim/data-planes';
import { expectGolden } from '../test-support/golden';
import { readVector } from '../test-support/vectors';
import { diffDump } from './diff';
import { diffText } from './diff-text';
import { importDump } from './import';
import { checkNftChainNames } from './nft-chain-names-check';

const GOLDEN = fileURLToPath(new URL('./__golden__', import.meta.url));

/**
 * kube-proxy's nftables chain names carry the hash of the text after it (`service-ULMVA6XW-ns1/svc1/tcp/p80`):
 * the diff explains differing names as the iptables side does (EKS `test/svc-nginx`, renamed in the notes).
 */
describe('kpl diff --dump on an nft node whose Service was renamed in the text', () => {
  const yaml = readVector('dumps/eks-svc-nginx.scenario.yaml');
  const cluster = loadScenario(yaml).cluster!;
  const node = cluster.nodes[0]!.name;
  /** The node as kube-proxy wrote it for `test/web-prod`, then renamed `test/svc-nginx` in the paste. */
  const list = (from: string): string => printNftList(nodeDataPlanes(withMode(loadScenario(yaml.replaceAll('svc-nginx', from)).cluster!, 'nftables'), node).nftables!.plane.ruleset).replaceAll(from, 'svc-nginx');

  it('every name kube-proxy (the engine) writes matches its own text', () => {
    const checks = checkNftChainNames(importDump(readVector('nftables/nft-list-ruleset.txt')).nft!.ruleset.tables[0]);
    expect(checks.length).toBeGreaterThan(10);
    expect(checks.filter((c) => c.protocol === undefined || c.expected !== c.chain)).toEqual([]);
    expect(checks.find((c) => c.chain === 'service-ULMVA6XW-ns1/svc1/tcp/p80')).toMatchObject({ service: 'ns1/svc1:p80', protocol: 'tcp' });
  });

  it('names the hash that does not match, and compares the endpoints by address (none stale)', () => {
    const d = diffDump(importDump(list('web-prod')), cluster, node);
    const nginx = d.services.find((s) => s.service === 'test/svc-nginx')!;
    expect(nginx.names).toMatchObject({ nft: true, checked: 4 });
    expect(nginx.names!.protocol).toBeUndefined();
    expect(nginx.names!.unexplained.map((c) => c.chain)).toContain('service-LQPLG6O7-test/svc-nginx/tcp/');
    expect(nginx.staleEndpointChains).toEqual([]);
    expectGolden(GOLDEN, 'nft-renamed-service.diff', diffText(d, { dump: 'nft list ruleset (test/web-prod renamed test/svc-nginx)', scenario: 'eks-svc-nginx.scenario.yaml' }));
  });

  it('the same rules from the same YAML: no names to explain', () => {
    const d = diffDump(importDump(list('svc-nginx')), cluster, node);
    expect(d.services.filter((s) => !s.same)).toEqual([]);
    expect(d.services.every((s) => s.names === undefined)).toBe(true);
  });
});
