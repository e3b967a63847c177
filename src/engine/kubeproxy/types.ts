/** What the kube-proxy generator gives for one node. */
import type { SourceRef } from '../cluster/model';
import type { RuleMeaning } from '../explain/meaning';

/** The two tables kube-proxy (and kubelet's KUBE-FIREWALL) write. */
export type GeneratedTable = 'nat' | 'filter';

/** One `-A` line kube-proxy (or kubelet) puts on the node, with why it exists and what produced it. */
export interface GeneratedRule {
  readonly table: GeneratedTable;
  readonly chain: string;
  /** 0-based position of the rule within its chain (rule number − 1 in `iptables -L --line-numbers`). */
  readonly index: number;
  /** The `-A CHAIN …` line exactly as it appears in `restoreText` (kube-proxy's own argument order). */
  readonly text: string;
  /** What the rule is for (its role, the Service port and endpoint it serves) and the catalog key that says why. */
  readonly meaning: RuleMeaning;
  /** The scenario fields that produced the rule (service port, cluster IP, EndpointSlice endpoint, …). Empty for node-wide rules. */
  readonly sources: readonly SourceRef[];
}

/** A node's kube-proxy rules. */
export interface GeneratedRules {
  readonly node: string;
  /**
   * The node's `filter` and `nat` tables as iptables-restore input: kube-proxy's restore text plus
   * the jump rules it ensures in the built-in chains with `iptables -I` and kubelet's KUBE-FIREWALL.
   * Parsing and printing it with iptables-save gives what a real node shows.
   */
  readonly restoreText: string;
  /** Every `-A` line of `restoreText`, in order. */
  readonly rules: readonly GeneratedRule[];
  /** The meaning of a table's chain's rule by 0-based index (what a hop records), if kube-proxy or kubelet wrote it. */
  meaningAt(table: string, chain: string, index: number): RuleMeaning | undefined;
  /** More than 1000 endpoints in total: kube-proxy drops the per-endpoint comments (largeClusterEndpointsThreshold). */
  readonly largeClusterMode: boolean;
}
