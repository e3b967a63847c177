/**
 * Synthetic clusters for the engine benchmark: N services × 10 endpoints, spread over 3 workers.
 *
 * A small YAML scenario goes through `loadScenario` like any user's text: a kind cluster (control-plane
 * + 3 workers), a client pod and the measured service `default/web` whose 10 endpoints are real pods
 * (a Deployment of 10 replicas, placed round-robin on the workers), so a traced connection is delivered.
 * The other N − 1 services are added to the loaded model directly, each with an explicit EndpointSlice:
 * a scenario may hold at most 500 documents (MAX_DOCUMENTS) and a node's podCIDR is a /24, so 10,000
 * services with 100,000 pods cannot be written as YAML. kube-proxy's rules for them depend only on the
 * service, its slice and each endpoint's `nodeName`, not on whether a pod object exists.
 *
 * The synthetic services sort before `default/web` (namespace `bench`), so the traced connection meets
 * its service at the end of KUBE-SERVICES: the kernel's linear walk is at its longest.
 */
import { loadScenario } from '../src/engine/cluster/load';
import type { ClusterModel, EndpointModel, EndpointSliceModel, ServiceModel } from '../src/engine/cluster/model';
import { formatIpv4, parseIpv4 } from '../src/engine/ipv4';

export const ENDPOINTS_PER_SERVICE = 10;
export const WORKERS = 3;
/** The traced client and service, as `kpl trace --from … --to …` names them. */
export const CLIENT = 'client';
export const TARGET = 'web';

const BASE_SCENARIO = `apiVersion: kind.x-k8s.io/v1alpha4
kind: Cluster
name: bench
nodes:
- role: control-plane
${'- role: worker\n'.repeat(WORKERS)}networking:
  podSubnet: 10.244.0.0/16
  serviceSubnet: 10.96.0.0/12
---
apiVersion: v1
kind: Pod
metadata:
  name: ${CLIENT}
spec:
  nodeName: bench-control-plane
  containers:
  - name: client
    image: nicolaka/netshoot
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${TARGET}
spec:
  replicas: ${ENDPOINTS_PER_SERVICE}
  selector:
    matchLabels:
      app: ${TARGET}
  template:
    metadata:
      labels:
        app: ${TARGET}
    spec:
      containers:
      - name: web
        image: traefik/whoami
        ports:
        - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: ${TARGET}
spec:
  selector:
    app: ${TARGET}
  ports:
  - port: 80
    targetPort: 8080
`;

/** Synthetic cluster IPs start here (inside the 10.96.0.0/12 service subnet, clear of the loader's .100 allocations). */
const FIRST_SYNTHETIC_SERVICE_IP = parseIpv4('10.97.0.0')!;
/** Synthetic endpoint addresses: outside every node's podCIDR and the service subnet. */
const FIRST_SYNTHETIC_ENDPOINT_IP = parseIpv4('10.128.0.2')!;

function syntheticService(i: number): { service: ServiceModel; slice: EndpointSliceModel } {
  const name = `svc-${String(i).padStart(5, '0')}`;
  // Not in the scenario text: such objects carry document -1, like the implicit system services.
  const source = { doc: -1, path: '' };
  const service: ServiceModel = {
    namespace: 'bench',
    name,
    type: 'ClusterIP',
    clusterIP: formatIpv4(FIRST_SYNTHETIC_SERVICE_IP + i),
    ports: [{ name: '', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 0, source }],
    externalIPs: [],
    loadBalancerIngressIPs: [],
    loadBalancerSourceRanges: [],
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    sessionAffinity: 'None',
    sessionAffinityTimeoutSeconds: 10800,
    healthCheckNodePort: 0,
    implicit: false,
    source,
  };
  const endpoints: EndpointModel[] = [];
  for (let k = 0; k < ENDPOINTS_PER_SERVICE; k++) {
    const n = i * ENDPOINTS_PER_SERVICE + k;
    endpoints.push({
      addresses: [formatIpv4(FIRST_SYNTHETIC_ENDPOINT_IP + n)],
      ready: true,
      serving: true,
      terminating: false,
      nodeName: `bench-worker${n % WORKERS === 0 ? '' : String((n % WORKERS) + 1)}`,
    });
  }
  const slice: EndpointSliceModel = {
    namespace: 'bench',
    name: `${name}-abcde`,
    serviceName: name,
    addressType: 'IPv4',
    endpoints,
    ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    explicit: true,
    source,
  };
  return { service, slice };
}

/** A cluster with `services` services (the measured one included) of 10 endpoints each, plus kind's system services. */
export function syntheticCluster(services: number): ClusterModel {
  if (!(Number.isInteger(services) && services >= 1 && services <= 1_000_000)) throw new RangeError(`services must be 1–1,000,000 (got ${services})`);
  const loaded = loadScenario(BASE_SCENARIO);
  if (!loaded.cluster) throw new Error(`the benchmark's base scenario does not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const base = loaded.cluster;
  const extraServices: ServiceModel[] = [];
  const extraSlices: EndpointSliceModel[] = [];
  for (let i = 0; i < services - 1; i++) {
    const { service, slice } = syntheticService(i);
    extraServices.push(service);
    extraSlices.push(slice);
  }
  return { ...base, services: [...base.services, ...extraServices], endpointSlices: [...base.endpointSlices, ...extraSlices] };
}
