/**
 * A ClusterIP Service the lab writes itself instead of reading it from YAML (the implicit `kubernetes` and
 * `kube-dns`, the scale lab's synthetic Services): every field a manifest may leave out at the API server's
 * default, as validate-service.ts defaults them.
 */
import type { ServiceModel } from './model';
import { DEFAULT_AFFINITY_SECONDS } from './validate-service';

export function clusterIPService(s: Pick<ServiceModel, 'namespace' | 'name' | 'clusterIP' | 'ports' | 'selector' | 'implicit' | 'source'>): ServiceModel {
  return {
    namespace: s.namespace,
    name: s.name,
    type: 'ClusterIP',
    clusterIP: s.clusterIP,
    ports: s.ports,
    ...(s.selector !== undefined ? { selector: s.selector } : {}),
    externalIPs: [],
    loadBalancerIngressIPs: [],
    loadBalancerSourceRanges: [],
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    sessionAffinity: 'None',
    sessionAffinityTimeoutSeconds: DEFAULT_AFFINITY_SECONDS,
    healthCheckNodePort: 0,
    implicit: s.implicit,
    source: s.source,
  };
}
