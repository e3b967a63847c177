import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from './engine-session';

const scenario = readFileSync(join(import.meta.dirname, '../scenarios/default.yaml'), 'utf8');
const edited = scenario.replace('port: 9000', 'port: 9001');

/** What the page asks after a load, and a packet, as the page asks them. */
function answers(s: EngineSession, revision: number, node: string, table: 'nat' | 'filter') {
  return {
    rules: s.rulesFor(node, table, 'S', revision),
    list: s.rulesFor(node, table, 'L', revision),
    view: s.chainView(node, table, {}, revision),
    choices: s.choices(),
    trace: s.trace({ from: 'net-pod', to: 'svc-clusterip' }),
    after: s.rulesFor(node, table, 'L', revision),
    afterS: s.rulesFor(node, table, 'S', revision),
  };
}

describe('EngineSession.prefetch', () => {
  it('builds the viewed node’s rules and graph after a load: the default node first, then the one the page asked for', () => {
    const s = new EngineSession();
    s.load(scenario);
    expect(s.prefetch()).toBe('myk8s-worker');
    const r = s.load(edited).revision;
    s.chainView('myk8s-control-plane', 'filter', {}, r);
    s.load(scenario);
    expect(s.prefetch()).toBe('myk8s-control-plane');
    // A node the text does not have: the default node.
    s.rulesFor('no-such-node', 'nat', 'S', s.load(scenario).revision);
    s.load(edited);
    expect(s.prefetch()).toBe('myk8s-worker');
  });

  it('changes no answer the page gets: with and without it, over edits, nodes and tables', () => {
    const plain = new EngineSession();
    const ahead = new EngineSession();
    const steps = [
      { text: scenario, node: 'myk8s-worker', table: 'nat' as const },
      { text: edited, node: 'myk8s-worker', table: 'nat' as const },
      { text: scenario, node: 'myk8s-control-plane', table: 'filter' as const },
      { text: edited, node: 'myk8s-worker2', table: 'nat' as const },
    ];
    for (const step of steps) {
      const a = plain.load(step.text, { keepNetwork: true });
      const b = ahead.load(step.text, { keepNetwork: true });
      ahead.prefetch();
      expect(b).toEqual(a);
      expect(answers(ahead, b.revision, step.node, step.table)).toEqual(answers(plain, a.revision, step.node, step.table));
    }
  });

  it('keeps `iptables -S` per ruleset: after packets it prints what a session that never printed before them prints', async () => {
    const kept = new EngineSession();
    const fresh = new EngineSession();
    const r = kept.load(scenario).revision;
    fresh.load(scenario);
    kept.prefetch();
    const before = kept.rulesFor('myk8s-worker', 'nat', 'S', r);
    for (const s of [kept, fresh]) {
      expect(s.trace({ from: 'net-pod', to: 'svc-clusterip' }).ok).toBe(true);
      expect((await s.spread({ from: 'net-pod', to: 'svc-clusterip', connections: 50 }, undefined, () => Promise.resolve())).ok).toBe(true);
    }
    expect(kept.rulesFor('myk8s-worker', 'nat', 'S', r)).toBe(fresh.rulesFor('myk8s-worker', 'nat', 'S', r));
    expect(before).toContain('-A KUBE-SERVICES');
  });
});
