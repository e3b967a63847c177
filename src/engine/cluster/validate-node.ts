/**
 * Where the nodes come from: `v1 Node` documents, or the kind `Cluster` document
 * (sigs.k8s.io/kind/pkg/apis/config/v1alpha4), which also gives the pod and service subnets.
 */
import type { FieldPath, Reporter } from './diagnostics';
import { readBool, readInt, readList, readObject, readOpaqueMap, readString, readStringList, readStringMap } from './fields';
import type { ClusterNode } from './model';
import { IP_ERROR, readCidr, readIpv4, readMetadata } from './validate-common';

/** The label kubeadm puts on control-plane nodes (and kind with it). */
export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';
const ADDRESS_TYPES = ['ExternalDNS', 'ExternalIP', 'Hostname', 'InternalDNS', 'InternalIP'];

/** A node before defaults: InternalIP and podCIDR may still be missing. */
export interface NodeDraft {
  readonly name: string;
  readonly role: ClusterNode['role'];
  readonly internalIP?: string;
  readonly podCIDR?: string;
  readonly podCIDRPath: FieldPath;
  readonly labels: Readonly<Record<string, string>>;
  readonly doc: number;
}

export function validateNode(r: Reporter, obj: Readonly<Record<string, unknown>>, doc: number): NodeDraft | undefined {
  readObject(r, [], obj, ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  const meta = readMetadata(r, obj['metadata'], 'dns1123-subdomain', false);
  const spec = readObject(r, ['spec'], obj['spec'], ['podCIDR', 'podCIDRs', 'providerID', 'unschedulable', 'taints', 'configSource', 'externalID']) ?? {};
  let podCIDRPath: FieldPath = ['spec', 'podCIDR'];
  let podCIDRText = readString(r, podCIDRPath, spec['podCIDR']);
  const many = readStringList(r, ['spec', 'podCIDRs'], spec['podCIDRs']);
  if (many.length > 1) r.invalid(['spec', 'podCIDRs'], many.join(','), 'dual-stack is not simulated: Kube Packet Lab models single-stack IPv4 clusters');
  if ((podCIDRText === undefined || podCIDRText === '') && many[0] !== undefined) {
    podCIDRText = many[0];
    podCIDRPath = ['spec', 'podCIDRs', 0];
  } else if (podCIDRText !== undefined && many[0] !== undefined && many[0] !== podCIDRText) {
    r.invalid(['spec', 'podCIDRs', 0], many[0], 'must match `podCIDR`');
  }
  readBool(r, ['spec', 'unschedulable'], spec['unschedulable']);
  const podCIDR = podCIDRText === undefined || podCIDRText === '' ? undefined : readCidr(r, podCIDRPath, podCIDRText);

  const status = readObject(r, ['status'], obj['status'], [
    'capacity', 'allocatable', 'phase', 'conditions', 'addresses', 'daemonEndpoints', 'nodeInfo', 'images', 'volumesInUse',
    'volumesAttached', 'config', 'runtimeHandlers', 'features',
  ]) ?? {};
  let internalIP: string | undefined;
  (readList(r, ['status', 'addresses'], status['addresses']) ?? []).forEach((item, i) => {
    const P: FieldPath = ['status', 'addresses', i];
    const m = readObject(r, P, item ?? {}, ['type', 'address']);
    if (m === undefined) return;
    const type = readString(r, [...P, 'type'], m['type']) ?? '';
    const address = readString(r, [...P, 'address'], m['address']) ?? '';
    if (type === '') r.required([...P, 'type']);
    else if (!ADDRESS_TYPES.includes(type)) r.unsupported([...P, 'type'], type, ADDRESS_TYPES);
    if (address === '') r.required([...P, 'address']);
    else if (type === 'InternalIP' || type === 'ExternalIP') {
      const ip = readIpv4(r, [...P, 'address'], address, IP_ERROR);
      // kube-proxy takes the first InternalIP as the node's IP (utilnode.GetNodeHostIPs).
      if (ip !== undefined && type === 'InternalIP' && internalIP === undefined) internalIP = ip;
    }
  });
  if (meta === undefined) return undefined;
  const role = Object.hasOwn(meta.labels, CONTROL_PLANE_LABEL) ? 'control-plane' : 'worker';
  return {
    name: meta.name,
    role,
    ...(internalIP !== undefined ? { internalIP } : {}),
    ...(podCIDR !== undefined ? { podCIDR } : {}),
    podCIDRPath,
    labels: meta.labels,
    doc,
  };
}

/** What a kind `Cluster` document says. */
export interface KindClusterDraft {
  readonly name: string;
  readonly nodes: readonly { readonly role: ClusterNode['role']; readonly labels: Readonly<Record<string, string>> }[];
  readonly podSubnet?: string;
  readonly serviceSubnet?: string;
  /** `networking.kubeProxyMode`, which kind writes into kube-proxy's configuration. @default 'iptables' */
  readonly kubeProxyMode?: 'nftables' | 'ipvs';
  readonly doc: number;
}

const KIND_FIELDS = [
  'apiVersion', 'kind', 'name', 'nodes', 'networking', 'featureGates', 'runtimeConfig', 'kubeadmConfigPatches',
  'kubeadmConfigPatchesJSON6902', 'containerdConfigPatches', 'containerdConfigPatchesJSON6902',
];
const KIND_NODE_FIELDS = ['role', 'image', 'labels', 'extraMounts', 'extraPortMappings', 'kubeadmConfigPatches', 'kubeadmConfigPatchesJSON6902'];
const KIND_NETWORKING_FIELDS = ['ipFamily', 'apiServerPort', 'apiServerAddress', 'podSubnet', 'serviceSubnet', 'disableDefaultCNI', 'kubeProxyMode', 'dnsSearch'];

export function validateKindCluster(r: Reporter, obj: Readonly<Record<string, unknown>>, doc: number): KindClusterDraft | undefined {
  readObject(r, [], obj, KIND_FIELDS);
  const name = readString(r, ['name'], obj['name']) ?? 'kind';
  let ok = true;
  if (!/^[a-z0-9.-]+$/.test(name)) {
    r.invalid(['name'], name, 'cluster names must match `^[a-z0-9.-]+$`');
    ok = false;
  }
  const nodeList = readList(r, ['nodes'], obj['nodes']);
  const nodes: { role: ClusterNode['role']; labels: Record<string, string> }[] = [];
  (nodeList ?? [{ role: 'control-plane' }]).forEach((item, i) => {
    const P: FieldPath = ['nodes', i];
    const m = readObject(r, P, item ?? {}, KIND_NODE_FIELDS) ?? {};
    const role = readString(r, [...P, 'role'], m['role']) ?? 'control-plane';
    if (role !== 'control-plane' && role !== 'worker') {
      r.unsupported([...P, 'role'], role, ['control-plane', 'worker']);
      ok = false;
      return;
    }
    nodes.push({ role, labels: readStringMap(r, [...P, 'labels'], m['labels']) ?? {} });
  });
  if (nodes.length > 0 && !nodes.some((n) => n.role === 'control-plane')) {
    r.invalid(['nodes'], nodes.length, 'must have at least one control-plane node');
    ok = false;
  }
  if (nodeList !== undefined && nodeList.length === 0) {
    r.required(['nodes'], 'must have at least one node');
    ok = false;
  }
  const net = readObject(r, ['networking'], obj['networking'], KIND_NETWORKING_FIELDS) ?? {};
  const N = (f: string): FieldPath => ['networking', f];
  const ipFamily = readString(r, N('ipFamily'), net['ipFamily']) ?? 'ipv4';
  if (ipFamily !== 'ipv4') r.invalid(N('ipFamily'), ipFamily, 'only ipv4 clusters are simulated');
  const proxyMode = readString(r, N('kubeProxyMode'), net['kubeProxyMode']) ?? 'iptables';
  if (proxyMode !== 'iptables' && proxyMode !== 'nftables' && proxyMode !== 'ipvs') r.invalid(N('kubeProxyMode'), proxyMode, 'kind knows the kube-proxy modes iptables, nftables and ipvs');
  readInt(r, N('apiServerPort'), net['apiServerPort']);
  readString(r, N('apiServerAddress'), net['apiServerAddress']);
  readBool(r, N('disableDefaultCNI'), net['disableDefaultCNI']);
  readOpaqueMap(r, ['featureGates'], obj['featureGates']);
  const podText = readString(r, N('podSubnet'), net['podSubnet']);
  const svcText = readString(r, N('serviceSubnet'), net['serviceSubnet']);
  const podSubnet = podText === undefined ? undefined : readCidr(r, N('podSubnet'), podText);
  const serviceSubnet = svcText === undefined ? undefined : readCidr(r, N('serviceSubnet'), svcText);
  if (podSubnet !== undefined && Number(podSubnet.split('/')[1]) > 24)
    r.invalid(N('podSubnet'), podText, 'must be /24 or larger: every node takes a /24 of it');
  if (serviceSubnet !== undefined && Number(serviceSubnet.split('/')[1]) > 24)
    r.invalid(N('serviceSubnet'), svcText, 'must be /24 or larger: cluster IPs are allocated from .100 upward');
  if (!ok) return undefined;
  return {
    name,
    nodes,
    ...(podSubnet !== undefined ? { podSubnet } : {}),
    ...(serviceSubnet !== undefined ? { serviceSubnet } : {}),
    ...(proxyMode === 'nftables' || proxyMode === 'ipvs' ? { kubeProxyMode: proxyMode } : {}),
    doc,
  };
}
