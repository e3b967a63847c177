import { describe, expect, it } from 'vitest';
import { MAX_SCALE_SERVICES, SCALE_NODE, scaleCluster } from './synthetic-cluster';

describe('synthetic clusters', () => {
  it('the scale lab: one node holds every pod and endpoint', () => {
    const c = scaleCluster(5, 2);
    expect(c.nodes.map((n) => n.name)).toEqual([SCALE_NODE]);
    expect(new Set(c.pods.map((p) => p.nodeName))).toEqual(new Set([SCALE_NODE]));
    const synthetic = c.endpointSlices.filter((s) => s.namespace === 'bench');
    expect(synthetic).toHaveLength(4);
    expect(synthetic.flatMap((s) => s.endpoints.map((e) => e.nodeName))).toEqual(Array(8).fill(SCALE_NODE));
    expect(c.services.filter((s) => s.namespace === 'bench').map((s) => s.clusterIP)).toEqual(['10.97.0.0', '10.97.0.1', '10.97.0.2', '10.97.0.3']);
  });

  it('the engine benchmark: endpoints round-robin over kind-named workers, the traced pods on the workers', () => {
    const c = scaleCluster(3, 10, { name: 'bench', workers: 3 });
    expect(c.nodes.map((n) => n.name)).toEqual(['bench-control-plane', 'bench-worker', 'bench-worker2', 'bench-worker3']);
    const nodes = c.endpointSlices.filter((s) => s.namespace === 'bench').flatMap((s) => s.endpoints.map((e) => e.nodeName));
    expect(nodes.slice(0, 4)).toEqual(['bench-worker', 'bench-worker2', 'bench-worker3', 'bench-worker']);
    expect(nodes).toHaveLength(20);
    const web = c.pods.filter((p) => p.name.startsWith('web-'));
    expect(web).toHaveLength(10);
    expect(web.every((p) => p.nodeName?.startsWith('bench-worker'))).toBe(true);
    expect(c.pods.find((p) => p.name === 'client')?.nodeName).toBe('bench-control-plane');
  });

  it('refuses sizes whose addresses would leave the service subnet or 10.128.0.0/9', () => {
    expect(MAX_SCALE_SERVICES).toBe(983_040);
    expect(() => scaleCluster(0, 1)).toThrow(RangeError);
    expect(() => scaleCluster(MAX_SCALE_SERVICES + 1, 1)).toThrow(RangeError);
    expect(() => scaleCluster(900_000, 10)).toThrow(/10\.128\.0\.0\/9/);
    expect(() => scaleCluster(2, 1, { name: 'Bad_Name' })).toThrow(RangeError);
  });
});
