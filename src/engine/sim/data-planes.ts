/**
 * What hooks into a node's netfilter in the scenario's kube-proxy mode. Every node keeps the iptables
 * tables (kubelet's KUBE-FIREWALL and the CNI's chains are there in every mode); kube-proxy adds:
 * - iptables mode: its KUBE-* chains in those tables;
 * - nftables mode: table `ip kube-proxy`, loaded from the transaction it sends (our parser reads it as
 *   `nft -f` does) and hooked in as a second data plane; it writes no iptables rules;
 * - ipvs mode: the IPVS virtual servers (a data plane at LOCAL_IN / LOCAL_OUT), the ipsets its iptables
 *   rules match, and kube-ipvs0, which makes every Service IP an address of the node.
 */
import type { ClusterModel } from '../cluster/model';
import { parseIpv4, type Ipv4 } from '../ipv4';
import { createIpvsRuntime, type IpvsRuntime } from '../ipvs/runtime';
import { nodeRuleset } from '../kubeproxy';
import type { LoadOptions } from '../kubeproxy/generate';
import { generateIpvsNode } from '../kubeproxy/ipvs/generate';
import type { IpvsMeanings } from '../kubeproxy/ipvs/meaning';
import { generateNftablesTransaction, type NftablesTransaction } from '../kubeproxy/nftables';
import type { IpSet } from '../netfilter/match-context';
import { type Chain, type Ruleset, type Table, type TableName } from '../netfilter/model';
import { parseTransaction } from '../nftables/parse-transaction';
import type { DataPlane } from '../node/data-plane';
import { ipvsPlane } from '../node/ipvs';
import { nftablesPlane, type NftablesPlane } from '../node/nftables';

export type ProxyMode = ClusterModel['kubeProxy']['mode'];
export const PROXY_MODES: readonly ProxyMode[] = ['iptables', 'nftables', 'ipvs'];

export interface NodeDataPlanes {
  readonly mode: ProxyMode;
  /** The node's iptables tables. */
  readonly ruleset: Ruleset;
  readonly planes: readonly DataPlane[];
  readonly ipsets: ReadonlyMap<string, IpSet>;
  /** Addresses the node owns beyond its interfaces' (kube-ipvs0's Service IPs in IPVS mode). */
  readonly extraLocalAddresses: readonly Ipv4[];
  /** nftables mode: the transaction kube-proxy sent (its rules' meanings) and the plane it loaded. */
  readonly nftables?: { readonly transaction: NftablesTransaction; readonly plane: NftablesPlane };
  /** ipvs mode: the virtual servers' connections and counters. */
  readonly ipvs?: IpvsRuntime;
  /** ipvs mode: what kube-proxy wrote each iptables rule for, and which Service an address is (the narration's words). */
  readonly ipvsMeanings?: IpvsMeanings;
}

/** The mode a cluster's nodes run, or `override` (the CLI's `--mode`). */
export function withMode(cluster: ClusterModel, override: ProxyMode | undefined): ClusterModel {
  return override === undefined || override === cluster.kubeProxy.mode ? cluster : { ...cluster, kubeProxy: { ...cluster.kubeProxy, mode: override } };
}

/** @param options how an iptables node's rules are loaded (generate.ts `LoadOptions`) */
export function nodeDataPlanes(cluster: ClusterModel, node: string, iptablesRuleset?: Ruleset, options: LoadOptions = {}): NodeDataPlanes {
  const mode = cluster.kubeProxy.mode;
  if (mode === 'nftables') {
    const transaction = generateNftablesTransaction(cluster, node);
    // Our own text, so no size limit; a line nft would refuse is a generator bug, not user input.
    const loaded = parseTransaction(transaction.text, { declarationsFirst: false, maxChars: Number.POSITIVE_INFINITY });
    if (loaded.errors.length > 0) throw new Error(`kube-proxy wrote an nftables transaction nft refuses on ${node}: ${loaded.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('; ')}`);
    const plane = nftablesPlane(loaded.ruleset);
    return { mode, ruleset: withoutKubeProxy(iptablesRuleset ?? nodeRuleset(cluster, node).ruleset), planes: [plane], ipsets: new Map(), extraLocalAddresses: [], nftables: { transaction, plane } };
  }
  if (mode === 'ipvs') {
    const generated = generateIpvsNode(cluster, node);
    const runtime = createIpvsRuntime(generated.ipvs.virtualServers);
    return {
      mode,
      ruleset: generated.ruleset,
      planes: [ipvsPlane(runtime)],
      ipsets: new Map(generated.ipsets.map((s) => [s.name, s])),
      extraLocalAddresses: generated.dummy.addresses.map((a) => parseIpv4(a)).filter((a): a is Ipv4 => a !== undefined),
      ipvs: runtime,
      ipvsMeanings: generated.meanings,
    };
  }
  return { mode, ruleset: iptablesRuleset ?? nodeRuleset(cluster, node, options).ruleset, planes: [], ipsets: new Map(), extraLocalAddresses: [] };
}

/** Chains kubelet (not kube-proxy) writes into iptables in every mode. */
const KUBELET_CHAINS = new Set(['KUBE-FIREWALL', 'KUBE-KUBELET-CANARY']);
const isKubeProxyChain = (name: string): boolean => name.startsWith('KUBE-') && !KUBELET_CHAINS.has(name);

/**
 * The iptables tables of a node whose kube-proxy does not use iptables: what the iptables proxier
 * wrote is gone (its KUBE-* chains and the jumps to them), what kubelet and the CNI wrote stays.
 */
export function withoutKubeProxy(ruleset: Ruleset): Ruleset {
  const tables = new Map<TableName, Table>();
  for (const [name, table] of ruleset.tables) {
    const chains = new Map<string, Chain>();
    for (const [chainName, chain] of table.chains) {
      if (isKubeProxyChain(chainName)) continue;
      const rules = chain.rules.filter((r) => !((r.target.kind === 'jump' || r.target.kind === 'goto') && isKubeProxyChain(r.target.chain)));
      chains.set(chainName, { ...chain, rules });
    }
    tables.set(name, { ...table, chains });
  }
  return { tables };
}
