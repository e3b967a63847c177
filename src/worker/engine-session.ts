/**
 * The worker's state: the last valid cluster and its per-node rulesets, built on demand.
 * Kept apart from the comlink glue so it can be tested in Node.
 */
import { loadScenario } from '../engine/cluster/load';
import type { ClusterModel } from '../engine/cluster/model';
import { defaultNode, nodeRuleset } from '../engine/kubeproxy';
import type { NodeRuleset } from '../engine/kubeproxy';
import { chainGraph } from '../engine/netfilter/chain-graph';
import type { ChainGraph } from '../engine/netfilter/chain-graph';
import { printIptablesS, printIptablesSave } from '../engine/netfilter/print';
import { printIptablesList } from '../engine/netfilter/print-list';
import type { RuleFormat, ScenarioSummary } from './api';

export class EngineSession {
  private cluster: ClusterModel | undefined;
  private revision = 0;
  private readonly nodes = new Map<string, NodeRuleset>();

  load(text: string): ScenarioSummary {
    const result = loadScenario(text);
    if (result.cluster) {
      this.cluster = result.cluster;
      this.revision += 1;
      this.nodes.clear();
    }
    const c = this.cluster;
    return {
      diagnostics: result.diagnostics,
      showingLastValid: !result.cluster && c !== undefined,
      revision: this.revision,
      nodes: (c?.nodes ?? []).map((n) => ({ name: n.name, role: n.role, internalIP: n.internalIP, podCIDR: n.podCIDR })),
      services: (c?.services ?? []).map((s) => ({ key: `${s.namespace}/${s.name}`, clusterIP: s.clusterIP, type: s.type, implicit: s.implicit })),
      ...(c && defaultNode(c) ? { defaultNode: defaultNode(c)! } : {}),
    };
  }

  private node(name: string): NodeRuleset | undefined {
    if (!this.cluster || !this.cluster.nodes.some((n) => n.name === name)) return undefined;
    let r = this.nodes.get(name);
    if (!r) {
      r = nodeRuleset(this.cluster, name);
      this.nodes.set(name, r);
    }
    return r;
  }

  rules(node: string, table: 'nat' | 'filter', format: RuleFormat): string {
    const r = this.node(node);
    if (!r) return '';
    if (format === 'save') return printIptablesSave(r.ruleset, { tables: [table] });
    if (format === 'S') return printIptablesS(r.ruleset, table);
    return printIptablesList(r.ruleset, table, { numeric: true, verbose: true });
  }

  chainGraph(node: string, table: 'nat' | 'filter'): ChainGraph {
    const r = this.node(node);
    return r ? chainGraph(r.ruleset, table) : { table, nodes: [], edges: [] };
  }
}
