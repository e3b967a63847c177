import { useEffect } from 'react';
import { createTicker, stepInterval } from './clock';
import { usePacketStore } from './store';

/**
 * Runs the app's one playback clock while the store says `playing`, and exposes it to tests as
 * `window.__kplClock`. Mount once (App).
 */
export function usePlaybackClock(): void {
  useEffect(() => {
    const store = usePacketStore;
    const ticker = createTicker(
      { requestFrame: (cb) => window.requestAnimationFrame(cb), cancelFrame: (h) => window.cancelAnimationFrame(h) },
      () => stepInterval(store.getState().speed),
      () => store.getState().advance(),
    );
    const follow = (playing: boolean): void => (playing ? ticker.start() : ticker.stop());
    follow(store.getState().playing);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.playing !== prev.playing) follow(s.playing);
    });
    window.__kplClock = {
      pause: () => store.getState().pause(),
      step: (n) => store.getState().step(n),
      isPlaying: () => store.getState().playing,
    };
    return () => {
      unsubscribe();
      ticker.stop();
      delete window.__kplClock;
    };
  }, []);
}
