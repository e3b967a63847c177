import { describe, expect, it } from 'vitest';
import { systemObjects } from './system-services';
import { deploymentPodNames, podTemplateHash } from './deployment-names';
import type { ClusterNode } from './model';

function node(name: string, role: ClusterNode['role'], internalIP: string, podCIDR: string): ClusterNode {
  return { name, role, internalIP, podCIDR, gatewayIP: podCIDR.replace('.0/24', '.1'), labels: {}, source: { doc: -1, path: '' } };
}

const kindNodes = [
  node('kind-control-plane', 'control-plane', '172.18.0.2', '10.244.0.0/24'),
  node('kind-worker', 'worker', '172.18.0.3', '10.244.1.0/24'),
  node('kind-worker2', 'worker', '172.18.0.4', '10.244.2.0/24'),
];

describe('implicit system objects', () => {
  it('kubernetes gets .1 and an apiserver slice to the control plane :6443', () => {
    const sys = systemObjects(kindNodes, '10.96.0.0/12');
    const [kubernetes, kubeDns] = sys.services;
    expect(kubernetes).toMatchObject({ namespace: 'default', name: 'kubernetes', clusterIP: '10.96.0.1', type: 'ClusterIP', implicit: true });
    expect(kubernetes?.selector).toBeUndefined();
    expect(kubernetes?.ports).toEqual([{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443, nodePort: 0, source: { doc: -1, path: '' } }]);
    expect(sys.endpointSlices).toHaveLength(1);
    expect(sys.endpointSlices[0]).toMatchObject({
      namespace: 'default', name: 'kubernetes', serviceName: 'kubernetes', addressType: 'IPv4', explicit: true,
      endpoints: [{ addresses: ['172.18.0.2'], ready: true, serving: true, terminating: false }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    });
    expect(kubeDns).toMatchObject({ namespace: 'kube-system', name: 'kube-dns', clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' } });
    expect(kubeDns?.ports.map((p) => [p.name, p.port, p.protocol, p.targetPort])).toEqual([
      ['dns', 53, 'UDP', 53], ['dns-tcp', 53, 'TCP', 53], ['metrics', 9153, 'TCP', 9153],
    ]);
  });

  it('kube-dns takes the tenth address of any subnet (the study note cluster: 10.200.1.10)', () => {
    const sys = systemObjects(kindNodes, '10.200.1.0/24');
    expect(sys.services.map((s) => s.clusterIP)).toEqual(['10.200.1.1', '10.200.1.10']);
  });

  it('two coredns pods on the control plane with named container ports, addresses left to IPAM', () => {
    const sys = systemObjects(kindNodes, '10.96.0.0/12');
    expect(sys.pods).toHaveLength(2);
    for (const p of sys.pods) {
      expect(p.name).toMatch(/^coredns-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p).toMatchObject({ namespace: 'kube-system', nodeName: 'kind-control-plane', ip: '', ready: true });
      expect(p.labels).toEqual({ 'k8s-app': 'kube-dns', 'pod-template-hash': podTemplateHash('kube-system', 'coredns') });
      expect(p.ports.map((c) => `${c.name}:${c.containerPort}/${c.protocol}`)).toEqual(['dns:53/UDP', 'dns-tcp:53/TCP', 'metrics:9153/TCP']);
    }
    expect(sys.pods[0]?.name).not.toBe(sys.pods[1]?.name);
  });

  it('with no control-plane node the coredns pods go to the first node and the apiserver slice is empty', () => {
    const sys = systemObjects([kindNodes[1]!], '10.96.0.0/12');
    expect(sys.pods.map((p) => p.nodeName)).toEqual(['kind-worker', 'kind-worker']);
    expect(sys.endpointSlices[0]?.endpoints).toEqual([]);
  });
});

describe('deployment pod names', () => {
  it('are NAME-<10>-<5>, deterministic and distinct', () => {
    const a = deploymentPodNames('default', 'web', 50);
    expect(a).toEqual(deploymentPodNames('default', 'web', 50));
    expect(new Set(a).size).toBe(50);
    const hash = podTemplateHash('default', 'web');
    for (const n of a) expect(n).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(deploymentPodNames('default', 'web', 3)).toEqual(a.slice(0, 3));
    expect(podTemplateHash('prod', 'web')).not.toBe(hash);
  });
});
