/**
 * One service port's part of the transaction (proxier.go syncProxyRules' loop, v1.34, in its order):
 * the chains it uses, its elements in the dispatch maps (service-ips, service-nodeports, firewall-ips)
 * or in the no-endpoint maps, then the rules of its service-/local-/external-/firewall- chains, its
 * affinity sets, the numgen endpoint pick and one endpoint- chain per endpoint.
 */
import { categorizeEndpoints, externallyAccessible, usesClusterEndpoints, usesLocalEndpoints } from '../categorize';
import { cidrContains, parseCidr, parseIpv4 } from '../../ipv4';
import type { EndpointInfo, ServicePortInfo } from '../service-ports';
import type { NftRuleMeaning } from './meaning';
import { nftEndpointNames, nftServicePortChains, type NftEndpointNames } from './names';
import type { TransactionWriter } from './writer';

/** The node-wide settings a service port's rules depend on. */
export interface NftProxierSettings {
  readonly masqueradeAll: boolean;
  /** The LocalTrafficDetector's nftables matches (`ip saddr 10.244.0.0/16`), or undefined for the no-op detector. */
  readonly localDetector?: { readonly ifLocal: string; readonly ifNotLocal: string };
  readonly nodeIP: string;
}

type Endpoint = EndpointInfo & NftEndpointNames;

