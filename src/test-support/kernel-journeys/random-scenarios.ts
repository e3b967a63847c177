/**
 * Random small clusters for the journey check (fast-check, seeded, so a run is repeatable): a control plane
 * and 1–3 workers, 1–5 server pods (some not ready) and 1–2 client pods, 1–3 Services of mixed types and
 * policies (ClusterIP / NodePort / LoadBalancer, eTP and iTP Local, ClientIP affinity, source ranges,
 * externalIPs, a UDP port), and 4 journeys each from pods, nodes and external clients.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../engine/cluster/load';
import type { JourneyCase, ScenarioSuite } from './cases';

interface ServerPod { readonly app: number; readonly node: number; readonly ready: boolean }
interface ClientPod { readonly node: number }
interface Service {
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** Selects the app of server pod `app` (so that most Services have endpoints), or with `orphan` any app. */
  readonly app: number;
  readonly orphan: boolean;
  readonly port: number;
  readonly udp: boolean;
  readonly etpLocal: boolean;
  readonly itpLocal: boolean;
  readonly affinity: boolean;
  readonly sourceRanges: boolean;
  readonly externalIP: boolean;
}
interface JourneyPick { readonly source: number; readonly sourceKind: 'client' | 'server' | 'node' | 'external' | 'external-allowed'; readonly target: number; readonly targetKind: 'cluster-ip' | 'node-port' | 'lb' | 'external-ip' | 'pod'; readonly node: number; readonly udp: boolean }

export interface RandomCluster {
  readonly workers: number;
  readonly systemServices: boolean;
  readonly servers: readonly ServerPod[];
  readonly clients: readonly ClientPod[];
  readonly services: readonly Service[];
  readonly picks: readonly JourneyPick[];
}

const serviceArb: fc.Arbitrary<Service> = fc.record({
  type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
  app: fc.nat(),
  orphan: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  port: fc.constantFrom(80, 8080, 9000),
  udp: fc.boolean(),
  etpLocal: fc.boolean(),
  itpLocal: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  affinity: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  sourceRanges: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  externalIP: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
});

export const randomClusterArb: fc.Arbitrary<RandomCluster> = fc.record({
  workers: fc.integer({ min: 1, max: 3 }),
  systemServices: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  servers: fc.array(fc.record({ app: fc.integer({ min: 0, max: 2 }), node: fc.nat(), ready: fc.integer({ min: 0, max: 6 }).map((n) => n !== 0) }), { minLength: 1, maxLength: 5 }),
  clients: fc.array(fc.record({ node: fc.nat() }), { minLength: 1, maxLength: 2 }),
  services: fc.array(serviceArb, { minLength: 1, maxLength: 3 }),
  picks: fc.array(
    fc.record({
      source: fc.nat(),
      sourceKind: fc.constantFrom('client', 'client', 'server', 'node', 'external', 'external-allowed'),
      target: fc.nat(),
      targetKind: fc.constantFrom('cluster-ip', 'cluster-ip', 'node-port', 'lb', 'external-ip', 'pod'),
      node: fc.nat(),
      udp: fc.boolean(),
    }),
    { minLength: 4, maxLength: 4 },
  ),
});

const APPS = ['a', 'b', 'c'];

