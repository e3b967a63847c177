/**
 * Who wrote a chain, from its name: each component prefixes its chains (kube-proxy's proxier.go
 * `KUBE-SVC-`…, kubelet's `KUBE-KUBELET-CANARY`/`KUBE-FIREWALL`, Docker's `DOCKER*`, kindnet's
 * `KIND-MASQ-AGENT`, the AWS VPC CNI's `AWS-SNAT-CHAIN-0`/`AWS-CONNMARK-CHAIN-0`, Calico's `cali-`,
 * Cilium's `CILIUM_`, Flannel's `FLANNEL-`). A name no rule claims is "unknown", never guessed.
 */
import type { ChainOwner } from './model';

const BUILT_IN = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);

/** kubelet's chains (pkg/kubelet/kubelet_network_linux.go); every other KUBE- chain is kube-proxy's. */
const KUBELET = new Set(['KUBE-KUBELET-CANARY', 'KUBE-FIREWALL', 'KUBE-MARK-DROP']);

const PREFIXES: readonly (readonly [RegExp, ChainOwner])[] = [
  [/^KUBE-/, 'kube-proxy'],
  [/^DOCKER/, 'Docker'],
  [/^KIND-/, 'kindnet'],
  [/^AWS-/, 'AWS VPC CNI'],
  [/^cali-/, 'Calico'],
  [/^(OLD_)?CILIUM_/, 'Cilium'],
  [/^FLANNEL-/, 'Flannel'],
];

export function chainOwner(chain: string): ChainOwner {
  if (BUILT_IN.has(chain)) return 'built-in';
  if (KUBELET.has(chain)) return 'kubelet';
  for (const [re, owner] of PREFIXES) if (re.test(chain)) return owner;
  return 'unknown';
}

/**
 * Who wrote an nft table's chains: kube-proxy's nftables proxier keeps everything in `table ip kube-proxy`;
 * iptables-nft's compat tables (`table ip nat`, `filter`, …) hold chains named as iptables would name them.
 */
export function nftChainOwner(table: string, chain: string, base: boolean): ChainOwner {
  if (table === 'kube-proxy') return 'kube-proxy';
  if (['nat', 'filter', 'mangle', 'raw'].includes(table)) return base && BUILT_IN.has(chain) ? 'built-in' : chainOwner(chain);
  return 'unknown';
}
