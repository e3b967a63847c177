import { describe, expect, it } from 'vitest';
import { loadScenario } from './load';
import type { ClusterModel } from './model';

const doc = (...lines: string[]): string => lines.join('\n') + '\n';
const pod = (name: string, extra: string[] = [], labels = 'app: web'): string =>
  doc('apiVersion: v1', 'kind: Pod', 'metadata:', `  name: ${name}`, `  labels: {${labels}}`, 'spec:', ...extra, '  containers:', '  - name: c');
const load = (...docs: string[]): ClusterModel => {
  const r = loadScenario(docs.join('---\n'));
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.cluster!;
};
const ips = (c: ClusterModel) => c.pods.filter((p) => p.namespace !== 'kube-system').map((p) => `${p.name}@${p.nodeName}=${p.ip}`);

describe('defaults', () => {
  it('an empty scenario is kind: one control-plane, two workers, 10.244.0.0/16, 10.96.0.0/12', () => {
    const c = load('# nothing but a comment\n');
    expect(c.name).toBe('kind');
    expect(c.nodes.map((n) => `${n.name} ${n.internalIP} ${n.podCIDR}`)).toEqual([
      'kind-control-plane 172.18.0.2 10.244.0.0/24',
      'kind-worker 172.18.0.3 10.244.1.0/24',
      'kind-worker2 172.18.0.4 10.244.2.0/24',
    ]);
    expect(c.services.map((s) => s.clusterIP)).toEqual(['10.96.0.1', '10.96.0.10']);
    expect(c.kubeProxy.clusterCIDR).toBe('10.244.0.0/16');
  });

  it('a kind Cluster without nodes is one control-plane; several control-planes are numbered like workers', () => {
    expect(load(doc('apiVersion: kind.x-k8s.io/v1alpha4', 'kind: Cluster', 'name: solo')).nodes.map((n) => n.name)).toEqual(['solo-control-plane']);
    const c = load(doc('apiVersion: kind.x-k8s.io/v1alpha4', 'kind: Cluster', 'nodes:', '- role: worker', '- role: control-plane', '- role: control-plane', '- role: worker'));
    expect(c.nodes.map((n) => `${n.name} ${n.internalIP}`)).toEqual([
      'kind-control-plane 172.18.0.2', 'kind-control-plane2 172.18.0.3', 'kind-worker 172.18.0.4', 'kind-worker2 172.18.0.5',
    ]);
  });

  it('Node documents are the nodes; a kind Cluster then only gives the subnets; missing addresses are defaulted', () => {
    const node = (name: string, extra: string[]) => doc('apiVersion: v1', 'kind: Node', 'metadata:', `  name: ${name}`, ...extra);
    const c = load(
      doc('apiVersion: kind.x-k8s.io/v1alpha4', 'kind: Cluster', 'name: ignored', 'nodes:', '- role: control-plane', 'networking:', '  podSubnet: 10.50.0.0/16'),
      node('a', ['  labels: {node-role.kubernetes.io/control-plane: ""}', 'spec:', '  podCIDR: 10.50.0.0/24']),
      node('b', ['status:', '  addresses:', '  - {type: InternalIP, address: 172.18.0.2}']),
    );
    expect(c.nodes.map((n) => `${n.name} ${n.role} ${n.internalIP} ${n.podCIDR}`)).toEqual([
      'a control-plane 172.18.0.3 10.50.0.0/24',
      'b worker 172.18.0.2 10.50.1.0/24',
    ]);
  });
});

describe('pod placement and addresses', () => {
  it('places pods without nodeName round-robin over the workers, addresses from .2 in document order', () => {
    const c = load(pod('a'), pod('b'), pod('c'), pod('d', ['  nodeName: kind-control-plane']));
    expect(ips(c)).toEqual([
      'a@kind-worker=10.244.1.2', 'b@kind-worker2=10.244.2.2', 'c@kind-worker=10.244.1.3', 'd@kind-control-plane=10.244.0.4',
    ]);
  });

  it('skips addresses the scenario wrote itself, even when written later', () => {
    const c = load(pod('a', ['  nodeName: kind-worker']), doc(pod('b', ['  nodeName: kind-worker']).trimEnd(), 'status:', '  podIP: 10.244.1.2'));
    expect(ips(c)).toEqual(['a@kind-worker=10.244.1.3', 'b@kind-worker=10.244.1.2']);
  });

  it('moves the node side of the veths to .254 when a pod or an endpoint of the scenario uses .1', () => {
    const slice = doc(
      'apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', 'metadata:', '  name: ext', '  labels: {kubernetes.io/service-name: ext}',
      'addressType: IPv4', 'endpoints:', '- addresses: [10.244.2.1]',
    );
    const c = load(doc(pod('a', ['  nodeName: kind-worker']).trimEnd(), 'status:', '  podIP: 10.244.1.1'), pod('b', ['  nodeName: kind-worker']), slice);
    expect(c.nodes.map((n) => n.gatewayIP)).toEqual(['10.244.0.1', '10.244.1.254', '10.244.2.254']);
    expect(ips(c)).toEqual(['a@kind-worker=10.244.1.1', 'b@kind-worker=10.244.1.2']);
  });

  it('hostNetwork pods carry their node IP', () => {
    expect(ips(load(pod('h', ['  hostNetwork: true', '  nodeName: kind-worker2'])))).toEqual(['h@kind-worker2=172.18.0.4']);
  });

  it('reads readiness and termination', () => {
    const notReady = doc(pod('n').trimEnd(), 'status:', '  conditions:', '  - {type: Ready, status: "False"}');
    const dying = pod('t').replace('  labels:', '  deletionTimestamp: "2024-01-01T00:00:00Z"\n  labels:');
    const c = load(notReady, dying);
    expect(c.pods.slice(2).map((p) => [p.name, p.ready, p.terminating])).toEqual([['n', false, false], ['t', true, true]]);
  });
});

