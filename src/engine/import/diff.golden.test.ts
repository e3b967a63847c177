import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../test-support/golden';
import { loadScenario } from '../cluster/load';
import { nodeRuleset } from '../kubeproxy';
import { printIptablesSave } from '../netfilter/print';
import { countRulePacket } from '../netfilter/model';
import { importDump } from './import';
import { diffDump } from './diff';
import { diffText } from './diff-text';

const GOLDEN = fileURLToPath(new URL('./__golden__', import.meta.url));
const text = (path: string): string => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const cluster = (path: string) => loadScenario(text(path)).cluster!;

describe('kpl diff --dump: what kube-proxy would write against what the node holds', () => {
  it('the EKS node against a scenario with one endpoint fewer: a stale KUBE-SEP chain, 4 endpoints here and 3 in the YAML', () => {
    const c = cluster('test-vectors/dumps/eks-svc-nginx.scenario.yaml');
    const d = diffDump(importDump(text('test-vectors/dumps/eks-node-L.txt')), c, c.nodes[0]!.name);
    const nginx = d.services.find((s) => s.service === 'test/svc-nginx')!;
    expect(nginx.staleEndpointChains).toEqual([{ chain: 'KUBE-SEP-VSZSDJYX2QIYQA45', endpoint: '10.56.143.55:80' }]);
    expect(nginx.endpointCounts).toMatchObject({ node: 4, yaml: 3 });
    expect(d.otherChains.map((o) => o.owner)).toEqual(['AWS VPC CNI', 'AWS VPC CNI', 'AWS VPC CNI', 'AWS VPC CNI']);
    expectGolden(GOLDEN, 'eks-vs-svc-nginx.diff', diffText(d, { dump: 'eks-node-L.txt', scenario: 'eks-svc-nginx.scenario.yaml' }));
  });

  it('the kind node from the notes against lesson 1', () => {
    const c = cluster('src/scenarios/lessons/01-clusterip.yaml');
    const d = diffDump(importDump(text('test-vectors/dumps/kind-worker-nat-S.txt')), c, 'myk8s-worker');
    expect(d.tablesNotInDump).toEqual(['filter']);
    expect(d.cutLines).toEqual([17, 40, 45]);
    expectGolden(GOLDEN, 'kind-vs-lesson-01.diff', diffText(d, { dump: 'kind-worker-nat-S.txt', scenario: '01-clusterip.yaml' }));
  });

  it('a node whose rules kube-proxy wrote from the same YAML: nothing differs', () => {
    const c = cluster('src/scenarios/lessons/01-clusterip.yaml');
    const d = diffDump(importDump(printIptablesSave(nodeRuleset(c, 'myk8s-worker').ruleset)), c, 'myk8s-worker');
    expect(d.services.filter((s) => !s.same)).toEqual([]);
  });

  it('a node that still has an endpoint the YAML removed, with its counters', () => {
    const c = cluster('src/scenarios/lessons/01-clusterip.yaml');
    const node = nodeRuleset(c, 'myk8s-worker').ruleset;
    // the node's rules, as iptables-save -c prints them, with traffic counted on them
    for (const chain of node.tables.get('nat')!.chains.values()) for (const r of chain.rules) for (let k = 0; k < 3; k++) countRulePacket(r, 0);
    const dump = importDump(printIptablesSave(node, { counters: true }));
    const yaml = text('src/scenarios/lessons/01-clusterip.yaml').replace(/---\napiVersion: v1\nkind: Pod\nmetadata:\n {2}name: webpod3[\s\S]*?(?=---)/, '');
    const d = diffDump(dump, loadScenario(yaml).cluster!, 'myk8s-worker');
    const web = d.services.find((s) => s.service === 'default/svc-clusterip:svc-webport')!;
    expect(web.staleEndpointChains).toHaveLength(1);
    expect(web.endpointCounts).toMatchObject({ node: 3, yaml: 2 });
    expect(web.extraRules.every((r) => r.counters === '[3:0]')).toBe(true);
    expectGolden(GOLDEN, 'stale-endpoint.diff', diffText(d, { dump: 'iptables-save -c', scenario: '01-clusterip.yaml without webpod3' }));
  });
});
