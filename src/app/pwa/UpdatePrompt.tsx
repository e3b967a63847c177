/**
 * The offline app's news, in the status bar: "works offline" once, fading by itself, and when a new
 * version has been downloaded, an offer to reload that waits for an answer (a silent reload could cost a
 * student the scenario they are typing). In the status bar, never over the panels: a notice must not
 * cover a diagram the class is reading.
 */
import { useEffect, useRef, useState } from 'react';
import { useLabStore } from '../store';
import { useAfterFirstScreen } from '../after-first-screen';

const text = {
  en: { ready: 'Kube Packet Lab now works offline.', update: 'A new version is ready.', reload: 'Reload to update', later: 'Later', dismiss: 'Dismiss' },
  ko: { ready: '이제 오프라인에서도 Kube Packet Lab을 쓸 수 있습니다.', update: '새 버전이 준비되었습니다.', reload: '새로 고쳐 업데이트', later: '나중에', dismiss: '닫기' },
} as const;

/** How long "works offline" stays, and how long of that it spends fading out. */
const NEWS_MS = 6000;
const FADE_MS = 1000;

export function UpdatePrompt() {
  const lang = useLabStore((s) => s.lang);
  const [needRefresh, setNeedRefresh] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  const [fading, setFading] = useState(false);
  const update = useRef<((reload?: boolean) => Promise<void>) | undefined>(undefined);

  // The service worker (and workbox-window) wait for the first screen: installing the offline copy (Monaco
  // included, ~7 MB) must not compete with it.
  const ready = useAfterFirstScreen();
  const registering = useRef(false);
  useEffect(() => {
    if (!ready || registering.current || !('serviceWorker' in navigator)) return;
    registering.current = true;
    void import('virtual:pwa-register').then(({ registerSW }) => {
      update.current = registerSW({
        onNeedRefresh: () => setNeedRefresh(true),
        onOfflineReady: () => setOfflineReady(true),
      });
    });
  }, [ready]);

  // "Works offline" is news, not a question: it fades and goes away by itself.
  useEffect(() => {
    if (!offlineReady || needRefresh) return;
    const fade = setTimeout(() => setFading(true), NEWS_MS - FADE_MS);
    const gone = setTimeout(() => {
      setOfflineReady(false);
      setFading(false);
    }, NEWS_MS);
    return () => {
      clearTimeout(fade);
      clearTimeout(gone);
    };
  }, [offlineReady, needRefresh]);

  const t = text[lang];
  if (!needRefresh && !offlineReady) return null;
  return (
    <span className={`status-notice${fading && !needRefresh ? ' is-fading' : ''}`} role="status" aria-label="App update">
      <span>{needRefresh ? t.update : t.ready}</span>
      {needRefresh ? (
        <button type="button" onClick={() => void update.current?.(true)}>
          {t.reload}
        </button>
      ) : null}
      <button
        type="button"
        onClick={() => {
          setNeedRefresh(false);
          setOfflineReady(false);
          setFading(false);
        }}
      >
        {needRefresh ? t.later : t.dismiss}
      </button>
    </span>
  );
}
