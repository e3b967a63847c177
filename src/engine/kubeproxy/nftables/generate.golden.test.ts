/**
 * Goldens of the nftables transaction (`__golden__/NAME.nft`), one per scenario of golden-cases.ts.
 * UPDATE_GOLDEN=1 rewrites them; review the diff against proxier.go before committing. Beside each golden,
 * the lines kube-proxy's source says the case must (or must not) have, so a golden cannot drift unnoticed.
 */
import { describe, expect, test } from 'vitest';
import { expectGolden } from '../../test-support/golden';
import { generateNftablesTransaction } from './generate';
import { loadCase, NFT_GOLDEN_DIR, nftGoldenCases } from '../../test-support/nft-golden-cases';

const cases = nftGoldenCases();

/**
 * What proxier.go (v1.34 syncProxyRules/setupNFTables) says each case must contain (`has`) or must not (`lacks`),
 * checked against the transaction's lines independently of the golden file.
 */
const EXPECTED: Readonly<Record<string, { readonly has?: readonly string[]; readonly lacks?: readonly RegExp[] }>> = {
  // !hasEndpoints: every destination goes to no-endpoint-* with `goto reject-chain`, and no chain is made.
  'no-endpoints': {
    has: [
      'add element ip kube-proxy no-endpoint-services { 172.30.0.41 . tcp . 80 comment "ns1/svc1:p80" : goto reject-chain }',
      'add element ip kube-proxy no-endpoint-services { 192.168.99.11 . tcp . 80 comment "ns1/svc1:p80" : goto reject-chain }',
      'add element ip kube-proxy no-endpoint-services { 1.2.3.4 . tcp . 80 comment "ns1/svc1:p80" : goto reject-chain }',
      'add element ip kube-proxy no-endpoint-nodeports { tcp . 30080 comment "ns1/svc1:p80" : goto reject-chain }',
    ],
    lacks: [/^add chain ip kube-proxy (service|external|endpoint)-[A-Z2-7]{8}-/, /^add element ip kube-proxy service-(ips|nodeports) /],
  },
  // masqueradeAll: `ip daddr CLUSTERIP jump mark-for-masquerade`, no source condition (kubernetes#131492 dropped the port match).
  'masquerade-all': { has: ['add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 ip daddr 172.30.0.41 jump mark-for-masquerade'] },
  // eTP Local with a local endpoint: pod and local traffic short-circuit to service-, the rest goes to local-.
  'etp-local': {
    has: [
      'add rule ip kube-proxy external-ULMVA6XW-ns1/svc1/tcp/p80 ip saddr 10.0.0.0/8 goto service-ULMVA6XW-ns1/svc1/tcp/p80 comment "short-circuit pod traffic"',
      'add rule ip kube-proxy external-ULMVA6XW-ns1/svc1/tcp/p80 goto local-ULMVA6XW-ns1/svc1/tcp/p80',
      'add rule ip kube-proxy local-ULMVA6XW-ns1/svc1/tcp/p80 numgen random mod 1 vmap { 0 : goto endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 }',
    ],
    lacks: [/^add element ip kube-proxy no-endpoint-/],
  },
  // ClientIP affinity: a dynamic set per endpoint with the Service's timeout, checked before numgen, updated before DNAT.
  'session-affinity': {
    has: [
      'add set ip kube-proxy affinity-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 { type ipv4_addr ; flags dynamic,timeout ; timeout 600s ; }',
      'add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 ip saddr @affinity-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 goto endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80',
      'add rule ip kube-proxy endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 update @affinity-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80 { ip saddr }',
    ],
  },
  // Source ranges (trimmed, masked); one holds the node IP, so the LB IP itself is allowed too (allowFromNode).
  'loadbalancer-source-ranges': {
    has: [
      'add element ip kube-proxy firewall-ips { 1.2.3.4 . tcp . 80 : goto firewall-ULMVA6XW-ns1/svc1/tcp/p80 }',
      'add rule ip kube-proxy firewall-ULMVA6XW-ns1/svc1/tcp/p80 ip saddr != { 203.0.113.0/25 , 192.168.0.0/24 , 1.2.3.4 } drop',
    ],
  },
  // nodePortAddresses with a loopback CIDR: nodeport-ips gets the node IP, never 127.0.0.1 (no localhost NodePorts).
  'nodeport-addresses': { has: ['add element ip kube-proxy nodeport-ips { 192.168.0.2 }'], lacks: [/nodeport-ips \{ 127\./] },
  'nft-nodeport-match-all': {
    has: [
      'add rule ip kube-proxy services fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports',
      'add rule ip kube-proxy nodeport-endpoints-check ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @no-endpoint-nodeports',
    ],
    lacks: [/nodeport-ips/],
  },
  // iTP Local without a local endpoint: the ClusterIP is dropped (not rejected) and has no service-ips element.
  'itp-local': {
    has: ['add element ip kube-proxy no-endpoint-services { 172.30.1.2 . tcp . 80 comment "ns2/svc2:p80" : drop }'],
    lacks: [/service-ips \{ 172\.30\.1\.2 /],
  },
  'detect-local-prefix': { has: ['add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 ip daddr 172.30.0.41 iifname != veth* jump mark-for-masquerade'] },
  'detect-local-bridge': { has: [' iifname != cbr0 jump mark-for-masquerade'] },
  'nft-no-local-detector': { lacks: [/ip saddr != /, /short-circuit pod traffic/] },
  'udp-sctp': {
    has: ['add element ip kube-proxy service-ips { 172.30.0.41 . udp . 53 : goto service-7T5VOJIX-ns1/svc1/udp/dns }', ' meta l4proto sctp dnat to 10.180.0.1:9999'],
  },
  'nft-cluster-ip-general': {
    has: [
      'add rule ip kube-proxy cluster-ips-check ip daddr { 172.30.0.0/16 } drop comment "Drop traffic to unallocated ClusterIPs"',
      'add element ip kube-proxy service-ips { 172.30.0.42 . sctp . 53 : goto service-',
      ' meta l4proto tcp dnat to 10.180.2.1:5353',
    ],
  },
  'nft-kind-default': { has: ['add element ip kube-proxy nodeport-ips { 172.18.0.3 }', 'add rule ip kube-proxy masquerading mark and 0x004000 == 0 return'] },
  'headless-externalname': { lacks: [/^add element ip kube-proxy (?!nodeport-ips)/] },
};

describe('nftables golden scenarios', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const tx = generateNftablesTransaction(loadCase(c), c.node);
    expectGolden(NFT_GOLDEN_DIR, `${name}.nft`, tx.text);
    const expected = EXPECTED[name] ?? {};
    for (const line of expected.has ?? []) expect(tx.lines.some((l) => l.includes(line)), line).toBe(true);
    for (const re of expected.lacks ?? []) expect(tx.lines.filter((l) => re.test(l)), String(re)).toEqual([]);
    // kube-proxy adds each set or map key once per sync (nftElementStorage.ensureElem), e.g. a multi-port ClusterIP.
    const keys = tx.elements.map((e) => `${e.set} ${e.key}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  test('every expectation names a case', () => {
    expect(Object.keys(EXPECTED).filter((k) => !cases.some((c) => c.name === k))).toEqual([]);
  });
});
