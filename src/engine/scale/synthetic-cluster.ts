/**
 * The scale lab's synthetic clusters: one kind node running N Services, each with its own endpoints.
 *
 * A small YAML scenario goes through `loadScenario` like any user's text: a single control-plane node
 * (kind's smallest cluster), a client pod and the measured Service `default/web`, whose endpoints are real
 * pods on that node, so the traced connection is delivered and every rule it meets is on the one node
 * whose rules the sweep generates and times. The other N − 1 Services are added to the loaded model
 * directly, each with an explicit EndpointSlice: a scenario may hold at most 500 documents and a node's
 * podCIDR is a /24, so 30,000 Services cannot be written as YAML. kube-proxy's rules for them depend only on
 * the Service, its slice and each endpoint's `nodeName`, not on whether a pod object exists.
 *
 * The synthetic Services sort before `default/web` (namespace `bench`), so the traced connection meets its
 * Service at the end of iptables' KUBE-SERVICES: the linear walk at its longest (kube-proxy writes Services
 * in Go map order, so on a real node a connection reads on average half of them).
 */
import { loadScenario } from '../cluster/load';
import type { ClusterModel, EndpointModel, EndpointSliceModel, ServiceModel } from '../cluster/model';
import { formatIpv4, parseIpv4 } from '../ipv4';

/** The traced client and Service, as `kpl trace --from … --to …` names them. */
export const SCALE_CLIENT = 'client';
export const SCALE_TARGET = 'web';
/** kind names its only node NAME-control-plane. */
export const SCALE_NODE = 'scale-control-plane';

function baseScenario(endpoints: number): string {
  return `apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
name: scale
nodes:
- role: control-plane
networking:
  podSubnet: 10.244.0.0/16
  serviceSubnet: 10.96.0.0/12
---
apiVersion: v1
kind: Pod
metadata:
  name: ${SCALE_CLIENT}
spec:
  nodeName: ${SCALE_NODE}
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
      nodeName: ${SCALE_NODE}
      containers:
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

function syntheticService(i: number, endpointsPerService: number): { service: ServiceModel; slice: EndpointSliceModel } {
  const name = `svc-${String(i).padStart(5, '0')}`;
  const service: ServiceModel = {
    namespace: 'bench',
    name,
    type: 'ClusterIP',
    clusterIP: formatIpv4(FIRST_SERVICE_IP + i),
    ports: [{ name: '', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 0, source: NO_SOURCE }],
    externalIPs: [],
    loadBalancerIngressIPs: [],
    loadBalancerSourceRanges: [],
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    sessionAffinity: 'None',
    sessionAffinityTimeoutSeconds: 10800,
    healthCheckNodePort: 0,
    implicit: false,
    source: NO_SOURCE,
  };
  const endpoints: EndpointModel[] = [];
  for (let k = 0; k < endpointsPerService; k++) {
    endpoints.push({ addresses: [formatIpv4(FIRST_ENDPOINT_IP + i * endpointsPerService + k)], ready: true, serving: true, terminating: false, nodeName: SCALE_NODE });
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

/** Largest sweep size: 30,000 Services × 10 endpoints stay inside 10.128.0.0/9's addresses. */
export const MAX_SCALE_SERVICES = 100_000;

/**
 * A one-node cluster with `services` Services (the traced one included) of `endpointsPerService` endpoints
 * each, plus kind's system Services (`default/kubernetes`, `kube-system/kube-dns`).
 */
export function scaleCluster(services: number, endpointsPerService: number): ClusterModel {
  if (!(Number.isInteger(services) && services >= 1 && services <= MAX_SCALE_SERVICES)) throw new RangeError(`services must be 1–${MAX_SCALE_SERVICES} (got ${services})`);
  if (!(Number.isInteger(endpointsPerService) && endpointsPerService >= 1 && endpointsPerService <= 100)) throw new RangeError(`endpoints per Service must be 1–100 (got ${endpointsPerService})`);
  const loaded = loadScenario(baseScenario(endpointsPerService));
  if (!loaded.cluster) throw new Error(`the scale lab's base scenario does not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const base = loaded.cluster;
  const services_: ServiceModel[] = [...base.services];
  const slices: EndpointSliceModel[] = [...base.endpointSlices];
  for (let i = 0; i < services - 1; i++) {
    const { service, slice } = syntheticService(i, endpointsPerService);
    services_.push(service);
    slices.push(slice);
  }
  return { ...base, services: services_, endpointSlices: slices };
}
