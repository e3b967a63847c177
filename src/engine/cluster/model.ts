/**
 * The cluster model: what a scenario's YAML means once parsed, validated and defaulted
 * (DESIGN §2). kube-proxy's generator and the simulation read only this, never the YAML.
 * Addresses are dotted-quad strings here (Kubernetes' own vocabulary); the netfilter layer
 * turns them into integers.
 */

/** Where in the scenario text a value came from, so the UI can highlight the YAML that produced a rule. */
export interface SourceRef {
  /** Index of the YAML document in the scenario (0-based, in text order). Implicit objects have -1. */
  readonly doc: number;
  /** Field path as the API server writes it, e.g. `spec.ports[0].port`. Empty for the whole object. */
  readonly path: string;
}

/** A located problem in the scenario. Errors block the simulation; warnings are shown and it goes on. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** The API server's wording where one exists, prefixed with the field path. */
  readonly message: string;
  /** Field path, e.g. `spec.ports[0].port` (empty when the problem is the whole document or the YAML syntax). */
  readonly path: string;
  /** Document index (0-based), or -1 when not tied to any one document (e.g. a size limit) */
  readonly doc: number;
  /** 1-based line and column of the offending value in the scenario text. */
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
  /** A YAML syntax error's code from the `yaml` library (`err.code`): the UI words it in its language (explain/yaml-errors.ts). */
  readonly yamlCode?: string;
}

export type ServiceProtocol = 'TCP' | 'UDP' | 'SCTP';
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
export type TrafficPolicy = 'Cluster' | 'Local';

export interface ClusterNode {
  readonly name: string;
  readonly role: 'control-plane' | 'worker';
  /** The node's InternalIP (on eth0). */
  readonly internalIP: string;
  /** The node's pod CIDR, e.g. `10.244.1.0/24`. */
  readonly podCIDR: string;
  /** The node-side address of every pod veth on this node (the podCIDR's `.1`, or its last usable address if `.1` is taken). */
  readonly gatewayIP: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly source: SourceRef;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: ServiceProtocol;
}

export interface PodModel {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly nodeName: string;
  readonly ip: string;
  readonly ports: readonly ContainerPort[];
  /** Ready for traffic (readiness). @default true */
  readonly ready: boolean;
  /** Being deleted: still serving but terminating. @default false */
  readonly terminating: boolean;
  /** Pods of a host-network daemon (none today) would carry the node IP; kept for clarity. */
  readonly hostNetwork: boolean;
  readonly source: SourceRef;
}

export interface ServicePortModel {
  /** Empty string when the port is unnamed (allowed only for a single-port service). */
  readonly name: string;
  readonly protocol: ServiceProtocol;
  readonly port: number;
  /** A number, or the name of a container port resolved per pod. */
  readonly targetPort: number | string;
  /** 0 when the service has no node port. */
  readonly nodePort: number;
  readonly source: SourceRef;
}

export interface ServiceModel {
  readonly namespace: string;
  readonly name: string;
  readonly type: ServiceType;
  /** `None` for a headless service; empty for ExternalName. */
  readonly clusterIP: string;
  readonly ports: readonly ServicePortModel[];
  /** Label selector; undefined means the service has no selector (endpoints come from EndpointSlices). */
  readonly selector?: Readonly<Record<string, string>>;
  readonly externalIPs: readonly string[];
  readonly loadBalancerIngressIPs: readonly string[];
  /** As written; kube-proxy trims spaces itself. */
  readonly loadBalancerSourceRanges: readonly string[];
  readonly externalTrafficPolicy: TrafficPolicy;
  readonly internalTrafficPolicy: TrafficPolicy;
  readonly sessionAffinity: 'None' | 'ClientIP';
  /** Seconds. @default 10800 */
  readonly sessionAffinityTimeoutSeconds: number;
  /** 0 when none. */
  readonly healthCheckNodePort: number;
  /**
   * `spec.publishNotReadyAddresses`: the EndpointSlice controller marks every endpoint of the Service ready,
   * whatever the pod's readiness. @default false
   */
  readonly publishNotReadyAddresses?: boolean;
  readonly externalName?: string;
  /** Implicit system services (`default/kubernetes`, `kube-system/kube-dns`) the UI may hide. */
  readonly implicit: boolean;
  readonly source: SourceRef;
}

export interface EndpointPortModel {
  readonly name: string;
  readonly port: number;
  readonly protocol: ServiceProtocol;
}

export interface EndpointModel {
  readonly addresses: readonly string[];
  /** `conditions.ready`; nil counts as ready, as kube-proxy reads it. */
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly nodeName?: string;
  readonly zone?: string;
  /** The pod behind this endpoint, when known (`targetRef`). */
  readonly podName?: string;
}

