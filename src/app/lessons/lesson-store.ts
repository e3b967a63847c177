/**
 * A lesson while it is being worked through: the answers picked, the engine's verdicts, which send the
 * packet panel is showing, spread results. The packets themselves are the packet store's (one trace
 * on screen at a time); this only remembers which lesson send produced it.
 */
import { create } from 'zustand';
import type { Lesson, LessonId, Send, SendBefore } from '../../scenarios/lessons/types';
import type { LessonCheckResponse, SpreadResult, TraceView } from '../../worker/api';
import { engine } from '../../worker/client';
import { usePacketStore } from '../packet/store';
import { refreshRules } from '../packet/refresh-rules';
import { useLabStore } from '../store';
import { positionOf } from './pointer';
import { useProgress } from './progress';
import { sendChain, setupOf } from './sends';
import type { Verdicts } from './verdict';

export type SpreadState =
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly result: SpreadResult }
  | { readonly kind: 'error'; readonly error: string };


interface LessonRuntime {
  /** By `lesson/question`: the choice picked, and the one that was checked (the reveal shows while they agree). */
  readonly picked: Readonly<Record<string, string>>;
  readonly checked: Readonly<Record<string, string>>;
  readonly verdicts: Readonly<Record<string, Verdicts>>;
  /** The send whose trace the packet panel shows, to seek in it instead of sending again. */
  readonly ran?: { readonly lesson: LessonId; readonly send: string; readonly trace: TraceView };
  /** The send being run now. */
  readonly busy?: string;
  /** The step last clicked, by lesson. */
  readonly activeStep: Readonly<Record<string, number>>;
  /** Steps whose hop does not happen on the current text, by `lesson/step`. */
  readonly missing: Readonly<Record<string, boolean>>;
  readonly spreads: Readonly<Record<string, SpreadState>>;
  pick(lesson: LessonId, question: string, choice: string): void;
  check(lesson: Lesson, question: string): Promise<void>;
  runSend(lesson: Lesson, sendId: string): Promise<TraceView | undefined>;
  showStep(lesson: Lesson, index: number): Promise<void>;
  /** The editor switched slots: the trace on screen is no longer a lesson send's. */
  forgetRun(): void;
}

const key = (a: string, b: string | number): string => `${a}/${b}`;

/** A send's `before` on the worker's network (check.ts does the same): time passes, then the endpoints go. */
async function applyBefore(before: SendBefore): Promise<void> {
  const api = engine();
  let change = before.waitSeconds !== undefined ? await api.advanceClock(before.waitSeconds) : undefined;
  if (before.removeEndpoints?.length) change = (await api.removeEndpoints(before.removeEndpoints)) ?? change;
  if (change) usePacketStore.getState().showChange(change);
  await refreshRules();
}

export const useLessonStore = create<LessonRuntime>()((set, get) => ({
  picked: {},
  checked: {},
  verdicts: {},
  activeStep: {},
  missing: {},
  spreads: {},
  pick: (lesson, question, choice) => set((s) => ({ picked: { ...s.picked, [key(lesson, question)]: choice } })),
  check: async (lesson, question) => {
    const k = key(lesson.id, question);
    const choice = get().picked[k];
    if (!choice) return;
    set((s) => ({ checked: { ...s.checked, [k]: choice } }));
    useProgress.getState().answer(lesson.id, question, lesson.questions.map((q) => q.id));
    const text = useLabStore.getState().scenarioText;
    if (get().verdicts[lesson.id]?.text === text) return;
    set((s) => ({ verdicts: { ...s.verdicts, [lesson.id]: { text } } }));
    let response: LessonCheckResponse;
    try {
      response = await engine().lessonCheck(lesson.id, text);
    } catch (e) {
      response = { ok: false, error: String(e) };
    }
    set((s) => (s.verdicts[lesson.id]?.text === text ? { verdicts: { ...s.verdicts, [lesson.id]: { text, response } } } : {}));
  },
  runSend: async (lesson, sendId) => {
    const chain = sendChain(lesson, sendId);
    const send = chain[chain.length - 1];
    if (!send || get().busy) return undefined;
    set({ busy: sendId });
    try {
      if (send.kind === 'spread') {
        await runSpread(lesson, send, set);
        return undefined;
      }
      const pk = usePacketStore.getState();
      pk.pause();
      // A fresh network, as check.ts gives every send that does not continue another.
      await pk.reset();
      const seed = chain[0]!.seed ?? 1;
      for (const s of chain) {
        if (s.before) await applyBefore(s.before);
        usePacketStore.getState().configure(setupOf(s, seed));
        await usePacketStore.getState().send();
        if (usePacketStore.getState().error) return undefined;
      }
      const trace = usePacketStore.getState().trace;
      if (trace) set({ ran: { lesson: lesson.id, send: sendId, trace } });
      return trace;
    } finally {
      set({ busy: undefined });
    }
  },
  showStep: async (lesson, index) => {
    const step = lesson.steps[index];
    set((s) => ({ activeStep: { ...s.activeStep, [lesson.id]: index } }));
    if (!step?.at) return;
    const sendId = step.at.send ?? lesson.sends[0]?.id;
    if (!sendId) return;
    const ran = get().ran;
    const onScreen = ran && ran.lesson === lesson.id && ran.send === sendId && usePacketStore.getState().trace === ran.trace ? ran.trace : undefined;
    const trace = onScreen ?? (await get().runSend(lesson, sendId));
    if (!trace || step.at.packet === undefined) return;
    const pk = usePacketStore.getState();
    const position = positionOf(trace, pk.steps, step.at);
    set((s) => ({ missing: { ...s.missing, [key(lesson.id, index)]: position === undefined } }));
    if (position === undefined) return;
    pk.pause();
    pk.seek(position);
  },
  forgetRun: () => set({ ran: undefined }),
}));

async function runSpread(lesson: Lesson, send: Extract<Send, { kind: 'spread' }>, set: (p: (s: LessonRuntime) => Partial<LessonRuntime>) => void): Promise<void> {
  const k = key(lesson.id, send.id);
  set((s) => ({ spreads: { ...s.spreads, [k]: { kind: 'running' } } }));
  let state: SpreadState;
  try {
    const res = await engine().spread({
      from: send.from,
      to: send.to,
      connections: send.connections,
      seed: send.seed ?? 1,
      ...(send.via ? { via: send.via } : {}),
      ...(send.protocol ? { protocol: send.protocol } : {}),
      ...(send.mode ? { mode: send.mode } : {}),
    });
    state = res.ok ? { kind: 'done', result: res.result } : { kind: 'error', error: res.error };
  } catch (e) {
    state = { kind: 'error', error: String(e) };
  }
  set((s) => ({ spreads: { ...s.spreads, [k]: state } }));
  // The spread moved the rules' counters: `-L -n -v` shows them as the Spread section's run does.
  if (state.kind === 'done') await refreshRules().catch(() => undefined);
}
