/**
 * `discovery.k8s.io/v1 EndpointSlice` written in the scenario, validated as `ValidateEndpointSlice`
 * (pkg/apis/discovery/validation) and defaulted as `SetDefaults_EndpointPort` (name "", protocol TCP).
 */
import type { FieldPath, Reporter } from './diagnostics';
import { readBool, readInt, readList, readObject, readString, readStringList } from './fields';
import type { EndpointModel, EndpointPortModel, EndpointSliceModel, ServiceProtocol } from './model';
import { SUPPORTED_PROTOCOLS, checkName, checkPortNumber, readIpv4, readMetadata } from './validate-common';

/** The label kube-proxy uses to tie a slice to its Service (`discovery.LabelServiceName`). */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'] as const;
const MAX_ADDRESSES = 100;
const MAX_ENDPOINTS = 1000;
const MAX_PORTS = 100;

const ENDPOINT_FIELDS = ['addresses', 'conditions', 'hostname', 'targetRef', 'nodeName', 'zone', 'hints', 'deprecatedTopology'];

export function validateEndpointSlice(r: Reporter, obj: Readonly<Record<string, unknown>>, doc: number): EndpointSliceModel | undefined {
  readObject(r, [], obj, ['apiVersion', 'kind', 'metadata', 'addressType', 'endpoints', 'ports']);
  const meta = readMetadata(r, obj['metadata'], 'dns1123-subdomain', true);
  const typeText = readString(r, ['addressType'], obj['addressType']);
  let addressType: EndpointSliceModel['addressType'] = 'IPv4';
  if (typeText === undefined || typeText === '') r.required(['addressType']);
  else if ((ADDRESS_TYPES as readonly string[]).includes(typeText)) addressType = typeText as EndpointSliceModel['addressType'];
  else r.unsupported(['addressType'], typeText, ADDRESS_TYPES);

  const endpointList = readList(r, ['endpoints'], obj['endpoints']) ?? [];
  if (endpointList.length > MAX_ENDPOINTS) r.error(['endpoints'], `Too many: ${endpointList.length}: must have at most ${MAX_ENDPOINTS} items`);
  const endpoints: EndpointModel[] = [];
  endpointList.slice(0, MAX_ENDPOINTS).forEach((item, i) => {
    const e = readEndpoint(r, ['endpoints', i], item, addressType);
    if (e !== undefined) endpoints.push(e);
  });

  const portList = readList(r, ['ports'], obj['ports']) ?? [];
  if (portList.length > MAX_PORTS) r.error(['ports'], `Too many: ${portList.length}: must have at most ${MAX_PORTS} items`);
  const names = new Set<string>();
  const ports: EndpointPortModel[] = [];
  portList.slice(0, MAX_PORTS).forEach((item, i) => {
    const P: FieldPath = ['ports', i];
    const m = readObject(r, P, item ?? {}, ['name', 'protocol', 'port', 'appProtocol']);
    if (m === undefined) return;
    const name = readString(r, [...P, 'name'], m['name']) ?? '';
    if (name !== '') checkName(r, [...P, 'name'], name, 'dns1123-label');
    if (names.has(name)) r.duplicate([...P, 'name'], name);
    names.add(name);
    const protoText = readString(r, [...P, 'protocol'], m['protocol']) ?? 'TCP';
    let protocol: ServiceProtocol = 'TCP';
    if ((SUPPORTED_PROTOCOLS as readonly string[]).includes(protoText)) protocol = protoText as ServiceProtocol;
    else r.unsupported([...P, 'protocol'], protoText, SUPPORTED_PROTOCOLS);
    readString(r, [...P, 'appProtocol'], m['appProtocol']);
    const port = readInt(r, [...P, 'port'], m['port']);
    // A nil port means "all ports"; kube-proxy skips such a port (endpointslicecache.go), so do we.
    if (port !== undefined && checkPortNumber(r, [...P, 'port'], port)) ports.push({ name, port, protocol });
  });

  if (meta === undefined) return undefined;
  const serviceName = meta.labels[SERVICE_NAME_LABEL] ?? '';
  if (serviceName === '')
    r.warning(['metadata', 'labels'], `no ${SERVICE_NAME_LABEL} label: kube-proxy ignores this EndpointSlice`);
  return {
    namespace: meta.namespace,
    name: meta.name,
    serviceName,
    addressType,
    endpoints,
    ports,
    explicit: true,
    source: { doc, path: '' },
  };
}

function readEndpoint(r: Reporter, path: FieldPath, v: unknown, addressType: EndpointSliceModel['addressType']): EndpointModel | undefined {
  const m = readObject(r, path, v ?? {}, ENDPOINT_FIELDS);
  if (m === undefined) return undefined;
  const written = readStringList(r, [...path, 'addresses'], m['addresses']);
  if (written.length === 0) r.required([...path, 'addresses'], 'must contain at least 1 address');
  if (written.length > MAX_ADDRESSES) r.error([...path, 'addresses'], `Too many: ${written.length}: must have at most ${MAX_ADDRESSES} items`);
  const addresses: string[] = [];
  written.forEach((text, i) => {
    if (addressType !== 'IPv4') {
      addresses.push(text);
      return;
    }
    const ip = readIpv4(r, [...path, 'addresses', i], text, 'must be a valid IPv4 address');
    if (ip !== undefined) addresses.push(ip);
  });
  const cond = readObject(r, [...path, 'conditions'], m['conditions'], ['ready', 'serving', 'terminating']) ?? {};
  // kube-proxy reads a nil ready/serving as true and a nil terminating as false.
  const ready = readBool(r, [...path, 'conditions', 'ready'], cond['ready']) ?? true;
  const serving = readBool(r, [...path, 'conditions', 'serving'], cond['serving']) ?? true;
  const terminating = readBool(r, [...path, 'conditions', 'terminating'], cond['terminating']) ?? false;
  const nodeName = readString(r, [...path, 'nodeName'], m['nodeName']);
  if (nodeName !== undefined && nodeName !== '') checkName(r, [...path, 'nodeName'], nodeName, 'dns1123-subdomain');
  const zone = readString(r, [...path, 'zone'], m['zone']);
  readString(r, [...path, 'hostname'], m['hostname']);
  const ref = readObject(r, [...path, 'targetRef'], m['targetRef'], ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath']);
  const refKind = readString(r, [...path, 'targetRef', 'kind'], ref?.['kind']);
  const refName = readString(r, [...path, 'targetRef', 'name'], ref?.['name']);
  return {
    addresses,
    ready,
    serving,
    terminating,
    ...(nodeName !== undefined && nodeName !== '' ? { nodeName } : {}),
    ...(zone !== undefined && zone !== '' ? { zone } : {}),
    ...(refName !== undefined && refName !== '' && (refKind === undefined || refKind === 'Pod') ? { podName: refName } : {}),
  };
}
