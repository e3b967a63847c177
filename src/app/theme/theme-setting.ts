/** The user's theme choice and what it means on screen. Pure: no DOM, so tests run it in Node. */

/** `system` follows the operating system's `prefers-color-scheme`; the others pin one palette. */
export type ThemeSetting = 'system' | 'light' | 'dark';

/** The palette actually on screen: the value of `data-theme` on `<html>`. */
export type ResolvedTheme = 'light' | 'dark';

export const THEME_SETTINGS: readonly ThemeSetting[] = ['system', 'light', 'dark'];

/** localStorage key of the setting. */
export const THEME_STORAGE_KEY = 'kpl.theme';

/** A stored value back to a setting; anything unknown (an old or hand-edited value) means `system`. */
export function parseThemeSetting(value: string | null | undefined): ThemeSetting {
  return THEME_SETTINGS.find((s) => s === value) ?? 'system';
}

export function resolveTheme(setting: ThemeSetting, systemPrefersDark: boolean): ResolvedTheme {
  if (setting === 'system') return systemPrefersDark ? 'dark' : 'light';
  return setting;
}
