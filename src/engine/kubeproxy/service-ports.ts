/**
 * The service ports and endpoints kube-proxy sees, built from the cluster model the way its change
 * trackers build them (pkg/proxy/serviceport.go, servicechangetracker.go, endpointslicecache.go):
 * services without a cluster IP (headless, ExternalName) are not proxied; each port is keyed by
 * its ServicePortName + protocol; endpoints come from the EndpointSlices of the service whose port
 * has the same name and protocol, only `addresses[0]` counts, and they are sorted by their
 * `ip:port` string (`byEndpoint`).
 */
import type { ClusterModel, EndpointSliceModel, PodModel, ServiceModel, ServicePortModel, SourceRef } from '../cluster/model';
import { formatCidr, parseCidr, parseIpv4 } from '../ipv4';
import type { Ipv4 } from '../ipv4';
import { endpointChainName, servicePortChains } from './chain-names';
import type { ServicePortChains } from './chain-names';

/** A value of the service with the field it came from. */
export interface Sourced<T> {
  readonly value: T;
  readonly source: SourceRef;
}

/** One endpoint of a service port, as kube-proxy's BaseEndpointInfo holds it. */
export interface EndpointInfo {
  readonly ip: string;
  /** `ip`, parsed (checked once here; the rules that match or DNAT to it use the number). */
  readonly address: Ipv4;
  readonly port: number;
  /** `ip:port`, what kube-proxy hashes into the KUBE-SEP name and prints in comments. */
  readonly key: string;
  readonly isLocal: boolean;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly chain: string;
  readonly podName?: string;
  readonly sources: readonly SourceRef[];
}

/** One port of a proxied service (kube-proxy's servicePortInfo). */
export interface ServicePortInfo {
  readonly service: ServiceModel;
  readonly port: ServicePortModel;
  /** `ns/name:port`, or `ns/name` for an unnamed port (ServicePortName.String()). */
  readonly name: string;
  /** Lowercase, as kube-proxy writes it in `-m`/`-p`. */
  readonly protocol: string;
  readonly clusterIP: Sourced<string>;
  readonly externalIPs: readonly Sourced<string>[];
  readonly loadBalancerVIPs: readonly Sourced<string>[];
  /** Trimmed and parsed, printed as Go's `net.IPNet.String()` (the masked network). */
  readonly loadBalancerSourceRanges: readonly Sourced<string>[];
  readonly nodePort: number;
  /** Only for LoadBalancer services with externalTrafficPolicy Local (`NeedsHealthCheck`). */
  readonly healthCheckNodePort: number;
  readonly sessionAffinityClientIP: boolean;
  readonly stickyMaxAgeSeconds: number;
  readonly externalPolicyLocal: boolean;
  readonly internalPolicyLocal: boolean;
  readonly chains: ServicePortChains;
  readonly endpoints: readonly EndpointInfo[];
}

const at = (svc: ServiceModel, path: string): SourceRef => ({ doc: svc.source.doc, path });

/** Every proxied service port of the cluster, in the canonical order (by `ns/name:port`, then protocol). */
export function servicePorts(cluster: ClusterModel, nodeName: string): ServicePortInfo[] {
  const out: ServicePortInfo[] = [];
  // Indexed once: a lookup per service (and per endpoint's pod) would make 10,000 services quadratic.
  const slicesByService = new Map<string, EndpointSliceModel[]>();
  for (const s of cluster.endpointSlices) {
    if (s.addressType !== 'IPv4') continue;
    const key = `${s.namespace}/${s.serviceName}`;
    const list = slicesByService.get(key);
    if (list === undefined) slicesByService.set(key, [s]);
    else list.push(s);
  }
  const pods = podIndex(cluster);
  for (const svc of cluster.services) {
    if (svc.type === 'ExternalName' || svc.clusterIP === '' || svc.clusterIP === 'None') continue;
    if (parseIpv4(svc.clusterIP) === undefined) continue;
    const slices = slicesByService.get(`${svc.namespace}/${svc.name}`) ?? [];
    svc.ports.forEach((port, i) => out.push(servicePort(pods, svc, port, i, slices, nodeName)));
  }
  return out.sort((a, b) => compare(a.name, b.name) || compare(a.protocol, b.protocol));
}

