/**
 * What a node's kernel holds once kube-proxy has run: its restore text loaded the way iptables-restore
 * loads it (our parser), so every printer and the traversal see exactly what `iptables-save` would show.
 */
import type { ClusterModel } from '../cluster/model';
import type { Ruleset } from '../netfilter/model';
import { generateAndLoadNodeRules, KERNEL_TABLE_ORDER } from './generate';
import type { LoadOptions } from './generate';
import { KIND_MASQ_AGENT, kindMasqAgentRules, withKindRules } from './kind-masq-agent';
import type { GeneratedRules } from './types';

export interface NodeRuleset {
  readonly node: string;
  readonly ruleset: Ruleset;
  readonly generated: GeneratedRules;
}

export function nodeRuleset(cluster: ClusterModel, nodeName: string, options: LoadOptions = {}): NodeRuleset {
  // The writer hands its rules to the kernel model as it writes the restore text, instead of the 32 MB of text
  // for 10,000 services being parsed again; src/test-support/direct-load.test.ts checks that parsing the text gives the same ruleset.
  try {
    const { generated: kubeProxy, kernel } = generateAndLoadNodeRules(cluster, nodeName, options);
    const kind = kindMasqAgentRules(cluster);
    if (kind.length > 0) {
      // As withKindRules writes them into the text: the chain declared after kube-proxy's, the rules appended to nat.
      kernel.declare('nat', KIND_MASQ_AGENT);
      for (const r of kind) kernel.appendLine('nat', r.text);
    }
    return { node: nodeName, ruleset: kernel.finish(KERNEL_TABLE_ORDER), generated: withKindnet(kubeProxy, cluster) };
  } catch (e) {
    // The generator and the loader are both ours: a rule the kernel would refuse is a bug, not user input.
    throw new Error(`kube-proxy wrote rules iptables-restore refuses on ${nodeName}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** The node `kpl rules` shows when none is named: the first worker, else the first node (DESIGN §4). */
export function defaultNode(cluster: ClusterModel): string | undefined {
  return (cluster.nodes.find((n) => n.role === 'worker') ?? cluster.nodes[0])?.name;
}

/**
 * A kind node's rules: kube-proxy's, plus kindnet's masq agent (kind-masq-agent.ts), with their meanings.
 * Made on first read, like kube-proxy's own text and meanings (generate.ts): kindnet's rule numbers come from
 * the restore text, which loading the node does not write.
 */
function withKindnet(generated: GeneratedRules, cluster: ClusterModel): GeneratedRules {
  const kindRules = kindMasqAgentRules(cluster);
  if (kindRules.length === 0) return generated;
  let made: ReturnType<typeof withKindRules> | undefined;
  const kind = (): ReturnType<typeof withKindRules> => (made ??= withKindRules(generated.restoreText, kindRules));
  return {
    node: generated.node,
    get restoreText() {
      return kind().restoreText;
    },
    get rules() {
      return [...generated.rules, ...kind().rules];
    },
    meaningAt: (table, chain, i) => generated.meaningAt(table, chain, i) ?? kind().rules.find((r) => r.table === table && r.chain === chain && r.index === i)?.meaning,
    largeClusterMode: generated.largeClusterMode,
  };
}
