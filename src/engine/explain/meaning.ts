/**
 * What a rule kube-proxy (or kubelet) writes is for, as data: the generator gives one with every rule,
 * the worker passes it along with each hop, and the page turns it into words through the catalog
 * (`catalog.ts`). Role names follow proxier.go's own words (its variables and `--comment` texts).
 */
import type { ExplanationKey } from './catalog';

export type RuleRole =
  // Node-wide: the jumps kube-proxy ensures in the built-in chains (proxier.go `iptablesJumpChains`) and kubelet's.
  /** `kubernetes load balancer firewall` → KUBE-PROXY-FIREWALL. */
  | 'jump-to-proxy-firewall'
  /** `kubernetes health check service ports` → filter KUBE-NODEPORTS. */
  | 'jump-to-health-check-node-ports'
  /** `kubernetes externally-visible service portals` → KUBE-EXTERNAL-SERVICES. */
  | 'jump-to-external-services'
  /** `kubernetes service portals` → KUBE-SERVICES (filter or nat). */
  | 'jump-to-services'
  /** `kubernetes forwarding rules` → KUBE-FORWARD. */
  | 'jump-to-forward'
  /** `kubernetes postrouting rules` → KUBE-POSTROUTING. */
  | 'jump-to-postrouting'
  /** kubelet's jump to KUBE-FIREWALL. */
  | 'jump-to-kubelet-firewall'
  /** `kubernetes service nodeports; NOTE: this must be the last rule in this chain` → nat KUBE-NODEPORTS. */
  | 'jump-to-node-ports'
  /** KUBE-POSTROUTING: packets without the masquerade mark RETURN. */
  | 'masquerade-skip-unmarked'
  /** KUBE-POSTROUTING: `--xor-mark` clears the mark before MASQUERADE. */
  | 'masquerade-clear-mark'
  /** KUBE-POSTROUTING: `kubernetes service traffic requiring SNAT` → MASQUERADE. */
  | 'masquerade'
  /** KUBE-MARK-MASQ: sets the masquerade mark. */
  | 'masquerade-mark'
  /** kubelet's KUBE-FIREWALL: `block incoming localnet connections`. */
  | 'block-localnet'
  /** KUBE-FORWARD: conntrack INVALID → DROP (nfacct `ct_state_invalid_dropped_pkts`). */
  | 'drop-invalid'
  /** KUBE-FORWARD: marked service traffic → ACCEPT. */
  | 'forward-marked'
  /** KUBE-FORWARD: `kubernetes forwarding conntrack rule` → ACCEPT. */
  | 'forward-established'
  // kind's masq agent (kindnet), on kind nodes.
  /** nat POSTROUTING: non-LOCAL destinations → KIND-MASQ-AGENT. */
  | 'jump-to-kind-masq-agent'
  /** KIND-MASQ-AGENT: the pod subnet → RETURN. */
  | 'kind-masq-return'
  /** KIND-MASQ-AGENT: everything else → MASQUERADE. */
  | 'kind-masq-masquerade'
  // Per service port (proxier.go syncProxyRules and writeServiceToEndpointRules).
  /** `… cluster IP` in nat KUBE-SERVICES → the internal traffic chain. */
  | 'cluster-ip'
  /** `… external IP` in nat KUBE-SERVICES → KUBE-EXT. */
  | 'external-ip'
  /** `… loadbalancer IP` in nat KUBE-SERVICES → KUBE-FW or KUBE-EXT. */
  | 'load-balancer-ip'
  /** The service port's node port in nat KUBE-NODEPORTS → KUBE-EXT. */
  | 'node-port'
  /** `… has no endpoints` → REJECT. */
  | 'no-endpoints'
  /** `… has no local endpoints` → DROP (a Local traffic policy and no endpoint on this node). */
  | 'no-local-endpoints'
  /** `… traffic not accepted by KUBE-FW-…` in filter KUBE-PROXY-FIREWALL → DROP. */
  | 'firewall-drop'
  /** `… health check node port` → ACCEPT. */
  | 'health-check-node-port'
  /** The internal traffic chain marks off-cluster traffic (localDetector.IfNotLocal) for SNAT. */
  | 'masquerade-off-cluster'
  /** The internal traffic chain marks every connection (masqueradeAll). */
  | 'masquerade-all'
  /** KUBE-EXT: `masquerade traffic for … external destinations` (externalTrafficPolicy Cluster). */
  | 'external-masquerade'
  /** KUBE-EXT: `pod traffic for … external destinations` → the cluster policy chain. */
  | 'pod-traffic-short-circuit'
  /** KUBE-EXT: `masquerade LOCAL traffic for … external destinations`. */
  | 'local-traffic-masquerade'
  /** KUBE-EXT: `route LOCAL traffic for … external destinations` → the cluster policy chain. */
  | 'local-traffic-short-circuit'
  /** KUBE-EXT → the external policy chain (KUBE-SVC or KUBE-SVL). */
  | 'jump-to-service-chain'
  /** KUBE-FW: a loadBalancerSourceRanges entry (or the VIP itself) → KUBE-EXT. */
  | 'source-range-allowed'
  /** KUBE-FW: `other traffic to … will be dropped by KUBE-PROXY-FIREWALL` (no target). */
  | 'source-range-other'
  /** KUBE-SVC/SVL: sessionAffinity ClientIP, `recent --rcheck`. */
  | 'affinity'
  /** KUBE-SVC/SVL: `statistic --probability` picks one endpoint. */
  | 'endpoint-pick'
  /** KUBE-SVC/SVL: the last (or only) endpoint rule, unconditional. */
  | 'last-endpoint'
  /** KUBE-SEP: `-s ENDPOINT -j KUBE-MARK-MASQ` (hairpin). */
  | 'hairpin-masquerade'
  /** KUBE-SEP: DNAT to the endpoint. */
  | 'endpoint-dnat';

/** A value a sentence of the catalog is filled with. */
export type ExplanationParams = Readonly<Record<string, string | number>>;

/** One rule's meaning: its role, what it serves, and the catalog key (with values) that says why it exists. */
export interface RuleMeaning {
  readonly role: RuleRole;
  /** The Service port the rule serves, as kube-proxy names it: `ns/name:port` (`ns/name` for an unnamed port). */
  readonly service?: string;
  /** The endpoint (`ip:port`) the rule picks, DNATs to or belongs to. */
  readonly endpoint?: string;
  /** For an endpoint pick: the chance this rule takes a packet that reaches it (1/n of the endpoints left). */
  readonly probability?: number;
  readonly key: ExplanationKey;
  readonly params: ExplanationParams;
}
