/**
 * `v1 Service`: decoding, defaulting (`SetDefaults_Service`) and validation (`ValidateService` in
 * pkg/apis/core/validation/validation.go), before any address or port is allocated.
 */
import type { FieldPath, Reporter } from './diagnostics';
import { readBool, readInt, readList, readObject, readString, readStringList, readStringMap } from './fields';
import type { ServiceModel, ServiceProtocol, ServiceType, TrafficPolicy } from './model';
import {
  SUPPORTED_PROTOCOLS, checkName, checkNonSpecialIp, checkPortNumber, nameErrors, portNameErrors, readCidr, readIpv4, readMetadata,
  PORT_RANGE_ERROR,
} from './validate-common';

/** A Service port before node port allocation. */
export interface ServicePortDraft {
  readonly name: string;
  readonly protocol: ServiceProtocol;
  readonly port: number;
  readonly targetPort: number | string;
  /** 0: none written (one is allocated for NodePort/LoadBalancer). */
  readonly nodePort: number;
  readonly path: FieldPath;
}

/** A valid Service before IPAM: the model's fields, with `clusterIP` '' meaning "allocate one". */
export type ServiceDraft = Omit<ServiceModel, 'ports' | 'implicit' | 'source'> & {
  readonly ports: readonly ServicePortDraft[];
  /** `spec.allocateLoadBalancerNodePorts` @default true */
  readonly allocateLoadBalancerNodePorts: boolean;
  /** `spec.publishNotReadyAddresses`: the EndpointSlice controller then marks every endpoint ready. */
  readonly publishNotReadyAddresses: boolean;
};

const SPEC_FIELDS = [
  'ports', 'selector', 'clusterIP', 'clusterIPs', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP',
  'loadBalancerSourceRanges', 'externalName', 'externalTrafficPolicy', 'healthCheckNodePort', 'publishNotReadyAddresses',
  'sessionAffinityConfig', 'ipFamilies', 'ipFamilyPolicy', 'allocateLoadBalancerNodePorts', 'loadBalancerClass',
  'internalTrafficPolicy', 'trafficDistribution',
];
const PORT_FIELDS = ['name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort'];
const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const POLICIES: readonly TrafficPolicy[] = ['Cluster', 'Local'];
/** `core.MaxClientIPServiceAffinitySeconds` */
const MAX_AFFINITY_SECONDS = 86400;
/** `core.DefaultClientIPServiceAffinitySeconds` */
export const DEFAULT_AFFINITY_SECONDS = 10800;

