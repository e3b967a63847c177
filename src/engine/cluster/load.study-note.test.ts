/**
 * The classic lab of the study notes through `loadScenario`, taken verbatim from study note 002 (its
 * kind config, three webpods, net-pod, svc-clusterip 9000→80). The k8s-overall vector is in `scenarios.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { readVector } from '../test-support/vectors';
import { loadScenario } from './load';
import type { ScenarioResult } from './model';

function summary(r: ScenarioResult): string[] {
  return r.diagnostics.map((d) => `${d.severity} ${d.line}:${d.col} ${d.path}`);
}

/** The YAML blocks of study note 002 that hold objects (its kind config, three webpods, net-pod, the Service). */
function studyNoteScenario(clusterName: string | undefined): string {
  const note = readVector('seeds/002_fb9801a7f3e9dc4c.txt');
  const blocks = [...note.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').filter((b) => /^(apiVersion|kind):/m.test(b) && !b.includes('iptables'));
  expect(blocks).toHaveLength(4);
  // The note's cluster was created with `kind create cluster --name myk8s`; the config file itself has no name.
  return blocks.map((b) => (clusterName === undefined ? b : b.replace('kind: Cluster\n', `kind: Cluster\nname: ${clusterName}\n`))).join('---\n');
}

describe('study note 002: kind config + webpods + net-pod + svc-clusterip', () => {
  const result = loadScenario(studyNoteScenario('myk8s'));

  it('loads without any diagnostic (featureGates, extraPortMappings, kubeadmConfigPatches are real kind fields)', () => {
    expect(summary(result)).toEqual([]);
  });

  it('has the nodes kind creates: control-plane + 3 workers, /24s of 10.10.0.0/16, InternalIPs from 172.18.0.2', () => {
    expect(result.cluster!.nodes.map((n) => `${n.name} ${n.role} ${n.internalIP} ${n.podCIDR} ${n.gatewayIP} ${n.labels['mynode']}`)).toEqual([
      'myk8s-control-plane control-plane 172.18.0.2 10.10.0.0/24 10.10.0.1 control-plane',
      'myk8s-worker worker 172.18.0.3 10.10.1.0/24 10.10.1.1 worker1',
      'myk8s-worker2 worker 172.18.0.4 10.10.2.0/24 10.10.2.1 worker2',
      'myk8s-worker3 worker 172.18.0.5 10.10.3.0/24 10.10.3.1 worker3',
    ]);
    expect([result.cluster!.name, result.cluster!.podSubnet, result.cluster!.serviceSubnet]).toEqual(['myk8s', '10.10.0.0/16', '10.200.1.0/24']);
    // No KubeProxyConfiguration document: kind configures kube-proxy's clusterCIDR as the pod subnet.
    expect(result.cluster!.kubeProxy.clusterCIDR).toBe('10.10.0.0/16');
  });

  it('gives pods the DESIGN IPAM addresses (the real cluster of the note had 10.10.3.3 and 10.10.0.6: other pods held .2/.4/.5)', () => {
    const pods = result.cluster!.pods.map((p) => `${p.name.startsWith('coredns-') ? 'coredns' : p.name} ${p.nodeName} ${p.ip}`);
    expect(pods).toEqual([
      'coredns myk8s-control-plane 10.10.0.2',
      'coredns myk8s-control-plane 10.10.0.3',
      'webpod1 myk8s-worker 10.10.1.2',
      'webpod2 myk8s-worker2 10.10.2.2',
      'webpod3 myk8s-worker3 10.10.3.2',
      'net-pod myk8s-control-plane 10.10.0.4',
    ]);
  });

  it('gives svc-clusterip the subnet .100 (the real cluster, random allocation, gave .201) with the three webpods on :80', () => {
    const c = result.cluster!;
    expect(c.services.map((s) => `${s.namespace}/${s.name} ${s.clusterIP} ${s.implicit}`)).toEqual([
      'default/kubernetes 10.200.1.1 true',
      'kube-system/kube-dns 10.200.1.10 true',
      'default/svc-clusterip 10.200.1.100 false',
    ]);
    const svc = c.services[2]!;
    expect(svc.ports).toEqual([expect.objectContaining({ name: 'svc-webport', port: 9000, targetPort: 80, protocol: 'TCP', nodePort: 0 })]);
    const slices = c.endpointSlices.filter((s) => s.serviceName === 'svc-clusterip');
    expect(slices).toHaveLength(1);
    expect(slices[0]!.explicit).toBe(false);
    expect(slices[0]!.ports).toEqual([{ name: 'svc-webport', port: 80, protocol: 'TCP' }]);
    expect(slices[0]!.endpoints.map((e) => `${e.podName} ${e.addresses[0]} ${e.nodeName} ${e.ready}`)).toEqual([
      'webpod1 10.10.1.2 myk8s-worker true',
      'webpod2 10.10.2.2 myk8s-worker2 true',
      'webpod3 10.10.3.2 myk8s-worker3 true',
    ]);
  });

  it('without the cluster name the nodes are kind-*, and the pods naming myk8s-* nodes are errors at spec.nodeName', () => {
    const r = loadScenario(studyNoteScenario(undefined));
    expect(r.cluster).toBeUndefined();
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.path)).toEqual(['spec.nodeName', 'spec.nodeName', 'spec.nodeName', 'spec.nodeName']);
    expect(errors[0]!.message).toContain('"myk8s-worker"');
  });
});
