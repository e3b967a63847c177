/**
 * Checks shared by every kind: object names, port numbers and names, IPv4 addresses and CIDRs, metadata.
 * Messages are apimachinery's (`k8s.io/apimachinery/pkg/util/validation/validation.go`).
 */
import { formatCidr, formatIpv4, parseCidr, parseIpv4, prefixMask } from '../ipv4';
import type { FieldPath, Reporter } from './diagnostics';
import { readObject, readOpaqueMap, readString, readStringMap } from './fields';

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const DNS1035_ERROR =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_LABEL_ERROR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_SUBDOMAIN_ERROR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const PORT_RANGE_ERROR = 'must be between 1 and 65535, inclusive';
export const IP_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
export const CIDR_ERROR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

export type NameRule = 'dns1035' | 'dns1123-label' | 'dns1123-subdomain';

/** `IsDNS1035Label` / `IsDNS1123Label` / `IsDNS1123Subdomain`: every failed rule is its own message. */
export function nameErrors(name: string, rule: NameRule): string[] {
  const out: string[] = [];
  const max = rule === 'dns1123-subdomain' ? 253 : 63;
  if (name.length > max) out.push(`must be no more than ${max} characters`);
  if (rule === 'dns1035' && !DNS1035.test(name)) out.push(DNS1035_ERROR);
  if (rule === 'dns1123-label' && !DNS1123_LABEL.test(name)) out.push(DNS1123_LABEL_ERROR);
  if (rule === 'dns1123-subdomain' && !DNS1123_SUBDOMAIN.test(name)) out.push(DNS1123_SUBDOMAIN_ERROR);
  return out;
}

export function checkName(r: Reporter, path: FieldPath, name: string, rule: NameRule): boolean {
  const errors = nameErrors(name, rule);
  for (const e of errors) r.invalid(path, name, e);
  return errors.length === 0;
}

/** `IsValidPortName` (IANA service names): a container port name or a named targetPort. */
export function portNameErrors(port: string): string[] {
  const out: string[] = [];
  if (port.length > 15) out.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(port)) out.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) out.push('must contain at least one letter (a-z)');
  if (port.includes('--')) out.push('must not contain consecutive hyphens');
  if (port.startsWith('-') || port.endsWith('-')) out.push('must not begin or end with a hyphen');
  return out;
}

export function checkPortNumber(r: Reporter, path: FieldPath, port: number): boolean {
  if (port < 1 || port > 65535) {
    r.invalid(path, port, PORT_RANGE_ERROR);
    return false;
  }
  return true;
}

export const SUPPORTED_PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

/**
 * Reads an IPv4 address the way the API server's legacy parsing does: leading zeros are accepted
 * (as decimal, like Go's pre-1.17 `net.ParseIP`) with a warning, and normalised, as kube-proxy
 * normalises them with `netutils.ParseIPSloppy`.
 */
export function readIpv4(r: Reporter, path: FieldPath, text: string, what = IP_ERROR): string | undefined {
  const strict = parseIpv4(text);
  if (strict !== undefined) return text;
  const sloppy = parseSloppyIpv4(text);
  if (sloppy !== undefined) {
    const normal = formatIpv4(sloppy);
    r.warning(path, `non-standard IP address ${JSON.stringify(text)} will be considered invalid in a future Kubernetes release: use ${JSON.stringify(normal)}`);
    return normal;
  }
  if (text.includes(':')) {
    r.invalid(path, text, 'IPv6 is not simulated: Kube Packet Lab models single-stack IPv4 clusters');
    return undefined;
  }
  r.invalid(path, text, what);
  return undefined;
}

function parseSloppyIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    // Go's old parser (netutils.ParseIPSloppy) reads any run of decimal digits, leading zeros included.
    if (!/^\d{1,12}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n >>> 0;
}

