/**
 * The objects every real cluster has before anyone applies anything: `default/kubernetes` (the API
 * server, whose slice the apiserver's endpoint reconciler keeps) and `kube-system/kube-dns` with its
 * two coredns pods (kubeadm's CoreDNS addon, as kind installs it). DESIGN §2: they come before the
 * scenario's own objects, so the coredns pods take the control-plane's `.2` and `.3`.
 */
import { formatIpv4, nthAddress, parseCidr } from '../ipv4';
import { deploymentPodNames, podTemplateHash } from './deployment-names';
import { clusterIPService } from './defaulted-service';
import type { ClusterNode, EndpointSliceModel, PodModel, ServiceModel, ServicePortModel } from './model';

/** kubeadm gives `kubernetes` the service range's first address and kube-dns its tenth. */
export const KUBERNETES_IP_OFFSET = 1;
export const KUBE_DNS_IP_OFFSET = 10;
/** The API server's secure port on the control-plane (kubeadm's default `--secure-port`). */
export const API_SERVER_PORT = 6443;

const IMPLICIT = { doc: -1, path: '' } as const;

export interface SystemObjects {
  readonly services: readonly ServiceModel[];
  /** The coredns pods; `ip` is '' (IPAM gives them the control-plane's first addresses). */
  readonly pods: readonly PodModel[];
  readonly endpointSlices: readonly EndpointSliceModel[];
}

function port(name: string, protocol: ServicePortModel['protocol'], p: number, target: number): ServicePortModel {
  return { name, protocol, port: p, targetPort: target, nodePort: 0, source: IMPLICIT };
}

function service(namespace: string, name: string, clusterIP: string, ports: ServicePortModel[], selector?: Record<string, string>): ServiceModel {
  return clusterIPService({ namespace, name, clusterIP, ports, ...(selector !== undefined ? { selector } : {}), implicit: true, source: IMPLICIT });
}

export function systemObjects(nodes: readonly ClusterNode[], serviceSubnet: string): SystemObjects {
  const subnet = parseCidr(serviceSubnet);
  const at = (n: number): string => (subnet === undefined ? '' : formatIpv4(nthAddress(subnet, n)));
  const dnsLabels = { 'k8s-app': 'kube-dns' };
  const services = [
    service('default', 'kubernetes', at(KUBERNETES_IP_OFFSET), [port('https', 'TCP', 443, API_SERVER_PORT)]),
    service('kube-system', 'kube-dns', at(KUBE_DNS_IP_OFFSET), [
      port('dns', 'UDP', 53, 53),
      port('dns-tcp', 'TCP', 53, 53),
      port('metrics', 'TCP', 9153, 9153),
    ], dnsLabels),
  ];
  const controlPlanes = nodes.filter((n) => n.role === 'control-plane');
  const home = controlPlanes[0] ?? nodes[0];
  const hash = podTemplateHash('kube-system', 'coredns');
  const pods: PodModel[] = deploymentPodNames('kube-system', 'coredns', 2).map((name) => ({
    namespace: 'kube-system',
    name,
    labels: { ...dnsLabels, 'pod-template-hash': hash },
    nodeName: home?.name ?? '',
    ip: '',
    ports: [
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
    ],
    ready: true,
    terminating: false,
    hostNetwork: false,
    source: IMPLICIT,
  }));
  // The apiserver's reconciler writes this slice itself (no selector), one endpoint per API server.
  const apiserver: EndpointSliceModel = {
    namespace: 'default',
    name: 'kubernetes',
    serviceName: 'kubernetes',
    addressType: 'IPv4',
    endpoints: controlPlanes.map((n) => ({ addresses: [n.internalIP], ready: true, serving: true, terminating: false })),
    ports: [{ name: 'https', port: API_SERVER_PORT, protocol: 'TCP' }],
    explicit: true,
    source: IMPLICIT,
  };
  return { services, pods, endpointSlices: [apiserver] };
}
