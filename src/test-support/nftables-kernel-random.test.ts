/**
 * The nftables kernel check on generated clusters: 24 random scenarios (the journey check's arbitrary, fixed
 * seed) switched to mode nftables with a random masqueradeAll, nodePortAddresses and local-traffic detector;
 * every node's transaction must load with the real `nft -f` in a throw-away network namespace, and the real
 * `nft list ruleset` must print byte for byte what our printer prints for it. Skipped, with
 * the reason, where root cannot `unshare -n` or nft is missing.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadScenario } from '../engine/cluster/load';
import { generateNftablesTransaction } from '../engine/kubeproxy/nftables';
import { nftInNamespace, probeRealNft } from '../engine/test-support/nft';
import { parseTransaction, printNftList } from '../engine/nftables';
import { randomClusterArb, randomScenario } from './kernel-journeys/random-scenarios';

const real = probeRealNft();

const proxyConfigArb = fc.record({
  masqueradeAll: fc.boolean(),
  nodePortAddresses: fc.constantFrom('', '[0.0.0.0/0]', '[172.18.0.0/16, 127.0.0.0/8]'),
  detect: fc.constantFrom('ClusterCIDR', 'NodeCIDR', 'InterfaceNamePrefix', 'none'),
});

const samples = fc.sample(fc.tuple(randomClusterArb, proxyConfigArb), { seed: 20261207, numRuns: 24 });

function nftablesYaml(base: string, c: (typeof samples)[number][1]): string {
  const lines = ['apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', 'mode: nftables'];
  if (c.detect !== 'none') lines.push('clusterCIDR: 10.244.0.0/16');
  if (c.detect === 'NodeCIDR') lines.push('detectLocalMode: NodeCIDR');
  if (c.detect === 'InterfaceNamePrefix') lines.push('detectLocalMode: InterfaceNamePrefix', 'detectLocal:', '  interfaceNamePrefix: veth');
  if (c.masqueradeAll) lines.push('nftables:', '  masqueradeAll: true');
  if (c.nodePortAddresses !== '') lines.push(`nodePortAddresses: ${c.nodePortAddresses}`);
  return `${base}---\n${lines.join('\n')}\n`;
}

describe.skipIf(!real.available)(`real nft on random clusters (${real.available ? real.version : `skipped: ${real.reason}`})`, () => {
  test.each(samples.map((s, i) => [i, s] as const))('random cluster %i loads on every node', (_i, [cluster, config]) => {
    const loaded = loadScenario(nftablesYaml(randomScenario(cluster).yaml, config));
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.cluster!.kubeProxy.mode).toBe('nftables');
    for (const node of loaded.cluster!.nodes) {
      const tx = generateNftablesTransaction(loaded.cluster!, node.name);
      const run = nftInNamespace(tx.text, ['nft list ruleset']);
      expect(run.error, `${node.name}\n${tx.text}`).toBe('');
      // and lists byte for byte as our parser + printer list it (`kpl rules --format nft`)
      expect(printNftList(parseTransaction(tx.text, { declarationsFirst: false }).ruleset), node.name).toBe(run.outputs[0]);
    }
  });
});
