/**
 * What a node's kernel holds once kube-proxy has run: its restore text loaded the way iptables-restore
 * loads it (our parser), so every printer and the traversal see exactly what `iptables-save` would show.
 */
import type { ClusterModel } from '../cluster/model';
import type { Ruleset } from '../netfilter/model';
import { parseIptables } from '../netfilter/parse';
import { generateNodeRules } from './generate';
import { kindMasqAgentRules, withKindRules } from './kind-masq-agent';
import type { GeneratedRules } from './types';

export interface NodeRuleset {
  readonly node: string;
  readonly ruleset: Ruleset;
  readonly generated: GeneratedRules;
}

export function nodeRuleset(cluster: ClusterModel, nodeName: string): NodeRuleset {
  const generated = withKindnet(generateNodeRules(cluster, nodeName), cluster);
  // The paste limit guards against hostile input; this text is ours (10,000 services × 10 endpoints write 32 MB).
  const loaded = parseIptables(generated.restoreText, { maxChars: Number.POSITIVE_INFINITY });
  if (loaded.errors.length > 0) {
    // The generator and the parser are both ours: a rule the kernel would refuse is a bug, not user input.
    throw new Error(`kube-proxy wrote rules iptables-restore refuses on ${nodeName}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  }
  // iptables-save lists tables in creation order; a node shows nat before filter (vectors/k8s-overall).
  const tables = new Map([...loaded.ruleset.tables].sort(([a], [b]) => (a === 'nat' ? -1 : b === 'nat' ? 1 : 0)));
  return { node: nodeName, ruleset: { tables }, generated };
}

/** The node `kpl rules` shows when none is named: the first worker, else the first node (DESIGN §4). */
export function defaultNode(cluster: ClusterModel): string | undefined {
  return (cluster.nodes.find((n) => n.role === 'worker') ?? cluster.nodes[0])?.name;
}

/** A kind node's rules: kube-proxy's, plus kindnet's masq agent (kind-masq-agent.ts), with their meanings. */
function withKindnet(generated: GeneratedRules, cluster: ClusterModel): GeneratedRules {
  const kind = withKindRules(generated.restoreText, kindMasqAgentRules(cluster));
  if (kind.rules.length === 0) return generated;
  return {
    node: generated.node,
    restoreText: kind.restoreText,
    get rules() {
      return [...generated.rules, ...kind.rules];
    },
    meaningAt: (table, chain, i) => generated.meaningAt(table, chain, i) ?? kind.rules.find((r) => r.table === table && r.chain === chain && r.index === i)?.meaning,
    largeClusterMode: generated.largeClusterMode,
  };
}
