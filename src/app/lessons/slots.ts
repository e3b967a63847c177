/**
 * Where the editor's text lives. The user's own scenario, the last shared link's scenario and each
 * lesson are separate slots, each saved under its own key, so opening a lesson or a link never
 * overwrites the user's work: choosing the slot again brings its text back.
 */
import { DEFAULT_SCENARIO } from '../../scenarios/default';
import { LESSON_IDS, type LessonId } from '../../scenarios/lessons/types';
import { LESSON_SCENARIOS } from '../../scenarios/lessons/scenarios';
import { MAX_SAVED_CHARS, reportSave, unsavedText } from '../storage';

export type Slot =
  /** The user's own scenario (the sandbox a first visit starts in). */
  | { readonly kind: 'own' }
  /** The scenario of the last share link opened, with the lesson it was shared from, if any. */
  | { readonly kind: 'shared'; readonly lesson?: LessonId }
  /** A built-in lesson; editing is free, "Reset lesson" brings back its scenario. */
  | { readonly kind: 'lesson'; readonly id: LessonId };

export const OWN: Slot = { kind: 'own' };

/** The key the user's own scenario has always been saved under (kept, so existing work stays). */
const OWN_KEY = 'kpl.scenario.v1';
const SLOT_KEY = 'kpl.slot.v1';
const SHARED_KEY = 'kpl.shared.v1';
const LESSON_KEY = (id: LessonId): string => `kpl.lesson-text.v1.${id}`;

/** A key-value store with localStorage's shape; injectable so tests run without a browser. */
export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** localStorage, or nothing when it is unavailable (privacy mode, quota): then the text lives in memory only. */
function browserStore(): KeyValue | undefined {
  try {
    // Through globalThis: this module also runs in Node (unit tests), where there is no storage.
    return (globalThis as { localStorage?: KeyValue }).localStorage;
  } catch {
    return undefined;
  }
}

export function isLessonId(id: string | undefined): id is LessonId {
  return id !== undefined && (LESSON_IDS as readonly string[]).includes(id);
}

/** The shared slot's record: the text as edited, and as the link brought it (to tell edits apart). */
export interface SharedRecord {
  readonly yaml: string;
  readonly original: string;
  readonly lesson?: LessonId;
}

function parseShared(raw: string | null): SharedRecord | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<SharedRecord>;
    if (typeof v.yaml !== 'string' || typeof v.original !== 'string') return undefined;
    return { yaml: v.yaml, original: v.original, ...(isLessonId(v.lesson) ? { lesson: v.lesson } : {}) };
  } catch {
    return undefined;
  }
}

export function slotValue(slot: Slot): string {
  return slot.kind === 'lesson' ? slot.id : slot.kind;
}

export function parseSlot(value: string | null | undefined, shared?: SharedRecord): Slot {
  if (value === 'shared' && shared) return { kind: 'shared', ...(shared.lesson ? { lesson: shared.lesson } : {}) };
  if (isLessonId(value ?? undefined)) return { kind: 'lesson', id: value as LessonId };
  return OWN;
}

/** The lesson a slot shows the Lesson panel for. */
export function slotLesson(slot: Slot): LessonId | undefined {
  return slot.kind === 'lesson' ? slot.id : slot.kind === 'shared' ? slot.lesson : undefined;
}

export const sameSlot = (a: Slot, b: Slot): boolean => slotValue(a) === slotValue(b) && slotLesson(a) === slotLesson(b);

/** Every write swallows storage errors: a full quota must not lose the text still in the editor. */
function safely(run: () => void): boolean {
  try {
    run();
    return true;
  } catch {
    // Quota or privacy mode: the text still lives in the editor and in memory (and see reportSave).
    return false;
  }
}

/** Where the outcome of each save goes, and the edits a full storage kept aside (storage.ts). */
export interface SaveReports {
  report(slot: string, text: string, saved: boolean | 'too-large'): void;
  unsaved(slot: string): string | null;
}

export function createSlotStorage(kv: KeyValue | undefined = browserStore(), saves?: SaveReports) {
  const get = (key: string): string | null => {
    try {
      return kv?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };
  const shared = (): SharedRecord | undefined => parseShared(get(SHARED_KEY));
  return {
    activeSlot: (): Slot => parseSlot(get(SLOT_KEY), shared()),
    saveActiveSlot: (slot: Slot): void => void safely(() => kv?.setItem(SLOT_KEY, slotValue(slot))),
    /** The user's own scenario as saved (the default scenario before the first edit). */
    ownText: (): string => get(OWN_KEY) ?? DEFAULT_SCENARIO,
    /** Whether the user has text of their own that is not the default scenario. */
    hasOwnWork: (): boolean => {
      const t = get(OWN_KEY);
      return t !== null && t !== DEFAULT_SCENARIO;
    },
    shared,
    /** A lesson's text with the learner's edits, or its own scenario. */
    lessonText: (id: LessonId): string => get(LESSON_KEY(id)) ?? LESSON_SCENARIOS[id],
    lessonEdited: (id: LessonId): boolean => {
      const t = get(LESSON_KEY(id));
      return t !== null && t !== LESSON_SCENARIOS[id];
    },
    /** The text a slot opens with (this tab's edit that could not be saved comes first). */
    textOf(slot: Slot): string {
      const unsaved = saves?.unsaved(slotValue(slot)) ?? null;
      if (unsaved !== null) return unsaved;
      if (slot.kind === 'lesson') return this.lessonText(slot.id);
      if (slot.kind === 'shared') return shared()?.yaml ?? this.ownText();
      return this.ownText();
    },
    /** Saves an edit into the slot it was made in. A lesson's unedited text is not stored at all. */
    saveText(slot: Slot, text: string): void {
      if (!kv) return;
      if (text.length > MAX_SAVED_CHARS) return saves?.report(slotValue(slot), text, 'too-large');
      const saved = safely(() => {
        if (slot.kind === 'own') kv.setItem(OWN_KEY, text);
        else if (slot.kind === 'lesson') {
          if (text === LESSON_SCENARIOS[slot.id]) kv.removeItem(LESSON_KEY(slot.id));
          else kv.setItem(LESSON_KEY(slot.id), text);
        } else {
          const had = shared();
          const record: SharedRecord = { yaml: text, original: had?.original ?? text, ...(slot.lesson ? { lesson: slot.lesson } : {}) };
          kv.setItem(SHARED_KEY, JSON.stringify(record));
        }
      });
      saves?.report(slotValue(slot), text, saved);
    },
    /** A new share link's scenario replaces the shared slot. */
    saveShared: (yaml: string, lesson: LessonId | undefined): void => {
      if (!kv) return;
      if (yaml.length > MAX_SAVED_CHARS) return saves?.report('shared', yaml, 'too-large');
      const saved = safely(() => kv.setItem(SHARED_KEY, JSON.stringify({ yaml, original: yaml, ...(lesson ? { lesson } : {}) } satisfies SharedRecord)));
      saves?.report('shared', yaml, saved);
    },
    resetLesson: (id: LessonId): void => void safely(() => kv?.removeItem(LESSON_KEY(id))),
  };
}

export type SlotStorage = ReturnType<typeof createSlotStorage>;

export const slotStorage: SlotStorage = createSlotStorage(browserStore(), { report: reportSave, unsaved: unsavedText });
