/**
 * The user's work in localStorage. Every edit is saved, so a reload (or a crash) loses nothing.
 * Storage can be unavailable (private mode, quota): then we keep working in memory.
 */
const SCENARIO_KEY = 'kpl.scenario.v1';
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
  loadScenario: (): string | null => safeGet(SCENARIO_KEY),
  saveScenario: (text: string): void => safeSet(SCENARIO_KEY, text),
  loadLang: (): string | null => safeGet(LANG_KEY),
  saveLang: (lang: string): void => safeSet(LANG_KEY, lang),
};
