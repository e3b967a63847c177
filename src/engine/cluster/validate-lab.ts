/** `kube-packet-lab/v1 Lab`: the lab's own options, which no Kubernetes object carries. */
import { formatPath, type FieldPath, type Reporter } from './diagnostics';
import { readBool, readInt, readList, readObject, readString } from './fields';
import type { ClusterModel, LabListener, LabOptions } from './model';
import { checkPortNumber, readIpv4 } from './validate-common';

const LISTENER_FIELDS = ['node', 'pod', 'port', 'protocol', 'address'];
const LISTENER_PROTOCOLS = ['TCP', 'UDP'] as const;

function readListener(r: Reporter, path: FieldPath, item: unknown): LabListener | undefined {
  const m = readObject(r, path, item ?? {}, LISTENER_FIELDS);
  if (m === undefined) return undefined;
  const node = readString(r, [...path, 'node'], m['node']);
  const pod = readString(r, [...path, 'pod'], m['pod']);
  if (node === undefined && pod === undefined) r.required([...path, 'node'], 'a listener runs on a node or in a pod: give node or pod');
  if (node !== undefined && pod !== undefined) r.forbidden([...path, 'pod'], 'a listener runs on a node or in a pod, not both');
  const port = readInt(r, [...path, 'port'], m['port']);
  if (port === undefined) r.required([...path, 'port']);
  else checkPortNumber(r, [...path, 'port'], port);
  const protoText = readString(r, [...path, 'protocol'], m['protocol']) ?? 'TCP';
  const protocol = (LISTENER_PROTOCOLS as readonly string[]).includes(protoText) ? (protoText as LabListener['protocol']) : undefined;
  if (protocol === undefined) r.unsupported([...path, 'protocol'], protoText, LISTENER_PROTOCOLS);
  const addressText = readString(r, [...path, 'address'], m['address']);
  const address = addressText === undefined || addressText === '0.0.0.0' ? undefined : readIpv4(r, [...path, 'address'], addressText);
  if (port === undefined || protocol === undefined || (node === undefined) === (pod === undefined)) return undefined;
  if (addressText !== undefined && addressText !== '0.0.0.0' && address === undefined) return undefined;
  return { ...(node !== undefined ? { node } : {}), ...(pod !== undefined ? { pod } : {}), port, protocol, ...(address !== undefined ? { address } : {}), source: { doc: r.doc, path: formatPath(path) } };
}

export function validateLab(r: Reporter, obj: Readonly<Record<string, unknown>>): LabOptions {
  readObject(r, [], obj, ['apiVersion', 'kind', 'metadata', 'systemServices', 'listeners']);
  const meta = readObject(r, ['metadata'], obj['metadata'], ['name']);
  readString(r, ['metadata', 'name'], meta?.['name']);
  const listeners = (readList(r, ['listeners'], obj['listeners']) ?? []).flatMap((item, i) => readListener(r, ['listeners', i], item) ?? []);
  return { systemServices: readBool(r, ['systemServices'], obj['systemServices']) ?? true, ...(listeners.length > 0 ? { listeners } : {}) };
}

/**
 * What only the whole cluster can tell: a listener's node or pod must exist, and a node listener's address
 * must be one of that node's (a socket cannot bind an address its host lacks: EADDRNOTAVAIL).
 */
export function checkLabListeners(r: Reporter, cluster: Pick<ClusterModel, 'nodes' | 'pods'>, listeners: readonly LabListener[]): void {
  listeners.forEach((l, i) => {
    if (l.node !== undefined) {
      const node = cluster.nodes.find((n) => n.name === l.node);
      if (!node) return r.notFound(['listeners', i, 'node'], l.node, `no such node (nodes: ${cluster.nodes.map((n) => n.name).join(', ')})`);
      if (l.address !== undefined && ![node.internalIP, node.gatewayIP].includes(l.address) && !l.address.startsWith('127.')) {
        r.invalid(['listeners', i, 'address'], l.address, `not an address of ${node.name} (${node.internalIP}, ${node.gatewayIP}, 127.0.0.0/8): nothing can bind it there`);
      }
      return;
    }
    const text = l.pod ?? '';
    const [ns, name] = text.includes('/') ? text.split('/', 2) : [undefined, text];
    const pod = cluster.pods.find((p) => p.name === name && (ns === undefined || p.namespace === ns));
    if (!pod) return r.notFound(['listeners', i, 'pod'], text, 'no such pod');
    if (l.address !== undefined && l.address !== pod.ip && !l.address.startsWith('127.')) r.invalid(['listeners', i, 'address'], l.address, `not an address of pod ${pod.name} (${pod.ip})`);
  });
}
