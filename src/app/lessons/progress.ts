/**
 * Which lesson questions the learner has answered (pressed Check on), kept across visits, and so which
 * lessons are done: every question answered, right or wrong (the picker marks them). The picker only
 * knows lesson ids, so "done" is decided here, when the last question is answered, and stored.
 */
import { create } from 'zustand';
import type { LessonId } from '../../scenarios/lessons/types';
import { isLessonId, type KeyValue } from './slots';

const KEY = 'kpl.progress.v1';

interface Saved {
  /** Question ids answered, by lesson. */
  readonly answered: Readonly<Record<string, readonly string[]>>;
  readonly done: readonly LessonId[];
}

function browserStore(): KeyValue | undefined {
  try {
    return (globalThis as { localStorage?: KeyValue }).localStorage;
  } catch {
    return undefined;
  }
}

export function loadProgress(kv: KeyValue | undefined): Saved {
  try {
    const raw = kv?.getItem(KEY);
    const v = raw ? (JSON.parse(raw) as Partial<Saved>) : {};
    const answered: Record<string, string[]> = {};
    if (v.answered && typeof v.answered === 'object') {
      for (const [id, qs] of Object.entries(v.answered)) if (isLessonId(id) && Array.isArray(qs)) answered[id] = qs.filter((q): q is string => typeof q === 'string');
    }
    return { answered, done: Array.isArray(v.done) ? v.done.filter((id): id is LessonId => isLessonId(id)) : [] };
  } catch {
    return { answered: {}, done: [] };
  }
}

/** `saved` with `question` of `lesson` answered; the lesson is done once all of `questions` are. */
export function withAnswer(saved: Saved, lesson: LessonId, question: string, questions: readonly string[]): Saved {
  const had = saved.answered[lesson] ?? [];
  const answered = had.includes(question) ? had : [...had, question];
  const done = questions.every((q) => answered.includes(q)) && !saved.done.includes(lesson) ? [...saved.done, lesson] : saved.done;
  return { answered: { ...saved.answered, [lesson]: answered }, done };
}

interface Progress extends Saved {
  answer(lesson: LessonId, question: string, questions: readonly string[]): void;
}

export function createProgressStore(kv: KeyValue | undefined = browserStore()) {
  return create<Progress>()((set, get) => ({
    ...loadProgress(kv),
    answer: (lesson, question, questions) => {
      const next = withAnswer(get(), lesson, question, questions);
      try {
        kv?.setItem(KEY, JSON.stringify({ answered: next.answered, done: next.done } satisfies Saved));
      } catch {
        // Quota or privacy mode: the marks last for this visit only.
      }
      set(next);
    },
  }));
}

export const useProgress = createProgressStore();
