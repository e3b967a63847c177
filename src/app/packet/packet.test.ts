import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../worker/engine-session';
import type { HopView, TraceView } from '../../worker/api';
import { createTicker } from './clock';
import { chainFocus, tokenSpot } from './focus';
import { narrate, serviceName } from './narration';
import { ruleLine, ruleRange } from './rule-lines';
import { conntrackAt, flattenSteps, headerAt, hopNode, isLastHop, packetStarts, rowChange, ruleEffect } from './steps';

const scenario = (name: string): string => readFileSync(join(import.meta.dirname, '../../scenarios', name), 'utf8');

function trace(from: string, to: string, file = 'default.yaml', session = new EngineSession()): { trace: TraceView; session: EngineSession } {
  if (session.choices().sources.length === 0) session.load(scenario(file));
  const r = session.trace({ from, to });
  if (!r.ok) throw new Error(r.error);
  return { trace: r.trace, session };
}

const isDnat = (h: HopView): h is Extract<HopView, { kind: 'rule' }> => h.kind === 'rule' && h.target === 'DNAT';

describe('steps over a traced connection', () => {
  const { trace: t } = trace('net-pod', 'svc-clusterip.default:9000');
  const steps = flattenSteps(t);

  it('lists every hop of every packet in order, and each packet starts where its first hop is', () => {
    expect(steps.length).toBe(t.packets.reduce((n, p) => n + p.hops.length, 0));
    expect(t.packets.map((p) => p.label)).toEqual(['SYN', 'SYN-ACK', 'ACK', 'request', 'response', 'FIN', 'FIN-ACK', 'last ACK']);
    const starts = packetStarts(steps);
    expect(starts).toHaveLength(8);
    starts.forEach((s, i) => expect(steps[s]).toEqual({ packet: i, hop: 0 }));
  });

  it('the DNAT hop changes dst and dport; hops without a header keep the last one', () => {
    const syn = t.packets[0]!;
    const i = syn.hops.findIndex(isDnat);
    const h = headerAt(syn, i)!;
    expect(h.changed).toEqual(['dst', 'dport']);
    expect(`${h.before.dst}:${h.before.dport}`).toBe('10.200.1.100:9000');
    expect(h.after.dst).toMatch(/^10\.10\.\d\.2$/);
    // The routing decision right after carries no header: it shows the DNATed one, unchanged.
    const routing = syn.hops.findIndex((x, k) => k > i && x.kind === 'routing');
    expect(headerAt(syn, routing)).toEqual({ before: h.after, after: h.after, changed: [] });
  });

  it('conntrack shows the previous packet until the current one is done, and marks what it created', () => {
    const firstHop = conntrackAt(t, { packet: 0, hop: 0 });
    expect(firstHop.shown.rows).toEqual({});
    expect(firstHop.fresh).toBe(false);
    const lastOfSyn = { packet: 0, hop: t.packets[0]!.hops.length - 1 };
    expect(isLastHop(t, lastOfSyn)).toBe(true);
    const done = conntrackAt(t, lastOfSyn);
    expect(done.fresh).toBe(true);
    const cp = done.shown.rows['myk8s-control-plane']!;
    expect(cp[0]!.state).toBe('SYN_SENT');
    expect(rowChange(cp[0]!, done.previous.rows['myk8s-control-plane'])).toBe('new');
    // The SYN-ACK's snapshot moves the entry on: same entry, changed state.
    const synAck = conntrackAt(t, { packet: 1, hop: t.packets[1]!.hops.length - 1 });
    const row = synAck.shown.rows['myk8s-control-plane']![0]!;
    expect(row.state).toBe('SYN_RECV');
    expect(rowChange(row, synAck.previous.rows['myk8s-control-plane'])).toBe('changed');
    // Before the SYN-ACK's first conntrack lookup, the SYN's tables are shown (hop 0 is its send).
    expect(conntrackAt(t, { packet: 1, hop: 0 }).shown).toEqual(done.shown);
  });

  it('names the node of every hop, including send / wire / deliver', () => {
    const syn = t.packets[0]!;
    expect(hopNode(syn.hops[0]!, syn)).toBe('myk8s-control-plane');
    expect(hopNode(syn.hops[syn.hops.length - 1]!, syn)).toBe(t.endpoint!.node);
  });
});