/** `namespace/name` → the first pod of that name (what `pods.find` would return). */
type PodIndex = ReadonlyMap<string, PodModel>;

function podIndex(cluster: ClusterModel): PodIndex {
  const index = new Map<string, PodModel>();
  for (const p of cluster.pods) {
    const key = `${p.namespace}/${p.name}`;
    if (!index.has(key)) index.set(key, p);
  }
  return index;
}

function servicePort(pods: PodIndex, svc: ServiceModel, port: ServicePortModel, portIndex: number, slices: readonly EndpointSliceModel[], nodeName: string): ServicePortInfo {
  const name = port.name === '' ? `${svc.namespace}/${svc.name}` : `${svc.namespace}/${svc.name}:${port.name}`;
  const protocol = lowercaseProtocol(port.protocol);
  const nodeService = svc.type === 'NodePort' || svc.type === 'LoadBalancer';
  // apiservice.ExternalPolicyLocal: Local applies to every externally accessible Service, and a ClusterIP
  // Service with externalIPs is one (ExternallyAccessible), not only NodePort and LoadBalancer.
  const externallyAccessible = nodeService || (svc.type === 'ClusterIP' && svc.externalIPs.length > 0);
  const externalPolicyLocal = externallyAccessible && svc.externalTrafficPolicy === 'Local';
  const ipv4Only = (list: readonly string[], path: (i: number) => string): Sourced<string>[] =>
    list.flatMap((ip, i) => (parseIpv4(ip.trim()) === undefined ? [] : [{ value: ip.trim(), source: at(svc, path(i)) }]));
  const sourceRanges = svc.loadBalancerSourceRanges.flatMap((text, i) => {
    const cidr = parseCidr(text.trim());
    return cidr === undefined ? [] : [{ value: formatCidr(cidr), source: at(svc, `spec.loadBalancerSourceRanges[${i}]`) }];
  });
  return {
    service: svc,
    port,
    name,
    protocol,
    clusterIP: { value: svc.clusterIP, source: at(svc, 'spec.clusterIP') },
    externalIPs: ipv4Only(svc.externalIPs, (i) => `spec.externalIPs[${i}]`),
    loadBalancerVIPs: svc.type === 'LoadBalancer' ? ipv4Only(svc.loadBalancerIngressIPs, (i) => `status.loadBalancer.ingress[${i}].ip`) : [],
    loadBalancerSourceRanges: sourceRanges,
    nodePort: nodeService ? port.nodePort : 0,
    healthCheckNodePort: svc.type === 'LoadBalancer' && externalPolicyLocal ? svc.healthCheckNodePort : 0,
    sessionAffinityClientIP: svc.sessionAffinity === 'ClientIP',
    stickyMaxAgeSeconds: svc.sessionAffinityTimeoutSeconds,
    externalPolicyLocal,
    internalPolicyLocal: svc.internalTrafficPolicy === 'Local',
    chains: servicePortChains(name, protocol),
    endpoints: endpointsOf(pods, svc, port, portIndex, name, protocol, slices, nodeName),
  };
}

function endpointsOf(pods: PodIndex, svc: ServiceModel, port: ServicePortModel, portIndex: number, name: string, protocol: string, slices: readonly EndpointSliceModel[], nodeName: string): EndpointInfo[] {
  const byKey = new Map<string, EndpointInfo>();
  const ordered = [...slices].sort((a, b) => compare(a.name, b.name));
  // Source references are immutable: one object per field, shared by the endpoints that cite it.
  const portSource: SourceRef = { doc: svc.source.doc, path: `spec.ports[${portIndex}]` };
  for (const slice of ordered) {
    for (let spIndex = 0; spIndex < slice.ports.length; spIndex++) {
      const sp = slice.ports[spIndex]!;
      if (sp.name !== port.name || sp.protocol !== port.protocol || !(sp.port > 0)) continue;
      const slicePortSource: SourceRef = { doc: slice.source.doc, path: `ports[${spIndex}]` };
      for (let epIndex = 0; epIndex < slice.endpoints.length; epIndex++) {
        const ep = slice.endpoints[epIndex]!;
        const ip = ep.addresses[0];
        const address = ip === undefined ? undefined : parseIpv4(ip);
        if (ip === undefined || address === undefined) continue;
        const key = `${ip}:${sp.port}`;
        const isLocal = ep.nodeName !== undefined && ep.nodeName === nodeName;
        // EndpointSliceCache.addEndpoints (v1.33): the first copy of an address wins, unless a later copy is
        // local; readiness plays no part (preferring a non-terminating copy came later, kubernetes#135593).
        if (!isLocal && byKey.has(key)) continue;
        // Cited by the slice's entry (an explicit slice) or by the pod (one the model derived from pods).
        const pod = slice.explicit || ep.podName === undefined ? undefined : pods.get(`${slice.namespace}/${ep.podName}`);
        const citing = slice.explicit ? slice : pod?.source;
        byKey.set(key, new Endpoint(name, protocol, ip, address, sp.port, key, isLocal, ep.ready, ep.serving, ep.terminating, portSource, citing, epIndex, slicePortSource, ep.podName));
      }
    }
  }
  return [...byKey.values()].sort((a, b) => compare(a.key, b.key));
}

