/**
 * The engine worker under a watchdog. A worker that throws outside a call, cannot read a message, closes,
 * is killed by the browser or works on one call for too long would otherwise leave every pending call
 * waiting for ever (and the page with it). Here every call has a deadline and the worker is pinged while
 * idle; when it dies or overruns, it is terminated, a fresh one starts, every pending call is settled
 * with an `EngineRestartedError`, and the listeners (the page) are told why, so they can reload the last
 * valid text and say so.
 */
import * as Comlink from 'comlink';
import type { EngineApi } from './api';

/** Why the engine was restarted; the page words it in the user's language. */
export type RestartReason =
  | { readonly kind: 'crashed' }
  | { readonly kind: 'unreadable-message' }
  | { readonly kind: 'timeout'; readonly method: string; readonly seconds: number }
  | { readonly kind: 'unresponsive' }
  | { readonly kind: 'superseded' };

/** English wording of a reason (the page has its own, in both languages). */
export function reasonText(reason: RestartReason): string {
  switch (reason.kind) {
    case 'crashed':
      return 'an internal error';
    case 'unreadable-message':
      return 'a message it could not read';
    case 'timeout':
      return `${reason.seconds} s without an answer (${reason.method})`;
    case 'unresponsive':
      return 'it stopped answering';
    case 'superseded':
      return 'a newer edit replaced one that took too long';
  }
}

/** What a pending call is settled with when the worker behind it is replaced. */
export class EngineRestartedError extends Error {
  constructor(readonly reason: RestartReason) {
    super(`The engine restarted after ${reasonText(reason)}; your text is safe.`);
    this.name = 'EngineRestartedError';
  }
}

/** How long a call may take before the worker is replaced, by method (default for the others). */
export const CALL_DEADLINE_MS: Readonly<Record<string, number>> = {
  default: 10_000,
  // Hundreds of Services are seconds of work on a slow machine; still not minutes.
  load: 20_000,
  // Thousands of connections, with progress; cancellable from the page.
  spread: 120_000,
  // A 100,000-line dump, read in slices with progress.
  importDump: 60_000,
};

/** While no call is pending, the worker is asked for a sign of life this often, with this long to answer. */
export const PING_EVERY_MS = 1500;
export const PING_DEADLINE_MS = 2000;

/** The message that makes the worker close itself (end-to-end tests use it to kill the engine). */
export const TEST_CLOSE_MESSAGE = 'kpl:test-close-worker';

