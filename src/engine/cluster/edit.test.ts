/** Endpoint changes on a running cluster: pods that stay keep their names and addresses; slices follow. */
import { describe, expect, it } from 'vitest';
import { ClusterEditError, deploymentPods, removeEndpoint, scaleDeployment } from './edit';
import { loadScenario } from './load';
import type { ClusterModel } from './model';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: c
        image: traefik/whoami
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports:
  - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: c
    image: nicolaka/netshoot
`;
const cluster = loadScenario(TEXT).cluster!;
const endpointsOf = (c: ClusterModel): string[] => c.endpointSlices.filter((s) => s.serviceName === 'web').flatMap((s) => s.endpoints.map((e) => e.addresses[0]!)).sort();
const ips = (c: ClusterModel): Record<string, string> => Object.fromEntries(c.pods.map((p) => [p.name, p.ip]));

describe('cluster edits', () => {
  it('scaling down deletes the last replicas; every other pod keeps its address', () => {
    const before = deploymentPods(cluster, 'default', 'web');
    const after = scaleDeployment(cluster, 'default', 'web', 1);
    expect(deploymentPods(after, 'default', 'web').map((p) => p.name)).toEqual([before[0]!.name]);
    const kept = ips(after);
    for (const [name, ip] of Object.entries(kept)) expect(ip).toBe(ips(cluster)[name]);
    expect(endpointsOf(after)).toEqual([before[0]!.ip]);
  });

  it('scaling up adds pods from the template at free addresses, the old ones untouched', () => {
    const after = scaleDeployment(cluster, 'default', 'web', 5);
    const pods = deploymentPods(after, 'default', 'web');
    expect(pods).toHaveLength(5);
    expect(new Set(after.pods.map((p) => p.ip)).size).toBe(after.pods.length);
    expect(endpointsOf(after)).toHaveLength(5);
    for (const p of deploymentPods(cluster, 'default', 'web')) expect(ips(after)[p.name]).toBe(p.ip);
  });

  it('removing an endpoint deletes its pod and its address from the slices', () => {
    const gone = deploymentPods(cluster, 'default', 'web')[1]!;
    const after = removeEndpoint(cluster, gone.ip);
    expect(after.pods.some((p) => p.name === gone.name)).toBe(false);
    expect(endpointsOf(after)).not.toContain(gone.ip);
    expect(endpointsOf(after)).toHaveLength(2);
  });

  it('refuses what the cluster does not have', () => {
    expect(() => removeEndpoint(cluster, '10.99.0.1')).toThrow(ClusterEditError);
    expect(() => scaleDeployment(cluster, 'default', 'nope', 2)).toThrow(/no Deployment default\/nope/);
  });
});
