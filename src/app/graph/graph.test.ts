import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../worker/engine-session';
import { manyServiceName, manyServicePort, manyServicesScenario } from '../../../bench/many-services';
import { searchServices, serviceOfPort, serviceOverview } from './overview';
import { filterByService } from './filter';
import { walkChains } from './packet-path';
import { chooseViewport, readableZoom, zoomToFit } from './camera';

const defaultScenario = readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8');
const SVC = 'KUBE-SVC-KBDEBIL6IU6WL7RF';

function session(text: string): EngineSession {
  const s = new EngineSession();
  s.load(text);
  return s;
}

describe('serviceOverview', () => {
  const graph = session(defaultScenario).chainGraph('myk8s-worker', 'nat');
  const overview = serviceOverview(graph);

  it('has one entry per Service, its ports together, sorted by name', () => {
    expect(overview.map((s) => s.service)).toEqual(['default/kubernetes', 'default/svc-clusterip', 'kube-system/kube-dns']);
    expect(overview.find((s) => s.service === 'kube-system/kube-dns')!.ports).toEqual(['kube-system/kube-dns:dns', 'kube-system/kube-dns:dns-tcp', 'kube-system/kube-dns:metrics']);
  });

  it('counts the Service\'s chains, rules and endpoints, its KUBE-SVC chain first, and says how to reach it', () => {
    const web = overview.find((s) => s.service === 'default/svc-clusterip')!;
    expect(web.chains[0]).toBe(SVC);
    expect(web.chains).toHaveLength(4);
    expect(web.endpoints).toBe(3);
    // KUBE-SVC: the masquerade mark and three endpoint picks; each KUBE-SEP: the hairpin mark and the DNAT.
    expect(web.ruleCount).toBe(4 + 3 * 2);
    expect(web.entries).toEqual(['10.200.1.100:9000/tcp']);
  });

  it('aggregates 500 Services into 500 entries, even where kube-proxy leaves the endpoint chains uncommented', () => {
    const big = session(manyServicesScenario(500)).chainGraph('kind-worker', 'nat');
    expect(big.nodes.length).toBeGreaterThan(2000);
    const all = serviceOverview(big);
    expect(all).toHaveLength(500);
    const one = all.find((s) => s.service === `default/${manyServiceName(42)}`)!;
    expect(one.endpoints).toBe(3);
    expect(one.entries).toEqual([expect.stringMatching(new RegExp(`:${manyServicePort(42)}/tcp$`))]);
  });
});

describe('searchServices', () => {
  const all = serviceOverview(session(defaultScenario).chainGraph('myk8s-worker', 'nat'));
  const names = (q: string): string[] => searchServices(all, q).map((s) => s.service);

  it('finds by name, IP, port or chain, every word of the query, in any case', () => {
    expect(names('')).toHaveLength(3);
    expect(names('clusterip')).toEqual(['default/svc-clusterip']);
    expect(names('10.200.1.10:')).toEqual(['kube-system/kube-dns']);
    expect(names(':9000')).toEqual(['default/svc-clusterip']);
    expect(names('kube-svc-kbdebil')).toEqual(['default/svc-clusterip']);
    expect(names('dns 9153')).toEqual(['kube-system/kube-dns']);
    expect(names('dns 9000')).toEqual([]);
  });
});

describe('filterByService', () => {
  const graph = session(defaultScenario).chainGraph('myk8s-worker', 'nat');

  it('keeps all ports of one Service with the way in to them, and no other Service\'s chains', () => {
    const dns = filterByService(graph, 'kube-system/kube-dns');
    const services = new Set(dns.nodes.map((n) => n.service).filter((s) => s !== undefined).map(serviceOfPort));
    expect([...services]).toEqual(['kube-system/kube-dns']);
    expect(new Set(dns.nodes.map((n) => n.service).filter(Boolean)).size).toBe(3);
    expect(dns.nodes.map((n) => n.chain)).toEqual(expect.arrayContaining(['PREROUTING', 'OUTPUT', 'KUBE-SERVICES', 'KUBE-MARK-MASQ']));
    for (const e of dns.edges) expect(dns.nodes.some((n) => n.chain === e.from) && dns.nodes.some((n) => n.chain === e.to)).toBe(true);
  });
});