export function writeServicePort(tx: TransactionWriter, sp: ServicePortInfo, settings: NftProxierSettings): void {
  const svc = sp.service;
  const service = sp.name;
  const proto = sp.protocol;
  const port = sp.port.port;
  const chains = nftServicePortChains(svc.namespace, svc.name, sp.port.name, proto);
  const named = new Map<EndpointInfo, Endpoint>();
  const withNames = (ep: EndpointInfo): Endpoint => {
    let e = named.get(ep);
    if (e === undefined) named.set(ep, (e = { ...ep, ...nftEndpointNames(svc.namespace, svc.name, sp.port.name, proto, ep.ip, ep.port) }));
    return e;
  };
  const eps = categorizeEndpoints(sp);
  const clusterEndpoints = eps.cluster.map(withNames);
  const localEndpoints = eps.local.map(withNames);
  const reachable = eps.allReachable.map(withNames);
  const hasEndpoints = eps.hasAnyEndpoints;
  const affinity = sp.sessionAffinityClientIP;
  const means = (role: NftRuleMeaning['role'], extra: Omit<NftRuleMeaning, 'role' | 'service'> = {}): NftRuleMeaning => ({ role, service, ...extra });

  tx.note();
  tx.note(service);
  for (const ep of reachable) tx.chain(ep.chain);
  const usesClusterPolicyChain = clusterEndpoints.length > 0 && usesClusterEndpoints(sp);
  if (usesClusterPolicyChain) tx.chain(chains.cluster);
  const usesLocalPolicyChain = localEndpoints.length > 0 && usesLocalEndpoints(sp);
  if (usesLocalPolicyChain) tx.chain(chains.local);

  const internalTrafficChain = sp.internalPolicyLocal ? chains.local : chains.cluster;
  const hasInternalEndpoints = hasEndpoints && !(sp.internalPolicyLocal && localEndpoints.length === 0);
  const externalPolicyChain = sp.externalPolicyLocal ? chains.local : chains.cluster;
  const hasExternalEndpoints = hasEndpoints && !(sp.externalPolicyLocal && localEndpoints.length === 0);
  // Based on hasEndpoints, not hasExternalEndpoints: the short-circuit rules for pod and local traffic are needed even then.
  const usesExternalTrafficChain = hasEndpoints && externallyAccessible(sp);
  if (usesExternalTrafficChain) tx.chain(chains.external);

  // What the no-endpoint maps say for a destination without usable endpoints: no endpoints at all → reject
  // (through reject-chain: `reject` is a statement, not a verdict a map can hold); endpoints elsewhere but
  // none here under a Local policy → drop.
  const noEndpointVerdict = hasEndpoints ? 'drop' : 'goto reject-chain';
  const noEndpointRole = hasEndpoints ? 'no-local-endpoints' : 'no-endpoints';
  const key = (ip: string): string => `${ip} . ${proto} . ${port}`;
  const opts = { service };

  tx.element('cluster-ips', sp.clusterIP.value, 'active-cluster-ip', opts);
  if (hasInternalEndpoints) tx.element('service-ips', key(sp.clusterIP.value), 'cluster-ip', { ...opts, verdict: `goto ${internalTrafficChain}` });
  else tx.element('no-endpoint-services', key(sp.clusterIP.value), noEndpointRole, { ...opts, verdict: noEndpointVerdict, comment: service });

  for (const ip of sp.externalIPs) {
    if (hasEndpoints) tx.element('service-ips', key(ip.value), 'external-ip', { ...opts, verdict: `goto ${chains.external}` });
    if (!hasExternalEndpoints) tx.element('no-endpoint-services', key(ip.value), noEndpointRole, { ...opts, verdict: noEndpointVerdict, comment: service });
  }

  // Unlike iptables mode, the firewall chain does not wait for endpoints (proxier.go: usesFWChain).
  const usesFWChain = sp.loadBalancerVIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
  if (usesFWChain) tx.chain(chains.firewall);
  for (const ip of sp.loadBalancerVIPs) {
    if (hasEndpoints) tx.element('service-ips', key(ip.value), 'load-balancer-ip', { ...opts, verdict: `goto ${chains.external}` });
    if (usesFWChain) tx.element('firewall-ips', key(ip.value), 'firewall', { ...opts, verdict: `goto ${chains.firewall}` });
  }
  if (!hasExternalEndpoints) {
    for (const ip of sp.loadBalancerVIPs) tx.element('no-endpoint-services', key(ip.value), noEndpointRole, { ...opts, verdict: noEndpointVerdict, comment: service });
  }

  if (sp.nodePort !== 0) {
    const npKey = `${proto} . ${sp.nodePort}`;
    // NodePorts are not subject to loadBalancerSourceRanges: they go straight to the external chain.
    if (hasEndpoints) tx.element('service-nodeports', npKey, 'node-port', { ...opts, verdict: `goto ${chains.external}` });
    if (!hasExternalEndpoints) tx.element('no-endpoint-nodeports', npKey, noEndpointRole, { ...opts, verdict: noEndpointVerdict, comment: service });
  }

  if (hasInternalEndpoints) {
    // kubernetes#131492: the chain is only reached through service-ips (ClusterIP, protocol and port already
    // matched) or from external-…, whose destination is never the ClusterIP, so the address alone is enough.
    if (settings.masqueradeAll) {
      tx.rule(internalTrafficChain, `ip daddr ${sp.clusterIP.value} jump mark-for-masquerade`, means('masquerade-all'));
    } else if (settings.localDetector !== undefined) {
      tx.rule(internalTrafficChain, `ip daddr ${sp.clusterIP.value} ${settings.localDetector.ifNotLocal} jump mark-for-masquerade`, means('masquerade-off-cluster'));
    }
  }

  if (usesExternalTrafficChain) {
    const ext = chains.external;
    if (!sp.externalPolicyLocal) {
      // Cluster policy may send the packet to another node: its reply must come back through this one.
      tx.rule(ext, 'jump mark-for-masquerade', means('external-masquerade'));
    } else {
      if (settings.localDetector !== undefined) {
        tx.rule(ext, `${settings.localDetector.ifLocal} goto ${chains.cluster}`, means('pod-traffic-short-circuit'), 'short-circuit pod traffic');
      }
      tx.rule(ext, 'fib saddr type local jump mark-for-masquerade', means('local-traffic-masquerade'), 'masquerade local traffic');
      tx.rule(ext, `fib saddr type local goto ${chains.cluster}`, means('local-traffic-short-circuit'), 'short-circuit local traffic');
    }
    if (hasExternalEndpoints) tx.rule(ext, `goto ${externalPolicyChain}`, means('jump-to-service-chain'));
  }

  if (usesFWChain) {
    const sources = sp.loadBalancerSourceRanges.map((r) => r.value);
    const nodeIP = parseIpv4(settings.nodeIP);
    // A VIP-like load balancer puts its IP on the node, so the node's own requests come back from the VIP.
    const allowFromNode = nodeIP !== undefined && sources.some((r) => {
      const cidr = parseCidr(r);
      return cidr !== undefined && cidrContains(cidr, nodeIP);
    });
    if (allowFromNode) sources.push(...sp.loadBalancerVIPs.map((ip) => ip.value));
    tx.rule(chains.firewall, `ip saddr != { ${sources.join(' , ')} } drop`, means('source-range-drop'));
  }

  if (affinity) {
    for (const ep of reachable) tx.set(ep.affinitySet, ['type ipv4_addr', 'flags dynamic,timeout', `timeout ${sp.stickyMaxAgeSeconds}s`]);
  }
  if (usesClusterPolicyChain) writeServiceToEndpointRules(tx, chains.cluster, clusterEndpoints, affinity, means);
  if (usesLocalPolicyChain) writeServiceToEndpointRules(tx, chains.local, localEndpoints, affinity, means);

  for (const ep of reachable) {
    const endpoint = ep.key;
    tx.rule(ep.chain, `ip saddr ${ep.ip} jump mark-for-masquerade`, means('hairpin-masquerade', { endpoint }));
    if (affinity) tx.rule(ep.chain, `update @${ep.affinitySet} { ip saddr }`, means('affinity-update', { endpoint }));
    tx.rule(ep.chain, `meta l4proto ${proto} dnat to ${ep.ip}:${ep.port}`, means('endpoint-dnat', { endpoint }));
  }
}

/** proxier.go `writeServiceToEndpointRules`: the affinity checks, then one numgen pick over the endpoints. */
function writeServiceToEndpointRules(
  tx: TransactionWriter,
  chain: string,
  endpoints: readonly Endpoint[],
  affinity: boolean,
  means: (role: NftRuleMeaning['role'], extra?: Omit<NftRuleMeaning, 'role' | 'service'>) => NftRuleMeaning,
): void {
  if (affinity) {
    for (const ep of endpoints) tx.rule(chain, `ip saddr @${ep.affinitySet} goto ${ep.chain}`, means('affinity', { endpoint: ep.key }));
  }
  const elements = endpoints.map((ep, i) => `${i} : goto ${ep.chain}`).join(' , ');
  tx.rule(chain, `numgen random mod ${endpoints.length} vmap { ${elements} }`, means('endpoint-pick', { endpoints: endpoints.map((ep) => ep.key) }));
}
