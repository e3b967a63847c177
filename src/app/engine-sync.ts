/**
 * The editor's text → the worker, across restarts of the worker. Latest wins (see latest-wins.ts); each
 * text is outlined and loaded, its answers go to the page's sinks. Plain TypeScript (no React) so the
 * races with the watchdog (supervisor.ts) are tested with a real supervisor and engine (engine-sync.test.ts).
 */
import type * as Comlink from 'comlink';
import type { EngineApi, ScenarioSummary } from '../worker/api';
import type { ScenarioOutline } from '../engine/scenario-outline';
import { EngineRestartedError, type EngineSupervisor, type RestartReason } from '../worker/supervisor';
import { latestWins } from './latest-wins';

/** A text the worker has worked on longer than this is abandoned (the worker restarted) when a newer edit comes. */
export const SUPERSEDE_AFTER_MS = 2000;

/** Errors of calls a restart settled are the restart notice's to show, not the status bar's. */
export function engineErrorText(e: unknown): string | undefined {
  return e instanceof EngineRestartedError ? undefined : String(e);
}

export interface EditRequest {
  readonly text: string;
  /** The storage slot the text belongs to (its last valid text is kept per slot). */
  readonly slot: string;
}

/** Where the answers go (the lab store on the page). */
export interface EngineSyncSinks {
  outline(outline: ScenarioOutline): void;
  summary(summary: ScenarioSummary): void;
  error(message: string): void;
  /** The worker was replaced: what the page showed of the old one is dropped (the restart notice says why). */
  restarted(reason: RestartReason): void;
  /** The text and slot in the editor now. */
  current(): EditRequest;
}

export interface LastValidTexts {
  loadLastValid(slot: string): string | null;
  saveLastValid(slot: string, text: string): void;
}

type Supervisor = Pick<EngineSupervisor, 'restart' | 'onRestart'> & { readonly api: Comlink.Remote<EngineApi> };

export class EngineSync {
  private readonly send: (request: EditRequest) => void;
  /** The slot whose last valid text the worker has been given (once per slot). */
  private primedSlot: string | undefined;
  /** The slot whose text the worker loaded last: an edit of the same slot keeps the nodes running (their conntrack tables). */
  private loadedSlot: string | undefined;
  /** When the text now in the worker was sent (undefined while idle). */
  private busySince: number | undefined;
  /** The last text this worker answered (outline and load): a text that does not kill it. */
  private answered: EditRequest | undefined;

  constructor(
    private readonly supervisor: Supervisor,
    private readonly texts: LastValidTexts,
    private readonly sinks: EngineSyncSinks,
    private readonly now: () => number = () => performance.now(),
  ) {
    // Latest wins, no fixed debounce: a keystroke goes to the worker at once when it is idle; while it is
    // busy only the newest text waits. A single edit shows after one round trip, and fast typing still asks
    // at most once per round trip (a fixed 120 ms debounce made every edit cost at least 120 ms).
    this.send = latestWins<EditRequest>((request, superseded) => this.run(request, superseded));
  }

  /** Listens for the worker's restarts; returns the function that stops listening. */
  attach(): () => void {
    const stop = this.supervisor.onRestart((reason) => this.restarted(reason));
    return () => void stop();
  }

  /** A new text (or slot) in the editor. */
  edit(request: EditRequest): void {
    // A newer edit does not queue behind a text the worker has been stuck on: the worker is replaced.
    const since = this.busySince;
    if (since !== undefined && this.now() - since > SUPERSEDE_AFTER_MS) this.supervisor.restart({ kind: 'superseded' });
    this.send(request);
  }

  private async run({ text, slot }: EditRequest, superseded: () => boolean): Promise<void> {
    this.busySince = this.now();
    try {
      const api = this.supervisor.api;
      // After a reload (or a switch of slot, or a restart) with broken YAML the worker has no cluster yet: give
      // it the slot's last valid text first, so the last good state stays on screen beside the user's own text.
      if (this.primedSlot !== slot) {
        this.primedSlot = slot;
        const lastValid = this.texts.loadLastValid(slot);
        if (lastValid !== null && lastValid !== text) await api.load(lastValid);
      }
      const keepNetwork = this.loadedSlot === slot;
      this.loadedSlot = slot;
      const [outline, summary] = await Promise.all([api.outline(text), api.load(text, { keepNetwork })]);
      this.answered = { text, slot };
      if (!summary.showingLastValid && !summary.diagnostics.some((d) => d.severity === 'error')) this.texts.saveLastValid(slot, text);
      // A newer text is already waiting: its answer replaces this one.
      if (superseded()) return;
      this.sinks.outline(outline);
      this.sinks.summary(summary);
    } catch (e: unknown) {
      const message = engineErrorText(e);
      if (message) this.sinks.error(message);
    } finally {
      this.busySince = undefined;
    }
  }

  /**
   * A restarted worker knows nothing. The text in the editor is sent again when the old worker had
   * answered it (so it is not what killed it): the page's outline, rules and graph come back without an
   * edit. Otherwise (the text may be what killed it) the new worker gets the slot's last valid text only,
   * and the next edit is sent as usual.
   */
  private restarted(reason: RestartReason): void {
    this.sinks.restarted(reason);
    const current = this.sinks.current();
    const answered = this.answered;
    // The next restart resends a text only if this worker answers it too: a text never loops restarts.
    this.answered = undefined;
    this.loadedSlot = undefined;
    if (answered?.text === current.text && answered.slot === current.slot) {
      this.primedSlot = undefined;
      this.send(current);
      return;
    }
    this.primedSlot = current.slot;
    const lastValid = this.texts.loadLastValid(current.slot);
    if (lastValid === null) return;
    this.supervisor.api
      .load(lastValid)
      .then((summary) => this.sinks.summary(summary))
      .catch(() => undefined);
  }
}
