/** A lesson's sends as the packet store and the worker take them. */
import type { Lesson, LessonId, Send } from '../../scenarios/lessons/types';
import type { PacketSetup } from './packet-values';

/** A send as the packet store takes it. `continues` sends run on the seed of the send they continue. */
export function setupOf(send: Send, seed = send.seed): PacketSetup {
  return {
    from: send.from,
    to: send.to,
    ...(send.via ? { via: send.via } : {}),
    ...(send.protocol ? { protocol: send.protocol } : {}),
    ...(send.kind === 'connection' && send.sport !== undefined ? { sport: send.sport } : {}),
    ...(send.kind === 'connection' && send.keepOpen ? { keepOpen: true } : {}),
    ...(send.mode ? { mode: send.mode } : {}),
    seed: seed ?? 1,
  };
}

/**
 * A lesson's body (steps, questions, sends). Loaded on first use: the bodies are most of the lessons'
 * text, and the picker needs only their titles (`catalog.ts`).
 */
export async function lessonBody(id: LessonId): Promise<Lesson | undefined> {
  const { lessonById } = await import('../../scenarios/lessons/index');
  return lessonById(id);
}

/** The lesson's first connection, which the packet pickers start on. */
export async function firstSetup(id: LessonId): Promise<PacketSetup | undefined> {
  const first = (await lessonBody(id))?.sends.find((s) => s.kind === 'connection');
  return first ? setupOf(first) : undefined;
}

/** A send and the sends it continues, oldest first: they run in order on one network (check.ts does the same). */
export function sendChain(lesson: Lesson, sendId: string): Send[] {
  const chain: Send[] = [];
  let cur = lesson.sends.find((s) => s.id === sendId);
  while (cur && !chain.includes(cur)) {
    chain.unshift(cur);
    const prev: string | undefined = cur.continues;
    cur = prev === undefined ? undefined : lesson.sends.find((s) => s.id === prev);
  }
  return chain;
}