interface Pending {
  readonly reject: (e: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export type Method = keyof EngineApi;

/** What the supervisor needs of a worker: a Comlink endpoint it can terminate (a `Worker` in the browser). */
export type EngineWorker = Comlink.Endpoint & { terminate(): void };

/** The watchdog's clocks (tests shorten them). */
export interface SupervisorTiming {
  readonly deadlines: Readonly<Record<string, number>>;
  readonly pingEveryMs: number;
  readonly pingDeadlineMs: number;
}

const DEFAULT_TIMING: SupervisorTiming = { deadlines: CALL_DEADLINE_MS, pingEveryMs: PING_EVERY_MS, pingDeadlineMs: PING_DEADLINE_MS };

/**
 * State the page gave the worker that a fresh worker must be given again (the imported node's dump):
 * after every restart `run` redoes it on the new worker, and calls of the methods in `before` wait
 * until it is done, so they are answered from the restored state, not from an empty worker.
 */
export interface Restore {
  readonly before: readonly Method[];
  /** `api` goes to the new worker directly (its calls do not wait for restores). */
  run(api: Comlink.Remote<EngineApi>): Promise<unknown>;
}

/** A restore that fails this many times in a row is forgotten: it may be what kills the worker. */
export const RESTORE_ATTEMPTS = 2;

export class EngineSupervisor {
  private worker: EngineWorker | undefined;
  private remote: Comlink.Remote<EngineApi> | undefined;
  private readonly pending = new Set<Pending>();
  private readonly listeners = new Set<(reason: RestartReason) => void>();
  private ping: ReturnType<typeof setTimeout> | undefined;
  /** Counts workers started, so a late answer of a replaced worker is recognised. */
  private generation = 0;
  private readonly restores = new Map<string, { readonly restore: Restore; failures: number }>();
  /** Methods whose calls wait for a restore that is running, with what they wait for. */
  private readonly gates = new Map<Method, Promise<void>>();
  private readonly timing: SupervisorTiming;

  /** The engine's methods; each call goes to the current worker, under its deadline (after any restore it depends on). */
  readonly api: Comlink.Remote<EngineApi>;
  /** The same without waiting for restores: what a restore itself calls. */
  private readonly direct: Comlink.Remote<EngineApi>;

  constructor(
    private readonly spawn: () => EngineWorker,
    timing: Partial<SupervisorTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
    const methods = (gated: boolean): Comlink.Remote<EngineApi> =>
      new Proxy({} as Comlink.Remote<EngineApi>, {
        // Not `then`: the api is no promise (awaiting it must not become a call to the worker).
        get: (_target, prop) => (typeof prop === 'string' && prop !== 'then' ? (...args: unknown[]) => this.call(prop as Method, args, gated) : undefined),
      });
    this.api = methods(true);
    this.direct = methods(false);
  }

  /**
   * Keeps `restore` under `key` (replacing the one kept before; undefined forgets it): every later restart
   * redoes it on the fresh worker.
   */
  keep(key: string, restore: Restore | undefined): void {
    if (restore) this.restores.set(key, { restore, failures: 0 });
    else this.restores.delete(key);
  }

  /** Called after every restart, with its reason. */
  onRestart(listener: (reason: RestartReason) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a call is waiting for the worker. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Terminates the worker (if any) and starts a fresh one; pending calls fail with the reason. */
  restart(reason: RestartReason): void {
    this.stop();
    const error = new EngineRestartedError(reason);
    const settled = [...this.pending];
    this.pending.clear();
    for (const p of settled) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.start();
    this.runRestores();
    for (const l of this.listeners) l(reason);
  }

  /** Whether a restore is being redone on the fresh worker (calls that depend on it wait). */
  get restoring(): boolean {
    return this.gates.size > 0;
  }

  /** Test hook: the worker closes itself, as if it had died (nothing tells the page). */
  closeWorkerForTest(): void {
    this.current().worker.postMessage(TEST_CLOSE_MESSAGE);
  }

  private current(): { worker: EngineWorker; remote: Comlink.Remote<EngineApi> } {
    if (!this.worker || !this.remote) this.start();
    return { worker: this.worker!, remote: this.remote! };
  }

  private start(): void {
    const generation = ++this.generation;
    const worker = this.spawn();
    const lost = (reason: RestartReason) => () => {
      if (generation === this.generation) this.restart(reason);
    };
    worker.addEventListener('error', lost({ kind: 'crashed' }));
    worker.addEventListener('messageerror', lost({ kind: 'unreadable-message' }));
    this.worker = worker;
    this.remote = Comlink.wrap<EngineApi>(worker);
    this.schedulePing();
  }

  private stop(): void {
    if (this.ping !== undefined) clearTimeout(this.ping);
    this.ping = undefined;
    if (this.remote) this.remote[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = undefined;
    this.remote = undefined;
  }

  private runRestores(): void {
    this.gates.clear();
    for (const [key, kept] of this.restores) {
      const done = kept.restore.run(this.direct).then(
        () => {
          kept.failures = 0;
        },
        () => {
          if (++kept.failures >= RESTORE_ATTEMPTS && this.restores.get(key) === kept) this.restores.delete(key);
        },
      );
      for (const m of kept.restore.before) {
        const earlier = this.gates.get(m);
        const gate = earlier ? Promise.all([earlier, done]).then(() => undefined) : done;
        this.gates.set(m, gate);
        void gate.then(() => {
          if (this.gates.get(m) === gate) this.gates.delete(m);
        });
      }
    }
  }

  private call(method: Method, args: unknown[], gated: boolean): Promise<unknown> {
    const gate = gated ? this.gates.get(method) : undefined;
    // A call that depends on a restore is sent once it is done (to the worker current then).
    if (gate) return gate.then(() => this.call(method, args, gated));
    const { remote } = this.current();
    const generation = this.generation;
    const deadline = this.timing.deadlines[method] ?? this.timing.deadlines.default ?? CALL_DEADLINE_MS.default!;
    return new Promise((resolve, reject) => {
      const entry: Pending = {
        reject,
        timer: setTimeout(() => {
          if (generation === this.generation) this.restart({ kind: 'timeout', method, seconds: Math.round(deadline / 1000) });
        }, deadline),
      };
      this.pending.add(entry);
      const settle = (): boolean => {
        clearTimeout(entry.timer);
        // Already settled by a restart: the answer of a replaced worker is dropped.
        return this.pending.delete(entry);
      };
      const fn = remote[method] as unknown as (...a: unknown[]) => Promise<unknown>;
      let answer: Promise<unknown>;
      try {
        answer = fn(...args);
      } catch (error: unknown) {
        // Failed before it reached the worker (arguments it cannot be sent): no deadline waits for it.
        settle();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      answer.then(
        (value) => {
          if (settle()) resolve(value);
        },
        (error: unknown) => {
          if (settle()) reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /** A worker that closed itself or was killed sends no event: while idle, ask it for a sign of life. */
  private schedulePing(): void {
    if (this.ping !== undefined) clearTimeout(this.ping);
    this.ping = setTimeout(() => {
      this.ping = undefined;
      if (!this.remote) return;
      // A pending call has its own deadline, and a busy worker answers pings late: no ping then.
      if (this.pending.size > 0) return this.schedulePing();
      const generation = this.generation;
      const remote = this.remote;
      let answered = false;
      const timer = setTimeout(() => {
        if (answered || generation !== this.generation) return;
        // Sent while no call was pending, the ping is answered before any call sent after it: unanswered,
        // the worker is dead (or stuck outside any call), even if calls were made meanwhile. Those calls
        // waited for their own deadlines before (10–20 s for an edit made just after the worker died).
        this.restart({ kind: 'unresponsive' });
      }, this.timing.pingDeadlineMs);
      remote.info().then(
        () => {
          answered = true;
          clearTimeout(timer);
          if (generation === this.generation) this.schedulePing();
        },
        () => undefined,
      );
    }, this.timing.pingEveryMs);
  }
}
