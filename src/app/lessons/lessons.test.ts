import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../worker/engine-session';
import { traceView } from '../../worker/trace-view';
import type { PacketChoices, TraceView } from '../../worker/api';
import { findHops, runLesson } from '../../scenarios/lessons/check';
import { LESSONS, lessonById } from '../../scenarios/lessons/index';
import type { Question } from '../../scenarios/lessons/types';
import { matchingHops, positionOf } from './pointer';
import { flattenSteps } from '../packet/steps';
import { resolveEnds } from './packet-values';
import { sendChain, setupOf } from './sends';
import { createSlotStorage, parseSlot, slotLesson, type KeyValue } from './slots';
import { judge } from './verdict';

const yamlOf = (id: string): string => readFileSync(join(import.meta.dirname, '../../scenarios/lessons', `${id}.yaml`), 'utf8');

/** A lesson send as the page runs it: through the worker's session, continuing sends on one network. */
function traceSend(session: EngineSession, lessonId: string, sendId: string): TraceView {
  const lesson = lessonById(lessonId)!;
  const chain = sendChain(lesson, sendId);
  session.resetNetwork();
  const seed = chain[0]!.seed ?? 1;
  let last: TraceView | undefined;
  for (const s of chain) {
    // As lesson-store.ts runs a send's `before`: the clock, then the endpoints.
    if (s.before?.waitSeconds !== undefined) session.advanceClock(s.before.waitSeconds, seed);
    if (s.before?.removeEndpoints) session.removeEndpoints(s.before.removeEndpoints);
    const setup = setupOf(s, seed);
    const r = session.trace({ from: setup.from, to: setup.to, seed: setup.seed, ...(setup.via ? { via: setup.via } : {}), ...(setup.protocol ? { protocol: setup.protocol } : {}), ...(setup.sport !== undefined ? { sport: setup.sport } : {}), ...(setup.keepOpen ? { keepOpen: true } : {}), ...(setup.mode ? { mode: setup.mode } : {}) });
    if (!r.ok) throw new Error(`${lessonId}/${s.id}: ${r.error}`);
    last = r.trace;
  }
  return last!;
}

