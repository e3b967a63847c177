/**
 * The offline app's update offer: when a new version has been downloaded it waits, and this bar asks
 * before swapping (a silent reload could cost a student the scenario they are typing).
 */
import { useEffect, useRef, useState } from 'react';
import { useLabStore } from '../store';
import { usePacketStore } from '../packet/store';

const text = {
  en: { ready: 'Kube Packet Lab now works offline.', update: 'A new version is ready.', reload: 'Reload to update', later: 'Later', dismiss: 'Dismiss' },
  ko: { ready: '이제 오프라인에서도 Kube Packet Lab을 쓸 수 있습니다.', update: '새 버전이 준비되었습니다.', reload: '새로 고쳐 업데이트', later: '나중에', dismiss: '닫기' },
} as const;

export function UpdatePrompt() {
  const lang = useLabStore((s) => s.lang);
  const [needRefresh, setNeedRefresh] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  const update = useRef<((reload?: boolean) => Promise<void>) | undefined>(undefined);

  // The service worker (and workbox-window) wait until the first screen works (a packet can be sent), or
  // 10 s at most (an engine error, a scenario without choices), so installing the offline copy (Monaco
  // included, ~7 MB) never competes with the first load for the network.
  const canSend = usePacketStore((s) => !!s.from && !!s.to && !!s.choices);
  const engineFailed = useLabStore((s) => s.engineError !== undefined);
  const usable = canSend || engineFailed;
  const [waitedLongEnough, setWaitedLongEnough] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaitedLongEnough(true), 10_000);
    return () => clearTimeout(timer);
  }, []);
  const registering = useRef(false);
  useEffect(() => {
    if (!(usable || waitedLongEnough) || registering.current || !('serviceWorker' in navigator)) return;
    registering.current = true;
    const register = (): void =>
      void import('virtual:pwa-register').then(({ registerSW }) => {
        update.current = registerSW({
          onNeedRefresh: () => setNeedRefresh(true),
          onOfflineReady: () => setOfflineReady(true),
        });
      });
    // The first idle moment after that: the first screen's own work (diagrams, rules) goes first.
    if ('requestIdleCallback' in window) requestIdleCallback(register, { timeout: 2000 });
    else setTimeout(register, 500);
  }, [usable, waitedLongEnough]);

  // "Works offline" is news, not a question: it goes away by itself.
  useEffect(() => {
    if (!offlineReady || needRefresh) return;
    const timer = setTimeout(() => setOfflineReady(false), 6000);
    return () => clearTimeout(timer);
  }, [offlineReady, needRefresh]);

  const t = text[lang];
  if (!needRefresh && !offlineReady) return null;
  return (
    <div className="update-prompt" role="status" aria-label="App update">
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
        }}
      >
        {needRefresh ? t.later : t.dismiss}
      </button>
    </div>
  );
}
