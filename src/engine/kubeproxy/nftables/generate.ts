/**
 * kube-proxy's nftables proxier for one node (pkg/proxy/nftables/proxier.go, Kubernetes v1.34): the
 * `nft -f` transaction of a full sync, as the table's contents written with `add` commands in kube-proxy's
 * order — every table, set, map and chain before the rules and elements that name it, so the real nft
 * loads it (kube-proxy's first sync also flushes what it adds; in an empty table that changes nothing).
 * Services come in the canonical order (by `ns/name:port`) where kube-proxy walks a Go map.
 */
import type { ClusterModel, ClusterNode, KubeProxyConfig } from '../../cluster/model';
import { masqueradeMark } from '../generate';
import { nodePortAddresses } from '../node-port-addresses';
import { servicePorts } from '../service-ports';
import type { NftGeneratedElement, NftGeneratedRule, NftRuleMeaning } from './meaning';
import { writeServicePort, type NftProxierSettings } from './service';
import { writeSetup } from './setup';
import { TransactionWriter } from './writer';

/** What kube-proxy's nftables proxier writes on one node. */
export interface NftablesTransaction {
  readonly node: string;
  /** The transaction's lines in load order, with blank lines and `# ns/name:port` notes between services. */
  readonly lines: readonly string[];
  /** `lines` joined, ending in a newline: what `nft -f` reads. */
  readonly text: string;
  /** Every `add rule` line with its chain, index and meaning. */
  readonly rules: readonly NftGeneratedRule[];
  /** Every `add element` line with its set or map and meaning. */
  readonly elements: readonly NftGeneratedElement[];
  /** The meaning of a chain's rule by 0-based index (as a hop records it). */
  meaningAt(chain: string, index: number): NftRuleMeaning | undefined;
}

export function generateNftablesTransaction(cluster: ClusterModel, nodeName: string): NftablesTransaction {
  const lines = writeTransaction(cluster, nodeName, false).lines;
  let kept: TransactionWriter | undefined;
  let index: Map<string, NftRuleMeaning> | undefined;
  const all = (): TransactionWriter => (kept ??= writeTransaction(cluster, nodeName, true));
  return {
    node: nodeName,
    lines,
    text: `${lines.join('\n')}\n`,
    // Made on first read (the UI asks when a rule is hovered, a trace when it records a hop).
    get rules(): readonly NftGeneratedRule[] {
      return all().rules;
    },
    get elements(): readonly NftGeneratedElement[] {
      return all().elements;
    },
    meaningAt(chain, i) {
      index ??= new Map(all().rules.map((r) => [`${r.chain} ${r.index}`, r.meaning]));
      return index.get(`${chain} ${i}`);
    },
  };
}

function writeTransaction(cluster: ClusterModel, nodeName: string, keep: boolean): TransactionWriter {
  const node = cluster.nodes.find((n) => n.name === nodeName);
  const config = cluster.kubeProxy;
  // nftables mode defaults --nodeport-addresses to `primary` (cmd/kube-proxy/app/server_linux.go platformApplyDefaults).
  const npaCluster = config.nodePortAddresses.length > 0 ? cluster : { ...cluster, kubeProxy: { ...config, nodePortAddresses: ['primary'] } };
  const tx = new TransactionWriter(keep);
  writeSetup(tx, {
    mark: masqueradeMark(config.masqueradeBit),
    serviceCIDRs: cluster.serviceSubnet,
    nodePortAddresses: nodePortAddresses(npaCluster, node),
  });
  const settings: NftProxierSettings = {
    masqueradeAll: config.masqueradeAll,
    nodeIP: node?.internalIP ?? '',
    ...withDetector(nftLocalDetector(config, node)),
  };
  for (const sp of servicePorts(cluster, nodeName)) writeServicePort(tx, sp, settings);
  return tx;
}

const withDetector = (d: NftProxierSettings['localDetector']): Pick<NftProxierSettings, 'localDetector'> => (d === undefined ? {} : { localDetector: d });

/**
 * The LocalTrafficDetector's nftables form (pkg/proxy/util/localdetector.go `IfLocalNFT`/`IfNotLocalNFT`):
 * `ip saddr CIDR` by the cluster or node CIDR, `iifname NAME` by bridge, `iifname PREFIX*` by name prefix.
 * Undefined for the no-op detector (nothing to detect by).
 */
export function nftLocalDetector(config: KubeProxyConfig, node: ClusterNode | undefined): NftProxierSettings['localDetector'] {
  const cidr = (c: string) => ({ ifLocal: `ip saddr ${c}`, ifNotLocal: `ip saddr != ${c}` });
  const iface = (n: string) => ({ ifLocal: `iifname ${n}`, ifNotLocal: `iifname != ${n}` });
  switch (config.detectLocalMode) {
    case 'ClusterCIDR': {
      const c = config.clusterCIDR.split(',').map((s) => s.trim()).find((s) => s !== '');
      return c === undefined ? undefined : cidr(c);
    }
    case 'NodeCIDR':
      return node === undefined || node.podCIDR === '' ? undefined : cidr(node.podCIDR);
    case 'BridgeInterface':
      return config.bridgeInterface === '' ? undefined : iface(config.bridgeInterface);
    case 'InterfaceNamePrefix':
      return config.interfaceNamePrefix === '' ? undefined : iface(`${config.interfaceNamePrefix}*`);
  }
}