/**
 * An endpoint whose KUBE-SEP chain name (a SHA-256) and sources are worked out when first read: the iptables
 * writer reads the name for every endpoint, nftables and IPVS modes never do (100,000 hashes at 10,000 services
 * × 10 endpoints), and the sources are only read for explanations. Their inputs are private fields, so a
 * spread copy (`{ ...ep }`, as the nftables writer makes) holds only the plain fields.
 */
class Endpoint implements EndpointInfo {
  readonly #servicePortName: string;
  readonly #protocol: string;
  #chain: string | undefined;
  readonly #portSource: SourceRef;
  /** The explicit slice listing the endpoint, or the source of the pod it came from. */
  readonly #citing: EndpointSliceModel | SourceRef | undefined;
  readonly #epIndex: number;
  readonly #slicePortSource: SourceRef;
  #sources: readonly SourceRef[] | undefined;
  declare readonly podName?: string;

  constructor(
    servicePortName: string,
    protocol: string,
    readonly ip: string,
    readonly address: Ipv4,
    readonly port: number,
    readonly key: string,
    readonly isLocal: boolean,
    readonly ready: boolean,
    readonly serving: boolean,
    readonly terminating: boolean,
    portSource: SourceRef,
    citing: EndpointSliceModel | SourceRef | undefined,
    epIndex: number,
    slicePortSource: SourceRef,
    podName: string | undefined,
  ) {
    this.#servicePortName = servicePortName;
    this.#protocol = protocol;
    this.#portSource = portSource;
    this.#citing = citing;
    this.#epIndex = epIndex;
    this.#slicePortSource = slicePortSource;
    if (podName !== undefined) this.podName = podName;
  }

  get sources(): readonly SourceRef[] {
    if (this.#sources === undefined) {
      const c = this.#citing;
      if (c === undefined) this.#sources = [this.#portSource];
      else if ('path' in c) this.#sources = [this.#portSource, c];
      else this.#sources = [this.#portSource, { doc: c.source.doc, path: endpointPath(this.#epIndex) }, this.#slicePortSource];
    }
    return this.#sources;
  }

  get chain(): string {
    return (this.#chain ??= endpointChainName(this.#servicePortName, this.#protocol, this.key));
  }
}

/** `endpoints[i]`, one string per index (100,000 endpoints cite a few distinct indexes). */
const endpointPaths: string[] = [];
const endpointPath = (i: number): string => (endpointPaths[i] ??= `endpoints[${i}]`);

/**
 * `tcp`, `udp`, `sctp` as the literals themselves. A string made by toLowerCase and then used as a property key
 * is internalized in place into a "thin" string, which V8 counts as two-byte: every line joined with it became
 * two-byte, and the restore text of 10,000 Services 65 MB instead of 32 MB.
 */
function lowercaseProtocol(protocol: string): string {
  // A switch, not a lookup table: a property lookup would internalize `protocol` itself the same way.
  switch (protocol) {
    case 'TCP':
      return 'tcp';
    case 'UDP':
      return 'udp';
    case 'SCTP':
      return 'sctp';
    default:
      return protocol.toLowerCase();
  }
}

/** Byte-wise string order, as Go's `sort.Strings` (not locale order). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
