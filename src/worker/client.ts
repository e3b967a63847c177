import * as Comlink from 'comlink';
import type { EngineApi } from './api';

let remote: Comlink.Remote<EngineApi> | undefined;

/** The engine, running in its own worker; created on first use and shared by the whole page. */
export function engine(): Comlink.Remote<EngineApi> {
  if (!remote) {
    // Vite only finds the worker when `new URL(..., import.meta.url)` sits directly inside `new Worker`.
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
    remote = Comlink.wrap<EngineApi>(worker);
  }
  return remote;
}
