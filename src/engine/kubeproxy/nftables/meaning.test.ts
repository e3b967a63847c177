/** Each rule and element of the vector's transaction carries its role, Service port and endpoint(s). */
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../../cluster/load';
import { readVector } from '../../test-support/vectors';
import { generateNftablesTransaction } from './generate';

const tx = generateNftablesTransaction(loadScenario(readVector('nftables/scenario.yaml')).cluster!, 'test-node');
const svc5 = 'HVFWP5L3-ns5/svc5/tcp/p80';
const ep5 = 'GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80';

describe('nftables rule meanings', () => {
  test('one rule per add rule line, indexed within its chain', () => {
    expect(tx.rules.map((r) => r.line)).toEqual(tx.lines.filter((l) => l.startsWith('add rule ')));
    expect(tx.rules.filter((r) => r.chain === 'masquerading').map((r) => [r.index, r.meaning.role])).toEqual([
      [0, 'masquerade-skip-unmarked'], [1, 'masquerade-clear-mark'], [2, 'masquerade'],
    ]);
  });

  test.each([
    ['services', 0, { role: 'service-lookup' }],
    ['services', 1, { role: 'node-port-lookup' }],
    ['filter-output', 1, { role: 'base-jump' }],
    ['cluster-ips-check', 0, { role: 'reject-invalid-port' }],
    ['cluster-ips-check', 1, { role: 'drop-unallocated-cluster-ip' }],
    [`service-${svc5}`, 0, { role: 'masquerade-off-cluster', service: 'ns5/svc5:p80' }],
    [`service-${svc5}`, 1, { role: 'affinity', service: 'ns5/svc5:p80', endpoint: '10.180.0.3:80' }],
    [`service-${svc5}`, 2, { role: 'endpoint-pick', service: 'ns5/svc5:p80', endpoints: ['10.180.0.3:80'] }],
    [`external-${svc5}`, 0, { role: 'external-masquerade', service: 'ns5/svc5:p80' }],
    [`external-${svc5}`, 1, { role: 'jump-to-service-chain', service: 'ns5/svc5:p80' }],
    [`firewall-${svc5}`, 0, { role: 'source-range-drop', service: 'ns5/svc5:p80' }],
    [`endpoint-${ep5}`, 0, { role: 'hairpin-masquerade', service: 'ns5/svc5:p80', endpoint: '10.180.0.3:80' }],
    [`endpoint-${ep5}`, 1, { role: 'affinity-update', service: 'ns5/svc5:p80', endpoint: '10.180.0.3:80' }],
    [`endpoint-${ep5}`, 2, { role: 'endpoint-dnat', service: 'ns5/svc5:p80', endpoint: '10.180.0.3:80' }],
    ['external-42NFTM6N-ns2/svc2/tcp/p80', 0, { role: 'pod-traffic-short-circuit', service: 'ns2/svc2:p80' }],
    ['external-42NFTM6N-ns2/svc2/tcp/p80', 1, { role: 'local-traffic-masquerade', service: 'ns2/svc2:p80' }],
    ['external-42NFTM6N-ns2/svc2/tcp/p80', 2, { role: 'local-traffic-short-circuit', service: 'ns2/svc2:p80' }],
  ] as const)('%s rule %i', (chain, index, meaning) => {
    expect(tx.meaningAt(chain, index)).toEqual(meaning);
  });

  test('a rule that is not there has no meaning', () => {
    expect(tx.meaningAt('services', 2)).toBeUndefined();
    expect(tx.meaningAt('no-such-chain', 0)).toBeUndefined();
  });

  test('every per-service chain\'s rule names its Service', () => {
    for (const r of tx.rules.filter((x) => x.chain.includes('/'))) expect(r.meaning.service, r.line).toMatch(/^ns\d\/svc\d:p80$/);
  });

  test('elements: what each map entry is for', () => {
    const roles = (set: string) => tx.elements.filter((e) => e.set === set).map((e) => [e.key, e.role, e.service, e.verdict]);
    expect(roles('no-endpoint-services')).toEqual([
      ['192.168.99.22 . tcp . 80', 'no-local-endpoints', 'ns2/svc2:p80', 'drop'],
      ['1.2.3.4 . tcp . 80', 'no-local-endpoints', 'ns2/svc2:p80', 'drop'],
      ['172.30.0.46 . tcp . 80', 'no-endpoints', 'ns6/svc6:p80', 'goto reject-chain'],
    ]);
    expect(roles('firewall-ips')).toEqual([['5.6.7.8 . tcp . 80', 'firewall', 'ns5/svc5:p80', `goto firewall-${svc5}`]]);
    expect(new Set(roles('service-ips').map((r) => r[1]))).toEqual(new Set(['cluster-ip', 'external-ip', 'load-balancer-ip']));
    expect(roles('service-nodeports').map((r) => r[1])).toEqual(['node-port', 'node-port', 'node-port']);
    expect(tx.elements.map((e) => e.line)).toEqual(tx.lines.filter((l) => l.startsWith('add element ')));
  });
});
