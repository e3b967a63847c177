import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../worker/engine-session';
import { buildPlayback } from './playback';
import { decisionAfter, openCurrentFold, playbackIndex, positionOfStep, rebuild, seekHop, stepBy, type PlaybackState } from './playback-position';
import { flattenSteps } from './steps';

const scenario = readFileSync(join(import.meta.dirname, '../../scenarios/default.yaml'), 'utf8');

/** The state a send leaves: the default connection, folded, at its first hop. */
function sent(): PlaybackState {
  const session = new EngineSession();
  session.load(scenario);
  const r = session.trace({ from: 'net-pod', to: 'svc-clusterip.default:9000' });
  if (!r.ok) throw new Error(r.error);
  const opened: ReadonlySet<string> = new Set();
  return { trace: r.trace, steps: flattenSteps(r.trace), playback: buildPlayback(r.trace, { folded: true, opened }), opened, folded: true, position: 0 };
}

const hopAt = (s: PlaybackState, position: number) => {
  const ref = s.steps[position]!;
  return s.trace!.packets[ref.packet]!.hops[ref.hop]!;
};
const notMatched = (s: PlaybackState, position: number): boolean => {
  const h = hopAt(s, position);
  return h.kind === 'rule' && !h.matched;
};

describe('moving through playback steps', () => {
  it('Step and Next decision move by playback steps, and stop at the last one', () => {
    let s = sent();
    s = { ...s, position: decisionAfter(s) };
    expect(hopAt(s, s.position).kind).toBe('conntrack');
    s = { ...s, position: stepBy(s, 1) };
    expect(playbackIndex(s)).toBe(2);
    s = { ...s, position: stepBy(s, 10_000) };
    expect(playbackIndex(s)).toBe(s.playback.steps.length - 1);
    expect(decisionAfter(s)).toBe(s.position);
    expect(positionOfStep(s.playback, -3)).toBe(0);
  });

  it('seeking to a hop hidden in a fold (a lesson or a link points at it) opens that fold, even inside a folded packet', () => {
    const s = sent();
    // The second of two rules of the ACK that did not match in a row: inside a folded packet and a folded run.
    const target = s.steps.findIndex((r, i) => r.packet === 2 && r.hop > 0 && notMatched(s, i) && notMatched(s, i - 1));
    expect(s.playback.steps[s.playback.stepAt[target]!]!.position).not.toBe(target);
    const next = { ...s, ...seekHop(s, target, undefined) };
    expect(next.position).toBe(target);
    const step = next.playback.steps[playbackIndex(next)]!;
    expect(step.position).toBe(target);
    expect(step.fold).toBeUndefined();
    expect([...next.opened]).toEqual(['packet 2', expect.stringMatching(/^rules 2:\d+$/)]);
    // A hop that is its playback step's own is just gone to.
    expect(seekHop(next, 0, undefined)).toMatchObject({ position: 0, opened: next.opened });
  });

  it('opening a folded packet plays it from its first hop; the toggle keeps the place', () => {
    let s = sent();
    const ack = s.playback.steps.findIndex((p) => p.packet === 2);
    s = { ...s, position: positionOfStep(s.playback, ack) };
    expect(s.playback.steps[ack]!.fold?.kind).toBe('packet');
    const before = s.playback.steps.length;
    s = { ...s, ...openCurrentFold(s, undefined) };
    expect(s.steps[s.position]).toEqual({ packet: 2, hop: 0 });
    expect(s.playback.steps.length).toBeGreaterThan(before);
    s = { ...s, ...rebuild(s, false, s.opened, undefined) };
    expect(s.steps[s.position]).toEqual({ packet: 2, hop: 0 });
    expect(s.playback.steps.length).toBe(s.steps.length);
    // Folding again puts a hop inside a run back on the run's playback step.
    const inside = s.steps.findIndex((r, i) => r.packet === 0 && i > 0 && notMatched(s, i) && notMatched(s, i - 1));
    s = { ...s, ...rebuild({ ...s, position: inside }, true, s.opened, undefined) };
    expect(s.position).toBeLessThan(inside);
    expect(s.playback.steps[playbackIndex(s)]!.fold?.kind).toBe('rules');
  });
});
