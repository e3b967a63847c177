/**
 * The UI's languages. A leaf module (it imports nothing): the store, i18n.ts and every message table
 * can depend on it without depending on each other (i18n.ts reads the store; the store needs `Lang`).
 */
export type Lang = 'en' | 'ko';

export const LANGS: readonly Lang[] = ['en', 'ko'];

export const isLang = (v: unknown): v is Lang => v === 'en' || v === 'ko';

/** The language a first visit gets: Korean when the browser prefers it, else English. */
export function browserLang(languages: readonly string[]): Lang {
  return languages.some((l) => l.toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}
