/**
 * A service port's own chains (proxier.go syncProxyRules after the entry rules, and
 * `writeServiceToEndpointRules`): the off-cluster masquerade rule, KUBE-EXT (external
 * destinations), KUBE-FW (loadBalancerSourceRanges), KUBE-SVC/KUBE-SVL (choosing an endpoint: the
 * ClientIP affinity `recent --rcheck` rules, then a `statistic` cascade of 1/n, 1/(n-1), … with the
 * last rule unconditional) and one KUBE-SEP per endpoint (hairpin masquerade + DNAT).
 */
import type { ExplanationKey } from '../explain/catalog';
import type { ExplanationParams, RuleMeaning, RuleRole } from '../explain/meaning';
import { cidrContains, parseCidr, parseIpv4 } from '../ipv4';
import type { LocalDetector } from './local-detector';
import { serviceMeaning } from './meanings';
import { ENDPOINT_SHAPES } from './endpoint-rule-shapes';
import type { PickChain } from './endpoint-rule-shapes';
import type { RuleBuffer } from './rule-buffer';
import type { ProxierSettings, ServiceContext } from './service-context';
import { comment, field, vip } from './service-context';
import type { EndpointInfo, ServicePortInfo } from './service-ports';

export function writeServiceChains(buf: RuleBuffer, ctx: ServiceContext, settings: ProxierSettings): void {
  const { sp } = ctx;
  const name = sp.name;
  const p = sp.protocol;
  const port = String(sp.port.port);
  const portSrc = sp.port.source;
  const natRules = buf.rules('nat');
  const means = (role: RuleRole, key: ExplanationKey, params: ExplanationParams = {}): RuleMeaning => serviceMeaning(name, role, key, params);
  const det = settings.localDetector;
  const detSrc = det.source === undefined ? [] : [det.source];

  if (ctx.hasInternalEndpoints) {
    const args = [...comment(`${name} cluster IP`), '-m', p, '-p', p, '-d', sp.clusterIP.value, '--dport', port];
    if (settings.masqueradeAll) {
      natRules.write(ctx.internalTrafficChain, [...args, '-j', 'KUBE-MARK-MASQ'], means('masquerade-all', 'svc.masqueradeAll', { vip: vip(sp) }),
        [sp.clusterIP.source, { doc: settings.configSource.doc, path: 'iptables.masqueradeAll' }]);
    } else if (det.implemented) {
      // Off-cluster traffic to a service VIP is masqueraded: the endpoint may be on another node, and its reply must come back here.
      natRules.write(ctx.internalTrafficChain, [...args, ...det.ifNotLocal, '-j', 'KUBE-MARK-MASQ'],
        means('masquerade-off-cluster', byDetector(det, 'svc.masqueradeOffClusterCidr', 'svc.masqueradeOffClusterInterface'), { vip: vip(sp), ...detectorParams(det) }),
        [sp.clusterIP.source, ...detSrc]);
    }
  }

  if (ctx.usesExternalTrafficChain) {
    const ext = sp.chains.ext;
    buf.declare('nat', ext);
    const etpSrc = [field(sp, 'spec.externalTrafficPolicy')];
    if (!sp.externalPolicyLocal) {
      natRules.write(ext, [...comment(`masquerade traffic for ${name} external destinations`), '-j', 'KUBE-MARK-MASQ'], means('external-masquerade', 'ext.masquerade'), [portSrc, ...etpSrc]);
    } else {
      if (det.implemented) {
        natRules.write(ext, [...comment(`pod traffic for ${name} external destinations`), ...det.ifLocal, '-j', sp.chains.svc],
          means('pod-traffic-short-circuit', byDetector(det, 'ext.podTrafficCidr', 'ext.podTrafficInterface'), { chain: sp.chains.svc, ...detectorParams(det) }),
          [...etpSrc, ...detSrc]);
      }
      natRules.write(ext, [...comment(`masquerade LOCAL traffic for ${name} external destinations`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', 'KUBE-MARK-MASQ'],
        means('local-traffic-masquerade', 'ext.masqueradeLocal'), etpSrc);
      natRules.write(ext, [...comment(`route LOCAL traffic for ${name} external destinations`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', sp.chains.svc],
        means('local-traffic-short-circuit', 'ext.routeLocal', { chain: sp.chains.svc }), etpSrc);
    }
    if (ctx.hasExternalEndpoints) {
      natRules.write(ext, ['-j', ctx.externalPolicyChain],
        means('jump-to-service-chain', sp.externalPolicyLocal ? 'ext.toLocalPolicy' : 'ext.toClusterPolicy', { chain: ctx.externalPolicyChain }),
        [portSrc, ...(sp.externalPolicyLocal ? etpSrc : [])]);
    }
  }

  if (ctx.usesFWChain) writeFirewallChain(buf, sp, settings);

  if (ctx.usesClusterPolicyChain) {
    buf.declare('nat', sp.chains.svc);
    writeServiceToEndpointRules(buf, sp, sp.chains.svc, ctx.eps.cluster, settings.largeClusterMode);
  }
  if (ctx.usesLocalPolicyChain) {
    buf.declare('nat', sp.chains.svl);
    writeServiceToEndpointRules(buf, sp, sp.chains.svl, ctx.eps.local, settings.largeClusterMode);
  }
  for (const ep of ctx.eps.allReachable) writeEndpointChain(buf, sp, ep, settings.largeClusterMode);
}

/** The key for how this node's detector tells pod traffic: by the pod network's CIDR, or by the pods' interface. */
function byDetector(det: LocalDetector, cidr: ExplanationKey, iface: ExplanationKey): ExplanationKey {
  return det.by?.kind === 'interface' ? iface : cidr;
}

function detectorParams(det: LocalDetector): ExplanationParams {
  if (det.by === undefined) return {};
  return det.by.kind === 'cidr' ? { cidr: det.by.cidr } : { interface: det.by.interface };
}

function writeFirewallChain(buf: RuleBuffer, sp: ServicePortInfo, settings: ProxierSettings): void {
  const fw = sp.chains.fw;
  const name = sp.name;
  const natRules = buf.rules('nat');
  buf.declare('nat', fw);
  const head = comment(`${name} loadbalancer IP`);
  const nodeIP = parseIpv4(settings.nodeIP);
  let allowFromNode = false;
  for (const range of sp.loadBalancerSourceRanges) {
    natRules.write(fw, [...head, '-s', range.value, '-j', sp.chains.ext], serviceMeaning(name, 'source-range-allowed', 'fw.allowRange', { range: range.value, chain: sp.chains.ext }), [range.source]);
    const cidr = parseCidr(range.value);
    if (cidr !== undefined && nodeIP !== undefined && cidrContains(cidr, nodeIP)) allowFromNode = true;
  }
  // A VIP-like load balancer often puts its IP on the node, so a request from the node loops back
  // with the VIP as its source; kube-proxy lets those in when the node's own IP is allowed.
  if (allowFromNode) {
    for (const ip of sp.loadBalancerVIPs) {
      natRules.write(fw, [...head, '-s', ip.value, '-j', sp.chains.ext], serviceMeaning(name, 'source-range-allowed', 'fw.allowLoadBalancerIP', { ip: ip.value, chain: sp.chains.ext }),
        [ip.source, field(sp, 'spec.loadBalancerSourceRanges')]);
    }
  }
  // No target: a packet reaching the end of the chain was not DNATed, so filter KUBE-PROXY-FIREWALL drops it.
  natRules.write(fw, comment(`other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL`), serviceMeaning(name, 'source-range-other', 'fw.other'),
    [field(sp, 'spec.loadBalancerSourceRanges')]);
}

function writeServiceToEndpointRules(buf: RuleBuffer, sp: ServicePortInfo, chain: string, endpoints: readonly EndpointInfo[], largeClusterMode: boolean): void {
  const name = sp.name;
  const natRules = buf.rules('nat');
  const epComment = (ep: EndpointInfo): string[] => (largeClusterMode ? [] : comment(`${name} -> ${ep.key}`));
  if (sp.sessionAffinityClientIP) {
    const seconds = sp.stickyMaxAgeSeconds;
    for (const ep of endpoints) {
      natRules.write(chain, [...epComment(ep), '-m', 'recent', '--name', ep.chain, '--rcheck', '--seconds', String(seconds), '--reap', '-j', ep.chain],
        () => serviceMeaning(name, 'affinity', 'svc.affinity', { endpoint: ep.key, seconds, list: ep.chain }, { endpoint: ep.key }),
        [field(sp, 'spec.sessionAffinity'), ...ep.sources]);
    }
  }
  // Each rule but the last is a probabilistic match of 1/(endpoints left); the last takes the rest.
  const pick = shapes(largeClusterMode).pick;
  const picking: PickChain = { sp, endpoints: endpoints.length };
  for (let i = 0; i < endpoints.length; i++) natRules.shaped(chain, pick, picking, endpoints[i]!, i);
}

function shapes(largeClusterMode: boolean): (typeof ENDPOINT_SHAPES)['plain'] {
  return largeClusterMode ? ENDPOINT_SHAPES.plain : ENDPOINT_SHAPES.commented;
}

function writeEndpointChain(buf: RuleBuffer, sp: ServicePortInfo, ep: EndpointInfo, largeClusterMode: boolean): void {
  const name = sp.name;
  const p = sp.protocol;
  const natRules = buf.rules('nat');
  buf.openChain('nat', ep.chain);
  const { hairpin, dnat } = shapes(largeClusterMode);
  // Hairpin: an endpoint reaching its own service and picked must not see a packet from itself.
  natRules.shaped(ep.chain, hairpin, sp, ep, 0);
  if (!sp.sessionAffinityClientIP) {
    natRules.shaped(ep.chain, dnat, sp, ep, 0);
    buf.closeChain('nat');
    return;
  }
  const head = largeClusterMode ? [] : comment(name);
  natRules.write(ep.chain, [...head, '-m', 'recent', '--name', ep.chain, '--set', '-m', p, '-p', p, '-j', 'DNAT', '--to-destination', ep.key],
    () => serviceMeaning(name, 'endpoint-dnat', 'sep.dnatAffinity', { endpoint: ep.key, list: ep.chain }, { endpoint: ep.key }),
    [...ep.sources, field(sp, 'spec.sessionAffinity')]);
  buf.closeChain('nat');
}
