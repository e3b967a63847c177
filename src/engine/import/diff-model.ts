/** What `kpl diff --dump` finds, Service by Service (diff.ts for iptables dumps, nft-diff.ts for nft ones). */
import type { TableName } from '../netfilter/model';
import type { NftTableRef } from '../node/hops';
import type { ChainProtocol, ServiceNameVerdict } from './chain-names-check';
import type { ChainOwner } from './model';

/** The group of rules not tied to one Service (the jumps in the built-in chains, KUBE-POSTROUTING, KUBE-MARK-MASQ…). */
export const NODE_WIDE = '(node-wide)';

export interface RuleDiff {
  /** `nat`, or an nft table (`ip kube-proxy`) when the dump is `nft list ruleset`. */
  readonly table: TableName | NftTableRef;
  readonly chain: string;
  readonly text: string;
  /** `[packets:bytes]` from the dump, where it has counters. */
  readonly counters?: string;
  readonly line?: number;
}

export interface ServiceDiff {
  /** `ns/name:port` as kube-proxy writes it, or NODE_WIDE. */
  readonly service: string;
  readonly same: boolean;
  /** Which side has the Service at all. */
  readonly presence: 'both' | 'node' | 'yaml';
  /** Chains the YAML's rules have and the node does not. */
  readonly missingChains: readonly string[];
  /** Chains on the node the YAML does not explain. */
  readonly extraChains: readonly string[];
  readonly missingRules: readonly RuleDiff[];
  readonly extraRules: readonly RuleDiff[];
  /** The Service's KUBE-SVC (or KUBE-SVL) chains and how many endpoints they pick from, on the node and in the YAML. */
  readonly endpointCounts?: { readonly nodeChains: readonly string[]; readonly yamlChains: readonly string[]; readonly node: number; readonly yaml: number };
  /** KUBE-SEP chains on the node for this Service whose endpoint the YAML does not have, with that endpoint. */
  readonly staleEndpointChains: readonly { readonly chain: string; readonly endpoint?: string }[];
  readonly ruleCount: number;
  /**
   * Why the node's KUBE-SVC chain has another name than the YAML's, where it does: the node's names checked
   * against their own comments (chain-names-check.ts), and the protocol the YAML's name was hashed with.
   */
  readonly names?: ServiceNameVerdict & { readonly yamlProtocol?: ChainProtocol };
}

export interface DumpDiff {
  readonly node: string;
  /** The kube-proxy mode compared: nftables when the dump holds kube-proxy's nft table (nft-diff.ts). @default iptables */
  readonly mode?: 'nftables';
  readonly services: readonly ServiceDiff[];
  /** Tables kube-proxy writes that the dump does not hold: not compared. */
  readonly tablesNotInDump: readonly (TableName | NftTableRef)[];
  /** Other components' chains on the node (not compared). */
  readonly otherChains: readonly { readonly table: TableName | NftTableRef; readonly chain: string; readonly owner: ChainOwner }[];
  /** Lines where the paste was cut: what it left out shows as missing. */
  readonly cutLines: readonly number[];
}