describe('narration', () => {
  const { trace: t } = trace('net-pod', 'svc-clusterip.default:9000');
  const syn = t.packets[0]!;
  const find = (pred: (h: HopView) => boolean): HopView => syn.hops.find(pred)!;

  it('says why KUBE-SERVICES jumps, from the rule\'s meaning', () => {
    const hop = find((h) => h.kind === 'rule' && h.chain === 'KUBE-SERVICES' && h.matched);
    expect(narrate('en', syn, hop)).toBe(
      "nat PREROUTING → KUBE-SERVICES: destination 10.200.1.100:9000 matches svc-clusterip's cluster IP, jump to KUBE-SVC-KBDEBIL6IU6WL7RF",
    );
    expect(narrate('ko', syn, hop)).toBe('nat PREROUTING → KUBE-SERVICES: 목적지 10.200.1.100:9000 = svc-clusterip의 cluster IP, KUBE-SVC-KBDEBIL6IU6WL7RF 체인으로 점프');
  });

  it('tells the DNAT, the random draw and a non-matching rule apart', () => {
    const dnat = find(isDnat) as Extract<HopView, { kind: 'rule' }>;
    expect(narrate('en', syn, dnat)).toBe(`nat PREROUTING → ${dnat.chain}: DNAT: destination 10.200.1.100:9000 → ${dnat.after.dst}:80`);
    const pick = find((h) => h.kind === 'rule' && h.chain.startsWith('KUBE-SVC-') && h.matched);
    expect(narrate('en', syn, pick)).toMatch(/random draw picks endpoint 10\.10\.\d\.2:80 \(probability 1\/\d\)|last endpoint, 10\.10\.\d\.2:80/);
    const miss = find((h) => h.kind === 'rule' && !h.matched && h.chain === 'KUBE-SERVICES');
    expect(narrate('en', syn, miss)).toBe('nat PREROUTING → KUBE-SERVICES: no match (`-d 10.200.1.1/32 ∌ 10.200.1.100`), next rule');
    const markMiss = find((h) => h.kind === 'rule' && !h.matched && h.rule.includes('--mark 0x4000/0x4000 -j ACCEPT'));
    expect(narrate('en', syn, markMiss)).toBe('filter FORWARD → KUBE-FORWARD: no match (`mark 0x0 & 0x4000 = 0x0 ≠ 0x4000`), next rule');
  });

  it('has a sentence for every hop of every packet in both languages', () => {
    for (const p of t.packets)
      for (const h of p.hops) {
        expect(narrate('en', p, h).length).toBeGreaterThan(10);
        expect(narrate('ko', p, h).length).toBeGreaterThan(5);
      }
  });

  it('names a Service by its name, keeping a namespace other than default', () => {
    expect(serviceName('kube-system/kube-dns:dns')).toBe('kube-system/kube-dns');
    expect(serviceName('default/svc-web:http')).toBe('svc-web');
  });

  it('says MASQUERADE and MARK with the header change for a NodePort from outside', () => {
    const { trace: np } = trace('external', 'myk8s-worker:30080', 'lessons/03-nodeport.yaml');
    const first = np.packets[0]!;
    const text = first.hops.map((h) => narrate('en', first, h));
    expect(text.some((s) => /MARK: mark 0x0 → 0x4000/.test(s))).toBe(true);
    expect(text.some((s) => /MASQUERADE: source 203\.0\.113\.10:\d+ → 172\.18\.0\.3:\d+/.test(s))).toBe(true);
  });
});

