/**
 * `v1 Pod` (and the pod template of a Deployment): what the simulation needs — labels, node, address,
 * container ports, readiness — validated as `ValidatePodSpec`/`validateContainerPorts` do.
 * The many PodSpec fields that do not move packets are accepted and ignored.
 */
import type { FieldPath, Reporter } from './diagnostics';
import { readBool, readInt, readList, readObject, readString } from './fields';
import type { ContainerPort, ServiceProtocol } from './model';
import { SUPPORTED_PROTOCOLS, checkName, checkPortNumber, portNameErrors, readIpv4, readMetadata } from './validate-common';

const POD_SPEC_FIELDS = [
  'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds',
  'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken',
  'nodeName', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname',
  'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig',
  'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints',
  'setHostnameAsFQDN', 'os', 'hostUsers', 'schedulingGates', 'resourceClaims', 'resources',
];
const CONTAINER_FIELDS = [
  'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy',
  'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath',
  'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty',
];
const CONTAINER_PORT_FIELDS = ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'];
const POD_STATUS_FIELDS = [
  'phase', 'conditions', 'message', 'reason', 'nominatedNodeName', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime',
  'initContainerStatuses', 'containerStatuses', 'qosClass', 'ephemeralContainerStatuses', 'resize', 'resourceClaimStatuses',
  'observedGeneration',
];

/** What a PodSpec contributes. */
export interface PodSpecDraft {
  /** `spec.nodeName` when written, with where it was written (checked once the nodes are known). */
  readonly nodeName?: string;
  readonly nodeNamePath: FieldPath;
  readonly hostNetwork: boolean;
  readonly ports: readonly ContainerPort[];
}

/** A valid Pod before placement and IPAM. */
export interface PodDraft extends PodSpecDraft {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `status.podIP` when written. */
  readonly ip?: string;
  readonly ipPath: FieldPath;
  readonly ready: boolean;
  readonly terminating: boolean;
}

export function readPodSpec(r: Reporter, path: FieldPath, v: unknown): PodSpecDraft {
  const spec = readObject(r, path, v ?? {}, POD_SPEC_FIELDS) ?? {};
  const nodeNamePath: FieldPath = [...path, 'nodeName'];
  const nodeName = readString(r, nodeNamePath, spec['nodeName']);
  const hostNetwork = readBool(r, [...path, 'hostNetwork'], spec['hostNetwork']) ?? false;
  const containers = readList(r, [...path, 'containers'], spec['containers']) ?? [];
  if (containers.length === 0) r.required([...path, 'containers']);
  const names = new Set<string>();
  const ports: ContainerPort[] = [];
  containers.forEach((c, i) => {
    const C: FieldPath = [...path, 'containers', i];
    const m = readObject(r, C, c ?? {}, CONTAINER_FIELDS);
    if (m === undefined) return;
    const name = readString(r, [...C, 'name'], m['name']) ?? '';
    if (name === '') r.required([...C, 'name']);
    else {
      checkName(r, [...C, 'name'], name, 'dns1123-label');
      if (names.has(name)) r.duplicate([...C, 'name'], name);
      names.add(name);
    }
    ports.push(...readContainerPorts(r, [...C, 'ports'], m['ports']));
  });
  return { ...(nodeName !== undefined && nodeName !== '' ? { nodeName } : {}), nodeNamePath, hostNetwork, ports };
}

