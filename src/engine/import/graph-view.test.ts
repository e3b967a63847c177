import { describe, expect, it } from 'vitest';
import { chainGraph } from '../netfilter/chain-graph';
import { importDump } from './import';
import { AROUND_CHAINS, graphView, LISTED_SERVICES, WHOLE_GRAPH_CHAINS } from './graph-view';

/** A nat table of `n` Services, each a KUBE-SVC chain with two KUBE-SEP chains, as kube-proxy writes them. */
function services(n: number): string {
  const lines = ['*nat', ':PREROUTING ACCEPT [0:0]', ':KUBE-SERVICES - [0:0]', '-A PREROUTING -j KUBE-SERVICES'];
  for (let i = 0; i < n; i++) {
    const svc = `KUBE-SVC-${String(i).padStart(16, 'A')}`;
    const sep = (k: number) => `KUBE-SEP-${String(i * 2 + k).padStart(16, 'B')}`;
    lines.push(`:${svc} - [0:0]`, `:${sep(0)} - [0:0]`, `:${sep(1)} - [0:0]`);
    lines.push(`-A KUBE-SERVICES -d 10.0.${i >> 8}.${i & 255}/32 -p tcp -m comment --comment "ns/s${i}:http cluster IP" -m tcp --dport 80 -j ${svc}`);
    lines.push(`-A ${svc} -m comment --comment "ns/s${i}:http -> 10.1.0.1:80" -m statistic --mode random --probability 0.50000000000 -j ${sep(0)}`);
    lines.push(`-A ${svc} -m comment --comment "ns/s${i}:http -> 10.1.0.2:80" -j ${sep(1)}`);
    for (const k of [0, 1]) lines.push(`-A ${sep(k)} -p tcp -m comment --comment "ns/s${i}:http" -m tcp -j DNAT --to-destination 10.1.0.${k + 1}:80`);
  }
  return [...lines, 'COMMIT'].join('\n');
}

describe('what of an imported graph goes to the page', () => {
  it('a small graph whole, with its Services', () => {
    const v = graphView(chainGraph(importDump(services(10)).ruleset, 'nat'));
    expect(v.partial).toBe(false);
    expect(v.services).toHaveLength(10);
    expect(v.graph.nodes).toHaveLength(4 + 1 + 30); // the built-in chains, KUBE-SERVICES, 3 chains a Service
  });

  it('a large one cut to one Service and the way in, or to the chains around one chain', () => {
    const g = chainGraph(importDump(services(1000)).ruleset, 'nat');
    expect(g.nodes.length).toBeGreaterThan(WHOLE_GRAPH_CHAINS);
    const one = graphView(g, { service: 'ns/s500' });
    expect(one.partial).toBe(true);
    expect(one.graph.nodes.map((n) => n.chain).sort()).toEqual(['KUBE-SEP-BBBBBBBBBBBB1000', 'KUBE-SEP-BBBBBBBBBBBB1001', 'KUBE-SERVICES', 'KUBE-SVC-AAAAAAAAAAAAA500', 'PREROUTING'].sort());
    expect(one.graph.edges).toHaveLength(4);
    const rest = graphView(g);
    expect(rest.graph.nodes.map((n) => n.chain).sort()).toEqual(['INPUT', 'KUBE-SERVICES', 'OUTPUT', 'POSTROUTING', 'PREROUTING']);
    const around = graphView(g, { chain: 'KUBE-SERVICES' });
    expect(around.graph.nodes).toHaveLength(AROUND_CHAINS);
    expect(around.totalChains).toBe(g.nodes.length);
  });

  it('every Service of a very large table is reachable: the worker lists at most 500 at once, and finds the others by name', () => {
    const g = chainGraph(importDump(services(1200)).ruleset, 'nat');
    const first = graphView(g);
    expect(first.services).toHaveLength(LISTED_SERVICES);
    expect(first).toMatchObject({ serviceCount: 1200, matchingServices: 1200 });
    expect(first.services).not.toContain('ns/s999');
    const found = graphView(g, { serviceQuery: 'S999' });
    expect(found.services).toEqual(['ns/s999']);
    expect(found.matchingServices).toBe(1);
    const drawn = graphView(g, { service: 'ns/s999', serviceQuery: 's1' });
    expect(drawn.services[0]).toBe('ns/s999');
    expect(drawn.services.length).toBeLessThanOrEqual(LISTED_SERVICES + 1);
    expect(drawn.graph.nodes.map((n) => n.chain)).toContain('KUBE-SVC-AAAAAAAAAAAAA999');
    for (const k of [0, 250, 700, 1199]) expect(graphView(g, { serviceQuery: `ns/s${k}` }).services).toContain(`ns/s${k}`);
  });
});