describe('Deployments', () => {
  const deployment = doc(
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  replicas: 3', '  selector:', '    matchLabels: {app: web}',
    '  template:', '    metadata:', '      labels: {app: web}', '    spec:', '      containers:', '      - name: c', '        ports:', '        - {name: http, containerPort: 8080}',
  );
  it('expand to replicas pods NAME-<hash>-<suffix> with pod-template-hash, placed round-robin', () => {
    const c = load(pod('first'), deployment);
    const web = c.pods.filter((p) => p.name.startsWith('web-'));
    expect(web).toHaveLength(3);
    const hash = web[0]!.labels['pod-template-hash']!;
    for (const p of web) {
      expect(p.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    }
    expect(web.map((p) => `${p.nodeName}=${p.ip}`)).toEqual(['kind-worker2=10.244.2.2', 'kind-worker=10.244.1.3', 'kind-worker2=10.244.2.3']);
    expect(load(pod('first'), deployment).pods.map((p) => p.name)).toEqual(c.pods.map((p) => p.name));
  });

  it('named targetPorts resolve per pod; a pod without the name is left out of that port', () => {
    const svc = doc(
      'apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  selector: {app: web}', '  ports:',
      '  - {name: http, port: 80, targetPort: http}', '  - {name: raw, port: 81, targetPort: 9090}',
    );
    const c = load(pod('plain', ['  nodeName: kind-worker']), deployment.replace('replicas: 3', 'replicas: 1'), svc);
    const slices = c.endpointSlices.filter((s) => s.serviceName === 'web');
    expect(slices.map((s) => [s.endpoints.map((e) => e.podName), s.ports.map((p) => `${p.name}:${p.port}`)])).toEqual([
      [['plain'], ['raw:9090']],
      [[c.pods.find((p) => p.name.startsWith('web-'))!.name], ['http:8080', 'raw:9090']],
    ]);
  });
});

describe('Service allocation', () => {
  const service = (name: string, spec: string[]) => doc('apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, 'spec:', ...spec);
  it('cluster IPs from .100 up, skipping written ones; node ports from 30000 up; LB + Local gets a health check port', () => {
    const c = load(
      service('a', ['  type: NodePort', '  ports:', '  - port: 80']),
      service('b', ['  clusterIP: 10.96.0.100', '  type: NodePort', '  ports:', '  - port: 80', '    nodePort: 30001']),
      service('c', ['  type: LoadBalancer', '  externalTrafficPolicy: Local', '  ports:', '  - port: 80']),
      service('d', ['  type: LoadBalancer', '  allocateLoadBalancerNodePorts: false', '  ports:', '  - port: 80']),
      service('e', ['  clusterIP: None', '  ports:', '  - port: 80']),
      service('f', ['  type: ExternalName', '  externalName: example.com']),
    );
    const user = c.services.filter((s) => !s.implicit);
    expect(user.map((s) => [s.name, s.clusterIP, s.ports.map((p) => p.nodePort).join(','), s.healthCheckNodePort])).toEqual([
      ['a', '10.96.0.101', '30000', 0],
      ['b', '10.96.0.100', '30001', 0],
      ['c', '10.96.0.102', '30002', 30003],
      ['d', '10.96.0.103', '0', 0],
      ['e', 'None', '0', 0],
      ['f', '', '', 0],
    ]);
    expect(user[5]!.externalName).toBe('example.com');
  });

  it('without system services, .1 and .10 are not reserved and a user kubernetes Service is allowed', () => {
    const c = load(doc('apiVersion: kube-packet-lab/v1', 'kind: Lab', 'systemServices: false'), service('kubernetes', ['  clusterIP: 10.96.0.1', '  ports:', '  - port: 443']));
    expect(c.services.map((s) => [s.name, s.clusterIP, s.implicit])).toEqual([['kubernetes', '10.96.0.1', false]]);
    expect(c.pods).toEqual([]);
    expect(c.endpointSlices).toEqual([]);
  });

  it('a written cluster IP that is already taken is the API server’s allocation error', () => {
    const r = loadScenario(service('x', ['  clusterIP: 10.96.0.10', '  ports:', '  - port: 53']));
    expect(r.diagnostics.map((d) => d.message)).toEqual(['spec.clusterIP: Invalid value: "10.96.0.10": failed to allocate IP 10.96.0.10: provided IP is already allocated']);
  });
});
