import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manyServicesScenario } from '../../bench/many-services';
import { tableWalk } from '../app/graph/packet-path';
import { chainView } from './chain-view';
import { EngineSession } from './engine-session';

const defaultScenario = readFileSync(join(import.meta.dirname, '../scenarios/default.yaml'), 'utf8');
const NODE = 'myk8s-control-plane';

function session(text: string): EngineSession {
  const s = new EngineSession();
  s.load(text);
  return s;
}

describe('chainView', () => {
  const s = session(defaultScenario);
  const graph = s.chainGraph(NODE, 'nat');
  const result = s.trace({ from: 'net-pod', to: 'svc-clusterip:9000' });
  if (!result.ok) throw new Error(result.error);
  const walk = tableWalk(result.trace, 'nat');

  it('shows the first own Service at rest, with the way in and not the other Services\' chains', () => {
    const v = chainView(graph);
    expect(v.services).toContain('default/svc-clusterip');
    expect(v.service).not.toMatch(/^kube-system\/|^default\/kubernetes$/);
    expect(v.overview).toBeUndefined();
    const chains = v.graph.nodes.map((n) => n.chain);
    expect(chains).toEqual(expect.arrayContaining(['PREROUTING', 'KUBE-SERVICES']));
    expect(v.graph.nodes.every((n) => n.service === undefined || n.service.startsWith(`${v.service}:`) || n.service === v.service)).toBe(true);
    // Every jump drawn joins two chains drawn.
    for (const e of v.graph.edges) expect(chains.includes(e.from) && chains.includes(e.to)).toBe(true);
    expect(v.graph.nodes.length).toBeLessThan(graph.nodes.length);
  });

  it('follows the packet to its Service unless the pick was made under this packet', () => {
    expect(walk.slice(0, 2)).toEqual(['PREROUTING', 'KUBE-SERVICES']);
    expect(chainView(graph, { walk }).service).toBe('default/svc-clusterip');
    expect(chainView(graph, { walk }).packetService).toBe('default/svc-clusterip');
    // An older pick gives way to the new packet's Service; a pick made under it holds.
    expect(chainView(graph, { pick: 'kube-system/kube-dns', walk }).service).toBe('default/svc-clusterip');
    const held = chainView(graph, { pick: 'kube-system/kube-dns', pickHolds: true, walk });
    expect(held.service).toBe('kube-system/kube-dns');
    // The packet's chains (those this node has; targets such as DNAT are no chains) are drawn beside the picked Service's.
    const drawn = new Set(held.graph.nodes.map((n) => n.chain));
    const chains = walk.filter((c) => graph.nodes.some((n) => n.chain === c));
    expect(chains.some((c) => c.startsWith('KUBE-SVC-'))).toBe(true);
    for (const c of chains) expect(drawn.has(c)).toBe(true);
  });

  it('gives the overview for All services, and a pick the table lacks shows it too; a table without Services is drawn whole', () => {
    const all = chainView(graph, { pick: '', pickHolds: true });
    expect(all.service).toBe('');
    expect(all.graph.nodes).toEqual([]);
    expect(all.overview?.root?.chain).toBe('KUBE-SERVICES');
    expect(all.overview?.entries.map((e) => e.service)).toEqual(all.services);
    expect(chainView(graph, { pick: 'gone/nowhere' }).overview).toBeDefined();
    const filter = s.chainGraph(NODE, 'filter');
    const f = chainView(filter, { pick: '' });
    expect(f.services).toEqual([]);
    expect(f.graph).toBe(filter);
  });

  it('sends a few dozen chains for one of 500 Services, and the overview without the chains graph', () => {
    const big = session(manyServicesScenario(500));
    const whole = big.chainGraph('kind-worker', 'nat');
    const one = chainView(whole);
    expect(one.services).toHaveLength(500);
    expect(one.graph.nodes.length).toBeLessThan(20);
    const overview = chainView(whole, { pick: '' });
    expect(overview.overview?.entries).toHaveLength(500);
    expect(JSON.stringify(overview).length).toBeLessThan(JSON.stringify(whole).length);
  });
});

describe('EngineSession views', () => {
  it('builds a ruleset\'s graph once, and skips the work for a revision a newer text replaced', () => {
    const s = new EngineSession();
    const first = s.load(defaultScenario);
    expect(s.chainGraph(NODE, 'nat')).toBe(s.chainGraph(NODE, 'nat'));
    expect(s.rulesFor(NODE, 'nat', 'S', first.revision)).toContain('-A KUBE-SERVICES');
    const second = s.load(defaultScenario.replace('port: 9000', 'port: 9001'));
    expect(second.revision).toBeGreaterThan(first.revision);
    expect(s.rulesFor(NODE, 'nat', 'S', first.revision)).toBeNull();
    expect(s.chainView(NODE, 'nat', {}, first.revision)).toBeNull();
    expect(s.rulesFor(NODE, 'nat', 'S', second.revision)).toContain('--dport 9001');
    // A text with errors keeps the last valid cluster: its revision stays current.
    const broken = s.load('kind: [');
    expect(broken.revision).toBe(second.revision);
    expect(s.chainView(NODE, 'nat', {}, second.revision)?.service).toBeTruthy();
  });
});
