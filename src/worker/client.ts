import type * as Comlink from 'comlink';
import type { EngineApi } from './api';
import { EngineSupervisor } from './supervisor';

let supervisor: EngineSupervisor | undefined;

/** The engine's worker under its watchdog; created on first use and shared by the whole page. */
export function engineSupervisor(): EngineSupervisor {
  // Vite only finds the worker when `new URL(..., import.meta.url)` sits directly inside `new Worker`.
  if (!supervisor) {
    const created = new EngineSupervisor(() => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' }));
    // End-to-end tests kill the worker through this, to see the page recover (e2e/hostile.spec.ts).
    (globalThis as { __kplTest?: { closeEngineWorker(): void; engineIdle(): boolean } }).__kplTest = {
      closeEngineWorker: () => created.closeWorkerForTest(),
      // Whether no call is waiting for the worker (a worker killed then is found by the ping, not a deadline).
      engineIdle: () => !created.busy,
    };
    supervisor = created;
  }
  return supervisor;
}

/** The engine, running in its own worker: every call has a deadline and survives a worker's death. */
export function engine(): Comlink.Remote<EngineApi> {
  return engineSupervisor().api;
}
