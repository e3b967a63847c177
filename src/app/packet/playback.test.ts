import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../worker/engine-session';
import type { HopView, TraceView } from '../../worker/api';
import { BASE_STEP_MS, createTicker, manualFrames, stepInterval } from './clock';
import { conntrackAtHop, entryRow } from './conntrack-step';
import { narrate } from './narration';
import { buildPlayback, dwellShare, laterPackets, nextDecision, packetFoldKey, rulesFoldKey, shownHop, type Playback } from './playback';
import { playbackSentence } from './playback-sentence';

const scenario = readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8');

function defaultConnection(): TraceView {
  const session = new EngineSession();
  session.load(scenario);
  const r = session.trace({ from: 'net-pod', to: 'svc-clusterip.default:9000' });
  if (!r.ok) throw new Error(r.error);
  return r.trace;
}

const sentence = (packet: TraceView['packets'][number], hop: HopView): string => narrate('en', packet, hop);
const folded = (t: TraceView, opened: ReadonlySet<string> = new Set()): Playback => buildPlayback(t, { folded: true, opened, sentence });

/** Presses of Next decision from the first playback step to the last. */
function presses(p: Playback): number {
  let n = 0;
  for (let i = 0; i < p.steps.length - 1; i = nextDecision(p, i)) n++;
  return n;
}

/** Milliseconds playback takes from the first step to the end at `speed`, run on the app's own ticker. */
function playDuration(p: Playback, speed: number): number {
  let index = 0;
  let elapsed = 0;
  const frames = manualFrames(0);
  const ticker = createTicker(
    frames,
    () => stepInterval(speed) * dwellShare(p.steps[index], true),
    () => ++index < p.steps.length - 1,
  );
  ticker.start();
  while (ticker.running && elapsed < 600_000) {
    frames.elapse(16);
    elapsed += 16;
  }
  return elapsed;
}

describe('decision-paced playback of the default connection', () => {
  const t = defaultConnection();
  const hops = t.packets.reduce((n, p) => n + p.hops.length, 0);

  it('rule by rule, every hop is a playback step', () => {
    const p = buildPlayback(t, { folded: false, opened: new Set(), sentence });
    expect(p.steps).toHaveLength(hops);
    expect(p.steps.every((s) => !s.fold && s.first === s.hop && s.last === s.hop)).toBe(true);
    expect(p.stepAt).toEqual(p.steps.map((_, i) => i));
  });

  it('folded, the whole TCP connection takes at most 25 Next decision presses and 30 s at 1×', () => {
    const p = folded(t);
    expect(p.steps.length).toBeLessThan(hops / 2);
    expect(presses(p)).toBeLessThanOrEqual(25);
    const ms = playDuration(p, 1);
    expect(ms).toBeLessThanOrEqual(30_000);
    // The same connection rule by rule, every hop a full step, as before: well over two minutes.
    expect((hops - 1) * BASE_STEP_MS).toBeGreaterThan(120_000);
  });

  it('stops at every hop that changes the packet or decides its fate, and nowhere else', () => {
    const p = folded(t);
    const decided = p.steps.filter((s) => s.decision && !s.fold).map((s) => shownHop(t, s));
    const words = decided.map((h) => (h.kind === 'rule' ? h.target : h.kind === 'conntrack' ? `conntrack${h.isNew ? ' new' : ''}` : h.kind));
    // The SYN: a new entry, the Service's chain, the endpoint's chain, DNAT, filter's verdict, confirm; again on the endpoint's node; delivery.
    expect(words.slice(0, 10)).toEqual(['conntrack new', 'KUBE-SVC-KBDEBIL6IU6WL7RF', expect.stringMatching(/^KUBE-SEP-/), 'DNAT', 'policy ACCEPT', 'confirm', 'conntrack new', 'policy ACCEPT', 'confirm', 'deliver']);
    // The SYN-ACK: each node's lookup moves the entry on, KUBE-FORWARD accepts, un-DNAT, delivery.
    expect(words.slice(10)).toEqual(['conntrack', 'ACCEPT', 'conntrack', 'ACCEPT', 'nat-from-entry', 'deliver']);
    // Node-wide jumps, routing and the wire are passed over.
    expect(p.steps.some((s) => !s.decision && shownHop(t, s).kind === 'routing')).toBe(true);
    expect(p.steps.some((s) => s.decision && shownHop(t, s).kind === 'rule' && (shownHop(t, s) as { target?: string }).target === 'KUBE-SERVICES')).toBe(false);
  });

  it('folds each run of rules that did not match into one "N rules did not match" step that opens in place', () => {
    const p = folded(t);
    const run = p.steps.find((s) => s.fold?.kind === 'rules' && s.last > s.first)!;
    expect(run.fold?.kind === 'rules' && run.fold.hop.count).toBe(run.last - run.first + 1);
    for (let i = run.first; i <= run.last; i++) {
      const h = t.packets[run.packet]!.hops[i]!;
      expect(h.kind === 'rule' && !h.matched).toBe(true);
    }
    expect(playbackSentence('en', t, run, narrate)).toMatch(/: \d+ rules did not match \(rules \d+–\d+\)$/);
    expect(playbackSentence('ko', t, run, narrate)).toMatch(/: 규칙 \d+개 모두 불일치 \(규칙 \d+–\d+\)$/);
    const opened = folded(t, new Set([rulesFoldKey(run.packet, run.first)]));
    expect(opened.steps.length).toBe(p.steps.length + (run.last - run.first));
    const at = opened.stepAt[run.position]!;
    const shown = opened.steps.slice(at, at + run.last - run.first + 1);
    expect(shown.map((s) => s.hop)).toEqual(Array.from({ length: run.last - run.first + 1 }, (_, k) => run.first + k));
    expect(shown.every((s) => !s.fold && shownHop(t, s).kind === 'rule')).toBe(true);
  });

  it('plays every packet after the SYN-ACK as one step each, unless opened', () => {
    const p = folded(t);
    expect(laterPackets(t)).toBe(2);
    for (let packet = 2; packet < t.packets.length; packet++) {
      const own = p.steps.filter((s) => s.packet === packet);
      expect(own).toHaveLength(1);
      expect(own[0]!.fold?.kind).toBe('packet');
      expect(own[0]!.hop).toBe(t.packets[packet]!.hops.length - 1);
    }
    const ack = p.steps.find((s) => s.packet === 2)!;
    expect(playbackSentence('en', t, ack, narrate)).toMatch(/^net-pod sends ACK: .* … webpod\d receives the packet: .* \(22 hops in one step\)$/);
    const opened = folded(t, new Set([packetFoldKey(2)]));
    expect(opened.steps.filter((s) => s.packet === 2).length).toBeGreaterThan(5);
  });
});

