import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVector } from '../test-support/vectors';
import { loadScenario } from './load';

describe('the built-in default scenario (kind cluster myk8s)', () => {
  const result = loadScenario(readFileSync(join(import.meta.dirname, '..', '..', 'scenarios', 'default.yaml'), 'utf8'));
  const cluster = result.cluster!;

  it('loads without any diagnostic', () => {
    expect(result.diagnostics).toEqual([]);
    expect(cluster).toMatchObject({ name: 'myk8s', podSubnet: '10.10.0.0/16', serviceSubnet: '10.200.1.0/24' });
  });

  it('has kind-named nodes with consecutive InternalIPs and /24s', () => {
    expect(cluster.nodes.map((n) => [n.name, n.role, n.internalIP, n.podCIDR, n.gatewayIP])).toEqual([
      ['myk8s-control-plane', 'control-plane', '172.18.0.2', '10.10.0.0/24', '10.10.0.1'],
      ['myk8s-worker', 'worker', '172.18.0.3', '10.10.1.0/24', '10.10.1.1'],
      ['myk8s-worker2', 'worker', '172.18.0.4', '10.10.2.0/24', '10.10.2.1'],
      ['myk8s-worker3', 'worker', '172.18.0.5', '10.10.3.0/24', '10.10.3.1'],
    ]);
  });

  it('gives coredns the control-plane .2/.3, then the pods in document order', () => {
    expect(cluster.pods.map((p) => [p.name.replace(/^coredns-.*$/, 'coredns'), p.nodeName, p.ip])).toEqual([
      ['coredns', 'myk8s-control-plane', '10.10.0.2'],
      ['coredns', 'myk8s-control-plane', '10.10.0.3'],
      ['webpod1', 'myk8s-worker', '10.10.1.2'],
      ['webpod2', 'myk8s-worker2', '10.10.2.2'],
      ['webpod3', 'myk8s-worker3', '10.10.3.2'],
      ['net-pod', 'myk8s-control-plane', '10.10.0.4'],
    ]);
  });

  it('allocates kubernetes .1, kube-dns .10 and svc-clusterip .100 (9000 → 80)', () => {
    expect(cluster.services.map((s) => [`${s.namespace}/${s.name}`, s.clusterIP, s.implicit])).toEqual([
      ['default/kubernetes', '10.200.1.1', true],
      ['kube-system/kube-dns', '10.200.1.10', true],
      ['default/svc-clusterip', '10.200.1.100', false],
    ]);
    const svc = cluster.services[2]!;
    expect(svc.ports).toEqual([{ name: 'svc-webport', protocol: 'TCP', port: 9000, targetPort: 80, nodePort: 0, source: { doc: 5, path: 'spec.ports[0]' } }]);
  });

  it('has slices for kubernetes (control-plane:6443), kube-dns and svc-clusterip (the three webpods)', () => {
    const byService = (name: string) => cluster.endpointSlices.filter((s) => s.serviceName === name);
    expect(byService('kubernetes')[0]?.endpoints.map((e) => e.addresses[0])).toEqual(['172.18.0.2']);
    expect(byService('kube-dns')[0]?.endpoints.map((e) => e.addresses[0])).toEqual(['10.10.0.2', '10.10.0.3']);
    const web = byService('svc-clusterip');
    expect(web).toHaveLength(1);
    expect(web[0]!.endpoints.map((e) => [e.addresses[0], e.nodeName, e.podName, e.ready])).toEqual([
      ['10.10.1.2', 'myk8s-worker', 'webpod1', true],
      ['10.10.2.2', 'myk8s-worker2', 'webpod2', true],
      ['10.10.3.2', 'myk8s-worker3', 'webpod3', true],
    ]);
    expect(web[0]!.ports).toEqual([{ name: 'svc-webport', port: 80, protocol: 'TCP' }]);
  });

  it('defaults kube-proxy to iptables with clusterCIDR = podSubnet', () => {
    expect(cluster.kubeProxy).toMatchObject({ mode: 'iptables', clusterCIDR: '10.10.0.0/16', masqueradeBit: 14, localhostNodePorts: true, detectLocalMode: 'ClusterCIDR' });
  });
});

describe("the k8s-overall vector scenario (kube-proxy's TestOverallIPTablesRules)", () => {
  const result = loadScenario(readVector('k8s-overall/scenario.yaml'));

  it('loads with warnings only: clusterIPs outside the default serviceSubnet and nodePorts below 30000', () => {
    expect(result.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(result.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      ...[['30', '41'], ['45', '42'], ['67', '43'], ['84', '44'], ['104', '45'], ['129', '46']].map(
        ([line, ip]) => `${line}:14 spec.clusterIP: Invalid value: "172.30.0.${ip}": failed to allocate IP 172.30.0.${ip}: provided IP (172.30.0.${ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`,
      ),
      ...[['50', '3001'], ['72', '3003'], ['109', '3002']].map(
        ([line, port]) => `${line}:15 spec.ports[0].nodePort: Invalid value: ${port}: provided port is not in the valid range. The range of valid ports is 30000-32767`,
      ),
    ]);
  });

  it('is exactly the one test-node, no system services, the explicit slices and kube-proxy config', () => {
    const c = result.cluster!;
    expect(c.nodes.map((n) => [n.name, n.internalIP, n.role])).toEqual([['test-node', '192.168.0.2', 'worker']]);
    expect(c.lab.systemServices).toBe(false);
    expect(c.services.map((s) => s.name)).toEqual(['svc1', 'svc2', 'svc3', 'svc4', 'svc5', 'svc6']);
    expect(c.pods).toEqual([]);
    expect(c.endpointSlices.map((s) => [s.name, s.serviceName, s.explicit])).toEqual([
      ['svc1-1', 'svc1', true], ['svc2-1', 'svc2', true], ['svc3-1', 'svc3', true], ['svc4-1', 'svc4', true], ['svc5-1', 'svc5', true],
    ]);
    expect(c.endpointSlices[3]!.endpoints).toEqual([
      { addresses: ['10.180.0.4'], ready: true, serving: true, terminating: false },
      { addresses: ['10.180.0.5'], ready: true, serving: true, terminating: false, nodeName: 'test-node' },
    ]);
    expect(c.kubeProxy).toMatchObject({ clusterCIDR: '10.0.0.0/8', masqueradeBit: 14, source: { doc: 2, path: '' } });
  });

  it('keeps the services as written (health check port, LB ingress, affinity), source ranges as kube-proxy reads them', () => {
    const [, svc2, svc3, svc4, svc5] = result.cluster!.services;
    expect(svc2).toMatchObject({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30000, externalIPs: ['192.168.99.22'], loadBalancerIngressIPs: ['1.2.3.4'] });
    expect(svc2!.ports[0]!.nodePort).toBe(3001);
    expect(svc3).toMatchObject({ type: 'NodePort', healthCheckNodePort: 0 });
    expect(svc4).toMatchObject({ type: 'ClusterIP', externalIPs: ['192.168.99.33'], externalTrafficPolicy: 'Cluster' });
    expect(svc5).toMatchObject({ loadBalancerSourceRanges: ['203.0.113.0/25'], sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 10800, loadBalancerIngressIPs: ['5.6.7.8'] });
  });
});