/** The scenario's YAML and its journeys. */
export function randomScenario(r: RandomCluster): { yaml: string; cases: JourneyCase[] } {
  const nodeNames = ['rnd-control-plane', ...Array.from({ length: r.workers }, (_, i) => `rnd-worker${i === 0 ? '' : i + 1}`)];
  const node = (n: number): string => nodeNames[n % nodeNames.length]!;
  const docs: string[] = [
    `apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nname: rnd\nnodes:\n- role: control-plane\n${'- role: worker\n'.repeat(r.workers)}`,
    `apiVersion: kube-packet-lab/v1\nkind: Lab\nsystemServices: ${r.systemServices}`,
  ];
  r.servers.forEach((p, i) => {
    const ready = p.ready ? '' : `\nstatus:\n  conditions:\n  - type: Ready\n    status: "False"`;
    docs.push(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: srv${i}\n  labels:\n    app: ${APPS[p.app]}\nspec:\n  nodeName: ${node(p.node)}\n  containers:\n  - name: c\n    image: traefik/whoami\n    ports:\n    - containerPort: 8000\n    - containerPort: 5300\n      protocol: UDP${ready}`,
    );
  });
  r.clients.forEach((p, i) => docs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: cli${i}\nspec:\n  nodeName: ${node(p.node)}\n  containers:\n  - name: c\n    image: nicolaka/netshoot`));
  r.services.forEach((s, i) => {
    const ports = [`  - name: tcp\n    port: ${s.port}\n    targetPort: 8000${s.type !== 'ClusterIP' ? `\n    nodePort: ${30100 + i * 10}` : ''}`];
    if (s.udp) ports.push(`  - name: udp\n    port: 53\n    protocol: UDP\n    targetPort: 5300${s.type !== 'ClusterIP' ? `\n    nodePort: ${30101 + i * 10}` : ''}`);
    const spec = [
      `  type: ${s.type}`,
      `  selector:\n    app: ${APPS[s.orphan ? s.app % APPS.length : r.servers[s.app % r.servers.length]!.app]}`,
      ...(s.type !== 'ClusterIP' && s.etpLocal ? ['  externalTrafficPolicy: Local'] : []),
      ...(s.itpLocal ? ['  internalTrafficPolicy: Local'] : []),
      ...(s.affinity ? ['  sessionAffinity: ClientIP'] : []),
      ...(s.type === 'LoadBalancer' && s.sourceRanges ? ['  loadBalancerSourceRanges:\n  - 198.51.100.0/24'] : []),
      ...(s.externalIP ? [`  externalIPs:\n  - 192.0.2.${10 + i}`] : []),
      `  ports:\n${ports.join('\n')}`,
    ];
    const status = s.type === 'LoadBalancer' ? `\nstatus:\n  loadBalancer:\n    ingress:\n    - ip: 172.18.255.${200 + i}` : '';
    docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: svc${i}\nspec:\n${spec.join('\n')}${status}`);
  });

  const yaml = `${docs.join('\n---\n')}\n`;
  // The pods' addresses as the lab's IPAM gives them (DESIGN §2), for journeys straight to a pod.
  const loaded = loadScenario(yaml);
  if (!loaded.cluster) throw new Error(`random scenario rejected: ${loaded.diagnostics.map((d) => d.message).join('; ')}\n${yaml}`);
  const podIPs = new Map(loaded.cluster.pods.map((pod) => [pod.name, pod.ip]));
  const cases: JourneyCase[] = [];
  const seen = new Set<string>();
  r.picks.forEach((p, k) => {
    const s = r.services[p.target % r.services.length]!;
    const si = p.target % r.services.length;
    const udp = p.udp && s.udp;
    const svcPort = udp ? 53 : s.port;
    const nodePort = 30100 + si * 10 + (udp ? 1 : 0);
    const via = node(p.node);
    const from =
      p.sourceKind === 'client' ? `cli${p.source % r.clients.length}`
      : p.sourceKind === 'server' ? `srv${p.source % r.servers.length}`
      : p.sourceKind === 'node' ? node(p.source)
      : p.sourceKind === 'external' ? 'external' : 'external:198.51.100.7';
    let to: string;
    let viaFlag: string | undefined;
    switch (p.targetKind) {
      case 'node-port':
        to = s.type === 'ClusterIP' ? `svc${si}:${svcPort}` : `${via}:${nodePort}`;
        break;
      case 'lb':
        to = s.type === 'LoadBalancer' ? `172.18.255.${200 + si}:${svcPort}` : `svc${si}:${svcPort}`;
        break;
      case 'external-ip':
        to = s.externalIP ? `192.0.2.${10 + si}:${svcPort}` : `svc${si}:${svcPort}`;
        break;
      case 'pod': {
        const name = `srv${p.target % r.servers.length}`;
        to = `${podIPs.get(name) ?? '?'}:${udp ? 5300 : 8000}`;
        break;
      }
      default:
        to = `svc${si}:${svcPort}`;
    }
    if (from.startsWith('external') && !to.startsWith('rnd-')) viaFlag = via;
    const c: JourneyCase = { id: `journey ${k + 1}`, from, to, ...(viaFlag ? { via: viaFlag } : {}), ...(udp ? { protocol: 'udp' } : {}) };
    const key = `${c.from} ${c.to} ${c.via ?? ''} ${c.protocol ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      cases.push(c);
    }
  });
  return { yaml, cases };
}

/** `count` random scenarios written to a temporary folder (removed by `dispose`). */
export function randomSuites(count: number, seed: number): { suites: ScenarioSuite[]; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kpl-random-'));
  const samples = count > 0 ? fc.sample(randomClusterArb, { seed, numRuns: count }) : [];
  const suites = samples.map((r, i) => {
    const { yaml, cases } = randomScenario(r);
    const file = join(dir, `random-${i + 1}.yaml`);
    writeFileSync(file, yaml);
    return { name: `random #${i + 1} (seed ${seed})`, file, cases };
  });
  return { suites, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
