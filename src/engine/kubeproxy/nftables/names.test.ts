import { describe, expect, test } from 'vitest';
import { hashAndTruncate, nftEndpointNames, nftServicePortChains } from './names';

// Names from kube-proxy's own nftables goldens (proxier_test.go TestOverallNFTablesRules, TestSyncProxyRulesRepeated).
describe('nftables chain names', () => {
  test.each([
    ['ns1', 'svc1', 'p80', 'service-ULMVA6XW-ns1/svc1/tcp/p80'],
    ['ns2', 'svc2', 'p80', 'service-42NFTM6N-ns2/svc2/tcp/p80'],
    ['ns5', 'svc5', 'p80', 'service-HVFWP5L3-ns5/svc5/tcp/p80'],
    ['ns2', 'svc2', 'p8080', 'service-MHHHYRWA-ns2/svc2/tcp/p8080'],
  ])('%s/%s:%s', (ns, name, port, expected) => {
    const chains = nftServicePortChains(ns, name, port, 'tcp');
    expect(chains.cluster).toBe(expected);
    const base = expected.slice('service-'.length);
    expect(chains).toEqual({ cluster: expected, local: `local-${base}`, external: `external-${base}`, firewall: `firewall-${base}` });
  });

  test.each([
    ['ns1', 'svc1', 'p80', '10.180.0.1', 80, '5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80'],
    ['ns5', 'svc5', 'p80', '10.180.0.3', 80, 'GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80'],
    ['ns2', 'svc2', 'p8080', '10.0.2.1', 8080, '7RVP4LUQ-ns2/svc2/tcp/p8080__10.0.2.1/8080'],
  ])('endpoint of %s/%s:%s %s:%d', (ns, name, port, ip, epPort, base) => {
    expect(nftEndpointNames(ns, name, port, 'tcp', ip, epPort)).toEqual({ chain: `endpoint-${base}`, affinitySet: `affinity-${base}` });
  });

  test('an unnamed port leaves the last part empty', () => {
    expect(nftServicePortChains('default', 'web', '', 'tcp').cluster).toMatch(/^service-[A-Z2-7]{8}-default\/web\/tcp\/$/);
  });

  test('a name over 240 characters is cut with ...', () => {
    const cut = hashAndTruncate('x'.repeat(300));
    expect(cut).toHaveLength(240);
    expect(cut.endsWith('...')).toBe(true);
  });
});
