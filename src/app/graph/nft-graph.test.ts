import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../worker/engine-session';
import { filterByService } from './filter';
import { serviceOverview } from './overview';

const MODE = '\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\n';
const scenario = readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8');

/** `n` ClusterIP Services over one Deployment's pods: a cluster that needs the overview. */
function manyServices(n: number): string {
  const docs = ['apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: c\n        image: x'];
  for (let i = 0; i < n; i++) docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80`);
  return docs.join('\n---\n') + MODE;
}

describe('the chain graph panel over an nftables graph', () => {
  it('"All services" lists each Service with its key in @service-ips as the way in', () => {
    const s = new EngineSession();
    s.load(scenario + MODE);
    const entry = serviceOverview(s.chainGraph('myk8s-worker', 'nat')).find((e) => e.service === 'default/svc-clusterip')!;
    expect(entry.entries).toEqual(['10.200.1.100 . tcp . 9000']);
    expect(entry.chains[0]).toMatch(/^service-[A-Z2-7]{8}-default\/svc-clusterip\/tcp\/svc-webport$/);
    expect(entry.endpoints).toBe(3);
  });

  it('one Service of many: its chains and the way in through @service-ips, not the other Services\' elements', () => {
    const s = new EngineSession();
    s.load(manyServices(300));
    const graph = s.chainGraph('kind-worker', 'nat');
    expect(serviceOverview(graph)).toHaveLength(302);
    const one = filterByService(graph, 'default/svc-7');
    expect(one.nodes.map((n) => n.chain)).toEqual(expect.arrayContaining(['nat-prerouting', 'services', '@service-ips']));
    expect(one.edges.filter((e) => e.from === '@service-ips')).toHaveLength(1);
    expect(one.nodes.length).toBeLessThan(12);
  });
});
