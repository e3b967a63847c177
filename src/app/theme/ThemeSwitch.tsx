import { useLabStore } from '../store';
import { themeMessages } from './messages';
import { parseThemeSetting, THEME_SETTINGS } from './theme-setting';
import { setThemeSetting, useThemeSetting } from './theme-store';
import './theme.css';

/**
 * The header's theme picker: System (follows the OS), Light or Dark; remembered in localStorage.
 * A half-moon icon stands in for a "Theme" label: the header is full at 1280 px. The select's
 * accessible name and tooltip still say "Theme".
 */
export function ThemeSwitch() {
  const lang = useLabStore((s) => s.lang);
  const m = themeMessages[lang];
  const setting = useThemeSetting();
  return (
    <label className="field theme-switch" title={m.theme}>
      <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" focusable="false">
        <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M8 1.5a6.5 6.5 0 0 1 0 13z" fill="currentColor" />
      </svg>
      {/* The accessible name stays English in both languages, like Language: tests and guides name it. */}
      <select aria-label="Theme" value={setting} onChange={(e) => setThemeSetting(parseThemeSetting(e.target.value))}>
        {THEME_SETTINGS.map((s) => (
          <option key={s} value={s}>
            {m.settings[s]}
          </option>
        ))}
      </select>
    </label>
  );
}
