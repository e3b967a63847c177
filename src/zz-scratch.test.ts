import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { loadScenario } from './engine/cluster/load';
import { runConnection } from './engine/sim/journey';
import { createNetwork } from './engine/sim/network';
import { runSpread } from './engine/sim/spread';
import { LESSONS } from './scenarios/lessons';
import { traceView } from './worker/trace-view';

it('dumps', () => {
  const out: unknown[] = [];
  for (const l of LESSONS) {
    const cluster = loadScenario(readFileSync(join(import.meta.dirname, 'scenarios/lessons', `${l.id}.yaml`), 'utf8')).cluster!;
    const nets = new Map<string, ReturnType<typeof createNetwork>>();
    for (const s of l.sends) {
      const net = s.continues ? nets.get(s.continues)! : createNetwork(cluster, { seed: s.seed ?? 1 });
      nets.set(s.id, net);
      const req = { from: s.from, to: s.to, ...(s.via ? { via: s.via } : {}), ...(s.protocol ? { protocol: s.protocol } : {}) };
      if (s.kind === 'connection') {
        const j = runConnection(net, { ...req, ...(s.sport ? { sport: s.sport } : {}) });
        out.push({ id: `${l.id}/${s.id}`, j, view: traceView(j) });
      } else out.push({ id: `${l.id}/${s.id}`, spread: runSpread(net, { ...req, connections: (s as { connections: number }).connections }) });
    }
    // a node-local trace and a trace from every node
    for (const n of cluster.nodes) {
      const net = createNetwork(cluster, { seed: 3 });
      for (const to of [cluster.nodes[0]!.internalIP + ':10250', `${n.name}:${cluster.services.find((s) => s.ports[0]?.nodePort)?.ports[0]?.nodePort ?? 30000}`]) {
        try { out.push({ id: `${l.id}/${n.name}->${to}`, j: runConnection(net, { from: n.name, to }) }); } catch (e) { out.push({ id: `${l.id}/${n.name}->${to}`, err: String(e) }); }
      }
    }
  }
  writeFileSync(process.env['DUMP']!, JSON.stringify(out, (_k, v) => (v instanceof Set ? [...v] : v), 1));
});