describe('the current rule in the rules panel', () => {
  const session = new EngineSession();
  const { trace: t } = trace('net-pod', 'svc-clusterip.default:9000', 'default.yaml', session);
  const dnat = t.packets[0]!.hops.find(isDnat) as Extract<HopView, { kind: 'rule' }>;

  it('is the hop\'s own -A line in -S and iptables-save', () => {
    for (const format of ['S', 'save'] as const) {
      const lines = session.rules(dnat.node, 'nat', format).split('\n');
      const i = ruleLine(lines, format, { chain: dnat.chain, index: dnat.ruleIndex, rule: dnat.rule });
      expect(lines[i!]).toBe(dnat.rule);
    }
  });

  it('is the chain\'s n-th row in -L -n -v, and the chain line for its policy', () => {
    const lines = session.rules(dnat.node, 'nat', 'L').split('\n');
    const i = ruleLine(lines, 'L', { chain: dnat.chain, index: dnat.ruleIndex, rule: dnat.rule })!;
    expect(lines[i]).toMatch(/^\s*\d+\s+\d+\s+DNAT\s+tcp .* to:10\.10\.\d\.2:80$/);
    const p = ruleLine(lines, 'L', { chain: 'PREROUTING', index: -1, rule: 'policy ACCEPT' })!;
    expect(lines[p]).toMatch(/^Chain PREROUTING \(policy ACCEPT/);
    // The connection moved the counters the -L view prints.
    expect(Number(lines[i]!.trim().split(/\s+/)[0])).toBeGreaterThan(0);
  });

  it('finds a folded run as consecutive lines', () => {
    const lines = session.rules(dnat.node, 'nat', 'S').split('\n');
    const run = ruleRange(lines, 'S', 'KUBE-SERVICES', 0, 2);
    expect(run).toHaveLength(3);
    for (const l of run) expect(lines[l]).toMatch(/^-A KUBE-SERVICES /);
  });
});

describe('focus in the diagrams', () => {
  const { trace: t } = trace('net-pod', 'svc-clusterip.default:9000');
  const syn = t.packets[0]!;

  it('puts the token on the hook stage the hop ran in', () => {
    const i = syn.hops.findIndex(isDnat);
    expect(tokenSpot(syn.hops[i]!)).toEqual({ kind: 'stage', hook: 'PREROUTING', stage: 3 });
    expect(tokenSpot(syn.hops[0]!)).toEqual({ kind: 'place', place: 'net-in' });
    expect(tokenSpot(syn.hops.find((h) => h.kind === 'conntrack')!)).toEqual({ kind: 'stage', hook: 'PREROUTING', stage: 1 });
  });

  it('knows the chains walked and the jump just taken', () => {
    const i = syn.hops.findIndex(isDnat);
    const f = chainFocus(syn, i)!;
    expect(f.visited.slice(0, 3)).toEqual(['PREROUTING', 'KUBE-SERVICES', expect.stringMatching(/^KUBE-SVC-/)]);
    expect(f.chain).toMatch(/^KUBE-SEP-/);
    // The KUBE-SVC rule that jumped here.
    expect(f.edges.some((e) => e.startsWith('KUBE-SVC-'))).toBe(true);
    expect(chainFocus(syn, 0)).toBeUndefined();
  });

  it('classifies targets in the colour language', () => {
    expect(ruleEffect('MASQUERADE', true).kind).toBe('snat');
    expect(ruleEffect('KUBE-MARK-MASQ', true).kind).toBe('jump');
    expect(ruleEffect('MARK', true).kind).toBe('mark');
    expect(ruleEffect('REJECT', true).kind).toBe('drop');
    expect(ruleEffect('policy ACCEPT', true).kind).toBe('accept');
    expect(ruleEffect('DNAT', false).kind).toBe('nomatch');
  });
});

describe('the playback clock', () => {
  function fakeHost() {
    let next: ((t: number) => void) | undefined;
    return {
      host: { requestFrame: (cb: (t: number) => void) => ((next = cb), 1), cancelFrame: () => (next = undefined) },
      frame: (t: number) => {
        const cb = next;
        next = undefined;
        cb?.(t);
      },
      pending: () => next !== undefined,
    };
  }

  it('ticks once per interval, treats a long gap as one interval, and stops when told', () => {
    const f = fakeHost();
    let ticks = 0;
    const ticker = createTicker(f.host, () => 700, () => ++ticks < 3);
    ticker.start();
    f.frame(0);
    f.frame(350);
    expect(ticks).toBe(0);
    f.frame(700);
    expect(ticks).toBe(1);
    f.frame(60_000); // a hidden tab: one step, not eighty
    expect(ticks).toBe(2);
    f.frame(60_700);
    expect(ticks).toBe(3);
    expect(ticker.running).toBe(false);
    expect(f.pending()).toBe(false);
  });

  it('follows the speed between ticks', () => {
    const f = fakeHost();
    let ticks = 0;
    let every = 700;
    const ticker = createTicker(f.host, () => every, () => (++ticks, true));
    ticker.start();
    f.frame(0);
    every = 175; // 4×
    f.frame(175);
    f.frame(350);
    expect(ticks).toBe(2);
    ticker.stop();
    f.frame(525);
    expect(ticks).toBe(2);
  });
});
