/**
 * The one clock that drives playback: a requestAnimationFrame loop that advances one step every
 * `BASE_STEP_MS / speed`. Animations follow the step the store is on; they never run their own timers,
 * so pausing the clock freezes everything and stepping it is deterministic (tests rely on that).
 */

/** One step at 1× speed: long enough to read a changed header, short enough to keep moving. */
export const BASE_STEP_MS = 700;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;

export function stepInterval(speed: number): number {
  return BASE_STEP_MS / Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/** What the clock needs from its surroundings; injected so tests can drive frames by hand. */
export interface ClockHost {
  readonly requestFrame: (cb: (now: number) => void) => number;
  readonly cancelFrame: (handle: number) => void;
}

export interface Ticker {
  start(): void;
  stop(): void;
  readonly running: boolean;
}

/**
 * Calls `tick` once per interval while running. `tick` returns false to stop (end of the connection).
 * A long gap between frames (a hidden tab) counts as one interval, not a burst of steps.
 */
export function createTicker(host: ClockHost, interval: () => number, tick: () => boolean): Ticker {
  let handle: number | undefined;
  let last: number | undefined;
  let elapsed = 0;
  const frame = (now: number): void => {
    handle = undefined;
    const every = interval();
    if (last !== undefined) elapsed += Math.min(now - last, every);
    last = now;
    if (elapsed >= every) {
      elapsed -= every;
      if (!tick()) {
        stop();
        return;
      }
    }
    handle = host.requestFrame(frame);
  };
  const stop = (): void => {
    if (handle !== undefined) host.cancelFrame(handle);
    handle = undefined;
    last = undefined;
    elapsed = 0;
  };
  return {
    start() {
      if (handle !== undefined) return;
      last = undefined;
      elapsed = 0;
      handle = host.requestFrame(frame);
    },
    stop,
    get running() {
      return handle !== undefined;
    },
  };
}

/** What e2e tests and the screenshot script use to hold the clock still: `window.__kplClock`. */
export interface ClockControl {
  pause(): void;
  /** Moves `n` playback steps (pausing). */
  step(n: number): void;
  isPlaying(): boolean;
  /** Moves to the next decision (pausing), as the `Next decision` button does. */
  nextDecision(): void;
  /**
   * Takes the clock off the screen's frames: from now on time passes only through `elapse`, so a test
   * measures playback in the app's own time without waiting for it.
   */
  hold(): void;
  /** With the clock held: lets `ms` of app time pass in 16 ms frames; returns the playback steps taken. */
  elapse(ms: number): number;
  /** Where playback is: the playback step's index and how many there are. */
  progress(): { readonly index: number; readonly total: number };
}

/**
 * Frames that come only when a test lets time pass (`ClockControl.elapse`), at 60 per second of app time.
 */
export interface ManualFrames extends ClockHost {
  elapse(ms: number): void;
}

export function manualFrames(start: number): ManualFrames {
  let now = start;
  let next = 1;
  const waiting = new Map<number, (now: number) => void>();
  return {
    requestFrame(cb) {
      const handle = next++;
      waiting.set(handle, cb);
      return handle;
    },
    cancelFrame(handle) {
      waiting.delete(handle);
    },
    elapse(ms) {
      for (let left = ms; left > 0; left -= 16) {
        now += Math.min(16, left);
        const due = [...waiting.values()];
        waiting.clear();
        for (const cb of due) cb(now);
      }
    },
  };
}

declare global {
  interface Window {
    __kplClock?: ClockControl;
  }
}
