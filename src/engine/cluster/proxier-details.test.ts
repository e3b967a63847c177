/**
 * Details where kube-proxy (v1.33) and the API server read a Service differently from the obvious: each case
 * states what the real components do and checks the rules or endpoints the lab derives from it.
 */
import { describe, expect, it } from 'vitest';
import { generateNodeRules } from '../kubeproxy/generate';
import { loadScenario } from './load';

const NODE = 'kind-worker';

function rulesOf(yaml: string): { rules: string; warnings: string[]; errors: string[] } {
  const result = loadScenario(yaml);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
  if (!result.cluster) return { rules: '', warnings, errors };
  return { rules: generateNodeRules(result.cluster, NODE).restoreText, warnings, errors };
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx, ports: [{ containerPort: 80 }] }]
`;

describe('addresses with leading zeros (the API server\'s legacy parsing, kube-proxy\'s ParseIPSloppy / ParseCIDRSloppy)', () => {
  const service = (clusterIP: string, externalIP: string, ingress: string, range: string): string => `${deployment}---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  type: LoadBalancer
  clusterIP: ${clusterIP}
  externalIPs: [${externalIP}]
  loadBalancerSourceRanges: ["${range}"]
  selector: { app: web }
  ports: [{ port: 80, nodePort: 30080 }]
status:
  loadBalancer:
    ingress: [{ ip: ${ingress} }]
`;

  it('programs exactly the rules of the normalised addresses, with a warning per odd value', () => {
    const odd = rulesOf(service('010.096.000.100', '192.168.099.011', '1.2.3.004', '203.0.113.000/025'));
    const normal = rulesOf(service('10.96.0.100', '192.168.99.11', '1.2.3.4', '203.0.113.0/25'));
    expect(odd.errors).toEqual([]);
    expect(normal.errors).toEqual([]);
    expect(odd.rules).toBe(normal.rules);
    expect(odd.rules).toContain('-s 203.0.113.0/25 ');
    expect(odd.warnings.join('\n')).toContain('non-standard CIDR value "203.0.113.000/025" will be considered invalid in a future Kubernetes release: use "203.0.113.0/25"');
    expect(normal.warnings).toEqual([]);
  });

  it('still rejects a prefix longer than 32 however it is written', () => {
    expect(rulesOf(service('10.96.0.100', '192.168.99.11', '1.2.3.4', '203.0.113.0/033')).errors.join('\n')).toMatch(/loadBalancerSourceRanges\[0\]: Invalid value/);
  });
});

describe('status.loadBalancer.ingress[].ipMode', () => {
  const lb = (ipMode: string | undefined): string => `${deployment}---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  type: LoadBalancer
  selector: { app: web }
  ports: [{ port: 80, nodePort: 30080 }]
status:
  loadBalancer:
    ingress: [{ ip: 198.51.100.7${ipMode ? `, ipMode: ${ipMode}` : ''} }]
`;

  it('VIP (or unset): kube-proxy programs the ingress IP', () => {
    expect(rulesOf(lb(undefined)).rules).toContain('loadbalancer IP" -m tcp -p tcp -d 198.51.100.7 --dport 80');
    expect(rulesOf(lb('VIP')).rules).toContain('loadbalancer IP" -m tcp -p tcp -d 198.51.100.7 --dport 80');
  });

  it('Proxy: kube-proxy skips it (IsVIPMode), the load balancer proxies to the node port instead', () => {
    const { rules, errors } = rulesOf(lb('Proxy'));
    expect(errors).toEqual([]);
    expect(rules).not.toContain('198.51.100.7');
    expect(rules).toContain('--dport 30080');
  });

  it('anything else is the API server\'s Unsupported value', () => {
    expect(rulesOf(lb('Tunnel')).errors).toContain('status.loadBalancer.ingress[0].ipMode: Unsupported value: "Tunnel": supported values: "VIP", "Proxy"');
  });
});

describe('publishNotReadyAddresses', () => {
  const scenario = (publish: boolean): string => `apiVersion: v1
kind: Pod
metadata: { name: starting, labels: { app: db } }
spec:
  nodeName: kind-worker
  containers: [{ name: db, image: db, ports: [{ containerPort: 5432 }] }]
  readinessGates: []
status:
  conditions: [{ type: Ready, status: "False" }]
---
apiVersion: v1
kind: Service
metadata: { name: db }
spec:
  clusterIP: None
  publishNotReadyAddresses: ${publish}
  selector: { app: db }
  ports: [{ port: 5432 }]