export function validateService(r: Reporter, obj: Readonly<Record<string, unknown>>): ServiceDraft | undefined {
  readObject(r, [], obj, ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  const meta = readMetadata(r, obj['metadata'], 'dns1035', true);
  const spec = readObject(r, ['spec'], obj['spec'] ?? {}, SPEC_FIELDS) ?? {};
  const S = (...p: FieldPath): FieldPath => ['spec', ...p];

  const typeText = readString(r, S('type'), spec['type']) ?? 'ClusterIP';
  let type: ServiceType = 'ClusterIP';
  if ((SERVICE_TYPES as readonly string[]).includes(typeText)) type = typeText as ServiceType;
  else r.unsupported(S('type'), typeText, SERVICE_TYPES);

  let clusterIP = readClusterIP(r, spec, type);
  const headless = clusterIP === 'None';
  let externalName: string | undefined;
  if (type === 'ExternalName') {
    const cname = (readString(r, S('externalName'), spec['externalName']) ?? '').replace(/\.$/, '');
    if (cname === '') r.required(S('externalName'));
    else for (const msg of nameErrors(cname, 'dns1123-subdomain')) r.invalid(S('externalName'), cname, msg);
    externalName = cname;
    if (clusterIP !== '') r.forbidden(S('clusterIP'), 'may not be set for ExternalName services');
    clusterIP = '';
  } else if (headless && (type === 'LoadBalancer' || type === 'NodePort')) {
    r.invalid(S('clusterIP'), 'None', `may not be set to 'None' for ${type} services`);
  }

  const ports = readPorts(r, spec, type);
  const written = Array.isArray(spec['ports']) ? spec['ports'].length : 0;
  if (written === 0 && !headless && type !== 'ExternalName') r.required(S('ports'));

  const selector = spec['selector'] === undefined || spec['selector'] === null ? undefined : readStringMap(r, S('selector'), spec['selector']);

  const affinityText = readString(r, S('sessionAffinity'), spec['sessionAffinity']) ?? 'None';
  let sessionAffinity: 'None' | 'ClientIP' = 'None';
  if (affinityText === 'None' || affinityText === 'ClientIP') sessionAffinity = affinityText;
  else r.unsupported(S('sessionAffinity'), affinityText, ['ClientIP', 'None']);
  const timeout = readAffinityTimeout(r, spec, sessionAffinity);

  const externalIPs: string[] = [];
  readStringList(r, S('externalIPs'), spec['externalIPs']).forEach((text, i) => {
    const ip = readIpv4(r, S('externalIPs', i), text);
    if (ip !== undefined) {
      checkNonSpecialIp(r, S('externalIPs', i), ip);
      externalIPs.push(ip);
    }
  });

  const sourceRanges = readStringList(r, S('loadBalancerSourceRanges'), spec['loadBalancerSourceRanges']);
  if (sourceRanges.length > 0 && type !== 'LoadBalancer')
    r.forbidden(S('loadBalancerSourceRanges'), "may only be used when `type` is 'LoadBalancer'");
  // Space padding is allowed "due to a historical accident" (ValidateService); kube-proxy trims too, and reads
  // each range with netutils.ParseCIDRSloppy (leading zeros, host bits masked), which readCidr mirrors.
  const normalisedRanges = sourceRanges.flatMap((range, i) => readCidr(r, S('loadBalancerSourceRanges', i), range) ?? []);

  const allocateNodePorts = readBool(r, S('allocateLoadBalancerNodePorts'), spec['allocateLoadBalancerNodePorts']);
  if (allocateNodePorts !== undefined && type !== 'LoadBalancer')
    r.forbidden(S('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'");
  const publishNotReady = readBool(r, S('publishNotReadyAddresses'), spec['publishNotReadyAddresses']) ?? false;
  readString(r, S('loadBalancerIP'), spec['loadBalancerIP']);
  readString(r, S('loadBalancerClass'), spec['loadBalancerClass']);
  readIpFamilies(r, spec);

  // apiservice.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with external IPs.
  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && externalIPs.length > 0);
  const etpText = readString(r, S('externalTrafficPolicy'), spec['externalTrafficPolicy']) ?? '';
  let externalTrafficPolicy: TrafficPolicy = 'Cluster';
  if (!externallyAccessible) {
    if (etpText !== '') r.invalid(S('externalTrafficPolicy'), etpText, 'may only be set for externally-accessible services');
  } else if (etpText !== '') {
    if ((POLICIES as readonly string[]).includes(etpText)) externalTrafficPolicy = etpText as TrafficPolicy;
    else r.unsupported(S('externalTrafficPolicy'), etpText, POLICIES);
  }
  const itpText = readString(r, S('internalTrafficPolicy'), spec['internalTrafficPolicy']) ?? 'Cluster';
  let internalTrafficPolicy: TrafficPolicy = 'Cluster';
  if ((POLICIES as readonly string[]).includes(itpText)) internalTrafficPolicy = itpText as TrafficPolicy;
  else r.unsupported(S('internalTrafficPolicy'), itpText, POLICIES);

  const hcnp = readInt(r, S('healthCheckNodePort'), spec['healthCheckNodePort']) ?? 0;
  const needsHealthCheck = type === 'LoadBalancer' && externalTrafficPolicy === 'Local';
  if (!needsHealthCheck && hcnp !== 0) {
    // ValidateService reports this as Forbidden (no value), like the other type-dependent fields.
    r.forbidden(S('healthCheckNodePort'), "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
  } else if (hcnp !== 0 && (hcnp < 1 || hcnp > 65535)) {
    r.invalid(S('healthCheckNodePort'), hcnp, PORT_RANGE_ERROR);
  }

  const ingress = readLoadBalancerStatus(r, obj['status']);
  if (meta === undefined) return undefined;
  return {
    namespace: meta.namespace,
    name: meta.name,
    type,
    clusterIP,
    ports,
    ...(selector !== undefined ? { selector } : {}),
    externalIPs,
    loadBalancerIngressIPs: ingress,
    loadBalancerSourceRanges: normalisedRanges,
    externalTrafficPolicy,
    internalTrafficPolicy,
    sessionAffinity,
    sessionAffinityTimeoutSeconds: timeout,
    healthCheckNodePort: needsHealthCheck ? hcnp : 0,
    allocateLoadBalancerNodePorts: allocateNodePorts ?? true,
    publishNotReadyAddresses: publishNotReady,
    ...(externalName !== undefined ? { externalName } : {}),
  };
}

function readClusterIP(r: Reporter, spec: Readonly<Record<string, unknown>>, type: ServiceType): string {
  const single = readString(r, ['spec', 'clusterIP'], spec['clusterIP']);
  const many = readStringList(r, ['spec', 'clusterIPs'], spec['clusterIPs']);
  if (many.length > 1) r.invalid(['spec', 'clusterIPs'], many, 'dual-stack is not simulated: Kube Packet Lab models single-stack IPv4 clusters');
  if (single !== undefined && single !== '' && many[0] !== undefined && many[0] !== single)
    r.invalid(['spec', 'clusterIPs', 0], many[0], 'must match `clusterIP` when both are specified');
  const text = single !== undefined && single !== '' ? single : (many[0] ?? '');
  const path: FieldPath = single !== undefined && single !== '' ? ['spec', 'clusterIP'] : ['spec', 'clusterIPs', 0];
  if (text === '' || text === 'None' || type === 'ExternalName') return text;
  return readIpv4(r, path, text) ?? '';
}

function readPorts(r: Reporter, spec: Readonly<Record<string, unknown>>, type: ServiceType): ServicePortDraft[] {
  const list = readList(r, ['spec', 'ports'], spec['ports']) ?? [];
  const names = new Set<string>();
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  const out: ServicePortDraft[] = [];
  list.forEach((item, i) => {
    const P = (...p: FieldPath): FieldPath => ['spec', 'ports', i, ...p];
    const m = readObject(r, P(), item ?? {}, PORT_FIELDS);
    if (m === undefined) return;
    const name = readString(r, P('name'), m['name']) ?? '';
    if (list.length > 1 && name === '') r.required(P('name'));
    else if (name !== '') {
      checkName(r, P('name'), name, 'dns1123-label');
      if (names.has(name)) r.duplicate(P('name'), name);
      names.add(name);
    }
    const port = readInt(r, P('port'), m['port']) ?? 0;
    checkPortNumber(r, P('port'), port);
    const protocolText = readString(r, P('protocol'), m['protocol']) ?? 'TCP';
    let protocol: ServiceProtocol = 'TCP';
    if ((SUPPORTED_PROTOCOLS as readonly string[]).includes(protocolText)) protocol = protocolText as ServiceProtocol;
    else r.unsupported(P('protocol'), protocolText, SUPPORTED_PROTOCOLS);
    readString(r, P('appProtocol'), m['appProtocol']);
    const targetPort = readTargetPort(r, P('targetPort'), m['targetPort'], port);
    const nodePort = readInt(r, P('nodePort'), m['nodePort']) ?? 0;
    if (nodePort !== 0 && type === 'ClusterIP') r.forbidden(P('nodePort'), "may not be used when `type` is 'ClusterIP'");
    if (nodePort !== 0) {
      const key = `${protocol}/${nodePort}`;
      if (nodePorts.has(key)) r.duplicate(P('nodePort'), nodePort);
      nodePorts.add(key);
    }
    const portKey = `${protocol}/${port}`;
    if (portKeys.has(portKey)) {
      // The API server prints the (protocol, port) key struct with Go's %#v.
      r.duplicateRaw(
        P(),
        `core.ServicePort{Name:"", Protocol:"${protocol}", AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
      );
    }
    portKeys.add(portKey);
    out.push({ name, protocol, port, targetPort, nodePort: type === 'ClusterIP' || type === 'ExternalName' ? 0 : nodePort, path: P() });
  });
  return out;
}

/** `ValidatePortNumOrName`, after `SetDefaults_Service` turned a missing or zero targetPort into `port`. */
function readTargetPort(r: Reporter, path: FieldPath, v: unknown, port: number): number | string {
  if (v === undefined || v === null || v === 0) return port;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) {
      r.wrongType(path, v, 'an integer or a port name');
      return port;
    }
    checkPortNumber(r, path, v);
    return v;
  }
  if (typeof v === 'string') {
    for (const msg of portNameErrors(v)) r.invalid(path, v, msg);
    return v;
  }
  r.wrongType(path, v, 'an integer or a port name');
  return port;
}

function readAffinityTimeout(r: Reporter, spec: Readonly<Record<string, unknown>>, affinity: 'None' | 'ClientIP'): number {
  const cfgPath: FieldPath = ['spec', 'sessionAffinityConfig'];
  const cfg = readObject(r, cfgPath, spec['sessionAffinityConfig'], ['clientIP']);
  if (cfg !== undefined && affinity === 'None') {
    r.forbidden(cfgPath, 'must not be set when session affinity is None');
    return DEFAULT_AFFINITY_SECONDS;
  }
  const clientIP = readObject(r, [...cfgPath, 'clientIP'], cfg?.['clientIP'], ['timeoutSeconds']);
  const tPath: FieldPath = [...cfgPath, 'clientIP', 'timeoutSeconds'];
  const timeout = readInt(r, tPath, clientIP?.['timeoutSeconds']);
  if (timeout === undefined) return DEFAULT_AFFINITY_SECONDS;
  if (timeout <= 0 || timeout > MAX_AFFINITY_SECONDS) {
    r.invalid(tPath, timeout, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`);
    return DEFAULT_AFFINITY_SECONDS;
  }
  return timeout;
}

function readIpFamilies(r: Reporter, spec: Readonly<Record<string, unknown>>): void {
  readStringList(r, ['spec', 'ipFamilies'], spec['ipFamilies']).forEach((fam, i) => {
    if (fam === 'IPv6') r.invalid(['spec', 'ipFamilies', i], fam, 'IPv6 is not simulated: Kube Packet Lab models single-stack IPv4 clusters');
    else if (fam !== 'IPv4') r.unsupported(['spec', 'ipFamilies', i], fam, ['IPv4', 'IPv6']);
  });
  const policy = readString(r, ['spec', 'ipFamilyPolicy'], spec['ipFamilyPolicy']);
  if (policy === 'RequireDualStack') r.invalid(['spec', 'ipFamilyPolicy'], policy, 'dual-stack is not simulated: Kube Packet Lab models single-stack IPv4 clusters');
  else if (policy !== undefined && policy !== 'SingleStack' && policy !== 'PreferDualStack')
    r.unsupported(['spec', 'ipFamilyPolicy'], policy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']);
}

/** `core.LoadBalancerIPMode` values. */
const IP_MODES = ['VIP', 'Proxy'] as const;

function readLoadBalancerStatus(r: Reporter, status: unknown): string[] {
  const st = readObject(r, ['status'], status, ['loadBalancer', 'conditions']);
  const lb = readObject(r, ['status', 'loadBalancer'], st?.['loadBalancer'], ['ingress']);
  const list = readList(r, ['status', 'loadBalancer', 'ingress'], lb?.['ingress']) ?? [];
  const ips: string[] = [];
  list.forEach((item, i) => {
    const P: FieldPath = ['status', 'loadBalancer', 'ingress', i];
    const m = readObject(r, P, item ?? {}, ['ip', 'hostname', 'ipMode', 'ports']);
    const text = readString(r, [...P, 'ip'], m?.['ip']);
    readString(r, [...P, 'hostname'], m?.['hostname']);
    const ipMode = readString(r, [...P, 'ipMode'], m?.['ipMode']);
    if (ipMode !== undefined && !(IP_MODES as readonly string[]).includes(ipMode)) r.unsupported([...P, 'ipMode'], ipMode, IP_MODES);
    if (text === undefined || text === '') return;
    const ip = readIpv4(r, [...P, 'ip'], text);
    // kube-proxy programs only VIP-mode ingress IPs (proxy.IsVIPMode): with `ipMode: Proxy` the load balancer
    // itself sends the traffic on to a node, so no rule on the node names the IP.
    if (ip !== undefined && ipMode !== 'Proxy') ips.push(ip);
  });
  return ips;
}