function readContainerPorts(r: Reporter, path: FieldPath, v: unknown): ContainerPort[] {
  const list = readList(r, path, v) ?? [];
  const names = new Set<string>();
  const out: ContainerPort[] = [];
  list.forEach((item, i) => {
    const P: FieldPath = [...path, i];
    const m = readObject(r, P, item ?? {}, CONTAINER_PORT_FIELDS);
    if (m === undefined) return;
    const name = readString(r, [...P, 'name'], m['name']) ?? '';
    if (name !== '') {
      for (const msg of portNameErrors(name)) r.invalid([...P, 'name'], name, msg);
      if (names.has(name)) r.duplicate([...P, 'name'], name);
      names.add(name);
    }
    const port = readInt(r, [...P, 'containerPort'], m['containerPort']) ?? 0;
    if (port === 0) r.required([...P, 'containerPort']);
    else checkPortNumber(r, [...P, 'containerPort'], port);
    const hostPort = readInt(r, [...P, 'hostPort'], m['hostPort']) ?? 0;
    if (hostPort !== 0) checkPortNumber(r, [...P, 'hostPort'], hostPort);
    readString(r, [...P, 'hostIP'], m['hostIP']);
    const protoText = readString(r, [...P, 'protocol'], m['protocol']) ?? 'TCP';
    let protocol: ServiceProtocol = 'TCP';
    if ((SUPPORTED_PROTOCOLS as readonly string[]).includes(protoText)) protocol = protoText as ServiceProtocol;
    else r.unsupported([...P, 'protocol'], protoText, SUPPORTED_PROTOCOLS);
    out.push({ ...(name !== '' ? { name } : {}), containerPort: port, protocol });
  });
  return out;
}

export function validatePod(r: Reporter, obj: Readonly<Record<string, unknown>>): PodDraft | undefined {
  readObject(r, [], obj, ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  const meta = readMetadata(r, obj['metadata'], 'dns1123-subdomain', true);
  if (obj['spec'] === undefined || obj['spec'] === null) r.required(['spec', 'containers']);
  const spec = obj['spec'] === undefined || obj['spec'] === null ? undefined : readPodSpec(r, ['spec'], obj['spec']);
  const status = readObject(r, ['status'], obj['status'], POD_STATUS_FIELDS) ?? {};
  let ipPath: FieldPath = ['status', 'podIP'];
  let ipText = readString(r, ipPath, status['podIP']);
  const podIPs = readList(r, ['status', 'podIPs'], status['podIPs']) ?? [];
  podIPs.forEach((item, i) => {
    const m = readObject(r, ['status', 'podIPs', i], item ?? {}, ['ip']);
    const text = readString(r, ['status', 'podIPs', i, 'ip'], m?.['ip']);
    if (i === 0 && text !== undefined && (ipText === undefined || ipText === '')) {
      ipText = text;
      ipPath = ['status', 'podIPs', 0, 'ip'];
    }
  });
  const ip = ipText === undefined || ipText === '' ? undefined : readIpv4(r, ipPath, ipText);
  const ready = readReadiness(r, status);
  if (meta === undefined || spec === undefined) return undefined;
  return {
    ...spec,
    namespace: meta.namespace,
    name: meta.name,
    labels: meta.labels,
    ...(ip !== undefined ? { ip } : {}),
    ipPath,
    ready,
    terminating: meta.deleting,
  };
}

/**
 * `podutil.IsPodReady`: the Ready condition. A scenario pod with no conditions is taken as running and
 * ready (the lab has no kubelet to report it); a terminal phase is never ready.
 */
function readReadiness(r: Reporter, status: Readonly<Record<string, unknown>>): boolean {
  const phase = readString(r, ['status', 'phase'], status['phase']);
  if (phase !== undefined && !['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'].includes(phase))
    r.unsupported(['status', 'phase'], phase, ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown']);
  let ready = phase !== 'Succeeded' && phase !== 'Failed' && phase !== 'Pending';
  const conditions = readList(r, ['status', 'conditions'], status['conditions']) ?? [];
  conditions.forEach((c, i) => {
    const P: FieldPath = ['status', 'conditions', i];
    const m = readObject(r, P, c ?? {}, ['type', 'status', 'lastProbeTime', 'lastTransitionTime', 'reason', 'message', 'observedGeneration']);
    if (m === undefined || readString(r, [...P, 'type'], m['type']) !== 'Ready') return;
    const value = readString(r, [...P, 'status'], m['status']);
    if (value !== 'True' && value !== 'False' && value !== 'Unknown') r.unsupported([...P, 'status'], value ?? '', ['False', 'True', 'Unknown']);
    ready = value === 'True';
  });
  return ready;
}
