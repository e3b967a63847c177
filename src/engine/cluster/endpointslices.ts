/**
 * EndpointSlices for Services with a selector, as the EndpointSlice controller writes them
 * (pkg/controller/endpointslice and staging/src/k8s.io/endpointslice `reconciler.go`, `utils.go`):
 * the pods the selector matches in the Service's namespace, one endpoint per pod, the Service's
 * ports resolved per pod, and pods whose resolved ports differ in different slices (the controller
 * groups endpoints by the hash of their port list).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type {
  EndpointModel, EndpointPortModel, EndpointSliceModel, PodModel, ServiceModel, ServicePortModel,
} from './model';

/**
 * The controller's own cap (`--max-endpoints-per-slice`, default 100): a group of endpoints with
 * the same ports spills into more slices past it.
 */
export const MAX_ENDPOINTS_PER_SLICE = 100;

/** The slices the controller would write for every Service with a (non-empty) selector, in Service order. */
export function generateEndpointSlices(
  services: readonly ServiceModel[],
  pods: readonly PodModel[],
): EndpointSliceModel[] {
  const out: EndpointSliceModel[] = [];
  for (const svc of services) out.push(...slicesForService(svc, pods));
  return out;
}

/** The slices of one Service; none when it has no selector or is an ExternalName (no endpoints to program). */
export function slicesForService(svc: ServiceModel, pods: readonly PodModel[]): EndpointSliceModel[] {
  const selector = svc.selector;
  // A Service without a selector (or with `{}`, which JSON round-trips to nil) gets its endpoints from
  // slices someone else writes; the controller leaves it alone.
  if (selector === undefined || Object.keys(selector).length === 0 || svc.type === 'ExternalName') return [];
  const groups = new Map<string, { ports: EndpointPortModel[]; endpoints: EndpointModel[] }>();
  for (const pod of pods) {
    if (pod.namespace !== svc.namespace || pod.ip === '' || !selectorMatches(selector, pod.labels)) continue;
    const ports = endpointPorts(svc.ports, pod);
    const key = ports.map((p) => `${p.name}/${p.protocol}/${p.port}`).join(',');
    let group = groups.get(key);
    if (group === undefined) {
      group = { ports, endpoints: [] };
      groups.set(key, group);
    }
    group.endpoints.push(podEndpoint(pod, svc.publishNotReadyAddresses === true));
  }
  const slices: EndpointSliceModel[] = [];
  for (const group of groups.values()) {
    for (let i = 0; i < group.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
      slices.push({
        namespace: svc.namespace,
        name: sliceName(svc, slices.length),
        serviceName: svc.name,
        addressType: 'IPv4',
        endpoints: group.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE),
        ports: group.ports,
        explicit: false,
        source: svc.source,
      });
    }
  }
  return slices;
}

/**
 * `getEndpointPorts`: each Service port whose target resolves on this pod (`podutil.FindPort`). A
 * number targets itself; a name targets the pod's container port of that name and protocol, and a
 * pod without one is left out of that port (not out of the slice).
 */
export function endpointPorts(ports: readonly ServicePortModel[], pod: PodModel): EndpointPortModel[] {
  const out: EndpointPortModel[] = [];
  for (const sp of ports) {
    const port = resolveTargetPort(sp, pod);
    if (port === undefined) continue;
    out.push({ name: sp.name, port, protocol: sp.protocol });
  }
  return out;
}

/** `podutil.FindPort`: the pod's port for a Service port, or undefined when a named target is missing. */
export function resolveTargetPort(sp: ServicePortModel, pod: PodModel): number | undefined {
  if (typeof sp.targetPort === 'number') return sp.targetPort;
  const found = pod.ports.find((c) => c.name === sp.targetPort && c.protocol === sp.protocol);
  return found?.containerPort;
}

/**
 * `podToEndpoint`: serving = the pod is Ready; terminating = it has a deletion timestamp; ready =
 * serving and not terminating, or always when the Service sets `publishNotReadyAddresses` (then kube-proxy
 * sends traffic to pods that are not ready, and to terminating ones, like any ready endpoint).
 */
function podEndpoint(pod: PodModel, publishNotReadyAddresses: boolean): EndpointModel {
  return {
    addresses: [pod.ip],
    ready: publishNotReadyAddresses || (pod.ready && !pod.terminating),
    serving: pod.ready,
    terminating: pod.terminating,
    nodeName: pod.nodeName,
    podName: pod.name,
  };
}

function selectorMatches(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
}

/** The alphabet of apimachinery's `rand.String` (no vowels, no look-alikes), which `generateName` uses. */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The controller names slices `generateName: <service>-` plus five random characters; ours come
 * from a hash of the Service and the slice's position so the same scenario always names them alike.
 */
export function sliceName(svc: Pick<ServiceModel, 'namespace' | 'name'>, index: number): string {
  return `${svc.name}-${hashChars(`endpointslice/${svc.namespace}/${svc.name}/${index}`, 5)}`;
}

/** Hashes made so far (each keystroke in the editor names every Service's slice again); dropped whole past KEPT_HASHES. */
const hashes = new Map<string, string>();
const KEPT_HASHES = 100_000;

/** `n` characters of `NAME_ALPHABET` chosen by the SHA-256 of `seed`. */
export function hashChars(seed: string, n: number): string {
  const key = `${n} ${seed}`;
  let chars = hashes.get(key);
  if (chars === undefined) {
    if (hashes.size >= KEPT_HASHES) hashes.clear();
    chars = hashedChars(seed, n);
    hashes.set(key, chars);
  }
  return chars;
}

function hashedChars(seed: string, n: number): string {
  const digest = sha256(utf8ToBytes(seed));
  let out = '';
  for (let i = 0; i < n; i++) out += NAME_ALPHABET[(digest[i] ?? 0) % NAME_ALPHABET.length];
  return out;
}