---
apiVersion: v1
kind: Service
metadata: { name: db-vip }
spec:
  publishNotReadyAddresses: ${publish}
  selector: { app: db }
  ports: [{ port: 5432 }]
`;

  it('the EndpointSlice controller marks a not-ready pod ready, so kube-proxy sends it traffic', () => {
    const published = loadScenario(scenario(true));
    expect(published.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const slice = published.cluster!.endpointSlices.find((s) => s.serviceName === 'db-vip')!;
    expect(slice.endpoints[0]).toMatchObject({ ready: true, serving: false, terminating: false });
    expect(generateNodeRules(published.cluster!, NODE).restoreText).toMatch(/-A KUBE-SEP-\S+ .*-j DNAT --to-destination 10\.244\.1\.2:5432/);
  });

  it('without it the not-ready pod is listed but not ready, and the Service has no endpoints', () => {
    const plain = loadScenario(scenario(false));
    const slice = plain.cluster!.endpointSlices.find((s) => s.serviceName === 'db-vip')!;
    expect(slice.endpoints[0]).toMatchObject({ ready: false, serving: false });
    expect(generateNodeRules(plain.cluster!, NODE).restoreText).toContain('default/db-vip has no endpoints');
  });
});

describe('one address in two EndpointSlices (EndpointSliceCache.addEndpoints, v1.33)', () => {
  const slices = (first: { ready: boolean; node: string }, second: { ready: boolean; node: string }): string => `apiVersion: v1
kind: Service
metadata: { name: ext }
spec:
  ports: [{ name: http, port: 80 }]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: ext-a, labels: { kubernetes.io/service-name: ext } }
addressType: IPv4
ports: [{ name: http, port: 8080, protocol: TCP }]
endpoints: [{ addresses: [10.244.2.9], nodeName: ${first.node}, conditions: { ready: ${first.ready} } }]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: ext-b, labels: { kubernetes.io/service-name: ext } }
addressType: IPv4
ports: [{ name: http, port: 8080, protocol: TCP }]
endpoints: [{ addresses: [10.244.2.9], nodeName: ${second.node}, conditions: { ready: ${second.ready} } }]
`;

  it('keeps the first copy even when a later copy is ready and the first is not', () => {
    const { rules, errors } = rulesOf(slices({ ready: false, node: 'kind-worker2' }, { ready: true, node: 'kind-worker2' }));
    expect(errors).toEqual([]);
    expect(rules).toContain('default/ext:http has no endpoints');
    expect(rules).not.toContain('--to-destination 10.244.2.9:8080');
  });

  it('a later copy that is local to the node replaces the first', () => {
    const { rules } = rulesOf(slices({ ready: false, node: 'kind-worker2' }, { ready: true, node: NODE }));
    expect(rules).toContain('--to-destination 10.244.2.9:8080');
  });
});

describe('healthCheckNodePort outside LoadBalancer + Local', () => {
  it('is Forbidden (no value printed), as ValidateService words it', () => {
    const { errors } = rulesOf(`apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  type: NodePort
  healthCheckNodePort: 32000
  ports: [{ port: 80 }]
`);
    expect(errors).toContain("spec.healthCheckNodePort: Forbidden: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
  });
});

describe('externalTrafficPolicy: Local on a ClusterIP Service with externalIPs (apiservice.ExternalPolicyLocal)', () => {
  const scenario = (policy: 'Local' | 'Cluster'): string => `apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec:
  nodeName: kind-worker2
  containers: [{ name: web, image: nginx }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  externalIPs: [192.168.99.33]
  externalTrafficPolicy: ${policy}
  selector: { app: web }
  ports: [{ port: 80 }]
`;

  it('is externally accessible, so Local applies: the client IP is kept, and a node without a local endpoint drops', () => {
    const { rules, errors } = rulesOf(scenario('Local'));
    expect(errors).toEqual([]);
    expect(rules).toContain('"pod traffic for default/web external destinations"');
    expect(rules).not.toContain('"masquerade traffic for default/web external destinations"');
    expect(rules).toContain('-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web has no local endpoints" -m tcp -p tcp -d 192.168.99.33 --dport 80 -j DROP');
  });

  it('with Cluster the external destination is masqueraded and reaches the endpoint on another node', () => {
    const { rules } = rulesOf(scenario('Cluster'));
    expect(rules).toContain('"masquerade traffic for default/web external destinations" -j KUBE-MARK-MASQ');
    expect(rules).not.toContain('has no local endpoints');
  });
});
