/**
 * The user's work in localStorage. Every edit is saved, so a reload (or a crash) loses nothing.
 * Storage can be unavailable (private mode) or full: then the edit is kept in this tab's sessionStorage
 * (which survives a reload), the page says that saving failed and offers the scenario as a file, and
 * the text saved before stays as it was (a failed write never replaces it).
 */
import { create } from 'zustand';

/** The last text of a slot that built a cluster: what stays on screen after a reload with broken YAML. */
const LAST_VALID_KEY = (slot: string): string => `kpl.lastValid.v1:${slot}`;
const LANG_KEY = 'kpl.lang.v1';
/** An edit that localStorage refused, kept for this tab until a save succeeds again. */
const UNSAVED_KEY = (slot: string): string => `kpl.unsaved.v1:${slot}`;

/**
 * Texts longer than the engine accepts (`MAX_SCENARIO_CHARS` of cluster/yaml-docs.ts; a test keeps the
 * two equal without pulling the YAML parser into the page's first script) are not written: they would
 * only fill the quota.
 */
export const MAX_SAVED_CHARS = 1_000_000;

/** localStorage's and sessionStorage's shape (read through globalThis: unit tests import this in Node). */
interface WebStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function webStorage(which: 'localStorage' | 'sessionStorage'): WebStorage | undefined {
  try {
    // Reading the property itself throws where storage is disabled.
    return (globalThis as { localStorage?: WebStorage; sessionStorage?: WebStorage })[which];
  } catch {
    return undefined;
  }
}

function safeGet(key: string): string | null {
  try {
    return webStorage('localStorage')?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function safeSet(key: string, value: string): boolean {
  try {
    const local = webStorage('localStorage');
    if (!local) return false;
    local.setItem(key, value);
    return true;
  } catch {
    // Quota or privacy mode: the text still lives in the editor and in memory.
    return false;
  }
}

const session = (): WebStorage | undefined => webStorage('sessionStorage');

/** Why an edit was not saved. */
export type SaveFailure = 'full' | 'too-large';

interface SaveStatus {
  /** Set while the latest edit of a slot is not in localStorage. */
  readonly failure?: { readonly reason: SaveFailure; readonly slot: string; readonly text: string };
}

/** What the page shows about saving. */
export const useSaveStatus = create<SaveStatus>()(() => ({}));

/**
 * What the slot storage tells about each edit it saved (or could not save). A failure keeps the text in
 * sessionStorage for this tab (when it is not too large) and raises the notice; a success clears both.
 */
export function reportSave(slot: string, text: string, saved: boolean | 'too-large'): void {
  const s = session();
  if (saved === true) {
    try {
      s?.removeItem(UNSAVED_KEY(slot));
    } catch {
      // Nothing to clear.
    }
    if (useSaveStatus.getState().failure?.slot === slot) useSaveStatus.setState({ failure: undefined });
    return;
  }
  if (saved === false) {
    try {
      s?.setItem(UNSAVED_KEY(slot), text);
    } catch {
      // Full too: the notice's download is then the only copy outside the editor.
    }
  }
  useSaveStatus.setState({ failure: { reason: saved === 'too-large' ? 'too-large' : 'full', slot, text } });
}

/** An edit of this tab that localStorage refused, if any (newer than what localStorage holds). */
export function unsavedText(slot: string): string | null {
  try {
    return session()?.getItem(UNSAVED_KEY(slot)) ?? null;
  } catch {
    return null;
  }
}

export const storage = {
  loadLastValid: (slot: string): string | null => safeGet(LAST_VALID_KEY(slot)),
  saveLastValid: (slot: string, text: string): void => {
    if (text.length <= MAX_SAVED_CHARS) safeSet(LAST_VALID_KEY(slot), text);
  },
  loadLang: (): string | null => safeGet(LANG_KEY),
  saveLang: (lang: string): void => void safeSet(LANG_KEY, lang),
};
