/**
 * The bundled Korean font (Noto Sans KR, the weights the UI uses: 400 and 700), loaded only once Korean
 * is on: English readers never download it. Its files are precached by the service worker (vite.config.ts),
 * so Korean keeps its glyphs offline too.
 */
import type { Lang } from './lang';

let loading: Promise<void> | undefined;

export function loadKoreanFont(): Promise<void> {
  loading ??= Promise.all([
    import('@fontsource/noto-sans-kr/korean-400.css'),
    import('@fontsource/noto-sans-kr/korean-700.css'),
    import('./korean-font.css'),
  ]).then(
    () => undefined,
    () => {
      // Offline before the service worker had it, say: the system fonts still apply; try again next time.
      loading = undefined;
    },
  );
  return loading;
}

/** Loads the font now if Korean is on, and whenever the language turns to Korean later. */
export function followLanguage(store: { getState(): { readonly lang: Lang }; subscribe(listener: (s: { readonly lang: Lang }) => void): unknown }): void {
  if (typeof document === 'undefined') return;
  if (store.getState().lang === 'ko') void loadKoreanFont();
  store.subscribe((s) => {
    if (s.lang === 'ko') void loadKoreanFont();
  });
}
