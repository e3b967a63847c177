/** What the kube-proxy generator gives for one node. */
import type { SourceRef } from '../cluster/model';

/** The two tables kube-proxy (and kubelet's KUBE-FIREWALL) write. */
export type GeneratedTable = 'nat' | 'filter';

/** A sentence in each language the UI speaks. */
export interface Explanation {
  readonly en: string;
  readonly ko: string;
}

/** One `-A` line kube-proxy (or kubelet) puts on the node, with why it exists and what produced it. */
export interface GeneratedRule {
  readonly table: GeneratedTable;
  readonly chain: string;
  /** 0-based position of the rule within its chain (rule number − 1 in `iptables -L --line-numbers`). */
  readonly index: number;
  /** The `-A CHAIN …` line exactly as it appears in `restoreText` (kube-proxy's own argument order). */
  readonly text: string;
  readonly explanation: Explanation;
  /** The scenario fields that produced the rule (service port, cluster IP, EndpointSlice endpoint, …). Empty for node-wide rules. */
  readonly sources: readonly SourceRef[];
  /** The service port behind the rule, as kube-proxy names it: `ns/name:port` (`ns/name` for an unnamed port). */
  readonly service?: string;
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
  /** More than 1000 endpoints in total: kube-proxy drops the per-endpoint comments (largeClusterEndpointsThreshold). */
  readonly largeClusterMode: boolean;
}
