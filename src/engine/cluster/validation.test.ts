import { describe, expect, it } from 'vitest';
import { loadScenario } from './load';

/** A Service document whose `spec:` body is `body` (2-space indented lines); `spec:` is on line 5. */
const svc = (body: string, extra = ''): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web${extra}\nspec:\n${body}`;

interface Case {
  readonly name: string;
  readonly text: string;
  readonly message: string;
  readonly line: number;
  readonly col: number;
  readonly severity?: 'error' | 'warning';
}

const cases: Case[] = [
  { name: 'port 0', text: svc('  ports:\n  - port: 0\n'), message: 'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive', line: 7, col: 11 },
  { name: 'port too big', text: svc('  ports:\n  - port: 70000\n'), message: 'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive', line: 7, col: 11 },
  {
    name: 'protocol', text: svc('  ports:\n  - port: 80\n    protocol: HTTP\n'),
    message: 'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"', line: 8, col: 15,
  },
  {
    name: 'two ports need names', text: svc('  ports:\n  - name: http\n    port: 80\n  - port: 443\n'),
    message: 'spec.ports[1].name: Required value', line: 9, col: 5,
  },
  {
    name: 'duplicate port name', text: svc('  ports:\n  - name: http\n    port: 80\n  - name: http\n    port: 81\n'),
    message: 'spec.ports[1].name: Duplicate value: "http"', line: 9, col: 11,
  },
  {
    name: 'duplicate protocol+port',
    text: svc('  ports:\n  - name: a\n    port: 80\n  - name: b\n    port: 80\n'),
    message:
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    line: 9, col: 5,
  },
  {
    name: 'targetPort name', text: svc('  ports:\n  - port: 80\n    targetPort: Web_Port\n'),
    message: 'spec.ports[0].targetPort: Invalid value: "Web_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    line: 8, col: 17,
  },
  {
    name: 'targetPort number', text: svc('  ports:\n  - port: 80\n    targetPort: 65536\n'),
    message: 'spec.ports[0].targetPort: Invalid value: 65536: must be between 1 and 65535, inclusive', line: 8, col: 17,
  },
  {
    name: 'nodePort on ClusterIP', text: svc('  ports:\n  - port: 80\n    nodePort: 30080\n'),
    message: "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'", line: 8, col: 15,
  },
  {
    name: 'externalTrafficPolicy on ClusterIP', text: svc('  externalTrafficPolicy: Local\n  ports:\n  - port: 80\n'),
    message: 'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services', line: 6, col: 26,
  },
  {
    name: 'externalTrafficPolicy value', text: svc('  type: NodePort\n  externalTrafficPolicy: local\n  ports:\n  - port: 80\n'),
    message: 'spec.externalTrafficPolicy: Unsupported value: "local": supported values: "Cluster", "Local"', line: 7, col: 26,
  },
  {
    name: 'healthCheckNodePort without Local', text: svc('  type: LoadBalancer\n  healthCheckNodePort: 30100\n  ports:\n  - port: 80\n'),
    message: "spec.healthCheckNodePort: Forbidden: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    line: 7, col: 24,
  },
  {
    name: 'affinity timeout', text: svc('  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 86401\n  ports:\n  - port: 80\n'),
    message: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400', line: 9, col: 23,
  },
  {
    name: 'affinity config with None', text: svc('  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 60\n  ports:\n  - port: 80\n'),
    message: 'spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None', line: 7, col: 5,
  },
  {
    name: 'service type', text: svc('  type: Nodeport\n  ports:\n  - port: 80\n'),
    message: 'spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"', line: 6, col: 9,
  },
  {
    name: 'service name', text: svc('  ports:\n  - port: 80\n', '_Web'),
    message:
      "metadata.name: Invalid value: \"web_Web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    line: 4, col: 9,
  },
  { name: 'ports required', text: svc('  selector:\n    app: web\n'), message: 'spec.ports: Required value', line: 6, col: 3 },
  { name: 'unknown field', text: svc('  portz:\n  - port: 80\n'), message: 'unknown field "spec.portz"', line: 6, col: 3 },
  {
    name: 'clusterIP', text: svc('  clusterIP: 10.96.0.300\n  ports:\n  - port: 80\n'),
    message: 'spec.clusterIP: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)', line: 6, col: 14,
  },
  {
    name: 'source ranges only for LB', text: svc('  loadBalancerSourceRanges: ["10.0.0.0/8"]\n  ports:\n  - port: 80\n'),
    message: "spec.loadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'", line: 6, col: 29,
  },
  {
    name: 'bad source range', text: svc('  type: LoadBalancer\n  loadBalancerSourceRanges: ["10.0.0.0"]\n  ports:\n  - port: 80\n'),
    message: 'spec.loadBalancerSourceRanges[0]: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)', line: 7, col: 30,
  },
  {
    name: 'external IP loopback', text: svc('  externalIPs: [127.0.0.1]\n  ports:\n  - port: 80\n'),
    message: 'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)', line: 6, col: 17,
  },
  {
    name: 'wrong type', text: svc('  ports:\n  - port: "80"\n'),
    message: 'spec.ports[0].port: Invalid value: "80": must be an integer, not a string', line: 7, col: 11,
  },
  {
    name: 'nodePort warning', severity: 'warning', text: svc('  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 8080\n'),
    message: 'spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    line: 9, col: 15,
  },
  {
    name: 'leading zeros warning', severity: 'warning', text: svc('  clusterIP: 10.96.0.050\n  ports:\n  - port: 80\n'),
    message: 'spec.clusterIP: non-standard IP address "10.96.0.050" will be considered invalid in a future Kubernetes release: use "10.96.0.50"',
    line: 6, col: 14,
  },
  {
    name: 'clusterIP outside serviceSubnet', severity: 'warning', text: svc('  clusterIP: 192.168.7.7\n  ports:\n  - port: 80\n'),
    message: 'spec.clusterIP: Invalid value: "192.168.7.7": failed to allocate IP 192.168.7.7: provided IP (192.168.7.7) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    line: 6, col: 14,
  },
  {
    name: 'pod nodeName', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeName: kind-worker9\n  containers:\n  - name: c\n',
    message: 'spec.nodeName: Not found: "kind-worker9": no such node (nodes: kind-control-plane, kind-worker, kind-worker2)', line: 6, col: 13,
  },
  {
    name: 'container port', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 0\n',
    message: 'spec.containers[0].ports[0].containerPort: Required value', line: 9, col: 22,
  },
  {
    name: 'unknown kind', text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n',
    message: expect.stringContaining('no matches for kind "Secret" in version "v1"') as unknown as string, line: 2, col: 7,
  },
  {
    name: 'ipvs scheduler', text: 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\nipvs:\n  scheduler: wlcx\n',
    message: 'ipvs.scheduler: Invalid value: "wlcx": must be in [rr wrr lc wlc lblc lblcr sh dh sed nq mh], blank means the default algorithm method (currently rr)', line: 5, col: 14,
  },
  {
    name: 'nftables masqueradeBit', text: 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\nnftables:\n  masqueradeBit: 40\n',
    message: 'nftables.masqueradeBit: Invalid value: 40: must be within the range [0, 31]', line: 5, col: 18,
  },
  {
    name: 'masqueradeBit', text: 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\niptables:\n  masqueradeBit: 32\n',
    message: 'iptables.masqueradeBit: Invalid value: 32: must be within the range [0, 31]', line: 4, col: 18,
  },
  {
    name: 'detectLocalMode', text: 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\ndetectLocalMode: PodCIDR\n',
    message: 'detectLocalMode: Unsupported value: "PodCIDR": supported values: "BridgeInterface", "ClusterCIDR", "InterfaceNamePrefix", "NodeCIDR"',
    line: 3, col: 18,
  },
  {
    name: 'kind role', text: 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes:\n- role: control-plane\n- role: master\n',
    message: 'nodes[1].role: Unsupported value: "master": supported values: "control-plane", "worker"', line: 5, col: 9,
  },
  {
    name: 'lab unknown field', text: 'apiVersion: kube-packet-lab/v1\nkind: Lab\nsystemService: false\n',
    message: 'unknown field "systemService"', line: 3, col: 1,
  },
  {
    name: 'node address', text: 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  addresses:\n  - type: InternalIP\n    address: 10.0.0\n',
    message: 'status.addresses[0].address: Invalid value: "10.0.0": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)', line: 8, col: 14,
  },
  {
    name: 'endpointslice address type',
    text: 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: s\n  labels:\n    kubernetes.io/service-name: web\naddressType: IPv5\nendpoints: []\n',
    message: 'addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"', line: 7, col: 14,
  },
  {
    name: 'endpointslice addresses',
    text: 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: s\n  labels:\n    kubernetes.io/service-name: web\naddressType: IPv4\nendpoints:\n- addresses: ["10.1.2.300"]\n',
    message: 'endpoints[0].addresses[0]: Invalid value: "10.1.2.300": must be a valid IPv4 address', line: 9, col: 15,
  },
  {
    name: 'deployment selector',
    text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: b}\n    spec:\n      containers:\n      - name: c\n',
    message: 'spec.template.metadata.labels: Invalid value: map[string]interface {}{"app":"b"}: `selector` does not match template `labels`', line: 10, col: 15,
  },
];

describe('validation messages (apimachinery wording, field path, line:col)', () => {
  it.each(cases)('$name', ({ text, message, line, col, severity }) => {
    const result = loadScenario(text);
    const found = result.diagnostics.filter((d) => d.severity === (severity ?? 'error'));
    expect(found).toContainEqual(expect.objectContaining({ message, line, col }));
    if ((severity ?? 'error') === 'error') expect(result.cluster).toBeUndefined();
    else expect(result.cluster).toBeDefined();
  });

  it('a nodePort taken by another Service is an error at the second one', () => {
    const a = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30080\n';
    const b = a.replace('name: a', 'name: b');
    const result = loadScenario(`${a}---\n${b}`);
    expect(result.cluster).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', doc: 1, line: 19, col: 15, message: 'spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated' }),
    ]);
  });

  it('two objects of the same name are refused', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n';
    const result = loadScenario(`${pod}---\n${pod}`);
    expect(result.diagnostics).toEqual([expect.objectContaining({ message: 'metadata.name: Invalid value: "p": pods "p" already exists', doc: 1, line: 12 })]);
  });

  it('every error of a document is reported, not just the first', () => {
    const result = loadScenario(svc('  type: Bogus\n  ports:\n  - port: 0\n    protocol: ICMP\n'));
    expect(result.diagnostics.map((d) => d.path)).toEqual(['spec.type', 'spec.ports[0].port', 'spec.ports[0].protocol']);
  });
});
