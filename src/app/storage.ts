/**
 * The user's work in localStorage. Every edit is saved, so a reload (or a crash) loses nothing.
 * Storage can be unavailable (private mode, quota): then we keep working in memory.
 */
/** The last text of a slot that built a cluster: what stays on screen after a reload with broken YAML. */
const LAST_VALID_KEY = (slot: string): string => `kpl.lastValid.v1:${slot}`;
const LANG_KEY = 'kpl.lang.v1';

function safeGet(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function safeSet(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Quota or privacy mode: the text still lives in the editor and in memory.
  }
}

export const storage = {
  loadLastValid: (slot: string): string | null => safeGet(LAST_VALID_KEY(slot)),
  saveLastValid: (slot: string, text: string): void => safeSet(LAST_VALID_KEY(slot), text),
  loadLang: (): string | null => safeGet(LANG_KEY),
  saveLang: (lang: string): void => safeSet(LANG_KEY, lang),
};
