/**
 * kube-proxy's LocalTrafficDetector (pkg/proxy/util/localdetector.go, chosen in
 * cmd/kube-proxy/app/server_linux.go `getLocalDetector`): the iptables arguments that tell pod
 * traffic (from this cluster) from everything else. With nothing to detect by (ClusterCIDR mode
 * without a clusterCIDR, NodeCIDR without a podCIDR, an empty bridge name or prefix) it is the
 * no-op detector and kube-proxy writes neither the "masquerade off-cluster traffic" rule nor the
 * "pod traffic" short-circuit.
 */
import type { ClusterNode, KubeProxyConfig, SourceRef } from '../cluster/model';
import { parseCidr } from '../ipv4';

export interface LocalDetector {
  readonly implemented: boolean;
  /** e.g. `-s 10.244.0.0/16`, `-i cbr0`, `-i veth+`. */
  readonly ifLocal: readonly string[];
  /** The same, negated: `! -s 10.244.0.0/16`. */
  readonly ifNotLocal: readonly string[];
  /** What tells pod traffic apart, for explanations: the pod network's CIDR or the pods' interface (name or `prefix+`). */
  readonly by?: { readonly kind: 'cidr'; readonly cidr: string } | { readonly kind: 'interface'; readonly interface: string };
  readonly source?: SourceRef;
}

const NO_OP: LocalDetector = { implemented: false, ifLocal: [], ifNotLocal: [] };

export function localDetector(config: KubeProxyConfig, node: ClusterNode | undefined): LocalDetector {
  const at = (path: string): SourceRef => ({ doc: config.source.doc, path });
  switch (config.detectLocalMode) {
    case 'ClusterCIDR': {
      // --cluster-cidr may list one CIDR per family; the IPv4 proxier takes the IPv4 one.
      const cidr = config.clusterCIDR.split(',').map((c) => c.trim()).find((c) => parseCidr(c) !== undefined);
      return cidr === undefined ? NO_OP : byCidr(cidr, at('clusterCIDR'));
    }
    case 'NodeCIDR':
      return node === undefined || parseCidr(node.podCIDR) === undefined ? NO_OP : byCidr(node.podCIDR, node.source.doc >= 0 ? { doc: node.source.doc, path: 'spec.podCIDR' } : at('detectLocalMode'));
    case 'BridgeInterface':
      return config.bridgeInterface === '' ? NO_OP : byInterface(config.bridgeInterface, at('detectLocal.bridgeInterface'));
    case 'InterfaceNamePrefix':
      // iptables matches an interface name prefix with a trailing `+`.
      return config.interfaceNamePrefix === '' ? NO_OP : byInterface(`${config.interfaceNamePrefix}+`, at('detectLocal.interfaceNamePrefix'));
  }
}

function byCidr(cidr: string, source: SourceRef): LocalDetector {
  return {
    implemented: true,
    ifLocal: ['-s', cidr],
    ifNotLocal: ['!', '-s', cidr],
    by: { kind: 'cidr', cidr },
    source,
  };
}

function byInterface(name: string, source: SourceRef): LocalDetector {
  return {
    implemented: true,
    ifLocal: ['-i', name],
    ifNotLocal: ['!', '-i', name],
    by: { kind: 'interface', interface: name },
    source,
  };
}
