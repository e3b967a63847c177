import { useEffect } from 'react';
import { createTicker, manualFrames, stepInterval, type ClockHost, type ManualFrames } from './clock';
import { dwellShare } from './playback';
import { playbackIndex, usePacketStore } from './store';

/**
 * Runs the app's one playback clock while the store says `playing`, and exposes it to tests as
 * `window.__kplClock`. Folded playback lingers on decisions and passes quickly over the hops between
 * them (`dwellShare`). Mount once (App).
 */
export function usePlaybackClock(): void {
  useEffect(() => {
    const store = usePacketStore;
    let manual: ManualFrames | undefined;
    const screen: ClockHost = { requestFrame: (cb) => window.requestAnimationFrame(cb), cancelFrame: (h) => window.cancelAnimationFrame(h) };
    const host: ClockHost = {
      requestFrame: (cb) => (manual ?? screen).requestFrame(cb),
      cancelFrame: (h) => (manual ?? screen).cancelFrame(h),
    };
    const ticker = createTicker(
      host,
      () => {
        const s = store.getState();
        return stepInterval(s.speed) * dwellShare(s.playback.steps[playbackIndex(s)], s.folded);
      },
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
      nextDecision: () => store.getState().nextDecision(),
      hold: () => {
        if (manual) return;
        // Stop on the screen's frames, then carry on (if playing) on frames only a test hands out.
        ticker.stop();
        manual = manualFrames(performance.now());
        follow(store.getState().playing);
      },
      elapse: (ms) => {
        const before = playbackIndex(store.getState());
        manual?.elapse(ms);
        return playbackIndex(store.getState()) - before;
      },
      progress: () => {
        const s = store.getState();
        return { index: playbackIndex(s), total: s.playback.steps.length };
      },
    };
    return () => {
      unsubscribe();
      ticker.stop();
      delete window.__kplClock;
    };
  }, []);
}
