import type { Lang } from '../i18n';
import type { ThemeSetting } from './theme-setting';

interface ThemeMessages {
  readonly theme: string;
  readonly settings: Readonly<Record<ThemeSetting, string>>;
}

export const themeMessages: Readonly<Record<Lang, ThemeMessages>> = {
  en: { theme: 'Theme', settings: { system: 'System', light: 'Light', dark: 'Dark' } },
  ko: { theme: '테마', settings: { system: '시스템', light: '라이트', dark: '다크' } },
};
