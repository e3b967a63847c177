/**
 * kindnet's masq agent on a kind node (issue 14): the KIND-MASQ-AGENT chain and its POSTROUTING jump exactly
 * as a real kind node prints them (test-vectors/seeds: the study notes' `iptables -t nat -S`), a golden of the
 * whole nat table, none on clusters whose nodes are not kind's, and what it does to a pod's connections.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../cluster/load';
import type { ClusterModel } from '../cluster/model';
import { formatIpv4 } from '../ipv4';
import { printIptablesS } from '../netfilter/print';
import { runConnection } from '../sim/journey';
import { createNetwork } from '../sim/network';
import { expectGolden } from '../test-support/golden';
import { readVector } from '../test-support/vectors';
import { nodeRuleset } from './node-ruleset';

const load = (text: string): ClusterModel => {
  const { cluster, diagnostics } = loadScenario(text);
  if (!cluster) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return cluster;
};
const cluster = load(readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8'));
const natS = (c: ClusterModel, node: string): string => printIptablesS(nodeRuleset(c, node).ruleset, 'nat');

describe("kind's masq agent", () => {
  it('prints its chain and rules as a real kind node does (the same cluster: pod subnet 10.10.0.0/16)', () => {
    const real = readVector('seeds/002_fb9801a7f3e9dc4c.txt').split('\n').filter((l) => l.includes('KIND-MASQ-AGENT'));
    expect(real).toHaveLength(4);
    const ours = natS(cluster, 'myk8s-worker').split('\n');
    expect(ours.filter((l) => l.includes('KIND-MASQ-AGENT'))).toEqual(real);
    // After kube-proxy's own jump (kube-proxy inserts, kindnet appends).
    expect(ours.filter((l) => l.startsWith('-A POSTROUTING '))[1]).toBe(real[1]);
  });

  it('the whole nat table of a kind worker (golden)', () => {
    expectGolden(join(import.meta.dirname, '__golden__'), 'kind-masq-agent.default.nat.S', natS(cluster, 'myk8s-worker'));
  });

  it('is not on nodes the scenario gives as Node documents (not kind\'s)', () => {
    const overall = load(readVector('k8s-overall/scenario.yaml'));
    expect(overall.kindnet).toBeUndefined();
    expect(natS(overall, 'test-node')).not.toContain('KIND-MASQ-AGENT');
  });

  it('the rules carry their meaning for the narration', () => {
    const { generated } = nodeRuleset(cluster, 'myk8s-worker');
    expect(generated.meaningAt('nat', 'POSTROUTING', 1)?.key).toBe('kindMasq.jump');
    expect(generated.meaningAt('nat', 'KIND-MASQ-AGENT', 0)).toMatchObject({ key: 'kindMasq.returnPodSubnet', params: { cidr: '10.10.0.0/16' } });
    expect(generated.meaningAt('nat', 'KIND-MASQ-AGENT', 1)?.key).toBe('kindMasq.masquerade');
  });

  it('a pod reaching another node is seen as its own node there; a pod reaching a pod keeps its address', () => {
    const network = () => createNetwork(cluster, { seed: 1 });
    const toNode = runConnection(network(), { from: 'net-pod', to: '172.18.0.3:10250' });
    expect(toNode.outcome).toBe('delivered');
    expect(formatIpv4(toNode.seenSource!.ip)).toBe('172.18.0.2');
    const masq = toNode.packets[0]!.hops.find((h) => h.kind === 'rule' && h.chain === 'KIND-MASQ-AGENT' && h.matched);
    expect(masq).toMatchObject({ target: 'MASQUERADE', node: 'myk8s-control-plane' });
    const toApi = runConnection(network(), { from: 'webpod1', to: 'kubernetes:443' });
    expect(formatIpv4(toApi.seenSource!.ip)).toBe('172.18.0.3');
    const toPod = runConnection(network(), { from: 'net-pod', to: 'svc-clusterip' });
    expect(formatIpv4(toPod.seenSource!.ip)).toBe(cluster.pods.find((p) => p.name === 'net-pod')!.ip);
  });
});
