/**
 * Service address and port allocation (DESIGN §2): cluster IPs from the serviceSubnet's `.100` upward
 * (`.1` and `.10` belong to kubernetes and kube-dns), node ports from 30000 upward, both after every
 * value the scenario wrote itself has been reserved — as the API server's allocators refuse a taken one.
 */
import { formatIpv4, lastUsable, nthAddress, parseCidr } from '../ipv4';
import { formatPath } from './diagnostics';
import type { Reporter } from './diagnostics';
import { inCidr } from './ipam';
import type { ServiceModel, ServicePortModel } from './model';
import type { ServiceDraft } from './validate-service';

/** `--service-node-port-range` default. */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
/** Where automatic cluster IPs start in the serviceSubnet. */
export const FIRST_DYNAMIC_CLUSTER_IP = 100;

export interface ServiceInput {
  readonly draft: ServiceDraft;
  readonly r: Reporter;
}

export function allocateServices(inputs: readonly ServiceInput[], serviceSubnet: string, reservedIPs: ReadonlySet<string>): ServiceModel[] {
  const subnet = parseCidr(serviceSubnet);
  const takenIPs = new Set(reservedIPs);
  for (const { draft, r } of inputs) {
    const ip = draft.clusterIP;
    if (ip === '' || ip === 'None') continue;
    if (takenIPs.has(ip)) r.invalid(['spec', 'clusterIP'], ip, `failed to allocate IP ${ip}: provided IP is already allocated`);
    else if (!inCidr(serviceSubnet, ip))
      // The allocator's own words (pkg/registry/core/service/ipallocator); only a warning here, since
      // the range is a cluster flag (--service-cluster-ip-range), not part of the API.
      r.warning(['spec', 'clusterIP'], `Invalid value: "${ip}": failed to allocate IP ${ip}: provided IP (${ip}) is not in the valid range. The range of valid IPs is ${serviceSubnet}`);
    takenIPs.add(ip);
  }

  const takenPorts = new Set<number>();
  const reserve = (r: Reporter, path: (string | number)[], port: number): void => {
    if (port < 1 || port > 65535) return;
    if (takenPorts.has(port)) r.invalid(path, port, 'provided port is already allocated');
    else if (port < NODE_PORT_MIN || port > NODE_PORT_MAX)
      // portallocator's words; a warning, since the range is --service-node-port-range.
      r.warning(path, `Invalid value: ${port}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`);
    takenPorts.add(port);
  };
  for (const { draft, r } of inputs) {
    const own = new Set<number>();
    for (const [i, p] of draft.ports.entries()) {
      // One Service may use the same node port for TCP and UDP; only other Services collide.
      if (p.nodePort === 0 || own.has(p.nodePort)) continue;
      own.add(p.nodePort);
      reserve(r, ['spec', 'ports', i, 'nodePort'], p.nodePort);
    }
    if (draft.healthCheckNodePort !== 0) reserve(r, ['spec', 'healthCheckNodePort'], draft.healthCheckNodePort);
  }

  let nextPort = NODE_PORT_MIN;
  const nextNodePort = (r: Reporter, path: (string | number)[]): number => {
    while (nextPort <= NODE_PORT_MAX && takenPorts.has(nextPort)) nextPort++;
    if (nextPort > NODE_PORT_MAX) {
      r.error(path, `failed to allocate a node port: the range ${NODE_PORT_MIN}-${NODE_PORT_MAX} is full`);
      return 0;
    }
    takenPorts.add(nextPort);
    return nextPort;
  };
  let nextIP = FIRST_DYNAMIC_CLUSTER_IP;
  const nextClusterIP = (r: Reporter): string => {
    if (subnet === undefined) return '';
    const size = lastUsable(subnet) - subnet.address;
    for (let tries = 0; tries < size; tries++) {
      // From .100 to the end of the range, then round again from .1, as a range allocator wraps.
      if (nextIP > size) nextIP = 1;
      const ip = formatIpv4(nthAddress(subnet, nextIP++));
      if (!takenIPs.has(ip)) {
        takenIPs.add(ip);
        return ip;
      }
    }
    r.error(['spec', 'clusterIP'], `failed to allocate a cluster IP: the range ${serviceSubnet} is full`);
    return '';
  };

  return inputs.map(({ draft, r }) => {
    const clusterIP = draft.type === 'ExternalName' ? '' : draft.clusterIP === '' ? nextClusterIP(r) : draft.clusterIP;
    const wantsNodePorts = draft.type === 'NodePort' || (draft.type === 'LoadBalancer' && draft.allocateLoadBalancerNodePorts);
    const ports: ServicePortModel[] = draft.ports.map((p, i) => ({
      name: p.name,
      protocol: p.protocol,
      port: p.port,
      targetPort: p.targetPort,
      nodePort: p.nodePort !== 0 || !wantsNodePorts ? p.nodePort : nextNodePort(r, ['spec', 'ports', i, 'nodePort']),
      source: { doc: r.doc, path: formatPath(p.path) },
    }));
    const needsHealthCheck = draft.type === 'LoadBalancer' && draft.externalTrafficPolicy === 'Local';
    const healthCheckNodePort =
      needsHealthCheck && draft.healthCheckNodePort === 0 ? nextNodePort(r, ['spec', 'healthCheckNodePort']) : draft.healthCheckNodePort;
    return {
      namespace: draft.namespace,
      name: draft.name,
      type: draft.type,
      clusterIP,
      ports,
      ...(draft.selector !== undefined ? { selector: draft.selector } : {}),
      externalIPs: draft.externalIPs,
      loadBalancerIngressIPs: draft.loadBalancerIngressIPs,
      loadBalancerSourceRanges: draft.loadBalancerSourceRanges,
      externalTrafficPolicy: draft.externalTrafficPolicy,
      internalTrafficPolicy: draft.internalTrafficPolicy,
      sessionAffinity: draft.sessionAffinity,
      sessionAffinityTimeoutSeconds: draft.sessionAffinityTimeoutSeconds,
      healthCheckNodePort,
      ...(draft.publishNotReadyAddresses ? { publishNotReadyAddresses: true } : {}),
      ...(draft.externalName !== undefined ? { externalName: draft.externalName } : {}),
      implicit: false,
      source: { doc: r.doc, path: '' },
    };
  });
}
