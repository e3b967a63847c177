import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from './engine-session';
import { layoutChainGraph } from './chain-layout';
import { NODE_HEIGHT, labelWidth, nodeWidth } from './chain-geometry';

const scenario = readFileSync(join(import.meta.dirname, '../scenarios/default.yaml'), 'utf8');

describe('layoutChainGraph', () => {
  const session = new EngineSession();
  session.load(scenario);
  const graph = session.chainGraph('myk8s-worker', 'nat');
  const positions = layoutChainGraph(graph);
  const at = new Map(positions.map((p) => [p.chain, p]));

  it('places every chain, in the graph’s order, as wide as its full name needs', () => {
    expect(positions.map((p) => p.chain)).toEqual(graph.nodes.map((n) => n.chain));
    for (const n of graph.nodes) expect(at.get(n.chain)?.width).toBe(nodeWidth(n));
    expect(nodeWidth(graph.nodes.find((n) => n.chain === 'KUBE-SVC-KBDEBIL6IU6WL7RF')!)).toBeGreaterThan('KUBE-SVC-KBDEBIL6IU6WL7RF'.length * 7);
  });

  it('reads left to right: every jump goes to a chain further right', () => {
    const jumps = graph.edges.filter((e) => e.from !== e.to);
    expect(jumps.length).toBeGreaterThan(10);
    for (const e of jumps) expect(at.get(e.to)!.x, `${e.from} → ${e.to}`).toBeGreaterThan(at.get(e.from)!.x);
  });

  it('leaves every edge label its own room between the two chains', () => {
    const labelled = graph.edges.filter((e) => e.label !== '' && e.from !== e.to);
    expect(labelled.map((e) => e.label)).toEqual(expect.arrayContaining(['10.200.1.100:9000/tcp', 'p=0.33333333349']));
    for (const e of labelled) {
      const from = at.get(e.from)!;
      expect(at.get(e.to)!.x - (from.x + from.width), `${e.from} → ${e.to} (${e.label})`).toBeGreaterThanOrEqual(labelWidth(e));
    }
  });

  it('never lets two chains overlap', () => {
    for (const a of positions)
      for (const b of positions) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + NODE_HEIGHT <= b.y || b.y + NODE_HEIGHT <= a.y;
        expect(apart, `${a.chain} / ${b.chain}`).toBe(true);
      }
  });
});

describe('endpoints in rule order', () => {
  it('stands each Service chain\'s endpoints top to bottom in the order of the rules that pick them', () => {
    const session = new EngineSession();
    session.load(scenario);
    const graph = session.chainGraph('myk8s-worker', 'nat');
    const at = new Map(layoutChainGraph(graph).map((p) => [p.chain, p]));
    const picks = graph.edges.filter((e) => e.from === 'KUBE-SVC-KBDEBIL6IU6WL7RF' && e.to.startsWith('KUBE-SEP-')).sort((a, b) => a.ruleIndex - b.ruleIndex);
    expect(picks.map((e) => e.ruleIndex + 1)).toEqual([2, 3, 4]);
    const ys = picks.map((e) => at.get(e.to)!.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(new Set(ys).size).toBe(3);
  });
});

describe('endpoints whose chains are listed out of rule order', () => {
  it('still stand in rule order', () => {
    const sep = (chain: string) => ({ chain, kind: 'endpoint' as const, ruleCount: 2, service: 'default/web:http' });
    const graph = {
      table: 'nat' as const,
      nodes: [{ chain: 'KUBE-SVC-AAAA', kind: 'service' as const, ruleCount: 4, service: 'default/web:http' }, sep('KUBE-SEP-C'), sep('KUBE-SEP-B'), sep('KUBE-SEP-A')],
      edges: [
        { from: 'KUBE-SVC-AAAA', to: 'KUBE-SEP-A', ruleIndex: 1, goto: false, label: 'p=0.33333333349' },
        { from: 'KUBE-SVC-AAAA', to: 'KUBE-SEP-B', ruleIndex: 2, goto: false, label: 'p=0.50000000000' },
        { from: 'KUBE-SVC-AAAA', to: 'KUBE-SEP-C', ruleIndex: 3, goto: false, label: '' },
      ],
    };
    const y = new Map(layoutChainGraph(graph).map((p) => [p.chain, p.y]));
    expect(y.get('KUBE-SEP-A')!).toBeLessThan(y.get('KUBE-SEP-B')!);
    expect(y.get('KUBE-SEP-B')!).toBeLessThan(y.get('KUBE-SEP-C')!);
  });
});
