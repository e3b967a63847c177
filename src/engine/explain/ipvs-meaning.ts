/**
 * What each iptables rule kube-proxy's IPVS proxier writes is for, as data (the IPVS-mode counterpart of
 * `meaning.ts`, kept here beside it so the words in `ipvs-roles.ts` need nothing from the layers above).
 * The writer (kubeproxy/ipvs/iptables-rules.ts) records one with every rule.
 */

export type IpvsRuleRole =
  // The jumps kube-proxy ensures in the built-in chains, and kubelet's.
  /** nat PREROUTING / OUTPUT → KUBE-SERVICES (`kubernetes service portals`). */
  | 'jump-to-services'
  /** nat POSTROUTING → KUBE-POSTROUTING. */
  | 'jump-to-postrouting'
  /** filter FORWARD → KUBE-FORWARD. */
  | 'jump-to-forward'
  /** filter INPUT → KUBE-NODE-PORT (`kubernetes health check rules`). */
  | 'jump-to-health-check'
  /** filter INPUT / FORWARD → KUBE-PROXY-FIREWALL. */
  | 'jump-to-proxy-firewall'
  /** filter INPUT → KUBE-IPVS-FILTER (`kubernetes ipvs access filter`). */
  | 'jump-to-ipvs-filter'
  /** filter OUTPUT → KUBE-IPVS-OUT-FILTER. */
  | 'jump-to-ipvs-out-filter'
  /** kubelet: INPUT / OUTPUT → KUBE-FIREWALL. */
  | 'jump-to-kubelet-firewall'
  /** kubelet's KUBE-FIREWALL: `block incoming localnet connections`. */
  | 'block-localnet'
  // nat KUBE-SERVICES
  /** `-s 127.0.0.0/8 -j RETURN`: connections from localhost are dismissed early. */
  | 'localhost-return'
  /** `--match-set KUBE-CLUSTER-IP dst,dst ! -s <pod CIDR> -j KUBE-MARK-MASQ`: off-cluster traffic to a ClusterIP. */
  | 'cluster-ip-masquerade-off-cluster'
  /** The same rule with masqueradeAll: every connection to a ClusterIP. */
  | 'cluster-ip-masquerade-all'
  /** No local detector: `--match-set KUBE-CLUSTER-IP src,dst` — the node's own traffic from a VIP. */
  | 'cluster-ip-masquerade-vip-source'
  /** `--match-set KUBE-LOAD-BALANCER dst,dst -j KUBE-LOAD-BALANCER`. */
  | 'load-balancer-jump'
  /** `--match-set KUBE-EXTERNAL-IP dst,dst -j KUBE-MARK-MASQ`. */
  | 'external-ip-masquerade'
  /** `… ! --physdev-is-in ! --src-type LOCAL -j ACCEPT`: external IP traffic from off the machine. */
  | 'external-ip-accept-off-machine'
  /** `… --dst-type LOCAL -j ACCEPT`: an external IP this node holds. */
  | 'external-ip-accept-local'
  /** `-m addrtype --dst-type LOCAL -j KUBE-NODE-PORT`. */
  | 'jump-to-node-port'
  /** acceptIPVSTraffic: `--match-set KUBE-CLUSTER-IP|KUBE-LOAD-BALANCER dst,dst -j ACCEPT`. */
  | 'accept-service'
  // nat KUBE-NODE-PORT, KUBE-LOAD-BALANCER
  /** `--match-set KUBE-NODE-PORT-LOCAL-* -j RETURN`: a Local policy NodePort keeps the client address. */
  | 'node-port-local-return'
  /** `--match-set KUBE-NODE-PORT-{TCP,UDP,SCTP-HASH} -j KUBE-MARK-MASQ`. */
  | 'node-port-masquerade'
  /** `--match-set KUBE-LOAD-BALANCER-LOCAL -j RETURN`. */
  | 'load-balancer-local-return'
  /** KUBE-LOAD-BALANCER's last rule: `-j KUBE-MARK-MASQ`. */
  | 'load-balancer-masquerade'
  // nat KUBE-POSTROUTING, KUBE-MARK-MASQ
  /** `--match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE`: a pod reaching itself through its Service (hairpin). */
  | 'loop-back-masquerade'
  | 'masquerade-skip-unmarked'
  | 'masquerade-clear-mark'
  | 'masquerade'
  | 'masquerade-mark'
  // filter
  | 'forward-marked'
  | 'forward-established'
  /** filter KUBE-NODE-PORT: `--match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT`. */
  | 'health-check-accept'
  /** KUBE-PROXY-FIREWALL: `--match-set KUBE-LOAD-BALANCER-FW -j KUBE-SOURCE-RANGES-FIREWALL`. */
  | 'source-ranges-jump'
  /** KUBE-SOURCE-RANGES-FIREWALL: an allowed source (`KUBE-LOAD-BALANCER-SOURCE-CIDR` / `-SOURCE-IP`) → RETURN. */
  | 'source-range-allowed'
  /** KUBE-SOURCE-RANGES-FIREWALL's last rule: `-j DROP`. */
  | 'source-range-drop'
  /** KUBE-IPVS-OUT-FILTER: the node's own connection to a load-balancer IP its sourceRanges leave out → DROP. */
  | 'no-node-access-drop'
  /** KUBE-IPVS-FILTER: `--match-set <a Service set> -j RETURN`. */
  | 'ipvs-filter-return'
  /** KUBE-IPVS-FILTER: `-m conntrack --ctstate NEW --match-set KUBE-IPVS-IPS dst -j REJECT`. */
  | 'ipvs-filter-reject';

export interface IpvsRuleMeaning {
  readonly role: IpvsRuleRole;
  /** The ipset the rule matches, when it matches one. */
  readonly set?: string;
}