/** Reads `a.b.c.d/len`; leading zeros and host bits are warned about and normalised (masked), as kube-proxy does. */
export function readCidr(r: Reporter, path: FieldPath, raw: string): string | undefined {
  const text = raw.trim();
  const slash = text.indexOf('/');
  if (slash === -1) {
    r.invalid(path, raw, CIDR_ERROR);
    return undefined;
  }
  const addrText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const addr = parseIpv4(addrText) ?? parseSloppyIpv4(addrText);
  // Go's sloppy parser reads the prefix length as decimal digits, leading zeros included (`/025` is /25).
  if (addr === undefined || !/^\d{1,12}$/.test(prefixText) || Number(prefixText) > 32) {
    r.invalid(path, raw, text.includes(':') ? 'IPv6 is not simulated: Kube Packet Lab models single-stack IPv4 clusters' : CIDR_ERROR);
    return undefined;
  }
  const prefix = Number(prefixText);
  const masked = formatCidr({ address: ((addr & prefixMask(prefix)) >>> 0) as never, prefix });
  if (parseIpv4(addrText) === undefined || (prefixText.length > 1 && prefixText.startsWith('0'))) {
    r.warning(path, `non-standard CIDR value ${JSON.stringify(text)} will be considered invalid in a future Kubernetes release: use ${JSON.stringify(masked)}`);
  } else if (masked !== text) {
    r.warning(path, `CIDR value ${JSON.stringify(text)} is ambiguous in this context (should be ${JSON.stringify(masked)} or ${JSON.stringify(`${formatIpv4(addr)}/32`)}?)`);
  }
  return parseCidr(masked) ? masked : undefined;
}

/** `ValidateNonSpecialIP`: addresses a Service may not claim as external. */
export function checkNonSpecialIp(r: Reporter, path: FieldPath, ip: string): void {
  const n = parseIpv4(ip);
  if (n === undefined) return;
  if (n === 0) r.invalid(path, ip, 'may not be unspecified (0.0.0.0)');
  else if (n >>> 24 === 127) r.invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)');
  else if (n >>> 16 === 0xa9fe) r.invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)');
  else if (n >>> 8 === 0xe00000) r.invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
}

const METADATA_FIELDS = [
  'name', 'generateName', 'namespace', 'labels', 'annotations', 'uid', 'resourceVersion', 'generation',
  'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'finalizers',
  'managedFields', 'selfLink',
];

/** What the engine needs from `metadata`. */
export interface Metadata {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `deletionTimestamp` is set: the object is terminating. */
  readonly deleting: boolean;
}

/**
 * Reads `metadata`. `namespaced` false for cluster-scoped kinds (Node); `nameRule` is the kind's own
 * (Services DNS-1035, Pods DNS-1123 subdomain, …). The name is required: a scenario has no
 * server to expand `generateName`.
 */
export function readMetadata(r: Reporter, v: unknown, nameRule: NameRule, namespaced: boolean): Metadata | undefined {
  const m = readObject(r, ['metadata'], v, METADATA_FIELDS);
  if (m === undefined) {
    r.required(['metadata', 'name'], 'name or generateName is required');
    return undefined;
  }
  const name = readString(r, ['metadata', 'name'], m['name']);
  const namespace = readString(r, ['metadata', 'namespace'], m['namespace']) ?? 'default';
  const labels = readStringMap(r, ['metadata', 'labels'], m['labels']) ?? {};
  readOpaqueMap(r, ['metadata', 'annotations'], m['annotations']);
  let ok = true;
  if (name === undefined || name === '') {
    if (m['name'] === undefined || m['name'] === null || name === '') r.required(['metadata', 'name'], 'name or generateName is required');
    ok = false;
  } else if (!checkName(r, ['metadata', 'name'], name, nameRule)) ok = false;
  if (namespaced && !checkName(r, ['metadata', 'namespace'], namespace, 'dns1123-label')) ok = false;
  if (!ok || name === undefined) return undefined;
  const deletion = m['deletionTimestamp'];
  return { name, namespace: namespaced ? namespace : '', labels, deleting: deletion !== undefined && deletion !== null };
}
