import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateEndpointSlices, resolveTargetPort, sliceName, slicesForService, MAX_ENDPOINTS_PER_SLICE } from './endpointslices';
import type { PodModel, ServiceModel, ServicePortModel } from './model';

const src = { doc: 0, path: '' };

function pod(name: string, ip: string, over: Partial<PodModel> = {}): PodModel {
  return {
    namespace: 'default', name, labels: { app: 'web' }, nodeName: 'kind-worker', ip, ports: [],
    ready: true, terminating: false, hostNetwork: false, source: src, ...over,
  };
}

function port(name: string, p: number, targetPort: number | string, protocol: 'TCP' | 'UDP' = 'TCP'): ServicePortModel {
  return { name, protocol, port: p, targetPort, nodePort: 0, source: src };
}

function svc(ports: ServicePortModel[], over: Partial<ServiceModel> = {}): ServiceModel {
  return {
    namespace: 'default', name: 'web', type: 'ClusterIP', clusterIP: '10.96.0.100', ports, selector: { app: 'web' },
    externalIPs: [], loadBalancerIngressIPs: [], loadBalancerSourceRanges: [], externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster', sessionAffinity: 'None', sessionAffinityTimeoutSeconds: 10800,
    healthCheckNodePort: 0, implicit: false, source: src, ...over,
  };
}

describe('EndpointSlices from selectors', () => {
  it('lists matching pods of the namespace with their node, pod name and conditions', () => {
    const pods = [
      pod('a', '10.244.1.2'),
      pod('b', '10.244.2.2', { nodeName: 'kind-worker2', ready: false }),
      pod('c', '10.244.1.3', { terminating: true }),
      pod('other-ns', '10.244.1.4', { namespace: 'prod' }),
      pod('other-label', '10.244.1.5', { labels: { app: 'db' } }),
    ];
    const slices = slicesForService(svc([port('', 80, 8080)]), pods);
    expect(slices).toHaveLength(1);
    const s = slices[0]!;
    expect(s.serviceName).toBe('web');
    expect(s.explicit).toBe(false);
    expect(s.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(s.endpoints).toEqual([
      { addresses: ['10.244.1.2'], ready: true, serving: true, terminating: false, nodeName: 'kind-worker', podName: 'a' },
      { addresses: ['10.244.2.2'], ready: false, serving: false, terminating: false, nodeName: 'kind-worker2', podName: 'b' },
      { addresses: ['10.244.1.3'], ready: false, serving: true, terminating: true, nodeName: 'kind-worker', podName: 'c' },
    ]);
  });

  it('resolves a named targetPort per pod and splits pods with different ports into different slices', () => {
    const pods = [
      pod('a', '10.244.1.2', { ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }),
      pod('b', '10.244.2.2', { ports: [{ name: 'http', containerPort: 9090, protocol: 'TCP' }] }),
      pod('c', '10.244.1.3', { ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }),
      // same name, wrong protocol: the port does not resolve, the pod stays (with no ports)
      pod('d', '10.244.2.3', { ports: [{ name: 'http', containerPort: 8080, protocol: 'UDP' }] }),
    ];
    const slices = slicesForService(svc([port('web', 80, 'http')]), pods);
    expect(slices.map((s) => [s.ports, s.endpoints.map((e) => e.podName)])).toEqual([
      [[{ name: 'web', port: 8080, protocol: 'TCP' }], ['a', 'c']],
      [[{ name: 'web', port: 9090, protocol: 'TCP' }], ['b']],
      [[], ['d']],
    ]);
    expect(new Set(slices.map((s) => s.name)).size).toBe(3);
  });

  it('leaves a pod out of a port it lacks but keeps the ports it has', () => {
    const pods = [pod('a', '10.244.1.2', { ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] })];
    const [s] = slicesForService(svc([port('http', 80, 'http'), port('metrics', 9100, 'metrics')]), pods);
    expect(s?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('writes nothing for services without a selector, with an empty one, or of type ExternalName', () => {
    const pods = [pod('a', '10.244.1.2')];
    const noSelector: ServiceModel = { ...svc([port('', 80, 80)]) };
    delete (noSelector as { selector?: unknown }).selector;
    expect(slicesForService(noSelector, pods)).toEqual([]);
    expect(slicesForService(svc([port('', 80, 80)], { selector: {} }), pods)).toEqual([]);
    expect(slicesForService(svc([], { type: 'ExternalName', clusterIP: '' }), pods)).toEqual([]);
  });

  it('writes no slice when the selector matches no pod', () => {
    // The controller keeps one placeholder slice with no endpoints; kube-proxy treats it like none.
    expect(slicesForService(svc([port('', 80, 80)]), [])).toEqual([]);
  });

  it('spills past the per-slice cap into more slices', () => {
    const pods = Array.from({ length: MAX_ENDPOINTS_PER_SLICE + 5 }, (_, i) => pod(`p${i}`, `10.244.1.${i + 2}`));
    const slices = slicesForService(svc([port('', 80, 80)]), pods);
    expect(slices.map((s) => s.endpoints.length)).toEqual([MAX_ENDPOINTS_PER_SLICE, 5]);
  });

  it('names slices deterministically after the service', () => {
    expect(sliceName({ namespace: 'default', name: 'web' }, 0)).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(sliceName({ namespace: 'default', name: 'web' }, 0)).toBe(sliceName({ namespace: 'default', name: 'web' }, 0));
    expect(sliceName({ namespace: 'default', name: 'web' }, 0)).not.toBe(sliceName({ namespace: 'default', name: 'web' }, 1));
  });

  it('resolveTargetPort: numbers pass through, names need name and protocol', () => {
    const p = pod('a', '10.244.1.2', { ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] });
    expect(resolveTargetPort(port('x', 1, 7), p)).toBe(7);
    expect(resolveTargetPort(port('x', 1, 'dns', 'UDP'), p)).toBe(53);
    expect(resolveTargetPort(port('x', 1, 'dns', 'TCP'), p)).toBeUndefined();
  });

  it('property: every matching pod appears exactly once across the service slices', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ app: fc.constantFrom('web', 'db'), hasPort: fc.boolean(), cport: fc.integer({ min: 1, max: 3 }) }), { maxLength: 30 }),
        (specs) => {
          const pods = specs.map((s, i) =>
            pod(`p${i}`, `10.244.1.${i + 2}`, {
              labels: { app: s.app },
              ports: s.hasPort ? [{ name: 'http', containerPort: 8000 + s.cport, protocol: 'TCP' }] : [],
            }),
          );
          const slices = generateEndpointSlices([svc([port('http', 80, 'http')])], pods);
          const names = slices.flatMap((s) => s.endpoints.map((e) => e.podName));
          const expected = pods.filter((p) => p.labels['app'] === 'web').map((p) => p.name);
          expect([...names].sort()).toEqual([...expected].sort());
          for (const s of slices) {
            for (const e of s.endpoints) {
              const p = pods.find((x) => x.name === e.podName)!;
              expect(s.ports.map((x) => x.port)).toEqual(p.ports.map((x) => x.containerPort));
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