describe('walkChains', () => {
  const s = session(defaultScenario);
  const result = s.trace({ from: 'net-pod', to: 'svc-clusterip:9000' });
  if (!result.ok) throw new Error(result.error);
  const packet = result.trace.packets[0]!;

  it('gives the whole walk of a hop, before and after it, in the order the packet enters the chains', () => {
    const hops = packet.hops;
    const inService = hops.findIndex((h) => h.kind === 'rule' && h.chain === SVC);
    const walk = walkChains(packet, inService);
    expect(walk[0]).toBe('PREROUTING');
    expect(walk.slice(1, 3)).toEqual(['KUBE-SERVICES', SVC]);
    expect(walk[3]).toMatch(/^KUBE-SEP-/);
    // The same walk from its first hop and from its last one.
    expect(walkChains(packet, hops.findIndex((h) => h.kind === 'rule'))).toEqual(walk);
    const dnat = hops.findIndex((h) => h.kind === 'rule' && h.target === 'DNAT');
    expect(walkChains(packet, dnat)).toEqual(walk);
    // On the endpoint's node the packet (already DNATed) walks its own, shorter way: another walk.
    const there = hops.findIndex((h, i) => i > dnat && h.kind === 'rule' && h.table === 'nat' && h.hook === 'PREROUTING');
    expect(walkChains(packet, there)).toEqual(['PREROUTING', 'KUBE-SERVICES']);
    // A conntrack or routing hop is no walk.
    expect(walkChains(packet, hops.findIndex((h) => h.kind === 'conntrack'))).toEqual([]);
  });
});

describe('chooseViewport', () => {
  const view = { width: 800, height: 300, minZoom: readableZoom(false), maxZoom: 1.25 };
  const path = { x: 0, y: 0, width: 700, height: 200 };
  const near = { x: 300, y: 0, width: 400, height: 120 };
  const chain = { x: 300, y: 40, width: 200, height: 48 };

  it('never goes below the readable zoom: 1 (12px text at 12px), 16/12 in classroom mode', () => {
    expect(readableZoom(false)).toBe(1);
    expect(readableZoom(true)).toBeCloseTo(16 / 12);
  });

  it('frames the whole path when it fits at a readable zoom', () => {
    const v = chooseViewport({ ...view, whole: path, near, anchor: chain })!;
    expect(v.zoom).toBeCloseTo(Math.min(1.25, zoomToFit(path, 800, 300)));
    expect(v.zoom).toBeGreaterThanOrEqual(1);
  });

  it('frames the chains around the packet when the whole path would be too small', () => {
    const long = { x: 0, y: 0, width: 2400, height: 200 };
    const v = chooseViewport({ ...view, whole: long, near, anchor: chain })!;
    expect(v.zoom).toBeGreaterThanOrEqual(1);
    // `near` is centred.
    expect(v.x + (near.x + near.width / 2) * v.zoom).toBeCloseTo(400);
  });

  it('centres the packet\'s chain at the readable zoom when nothing fits and the chains around it are centred on it', () => {
    const around = { x: chain.x - 600, y: chain.y - 176, width: chain.width + 1200, height: chain.height + 352 };
    const v = chooseViewport({ ...view, minZoom: readableZoom(true), whole: { x: 0, y: 0, width: 5000, height: 900 }, near: around, anchor: chain })!;
    expect(v.zoom).toBeCloseTo(16 / 12);
    expect(v.x + (chain.x + chain.width / 2) * v.zoom).toBeCloseTo(400);
    expect(v.y + (chain.y + chain.height / 2) * v.zoom).toBeCloseTo(150);
  });

  // The packet on KUBE-FORWARD, drawn under FORWARD: centring KUBE-FORWARD cut FORWARD off at the top.
  it('when nothing fits, shows as much of the chains around the packet as it can with the packet\'s chain wholly in view', () => {
    const from = { x: 0, y: 0, width: 180, height: 48 };
    const here = { x: 860, y: 100, width: 140, height: 48 };
    const nearBoth = { x: 0, y: 0, width: 1000, height: 148 };
    const small = { width: 800, height: 180, minZoom: 1, maxZoom: 1.25 };
    const v = chooseViewport({ ...small, whole: { x: 0, y: 0, width: 3000, height: 600 }, near: nearBoth, anchor: here })!;
    expect(v.zoom).toBe(1);
    const screen = (r: { x: number; y: number; width: number; height: number }) => ({ top: v.y + r.y * v.zoom, bottom: v.y + (r.y + r.height) * v.zoom, left: v.x + r.x * v.zoom, right: v.x + (r.x + r.width) * v.zoom });
    const h = screen(here);
    expect(h.top).toBeGreaterThanOrEqual(0);
    expect(h.bottom).toBeLessThanOrEqual(small.height);
    expect(h.left).toBeGreaterThanOrEqual(0);
    expect(h.right).toBeLessThanOrEqual(small.width);
    // Both rows show (centring KUBE-FORWARD put FORWARD's top 34 px above the view); sideways it moves
    // only as far as keeps the packet's chain in with its padding.
    expect(screen(from).top).toBeGreaterThanOrEqual(0);
    expect(h.right).toBeCloseTo(small.width - 16);
  });
});
