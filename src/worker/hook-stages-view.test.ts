import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../engine/cluster/load';
import { HOOK_STAGES } from '../engine/node/hook-stages';
import { nodeHooks } from '../engine/node/netfilter-node';
import { createNetwork } from '../engine/sim/network';
import { EngineSession } from './engine-session';
import { hookStagesView, nftablesHookStages, type HookStageView } from './hook-stages-view';

const scenario = readFileSync(join(import.meta.dirname, '../scenarios/default.yaml'), 'utf8');
const nftables = `${scenario}\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\n`;
const label = (s: HookStageView): string => (s.kind === 'nft' ? `${s.chain} ${s.priority}` : s.kind === 'table' ? `${s.table} ${s.priority}` : s.kind);

describe('what each hook holds, for the hook diagram', () => {
  it('nftables mode places kube-proxy\'s base chains at their priorities among iptables\' tables and conntrack', () => {
    const stages = nftablesHookStages();
    expect(stages.PREROUTING.map(label)).toEqual(['raw -300', 'conntrack', 'mangle -150', 'filter-prerouting-pre-dnat -110', 'nat -100', 'nat-prerouting -100']);
    expect(stages.OUTPUT.map(label)).toEqual(['raw -300', 'conntrack', 'mangle -150', 'filter-output-pre-dnat -110', 'nat -100', 'nat-output -100', 'filter 0', 'filter-output 0', 'security 50']);
    expect(stages.INPUT.map(label)).toEqual(['mangle -150', 'filter 0', 'filter-input 0', 'security 50', 'nat 100', 'confirm']);
    expect(stages.FORWARD.map(label)).toEqual(['mangle -150', 'filter 0', 'filter-forward 0', 'security 50']);
    expect(stages.POSTROUTING.map(label)).toEqual(['mangle -150', 'nat 100', 'nat-postrouting 100', 'confirm']);
  });

  it('is exactly what a node of an nftables cluster runs', () => {
    const cluster = loadScenario(nftables).cluster!;
    const network = createNetwork(cluster, { seed: 1 });
    for (const node of network.nodes.values()) expect(hookStagesView(nodeHooks(node))).toEqual(nftablesHookStages());
  });

  it('the worker sends them with the scenario in nftables mode only; iptables mode keeps HOOK_STAGES', () => {
    const s = new EngineSession();
    expect(s.load(nftables).hookStages).toEqual(nftablesHookStages());
    expect(s.load(scenario).hookStages).toBeUndefined();
    const network = createNetwork(loadScenario(scenario).cluster!, { seed: 1 });
    expect(hookStagesView(nodeHooks(network.nodes.values().next().value!))).toEqual(HOOK_STAGES);
  });
});
