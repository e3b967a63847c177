/**
 * The worker keeps dagre's places for the last few inputs (chain-layout.ts): a keystroke that changes a port
 * changes an edge's label, and the chains stand where they stood. A kept layout must be the one dagre makes
 * afresh, whatever graphs came before: checked on random graphs (chains, jumps, labels of every length).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChainGraph, ChainGraphNode } from '../engine/netfilter/chain-graph';
import { forgetChainLayouts, layoutChainGraph } from './chain-layout';

const CHAINS: readonly ChainGraphNode[] = [
  { chain: 'PREROUTING', kind: 'builtin', ruleCount: 1, policy: 'ACCEPT' },
  { chain: 'KUBE-SERVICES', kind: 'services', ruleCount: 3 },
  { chain: 'KUBE-SVC-AAAA', kind: 'service', ruleCount: 3, service: 'default/a:http' },
  { chain: 'KUBE-SVC-BBBB', kind: 'service', ruleCount: 2, service: 'default/b:http' },
  { chain: 'KUBE-SEP-1111', kind: 'endpoint', ruleCount: 2, service: 'default/a:http' },
  { chain: 'KUBE-SEP-2222', kind: 'endpoint', ruleCount: 2, service: 'default/a:http' },
  { chain: 'KUBE-SEP-3333', kind: 'endpoint', ruleCount: 2, service: 'default/b:http' },
  { chain: 'KUBE-MARK-MASQ', kind: 'mark', ruleCount: 1 },
];

const graphArb: fc.Arbitrary<ChainGraph> = fc
  .record({
    nodes: fc.subarray([...CHAINS], { minLength: 1 }),
    edges: fc.array(
      fc.record({ from: fc.nat(7), to: fc.nat(7), ruleIndex: fc.nat(4), label: fc.constantFrom('', 'p=0.5', '10.96.0.10:53/udp', '10.96.0.100:10001/tcp', '10.96.0.100:1000/tcp'), goto: fc.boolean() }),
      { maxLength: 12 },
    ),
  })
  .map(({ nodes, edges }) => ({
    table: 'nat' as const,
    nodes,
    edges: edges.map((e) => ({ from: CHAINS[e.from]!.chain, to: CHAINS[e.to]!.chain, ruleIndex: e.ruleIndex, label: e.label, goto: e.goto })),
  }));

describe('kept chain layouts', () => {
  it('are the layouts dagre makes afresh, after any other graphs', () => {
    fc.assert(
      fc.property(fc.array(graphArb, { minLength: 2, maxLength: 12 }), (graphs) => {
        forgetChainLayouts();
        const kept = graphs.map((g) => layoutChainGraph(g));
        graphs.forEach((g, i) => {
          forgetChainLayouts();
          expect(kept[i]).toEqual(layoutChainGraph(g));
        });
      }),
      { numRuns: 200, seed: 77 },
    );
  });

  it('are the layouts dagre makes afresh when only the labels change (typing a port)', () => {
    const LABELS = ['', 'p=0.5', '10.96.0.10:53/udp', '10.96.0.100:1/tcp', '10.96.0.100:65000/tcp', 'a label much longer than any address and port'];
    const jumps = [['KUBE-SERVICES', 'KUBE-SVC-AAAA'], ['KUBE-SVC-AAAA', 'KUBE-SEP-1111'], ['KUBE-SVC-AAAA', 'KUBE-SEP-2222'], ['KUBE-SEP-1111', 'KUBE-MARK-MASQ']] as const;
    const nodes = CHAINS.filter((c) => jumps.some(([a, b]) => a === c.chain || b === c.chain));
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...LABELS), { minLength: jumps.length, maxLength: jumps.length }), { minLength: 2, maxLength: 8 }), (labelSets) => {
        const graphs = labelSets.map((labels) => ({ table: 'nat' as const, nodes, edges: jumps.map(([from, to], i) => ({ from, to, ruleIndex: i, label: labels[i]!, goto: false })) }));
        forgetChainLayouts();
        const kept = graphs.map((g) => layoutChainGraph(g));
        graphs.forEach((g, i) => {
          forgetChainLayouts();
          expect(kept[i]).toEqual(layoutChainGraph(g));
        });
      }),
      { numRuns: 100, seed: 78 },
    );
  });

  it('keep the places when only a label changes, not its length', () => {
    forgetChainLayouts();
    const base = { table: 'nat' as const, nodes: CHAINS.slice(1, 5), edges: [{ from: 'KUBE-SERVICES', to: 'KUBE-SVC-AAAA', ruleIndex: 0, label: '10.96.0.100:10000/tcp', goto: false }, { from: 'KUBE-SVC-AAAA', to: 'KUBE-SEP-1111', ruleIndex: 0, label: 'p=0.5', goto: false }] };
    const first = layoutChainGraph(base);
    const edited = { ...base, edges: [{ ...base.edges[0]!, label: '10.96.0.100:10001/tcp' }, base.edges[1]!] };
    expect(layoutChainGraph(edited)).toEqual(first);
  });
});
