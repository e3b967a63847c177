/**
 * kube-proxy's iptables proxier for one node (pkg/proxy/iptables/proxier.go `syncProxyRules`,
 * Kubernetes v1.33), as it runs on a real node: nfacct counters available, `--random-fully`
 * supported, nf_conntrack_tcp_be_liberal off. Services are written in the canonical order
 * (by `ns/name:port`) where kube-proxy iterates a Go map.
 */
import type { ClusterModel } from '../cluster/model';
import { localDetector } from './local-detector';
import { nodePortAddresses } from './node-port-addresses';
import { declareTopLevelChains, writeBuiltinJumps, writeForward, writeMasqueradeAndFirewall, writeNodePortsJump } from './node-rules';
import { RuleBuffer } from './rule-buffer';
import type { RuleBufferOutputs } from './rule-buffer';
import type { Ruleset } from '../netfilter/model';
import { RestoreBuilder } from '../netfilter/restore-builder';
import { writeServiceChains } from './service-chains';
import type { ProxierSettings } from './service-context';
import { serviceContext } from './service-context';
import { writeServiceEntryRules } from './service-entry-rules';
import { servicePorts } from './service-ports';
import type { RuleMeaning } from '../explain/meaning';
import type { GeneratedRule, GeneratedRules } from './types';

/** Above this many endpoints in total kube-proxy drops per-endpoint comments (largeClusterEndpointsThreshold). */
export const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

const meaningKey = (table: string, chain: string, index: number): string => `${table} ${chain} ${index}`;

/** The mark kube-proxy sets for SNAT: `fmt.Sprintf("%#08x", 1<<masqueradeBit)` → `0x004000` for bit 14. */
export function masqueradeMark(bit: number): string {
  return `0x${(2 ** bit).toString(16).padStart(6, '0')}`;
}

export function generateNodeRules(cluster: ClusterModel, nodeName: string): GeneratedRules {
  return generate(cluster, nodeName);
}

/**
 * The node's rules as the simulated kernel holds them after iptables-restore of `generateNodeRules`' text
 * (tables nat, filter), handed over by the writer instead of printed and parsed again (src/test-support/direct-load.test.ts
 * checks both give the same ruleset).
 */
export function loadNodeRules(cluster: ClusterModel, nodeName: string): Ruleset {
  const kernel = new RestoreBuilder();
  writeNodeRules(cluster, nodeName, { keepRules: false, text: false, kernel });
  return kernel.finish(KERNEL_TABLE_ORDER);
}

/**
 * When the restore text is written: on first read (a keystroke's sync loads the kernel and never reads it), or now,
 * in the same run of the writer that loads the kernel (what a node's sync costs when the text is used: kpl bench,
 * the Scale lab's programming time, which compares it with the nftables transaction nft is given).
 */
export interface LoadOptions {
  readonly restoreText?: 'when-read' | 'now';
}

/** `generateNodeRules` and `loadNodeRules` from one run of the writer (the text then, or when first read). */
export function generateAndLoadNodeRules(cluster: ClusterModel, nodeName: string, options: LoadOptions = {}): { readonly generated: GeneratedRules; readonly kernel: RestoreBuilder } {
  const kernel = new RestoreBuilder();
  return { generated: generate(cluster, nodeName, kernel, options.restoreText === 'now'), kernel };
}

/** iptables-save lists tables in creation order; a node shows nat before filter (vectors/k8s-overall). */
export const KERNEL_TABLE_ORDER = ['nat', 'filter'] as const;

function generate(cluster: ClusterModel, nodeName: string, kernel?: RestoreBuilder, textNow = false): GeneratedRules {
  // Loading the kernel needs no text: the restore text is written when first read (`kpl rules --format restore`,
  // a test), by the same writer, as the meanings are. The page's rules panel prints the loaded ruleset, so a
  // keystroke in the editor no longer joins and then searches the node's whole restore text.
  const written = writeNodeRules(cluster, nodeName, { keepRules: false, ...(kernel ? { kernel, text: textNow } : {}) });
  let restoreText: string | undefined = kernel && !textNow ? undefined : written.restoreText;
  let rules: readonly GeneratedRule[] | undefined;
  let index: Map<string, RuleMeaning> | undefined;
  const all = (): readonly GeneratedRule[] => {
    if (rules === undefined) {
      const kept = writeNodeRules(cluster, nodeName, { keepRules: true });
      restoreText ??= kept.restoreText;
      rules = kept.rules;
    }
    return rules;
  };
  return {
    node: nodeName,
    get restoreText(): string {
      return (restoreText ??= writeNodeRules(cluster, nodeName, { keepRules: false }).restoreText);
    },
    // Meanings and sources are made on first read (the UI asks when a rule is hovered or a packet traced): the
    // same writer runs again, keeping them. For 10,000 services they are 320,000 rules the simulation never reads.
    get rules(): readonly GeneratedRule[] {
      return all();
    },
    meaningAt(table, chain, i) {
      index ??= new Map(all().map((r) => [meaningKey(r.table, r.chain, r.index), r.meaning]));
      return index.get(meaningKey(table, chain, i));
    },
    largeClusterMode: written.largeClusterMode,
  };
}

function writeNodeRules(cluster: ClusterModel, nodeName: string, outputs: RuleBufferOutputs): { restoreText: string; rules: GeneratedRule[]; largeClusterMode: boolean } {
  const node = cluster.nodes.find((n) => n.name === nodeName);
  const config = cluster.kubeProxy;
  const npa = nodePortAddresses(cluster, node);
  const ports = servicePorts(cluster, nodeName);
  const totalEndpoints = ports.reduce((sum, sp) => sum + sp.endpoints.length, 0);
  const settings: ProxierSettings = {
    masqueradeAll: config.masqueradeAll,
    // NewProxier turns localhost NodePorts off when nodePortAddresses leaves out 127.0.0.1.
    localhostNodePorts: config.localhostNodePorts && npa.containsIPv4Loopback,
    largeClusterMode: totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD,
    localDetector: localDetector(config, node),
    nodeIP: node?.internalIP ?? '',
    nodeName,
    configSource: config.source,
  };
  const mark = masqueradeMark(config.masqueradeBit);

  const buf = new RuleBuffer(outputs);
  declareTopLevelChains(buf);
  writeBuiltinJumps(buf);
  writeMasqueradeAndFirewall(buf, mark, config.source);
  for (const sp of ports) {
    const ctx = serviceContext(sp);
    writeServiceEntryRules(buf, ctx, settings);
    writeServiceChains(buf, ctx, settings);
  }
  writeNodePortsJump(buf, npa, settings.localhostNodePorts, config.source);
  writeForward(buf, mark);
  const { restoreText, rules } = buf.render();
  return { restoreText, rules, largeClusterMode: settings.largeClusterMode };
}
