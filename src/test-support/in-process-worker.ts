/**
 * The engine behind a MessageChannel in the test's own process, for the supervisor: what it calls a worker
 * (postMessage, message events, terminate) is one end of the channel, Comlink serves the engine on the other,
 * exactly as engine.worker.ts does in the browser. The test-close message closes the channel without a word,
 * as `self.close()` ends a real worker: the page is not told, and nothing is answered any more.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { TEST_CLOSE_MESSAGE, type EngineWorker } from '../worker/supervisor';

export interface InProcessWorkers {
  /** What the supervisor is given as its `spawn`. */
  readonly spawn: () => EngineWorker;
  /** Workers started so far. */
  readonly started: () => number;
  /** Closes every channel (the end of a test). */
  readonly closeAll: () => void;
}

/** `serve()` builds what one worker serves (a fresh engine per worker, as a new worker has). */
export function inProcessWorkers(serve: () => object): InProcessWorkers {
  const ports: MessagePort[] = [];
  let started = 0;
  const spawn = (): EngineWorker => {
    started++;
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    Comlink.expose(serve(), port2 as unknown as Comlink.Endpoint);
    port2.addEventListener('message', (e) => {
      if ((e as MessageEvent).data === TEST_CLOSE_MESSAGE) port2.close();
    });
    return Object.assign(port1 as unknown as Comlink.Endpoint, { terminate: () => port1.close() });
  };
  return {
    spawn,
    started: () => started,
    closeAll: () => {
      for (const p of ports) p.close();
    },
  };
}