describe('merging repeated sentences', () => {
  it('merges consecutive steps of one packet that say the same thing, and keeps them apart rule by rule', () => {
    const t = defaultConnection();
    const syn = t.packets[0]!;
    const routing = syn.hops.findIndex((h) => h.kind === 'routing');
    // The same routing decision recorded twice in a row.
    const doubled: TraceView = { ...t, packets: [{ ...syn, hops: [...syn.hops.slice(0, routing + 1), syn.hops[routing]!, ...syn.hops.slice(routing + 1)] }, ...t.packets.slice(1)] };
    const once = folded(t);
    const twice = folded(doubled);
    expect(twice.steps).toHaveLength(once.steps.length);
    const merged = twice.steps[twice.stepAt[routing]!]!;
    expect([merged.first, merged.last]).toEqual([routing, routing + 1]);
    expect(twice.stepAt[routing + 1]).toBe(twice.stepAt[routing]);
    expect(buildPlayback(doubled, { folded: false, opened: new Set(), sentence }).steps).toHaveLength(doubled.packets.reduce((n, p) => n + p.hops.length, 0));
  });
});

describe('conntrack at a hop', () => {
  const t = defaultConnection();
  const [syn, synAck] = [t.packets[0]!, t.packets[1]!];

  it('reads a conntrack -L line as the table row the worker gives for the same entry', () => {
    const confirm = syn.hops.find((h) => h.kind === 'confirm' && h.node === 'myk8s-control-plane');
    if (confirm?.kind !== 'confirm' || !confirm.entryLine) throw new Error('no confirm');
    const row = syn.conntrackEntries['myk8s-control-plane']!.find((r) => r.id === confirm.entryId)!;
    expect(entryRow(confirm.entryId, confirm.entryLine)).toEqual({ ...row, timeoutSeconds: expect.any(Number) as number });
    const last = t.packets[t.packets.length - 1]!;
    const lines = last.conntrack['myk8s-control-plane']!;
    last.conntrackEntries['myk8s-control-plane']!.forEach((r, i) => expect(entryRow(r.id, lines[i]!)).toEqual(r));
  });

  it('shows the entry as SYN_RECV without [UNREPLIED] at the SYN-ACK\'s conntrack lookup, as the kernel has it then', () => {
    const lookup = synAck.hops.findIndex((h) => h.kind === 'conntrack');
    const hop = synAck.hops[lookup]!;
    if (hop.kind !== 'conntrack') throw new Error('no lookup');
    const before = conntrackAtHop(t, 1, lookup - 1);
    expect(before.shown.rows[hop.node]![0]!.state).toBe('SYN_SENT');
    expect(before.shown.rows[hop.node]![0]!.flags).toContain('UNREPLIED');
    const at = conntrackAtHop(t, 1, lookup);
    const row = at.shown.rows[hop.node]![0]!;
    expect(row.state).toBe('SYN_RECV');
    expect(row.flags).not.toContain('UNREPLIED');
    expect(at.fresh).toBe(true);
    expect(at.shown.lines[hop.node]![0]).toBe(hop.entryLine);
    expect(at.shown.lines[hop.node]![0]).toMatch(/^tcp\s+6 \d+ SYN_RECV src=10\.10\.0\.4 .* mark=0 use=1$/);
    expect(at.shown.lines[hop.node]![0]).not.toContain('[UNREPLIED]');
    // The other node's entry has not been reached yet: still as the SYN left it.
    expect(at.shown.rows['myk8s-control-plane']![0]!.state).toBe('SYN_SENT');
  });

  it('lists a new entry from the hop that confirms it, not from its first lookup', () => {
    const lookup = syn.hops.findIndex((h) => h.kind === 'conntrack' && h.isNew);
    const confirm = syn.hops.findIndex((h) => h.kind === 'confirm');
    expect(conntrackAtHop(t, 0, lookup).shown.rows).toEqual({});
    expect(conntrackAtHop(t, 0, confirm - 1).shown.rows).toEqual({});
    const at = conntrackAtHop(t, 0, confirm);
    expect(at.fresh).toBe(true);
    expect(at.shown.rows['myk8s-control-plane']).toHaveLength(1);
    expect(at.shown.rows['myk8s-control-plane']![0]!.flags).toEqual(['UNREPLIED']);
    expect(at.shown.rows['myk8s-control-plane']![0]!.nat).toEqual(['DNAT']);
  });
});