describe('lesson steps point at the same hops on the page as in check.ts', () => {
  it.each(LESSONS.map((l) => [l.id, l] as const))('%s', (id, lesson) => {
    const text = yamlOf(id);
    const run = runLesson(lesson, text);
    const session = new EngineSession();
    session.load(text);
    let checked = 0;
    for (const [i, step] of lesson.steps.entries()) {
      const at = step.at;
      if (!at?.packet) continue;
      const sendId = at.send ?? lesson.sends[0]!.id;
      const result = run.results.get(sendId)!;
      if (result.kind !== 'connection') continue;
      const trace = traceSend(session, id, sendId);
      // The worker's run is the lesson's run: same packets, same hops (folding only starts above 300).
      expect(trace.packets.map((p) => p.label), `step ${i + 1}`).toEqual(result.journey.packets.map((p) => p.label));
      const expected = findHops(result.journey, { ...at, packet: at.packet });
      const folded = trace.packets.some((p, k) => p.hops.length !== result.journey.packets[k]!.hops.length);
      if (!folded) expect(matchingHops(trace, at), `step ${i + 1}: ${JSON.stringify(at)}`).toEqual(expected);
      expect(positionOf(trace, flattenSteps(trace), at), `step ${i + 1}`).toBeDefined();
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('finds nothing for a hop that does not happen', () => {
    const session = new EngineSession();
    session.load(yamlOf('01-clusterip'));
    const trace = traceSend(session, '01-clusterip', 'syn');
    expect(matchingHops(trace, { packet: 'SYN', chain: 'KUBE-NODEPORTS' })).toEqual([]);
    expect(positionOf(trace, flattenSteps(trace), { packet: 'no such packet' })).toBeUndefined();
  });

  it('matches folded runs of non-matching rules only for pointers at unmatched rules', () => {
    const journey = runLesson(lessonById('01-clusterip')!, yamlOf('01-clusterip')).results.get('syn');
    if (journey?.kind !== 'connection') throw new Error('syn is a connection');
    const view = traceView(journey.journey);
    // Rule pointers mean matched rules unless they say otherwise, as in check.ts.
    for (const matched of [undefined, false, 'any'] as const) {
      const at = { packet: 'SYN', chain: 'KUBE-SERVICES', ...(matched !== undefined ? { matched } : {}) };
      expect(matchingHops(view, at), String(matched)).toEqual(findHops(journey.journey, at));
    }
    expect(matchingHops(view, { packet: 'SYN', chain: 'KUBE-SERVICES' }).length).toBeLessThan(matchingHops(view, { packet: 'SYN', chain: 'KUBE-SERVICES', matched: 'any' }).length);
    const skipped = { kind: 'skipped', node: 'n', hook: 'PREROUTING', table: 'nat', chain: 'KUBE-SERVICES', fromIndex: 0, toIndex: 9, count: 10, ctstate: 'NEW' } as const;
    const folded: TraceView = { ...view, packets: [{ ...view.packets[0]!, hops: [skipped] }] };
    expect(matchingHops(folded, { packet: 'SYN', chain: 'KUBE-SERVICES', matched: false })).toEqual([{ packet: 0, hop: 0 }]);
    expect(matchingHops(folded, { packet: 'SYN', chain: 'KUBE-SERVICES' })).toEqual([]);
    expect(matchingHops(folded, { packet: 'SYN', chain: 'KUBE-SERVICES', matched: false, rule: '-d 10.200.1.100' })).toEqual([]);
  });
});

describe('lesson sends on the packet pickers', () => {
  const choices = (): PacketChoices => {
    const s = new EngineSession();
    s.load(yamlOf('05-loadbalancer-source-ranges'));
    return s.choices();
  };

  it('maps CLI spellings onto the pickers\' values and adds what they do not offer', () => {
    const c = choices();
    const svc = c.destinations.find((d) => d.group === 'service' && d.value.startsWith('svc-lb.'))!;
    const short = svc.value.replace('.default', '');
    expect(resolveEnds(c, 'net-pod', short)).toMatchObject({ from: 'net-pod', to: svc.value, extraSources: [], extraDestinations: [] });
    const ext = resolveEnds(c, 'external:198.51.100.7', '172.18.255.200:80');
    expect(ext.extraSources).toEqual([{ value: 'external:198.51.100.7', group: 'external', what: { kind: 'external', ip: '198.51.100.7' } }]);
    expect(ext.extraDestinations).toEqual(c.destinations.some((d) => d.value === '172.18.255.200:80') ? [] : [expect.objectContaining({ value: '172.18.255.200:80' })]);
    const local = resolveEnds(c, 'myk8s-worker', '127.0.0.1:30080', 'tcp');
    expect(local.extraDestinations).toEqual([{ value: '127.0.0.1:30080', group: 'externalIP', protocol: 'tcp' }]);
  });

  it('runs a send that continues another after it, on the first one\'s seed', () => {
    const lesson = lessonById('08-session-affinity')!;
    expect(sendChain(lesson, 'second').map((s) => s.id)).toEqual(['first', 'second']);
    expect(sendChain(lesson, 'first').map((s) => s.id)).toEqual(['first']);
    expect(setupOf(lesson.sends[1]!, 7).seed).toBe(7);
  });
});

describe('the worker decides the questions (lessonCheck)', () => {
  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: on its own scenario the engine picks every lesson answer', (id, lesson) => {
    const r = new EngineSession().lessonCheck(id, yamlOf(id));
    if (!r.ok) throw new Error(r.error);
    expect(r.questions.map((q) => q.engineChoice)).toEqual(lesson.questions.map((q) => q.correct));
    for (const q of r.questions) expect(q.answer.holds).toBe(true);
  });

  it('follows the learner\'s edits: externalTrafficPolicy Local keeps the client\'s address', () => {
    const edited = yamlOf('03-nodeport').replace('  type: NodePort\n', '  type: NodePort\n  externalTrafficPolicy: Local\n');
    const r = new EngineSession().lessonCheck('03-nodeport', edited);
    if (!r.ok) throw new Error(r.error);
    const q = r.questions.find((x) => x.id === 'seen-remote')!;
    expect(q.answer.holds).toBe(false);
    expect(q.engineChoice).toBe('client');
    expect(q.choices.client).toEqual({ holds: true, actual: '203.0.113.10', observed: { kind: 'seenSource', ip: '203.0.113.10' } });
  });

  it('says why it cannot run a lesson, and knows no other lessons', () => {
    const broken = new EngineSession().lessonCheck('01-clusterip', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [x\n');
    expect(broken.ok).toBe(false);
    const gone = new EngineSession().lessonCheck('01-clusterip', yamlOf('01-clusterip').replace(/name: net-pod/g, 'name: other-pod'));
    expect(gone).toMatchObject({ ok: false, error: expect.stringContaining('net-pod') });
    expect(new EngineSession().lessonCheck('99-none', '')).toEqual({ ok: false, error: 'no lesson "99-none"' });
  });
});

describe('judging a checked answer', () => {
  const q: Question = lessonById('03-nodeport')!.questions[0]!;
  const verdict = (engineChoice: string | undefined, holds: boolean) => ({
    text: 't',
    response: { ok: true as const, questions: [{ id: q.id, answer: { holds, actual: holds ? '172.18.0.3' : '203.0.113.10' }, choices: { client: { holds: !holds, actual: '203.0.113.10' } }, ...(engineChoice ? { engineChoice } : {}) }] },
  });

  it('waits for the engine, then marks right and wrong with what it saw', () => {
    expect(judge(q, 'client', undefined)).toEqual({ kind: 'pending' });
    expect(judge(q, 'client', { text: 't' })).toEqual({ kind: 'pending' });
    expect(judge(q, 'entry-node', verdict('entry-node', true))).toEqual({ kind: 'engine', correct: true, right: 'entry-node', actual: '172.18.0.3' });
    expect(judge(q, 'client', verdict('entry-node', true))).toMatchObject({ kind: 'engine', correct: false });
  });

  it('lets the engine overrule the lesson once the scenario is edited', () => {
    expect(judge(q, 'client', verdict('client', false))).toEqual({ kind: 'edited', correct: true, right: 'client', actual: '203.0.113.10' });
    expect(judge(q, 'entry-node', verdict(undefined, false))).toEqual({ kind: 'edited', correct: false, actual: '203.0.113.10' });
    expect(judge(q, 'entry-node', { text: 't', response: { ok: false, error: 'boom' } })).toEqual({ kind: 'failed', correct: true, right: 'entry-node', error: 'boom' });
  });
});

describe('slots keep every text under its own key', () => {
  const memory = (): KeyValue & { readonly data: Map<string, string> } => {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
  };

  it('saves the own scenario, lesson edits and the shared scenario apart', () => {
    const kv = memory();
    const st = createSlotStorage(kv);
    expect(st.activeSlot()).toEqual({ kind: 'own' });
    st.saveText({ kind: 'own' }, 'mine');
    st.saveText({ kind: 'lesson', id: '03-nodeport' }, 'edited lesson');
    expect(st.ownText()).toBe('mine');
    expect(st.lessonText('03-nodeport')).toBe('edited lesson');
    expect(st.lessonEdited('03-nodeport')).toBe(true);
    // Back to the lesson's own text: nothing is stored for it any more.
    st.saveText({ kind: 'lesson', id: '03-nodeport' }, yamlOf('03-nodeport'));
    expect(st.lessonEdited('03-nodeport')).toBe(false);
    expect([...kv.data.keys()].some((k) => k.includes('03-nodeport'))).toBe(false);

    st.saveShared('shared text', '03-nodeport');
    st.saveText({ kind: 'shared', lesson: '03-nodeport' }, 'shared text, edited');
    expect(st.shared()).toEqual({ yaml: 'shared text, edited', original: 'shared text', lesson: '03-nodeport' });
    st.saveActiveSlot({ kind: 'shared', lesson: '03-nodeport' });
    expect(st.activeSlot()).toEqual({ kind: 'shared', lesson: '03-nodeport' });
    expect(st.textOf(st.activeSlot())).toBe('shared text, edited');
    expect(st.ownText()).toBe('mine');
  });

  it('reads damaged or unknown storage as the user\'s own scenario', () => {
    expect(parseSlot('99-nope')).toEqual({ kind: 'own' });
    expect(parseSlot('shared')).toEqual({ kind: 'own' });
    expect(parseSlot('07-internal-traffic-local')).toEqual({ kind: 'lesson', id: '07-internal-traffic-local' });
    const kv = memory();
    kv.setItem('kpl.shared.v1', '{not json');
    kv.setItem('kpl.slot.v1', 'shared');
    expect(createSlotStorage(kv).activeSlot()).toEqual({ kind: 'own' });
    expect(slotLesson({ kind: 'shared' })).toBeUndefined();
    // No storage at all (privacy mode): still works, in memory only.
    const none = createSlotStorage(undefined);
    none.saveText({ kind: 'own' }, 'x');
    expect(none.activeSlot()).toEqual({ kind: 'own' });
  });
});
