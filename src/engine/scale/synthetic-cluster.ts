/**
 * Synthetic clusters for the scale lab and the engine benchmark (bench/synthetic-cluster.ts): a kind cluster
 * running N Services, each with its own endpoints.
 *
 * A small YAML scenario goes through `loadScenario` like any user's text: kind's control-plane node (and,
 * for the benchmark, worker nodes), a client pod on the control-plane node and the measured Service
 * `default/web`, whose endpoints are real pods (a Deployment: pinned to the one node of the scale lab's
 * cluster, placed round-robin on the workers otherwise), so the traced connection is delivered. The other
 * N − 1 Services are added to the loaded model directly, each with an explicit EndpointSlice: a scenario may
 * hold at most 500 documents and a node's podCIDR is a /24, so 30,000 Services cannot be written as YAML.
 * kube-proxy's rules for them depend only on the Service, its slice and each endpoint's `nodeName`, not on
 * whether a pod object exists.
 *
 * The synthetic Services sort before `default/web` (namespace `bench`), so the traced connection meets its
 * Service at the end of iptables' KUBE-SERVICES: the linear walk at its longest (kube-proxy writes Services
 * in Go map order, so on a real node a connection reads on average half of them).
 */
import { loadScenario } from '../cluster/load';
import { clusterIPService } from '../cluster/defaulted-service';
import type { ClusterModel, EndpointModel, EndpointSliceModel, ServiceModel } from '../cluster/model';
import { formatIpv4, parseIpv4 } from '../ipv4';

/** The traced client and Service, as `kpl trace --from … --to …` names them. */
export const SCALE_CLIENT = 'client';
export const SCALE_TARGET = 'web';
/** kind names its control-plane node NAME-control-plane. */
export const SCALE_NODE = 'scale-control-plane';

export interface SyntheticShape {
  /** The kind cluster's name: its nodes are NAME-control-plane, NAME-worker, NAME-worker2, … @default 'scale' */
  readonly name?: string;
  /**
   * Worker nodes. 0: the control-plane node alone runs every pod and endpoint (the scale lab's node);
   * otherwise the endpoints go round-robin over the workers. @default 0
   */
  readonly workers?: number;
}

/** kind's node names: NAME-worker, NAME-worker2, … */
const workerName = (cluster: string, i: number): string => `${cluster}-worker${i === 0 ? '' : String(i + 1)}`;

function baseScenario(endpoints: number, name: string, workers: number): string {
  const controlPlane = `${name}-control-plane`;
  return `apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
name: ${name}
nodes:
- role: control-plane
${'- role: worker\n'.repeat(workers)}networking:
  podSubnet: 10.244.0.0/16
  serviceSubnet: 10.96.0.0/12
---
apiVersion: v1
kind: Pod
metadata:
  name: ${SCALE_CLIENT}
spec:
  nodeName: ${controlPlane}
  containers:
  - name: client
    image: nicolaka/netshoot
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${SCALE_TARGET}
spec:
  replicas: ${endpoints}
  selector:
    matchLabels:
      app: ${SCALE_TARGET}
  template:
    metadata:
      labels:
        app: ${SCALE_TARGET}
    spec:
${workers === 0 ? `      nodeName: ${controlPlane}\n` : ''}      containers:
      - name: web
        image: traefik/whoami
        ports:
        - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: ${SCALE_TARGET}
spec:
  selector:
    app: ${SCALE_TARGET}
  ports:
  - port: 80
    targetPort: 8080
`;
}

/** Synthetic cluster IPs start here (inside 10.96.0.0/12, clear of the loader's .100 allocations). */
const FIRST_SERVICE_IP = parseIpv4('10.97.0.0')!;
/** Synthetic endpoint addresses: outside the node's podCIDR and the service subnet (never routed to). */
const FIRST_ENDPOINT_IP = parseIpv4('10.128.0.2')!;
/** Objects not written in the scenario text carry document -1, like the implicit system Services. */
const NO_SOURCE = { doc: -1, path: '' } as const;

function syntheticService(i: number, endpointsPerService: number, nodeOf: (endpoint: number) => string): { service: ServiceModel; slice: EndpointSliceModel } {
  const name = `svc-${String(i).padStart(5, '0')}`;
  const service = clusterIPService({
    namespace: 'bench',
    name,
    clusterIP: formatIpv4(FIRST_SERVICE_IP + i),
    ports: [{ name: '', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 0, source: NO_SOURCE }],
    implicit: false,
    source: NO_SOURCE,
  });
  const endpoints: EndpointModel[] = [];
  for (let k = 0; k < endpointsPerService; k++) {
    const n = i * endpointsPerService + k;
    endpoints.push({ addresses: [formatIpv4(FIRST_ENDPOINT_IP + n)], ready: true, serving: true, terminating: false, nodeName: nodeOf(n) });
  }
  const slice: EndpointSliceModel = {
    namespace: 'bench',
    name: `${name}-abcde`,
    serviceName: name,
    addressType: 'IPv4',
    endpoints,
    ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    explicit: true,
    source: NO_SOURCE,
  };
  return { service, slice };
}

/** Service IPs from 10.97.0.0 to the end of the service subnet (10.111.255.255). */
export const MAX_SCALE_SERVICES = parseIpv4('10.111.255.255')! - FIRST_SERVICE_IP + 1;
/** Endpoint addresses from 10.128.0.2 to 10.255.255.254. */
const MAX_ENDPOINTS = parseIpv4('10.255.255.254')! - FIRST_ENDPOINT_IP + 1;

/**
 * A kind cluster with `services` Services (the traced one included) of `endpointsPerService` endpoints
 * each, plus kind's system Services (`default/kubernetes`, `kube-system/kube-dns`).
 */
export function scaleCluster(services: number, endpointsPerService: number, shape: SyntheticShape = {}): ClusterModel {
  const name = shape.name ?? 'scale';
  const workers = shape.workers ?? 0;
  if (!(Number.isInteger(services) && services >= 1 && services <= MAX_SCALE_SERVICES)) throw new RangeError(`services must be 1–${MAX_SCALE_SERVICES} (got ${services})`);
  if (!(Number.isInteger(endpointsPerService) && endpointsPerService >= 1 && endpointsPerService <= 100)) throw new RangeError(`endpoints per Service must be 1–100 (got ${endpointsPerService})`);
  if (services * endpointsPerService > MAX_ENDPOINTS) throw new RangeError(`${services} Services × ${endpointsPerService} endpoints do not fit in 10.128.0.0/9`);
  if (!(Number.isInteger(workers) && workers >= 0 && workers <= 100)) throw new RangeError(`workers must be 0–100 (got ${workers})`);
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new RangeError(`a kind cluster name is lower-case letters, digits and dashes (got ${name})`);
  const loaded = loadScenario(baseScenario(endpointsPerService, name, workers));
  if (!loaded.cluster) throw new Error(`the synthetic cluster's base scenario does not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const base = loaded.cluster;
  const controlPlane = `${name}-control-plane`;
  const nodeOf = workers === 0 ? () => controlPlane : (n: number) => workerName(name, n % workers);
  const services_: ServiceModel[] = [...base.services];
  const slices: EndpointSliceModel[] = [...base.endpointSlices];
  for (let i = 0; i < services - 1; i++) {
    const { service, slice } = syntheticService(i, endpointsPerService, nodeOf);
    services_.push(service);
    slices.push(slice);
  }
  return { ...base, services: services_, endpointSlices: slices };
}
