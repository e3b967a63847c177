import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import { generateNftablesTransaction } from '../kubeproxy/nftables';
import { endpointRules } from '../netfilter/endpoint-rules';
import { nftChainGraph, nftChainService } from './chain-graph';
import { parseTransaction } from './parse-transaction';

const text = `${readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8')}\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\n`;
const cluster = loadScenario(text).cluster!;
const table = parseTransaction(generateNftablesTransaction(cluster, 'myk8s-worker').text, { declarationsFirst: false }).ruleset.tables[0]!;
const SVC = 'service-TBJA4EUE-default/svc-clusterip/tcp/svc-webport';

describe('nftables chain graph', () => {
  const nat = nftChainGraph(table, 'nat');
  const filter = nftChainGraph(table, 'filter');

  it('draws a verdict map as a node, its elements as edges labelled with the key', () => {
    expect(nat.table).toBe('ip kube-proxy');
    expect(nat.nodes.find((n) => n.chain === '@service-ips')).toEqual({ chain: '@service-ips', kind: 'nft-map', ruleCount: 5 });
    expect(nat.edges).toContainEqual({ from: 'services', to: '@service-ips', ruleIndex: 0, goto: false, label: 'ip daddr . meta l4proto . th dport' });
    expect(nat.edges).toContainEqual({ from: '@service-ips', to: SVC, ruleIndex: -1, goto: true, label: '10.200.1.100 . tcp . 9000', key: '10.200.1.100 . tcp . 9000' });
  });

  it('a numgen pick is one rule whose anonymous map fans out to the endpoints, each edge with its own id', () => {
    const picks = nat.edges.filter((e) => e.from === SVC && e.to.startsWith('endpoint-'));
    expect(picks.map((e) => e.label)).toEqual(['numgen 0', 'numgen 1', 'numgen 2']);
    expect(new Set(picks.map((e) => e.key)).size).toBe(3);
    expect(new Set(nat.edges.map((e) => `${e.from} ${e.ruleIndex} ${e.key ?? ''}`)).size).toBe(nat.edges.length);
    // No `rule N` badges: one rule picks every endpoint.
    expect([...endpointRules(nat).keys()].filter((c) => c.startsWith('endpoint-'))).toEqual([]);
  });

  it('the nat graph holds what the nat base chains reach, the filter graph the checks', () => {
    const names = (g: typeof nat): string[] => g.nodes.map((n) => n.chain);
    expect(names(nat)).toEqual(expect.arrayContaining(['nat-prerouting', 'nat-output', 'nat-postrouting', 'services', 'masquerading', 'mark-for-masquerade', '@service-ips', '@service-nodeports', SVC]));
    expect(names(nat)).not.toContain('firewall-check');
    expect(names(filter)).toEqual(expect.arrayContaining(['filter-prerouting-pre-dnat', 'firewall-check', '@firewall-ips', 'service-endpoints-check', '@no-endpoint-services', 'cluster-ips-check']));
    expect(names(filter)).not.toContain('services');
    expect(filter.nodes.find((n) => n.chain === 'service-endpoints-check')?.kind).toBe('filter');
    expect(nat.nodes.find((n) => n.chain === SVC)).toMatchObject({ kind: 'service', service: 'default/svc-clusterip:svc-webport' });
  });

  it('names the Service port of a per-Service chain as kube-proxy does', () => {
    expect(nftChainService('endpoint-ZFQG6NJB-default/svc-clusterip/tcp/svc-webport__10.10.1.2/80')).toBe('default/svc-clusterip:svc-webport');
    expect(nftChainService('service-ABCDEFGH-default/web/tcp/')).toBe('default/web');
    expect(nftChainService('service-endpoints-check')).toBeUndefined();
  });
});
