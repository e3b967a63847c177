/**
 * What each line kube-proxy's nftables proxier writes is for, as data beside the text (the nftables
 * counterpart of `explain/meaning.ts`'s roles, named after proxier.go's own words and comments), so the
 * UI can explain a rule or a map element without reading the rule text back.
 */

export type NftRuleRole =
  /** A base chain's jump to a helper chain (`nftablesJumpChains`): `ct state new jump firewall-check`, `jump services`, … */
  | 'base-jump'
  /** mark-for-masquerade: `mark set mark or MARK`. */
  | 'masquerade-mark'
  /** masquerading: unmarked packets return. */
  | 'masquerade-skip-unmarked'
  /** masquerading: `mark set mark xor MARK` clears the mark before masquerading. */
  | 'masquerade-clear-mark'
  /** masquerading: `masquerade fully-random`. */
  | 'masquerade'
  /** cluster-ips-check: a ClusterIP on a port no Service has → reject. */
  | 'reject-invalid-port'
  /** cluster-ips-check: an address of the Service range no Service has → drop. */
  | 'drop-unallocated-cluster-ip'
  /** firewall-check: destination . protocol . port looked up in @firewall-ips. */
  | 'firewall-lookup'
  /** service-endpoints-check / nodeport-endpoints-check: looked up in @no-endpoint-services / @no-endpoint-nodeports. */
  | 'no-endpoints-lookup'
  /** reject-chain: `reject`. */
  | 'reject'
  /** services: destination . protocol . port looked up in @service-ips. */
  | 'service-lookup'
  /** services: a node's address and protocol . port looked up in @service-nodeports. */
  | 'node-port-lookup'
  /** The internal traffic chain marks off-cluster traffic to the ClusterIP for masquerading. */
  | 'masquerade-off-cluster'
  /** The internal traffic chain marks all traffic to the ClusterIP (masqueradeAll). */
  | 'masquerade-all'
  /** external-…: everything is marked for masquerading (externalTrafficPolicy Cluster). */
  | 'external-masquerade'
  /** external-…: `short-circuit pod traffic` → the cluster policy chain. */
  | 'pod-traffic-short-circuit'
  /** external-…: `masquerade local traffic`. */
  | 'local-traffic-masquerade'
  /** external-…: `short-circuit local traffic` → the cluster policy chain. */
  | 'local-traffic-short-circuit'
  /** external-… → the external policy chain (service-… or local-…). */
  | 'jump-to-service-chain'
  /** firewall-…: sources outside loadBalancerSourceRanges are dropped. */
  | 'source-range-drop'
  /** service-…/local-…: ClientIP affinity, a source in an endpoint's affinity set goes to that endpoint. */
  | 'affinity'
  /** service-…/local-…: `numgen random mod N vmap { … }` picks an endpoint. */
  | 'endpoint-pick'
  /** endpoint-…: a packet from the endpoint itself (hairpin) is marked for masquerading. */
  | 'hairpin-masquerade'
  /** endpoint-…: `update @affinity-… { ip saddr }` remembers the client. */
  | 'affinity-update'
  /** endpoint-…: DNAT to the endpoint. */
  | 'endpoint-dnat';

/** One rule's meaning: its role, the Service port (`ns/name:port`) and endpoint(s) it serves. */
export interface NftRuleMeaning {
  readonly role: NftRuleRole;
  readonly service?: string;
  /** The endpoint (`ip:port`) the rule DNATs to, belongs to or sends an affine client to. */
  readonly endpoint?: string;
  /** For an endpoint pick: the endpoints in numgen's order (value i goes to endpoints[i]). */
  readonly endpoints?: readonly string[];
}

export type NftElementRole =
  /** cluster-ips: an active ClusterIP (for cluster-ips-check). */
  | 'active-cluster-ip'
  /** nodeport-ips: an address that accepts NodePort traffic. */
  | 'node-port-address'
  /** service-ips: a ClusterIP . protocol . port → the internal traffic chain. */
  | 'cluster-ip'
  /** service-ips: an external IP . protocol . port → external-…. */
  | 'external-ip'
  /** service-ips: a load-balancer IP . protocol . port → external-…. */
  | 'load-balancer-ip'
  /** service-nodeports: protocol . node port → external-…. */
  | 'node-port'
  /** firewall-ips: a load-balancer IP with source ranges → firewall-…. */
  | 'firewall'
  /** no-endpoint-services / no-endpoint-nodeports: `goto reject-chain`, the Service has no endpoints at all. */
  | 'no-endpoints'
  /** no-endpoint-services / no-endpoint-nodeports: `drop`, a Local traffic policy and no endpoint on this node. */
  | 'no-local-endpoints';

/** One set or map element kube-proxy adds. */
export interface NftGeneratedElement {
  /** The set or map. */
  readonly set: string;
  /** The key as written: `172.30.0.41 . tcp . 80`. */
  readonly key: string;
  /** The verdict of a map element: `goto service-…`, `drop`. */
  readonly verdict?: string;
  readonly role: NftElementRole;
  readonly service?: string;
  /** The whole `add element …` line. */
  readonly line: string;
}

/** One `add rule` line with its place in its chain. */
export interface NftGeneratedRule {
  readonly chain: string;
  /** 0-based position in the chain (the order `nft list ruleset` prints the chain's rules). */
  readonly index: number;
  /** The rule as written after the chain name (`ip daddr @cluster-ips reject comment "…"`). */
  readonly text: string;
  /** The whole `add rule …` line. */
  readonly line: string;
  readonly meaning: NftRuleMeaning;
}
