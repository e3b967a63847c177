/**
 * Which endpoints each traffic policy uses on this node, as pkg/proxy/topology.go
 * `CategorizeEndpoints` decides (without topology hints, which the scenario format does not carry):
 * Ready endpoints by default, falling back to serving-and-terminating ones (independently for
 * Cluster and Local) when none is Ready.
 */
import type { EndpointInfo, ServicePortInfo } from './service-ports';
import { compare } from './service-ports';

/** The three endpoint lists of CategorizeEndpoints plus whether any endpoint is usable anywhere. */
export interface CategorizedEndpoints {
  /** Endpoints for Cluster traffic policy (empty when the service never uses it). */
  readonly cluster: readonly EndpointInfo[];
  /** This node's endpoints for Local traffic policy (empty when the service never uses it). */
  readonly local: readonly EndpointInfo[];
  /** Every endpoint that gets a KUBE-SEP chain on this node. */
  readonly allReachable: readonly EndpointInfo[];
  readonly hasAnyEndpoints: boolean;
}

/** `ExternallyAccessible`: a node port, an external IP or a load-balancer IP. */
export function externallyAccessible(sp: ServicePortInfo): boolean {
  return sp.nodePort !== 0 || sp.externalIPs.length > 0 || sp.loadBalancerVIPs.length > 0;
}

/**
 * `UsesClusterEndpoints` (pkg/proxy/serviceport.go): internal traffic policy Cluster, or any external access at
 * all — even with externalTrafficPolicy Local, pod and LOCAL traffic to an external address is short-circuited
 * to the cluster-wide chain, so that chain must exist.
 */
export function usesClusterEndpoints(sp: ServicePortInfo): boolean {
  return !sp.internalPolicyLocal || externallyAccessible(sp);
}

/** `UsesLocalEndpoints`: internal traffic policy Local, or external traffic with policy Local. */
export function usesLocalEndpoints(sp: ServicePortInfo): boolean {
  return sp.internalPolicyLocal || (externallyAccessible(sp) && sp.externalPolicyLocal);
}

const servingTerminating = (ep: EndpointInfo): boolean => ep.serving && ep.terminating;

export function categorizeEndpoints(sp: ServicePortInfo): CategorizedEndpoints {
  const endpoints = sp.endpoints;
  let cluster: readonly EndpointInfo[] = [];
  let hasAnyEndpoints = false;
  if (usesClusterEndpoints(sp)) {
    cluster = endpoints.filter((ep) => ep.ready);
    if (cluster.length === 0) cluster = endpoints.filter(servingTerminating);
    hasAnyEndpoints = cluster.length > 0;
  }
  if (!usesLocalEndpoints(sp)) return { cluster, local: [], allReachable: cluster, hasAnyEndpoints };

  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalReady = true;
    } else if (servingTerminating(ep)) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalServingTerminating = true;
    }
  }
  let local: readonly EndpointInfo[] = [];
  let usesServingTerminating = false;
  if (hasLocalReady) local = endpoints.filter((ep) => ep.isLocal && ep.ready);
  else if (hasLocalServingTerminating) {
    usesServingTerminating = true;
    local = endpoints.filter((ep) => ep.isLocal && servingTerminating(ep));
  }
  if (!usesClusterEndpoints(sp)) return { cluster, local, allReachable: local, hasAnyEndpoints };
  // Without topology, the Cluster list holds every Ready endpoint, a superset of Ready local ones.
  if (!usesServingTerminating) return { cluster, local, allReachable: cluster, hasAnyEndpoints };
  // kube-proxy merges the two lists through a map (random order); the KUBE-SEP chains' order does
  // not show in iptables-save, which sorts user chains, so the merge is kept in `ip:port` order.
  const merged = new Map<string, EndpointInfo>();
  for (const ep of [...cluster, ...local]) merged.set(ep.key, ep);
  return { cluster, local, allReachable: [...merged.values()].sort((a, b) => compare(a.key, b.key)), hasAnyEndpoints };
}
