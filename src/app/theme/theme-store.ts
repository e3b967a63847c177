/**
 * The theme setting, kept outside React so it is applied to `<html>` when this module loads — before
 * the first render — and the page never flashes the other palette.
 *
 * `data-theme` always holds the palette on screen (`light` or `dark`), also for `system`, so theme.css
 * needs one complete block per palette; `data-theme-setting` keeps the user's choice for CSS or tests.
 */
import { useSyncExternalStore } from 'react';
import { parseThemeSetting, resolveTheme, THEME_STORAGE_KEY, type ResolvedTheme, type ThemeSetting } from './theme-setting';

const darkQuery: MediaQueryList | undefined = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;
const listeners = new Set<() => void>();
let setting: ThemeSetting = parseThemeSetting(load());
let resolved: ResolvedTheme = resolveTheme(setting, darkQuery?.matches ?? false);

function load(): string | null {
  try {
    return window.localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    return null; // storage unavailable (privacy mode): the theme still works for this visit
  }
}

function save(value: ThemeSetting): void {
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, value);
  } catch {
    // Quota or privacy mode: keep the choice in memory only.
  }
}

function apply(): void {
  resolved = resolveTheme(setting, darkQuery?.matches ?? false);
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  root.dataset.theme = resolved;
  root.dataset.themeSetting = setting;
  for (const notify of listeners) notify();
}

// Following the system means following it live, as when the OS switches to dark at sunset.
darkQuery?.addEventListener('change', () => {
  if (setting === 'system') apply();
});
apply();

export function setThemeSetting(next: ThemeSetting): void {
  setting = next;
  save(next);
  apply();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The user's choice: system, light or dark. */
export function useThemeSetting(): ThemeSetting {
  return useSyncExternalStore(subscribe, () => setting);
}

/**
 * The palette on screen; for pieces that cannot read CSS variables, e.g. Monaco
 * (`monaco.editor.setTheme(resolved === 'dark' ? 'vs-dark' : 'vs')`).
 */
export function useResolvedTheme(): ResolvedTheme {
  return useSyncExternalStore(subscribe, () => resolved);
}
