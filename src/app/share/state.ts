/**
 * What a share link carries and where an opened link's scenario goes. Pure over its inputs (the stores
 * are read by the caller), so the rules that keep the user's own text safe are unit-tested.
 */
import { LESSON_SCENARIOS } from '../../scenarios/lessons/scenarios';
import type { LessonId } from '../../scenarios/lessons/types';
import { isLessonId, type SharedRecord, type Slot } from '../lessons/slots';
import type { SharedState } from './codec';

/** Chat tools and some mail clients cut or refuse links longer than this; we warn, not refuse. */
export const LONG_LINK_CHARS = 8 * 1024;

/** The page's address with the state in the fragment (query kept: a deployment may use one). */
export function shareUrl(location: { readonly origin: string; readonly pathname: string; readonly search: string }, fragment: string): string {
  return `${location.origin}${location.pathname}${location.search}${fragment}`;
}

/** `#lesson=03-nodeport`: a link straight to a lesson, without any state. */
export function lessonFromHash(hash: string): { readonly id?: LessonId; readonly asked?: string } {
  const m = /^#lesson=([^&]*)$/.exec(hash);
  if (!m) return {};
  let asked: string;
  try {
    asked = decodeURIComponent(m[1] ?? '');
  } catch {
    // A malformed escape (`%E0%A4%A`) is no lesson name: say so with what the link held.
    asked = m[1] ?? '';
  }
  return isLessonId(asked) ? { id: asked, asked } : { asked };
}

/** What the opener knows about the user's saved texts. */
export interface SavedTexts {
  readonly ownText: string;
  readonly defaultText: string;
  readonly lessonText: (id: LessonId) => string;
  readonly lessonEdited: (id: LessonId) => boolean;
  readonly shared?: SharedRecord;
}

export interface SharePlan {
  /** The slot the shared scenario opens in. */
  readonly target: Slot;
  /** Whether to ask first: the user has work of their own the switch would take off the screen. */
  readonly ask: boolean;
  /** The shared slot holds edits of an earlier link that this one would replace. */
  readonly replacesEditedShared: boolean;
}

/**
 * Where a link's scenario goes. Nothing the user wrote is ever overwritten: a lesson's unchanged text
 * opens the lesson itself (unless the user edited that lesson: then it goes beside it), the user's own
 * text opens their own scenario, and anything else opens in the shared slot.
 */
export function planShare(state: SharedState, saved: SavedTexts): SharePlan {
  const lesson = isLessonId(state.lesson) ? state.lesson : undefined;
  const stay = { ask: false, replacesEditedShared: false };
  if (lesson && (state.yaml === saved.lessonText(lesson) || (state.yaml === LESSON_SCENARIOS[lesson] && !saved.lessonEdited(lesson)))) {
    return { target: { kind: 'lesson', id: lesson }, ...stay };
  }
  if (!lesson && state.yaml === saved.ownText) return { target: { kind: 'own' }, ...stay };
  const ownWork = saved.ownText !== saved.defaultText && saved.ownText !== state.yaml;
  const s = saved.shared;
  const replacesEditedShared = s !== undefined && s.yaml !== s.original && s.yaml !== state.yaml;
  return { target: { kind: 'shared', ...(lesson ? { lesson } : {}) }, ask: ownWork || replacesEditedShared, replacesEditedShared };
}