export interface EndpointSliceModel {
  readonly namespace: string;
  readonly name: string;
  /** `kubernetes.io/service-name` label. */
  readonly serviceName: string;
  readonly addressType: 'IPv4' | 'IPv6' | 'FQDN';
  readonly endpoints: readonly EndpointModel[];
  /** Ports; a port with an empty name matches an unnamed service port. */
  readonly ports: readonly EndpointPortModel[];
  /** True when the slice was written in the scenario; false when generated from a selector and Pods. */
  readonly explicit: boolean;
  readonly source: SourceRef;
}

export type DetectLocalMode = 'ClusterCIDR' | 'NodeCIDR' | 'BridgeInterface' | 'InterfaceNamePrefix';

/** `ipvs.*` of KubeProxyConfiguration, as far as the IPVS proxier's rules depend on it. */
export interface IpvsProxyConfig {
  /** `ipvs.scheduler` (empty in the file means kube-proxy's default). @default 'rr' */
  readonly scheduler: 'rr' | 'wrr' | 'lc' | 'wlc' | 'lblc' | 'lblcr' | 'dh' | 'sh' | 'sed' | 'nq' | 'mh';
  /** `ipvs.strictARP`: arp_ignore=1, arp_announce=2, so kube-ipvs0's addresses are not announced. @default false */
  readonly strictARP: boolean;
  /** `ipvs.excludeCIDRs`: virtual servers in them are never cleaned up (no effect on what is written). */
  readonly excludeCIDRs: readonly string[];
}

export interface KubeProxyConfig {
  /** Which proxier writes the node's rules. @default 'iptables' */
  readonly mode: 'iptables' | 'nftables' | 'ipvs';
  /** Read in IPVS mode; absent when the document has no `ipvs` block (kube-proxy's defaults apply). */
  readonly ipvs?: IpvsProxyConfig;
  /** Empty when unset (then no "masquerade off-cluster traffic" rule is written for ClusterCIDR mode). */
  readonly clusterCIDR: string;
  /** @default false */
  readonly masqueradeAll: boolean;
  /** @default 14 (mark 0x4000) */
  readonly masqueradeBit: number;
  /** @default true */
  readonly localhostNodePorts: boolean;
  /** @default 'ClusterCIDR' */
  readonly detectLocalMode: DetectLocalMode;
  readonly bridgeInterface: string;
  readonly interfaceNamePrefix: string;
  /** CIDRs or the word `primary`; empty = all local addresses. */
  readonly nodePortAddresses: readonly string[];
  /** `conntrack`: the sysctls kube-proxy sets at start, in seconds; absent fields keep kube-proxy's defaults. */
  readonly conntrack?: KubeProxyConntrack;
  readonly source: SourceRef;
}

/**
 * A socket the scenario adds (`Lab.listeners[]`): something listening on a node (a process of the node's own
 * network namespace) or in a pod, beyond what a kind cluster runs by itself (sim/sockets.ts).
 */
export interface LabListener {
  /** The node it runs on; exactly one of `node` and `pod` is set. */
  readonly node?: string;
  /** The pod (`NAME`, `NAMESPACE/NAME`) it runs in. */
  readonly pod?: string;
  readonly port: number;
  /** @default 'TCP' */
  readonly protocol: 'TCP' | 'UDP';
  /** The address it binds; absent: every address (0.0.0.0). */
  readonly address?: string;
  readonly source: SourceRef;
}

/** `KubeProxyConfiguration.conntrack` timeouts in seconds (0: leave the kernel's value). */
export interface KubeProxyConntrack {
  /** @default 86400 (24h) */
  readonly tcpEstablishedTimeout?: number;
  /** @default 3600 (1h) */
  readonly tcpCloseWaitTimeout?: number;
  /** @default 0 */
  readonly udpTimeout?: number;
  /** @default 0 */
  readonly udpStreamTimeout?: number;
}

export interface LabOptions {
  /** Include `default/kubernetes` and `kube-system/kube-dns`. @default true */
  readonly systemServices: boolean;
  /** Extra listening sockets. @default [] */
  readonly listeners?: readonly LabListener[];
}

export interface ClusterModel {
  /** The kind cluster name (`kind` by default). */
  readonly name: string;
  readonly podSubnet: string;
  readonly serviceSubnet: string;
  readonly nodes: readonly ClusterNode[];
  readonly pods: readonly PodModel[];
  readonly services: readonly ServiceModel[];
  /** Scenario slices plus slices generated from Services' selectors and Pods (as the EndpointSlice controller would). */
  readonly endpointSlices: readonly EndpointSliceModel[];
  readonly kubeProxy: KubeProxyConfig;
  readonly lab: LabOptions;
  /**
   * The nodes are kind's (from its Cluster document or the default, not `Node` documents): kindnet runs on
   * them, and its masq agent's KIND-MASQ-AGENT chain is part of every node's nat table. @default false
   */
  readonly kindnet?: boolean;
}

/** What loading a scenario gives: the cluster when there were no errors, and every diagnostic. */
export interface ScenarioResult {
  readonly cluster?: ClusterModel;
  readonly diagnostics: readonly Diagnostic[];
}
