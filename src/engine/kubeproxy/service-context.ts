/**
 * What syncProxyRules works out for one service port before writing its rules (proxier.go): the
 * categorized endpoints, which chains are in use, and where internal, external and load-balancer
 * traffic is sent.
 */
import type { SourceRef } from '../cluster/model';
import type { CategorizedEndpoints } from './categorize';
import { categorizeEndpoints, externallyAccessible, usesClusterEndpoints, usesLocalEndpoints } from './categorize';
import type { LocalDetector } from './local-detector';
import type { ServicePortInfo } from './service-ports';

/** Node-wide settings every service's rules depend on. */
export interface ProxierSettings {
  readonly masqueradeAll: boolean;
  readonly localhostNodePorts: boolean;
  readonly largeClusterMode: boolean;
  readonly localDetector: LocalDetector;
  readonly nodeIP: string;
  readonly nodeName: string;
  readonly configSource: SourceRef;
}

export interface ServiceContext {
  readonly sp: ServicePortInfo;
  readonly eps: CategorizedEndpoints;
  readonly hasEndpoints: boolean;
  readonly usesClusterPolicyChain: boolean;
  readonly usesLocalPolicyChain: boolean;
  readonly internalTrafficChain: string;
  readonly hasInternalEndpoints: boolean;
  readonly externalPolicyChain: string;
  readonly hasExternalEndpoints: boolean;
  readonly usesExternalTrafficChain: boolean;
  readonly usesFWChain: boolean;
  readonly loadBalancerTrafficChain: string;
  /** REJECT when there are no endpoints at all, DROP when only local ones are missing. */
  readonly internalFilter?: { readonly target: 'REJECT' | 'DROP'; readonly comment: string };
  readonly externalFilter?: { readonly target: 'REJECT' | 'DROP'; readonly comment: string };
}

export function serviceContext(sp: ServicePortInfo): ServiceContext {
  const eps = categorizeEndpoints(sp);
  const hasEndpoints = eps.hasAnyEndpoints;
  const hasInternalEndpoints = hasEndpoints && !(sp.internalPolicyLocal && eps.local.length === 0);
  const hasExternalEndpoints = hasEndpoints && !(sp.externalPolicyLocal && eps.local.length === 0);
  const usesFWChain = hasEndpoints && sp.loadBalancerVIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
  const noEndpoints = { target: 'REJECT' as const, comment: `${sp.name} has no endpoints` };
  const noLocal = { target: 'DROP' as const, comment: `${sp.name} has no local endpoints` };
  const internalFilter = !hasEndpoints ? noEndpoints : !hasInternalEndpoints ? noLocal : undefined;
  const externalFilter = !hasEndpoints ? noEndpoints : !hasExternalEndpoints ? noLocal : undefined;
  return {
    sp,
    eps,
    hasEndpoints,
    usesClusterPolicyChain: eps.cluster.length > 0 && usesClusterEndpoints(sp),
    usesLocalPolicyChain: eps.local.length > 0 && usesLocalEndpoints(sp),
    internalTrafficChain: sp.internalPolicyLocal ? sp.chains.svl : sp.chains.svc,
    hasInternalEndpoints,
    externalPolicyChain: sp.externalPolicyLocal ? sp.chains.svl : sp.chains.svc,
    hasExternalEndpoints,
    usesExternalTrafficChain: hasEndpoints && externallyAccessible(sp),
    usesFWChain,
    loadBalancerTrafficChain: usesFWChain ? sp.chains.fw : sp.chains.ext,
    ...(internalFilter === undefined ? {} : { internalFilter }),
    ...(externalFilter === undefined ? {} : { externalFilter }),
  };
}

/** `-m comment --comment TEXT`, quoted as kube-proxy quotes it (only texts with spaces). */
export function comment(text: string): string[] {
  return ['-m', 'comment', '--comment', text.includes(' ') ? `"${text}"` : text];
}

/** Where a service field lives in the scenario. */
export function field(sp: ServicePortInfo, path: string): SourceRef {
  return { doc: sp.service.source.doc, path };
}

/** `ns/name:port` with the cluster IP, for explanations: `10.96.0.10:53/udp`. */
export function vip(sp: ServicePortInfo): string {
  return `${sp.clusterIP.value}:${sp.port.port}/${sp.protocol}`;
}
