/**
 * The watchdog with the real import session behind it (served over a MessageChannel in this process), its
 * clocks shortened: an imported dump survives a restart of the worker (#17, #18), and a restore that keeps
 * failing is given up. The editor's side of restarts is src/app/engine-sync.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportSession } from './import-session';
import { EngineSupervisor, RESTORE_ATTEMPTS, type RestartReason } from './supervisor';
import type { ImportProgressView } from './import-api';
import { inProcessWorkers, type InProcessWorkers } from '../test-support/in-process-worker';
import { importRestore } from '../app/import/import-restore';

const KIND = readFileSync(join(import.meta.dirname, '../../test-vectors/dumps/kind-worker-nat-S.txt'), 'utf8');

function importApi(): object {
  const imported = new ImportSession();
  return {
    info: () => ({ engineVersion: 'test', kubernetesRelease: 'test' }),
    importDump: (text: string, onProgress?: (p: ImportProgressView) => void) => imported.importDump(text, onProgress),
    importSearch: (query: string) => imported.importSearch(query),
    importTrace: (request: Parameters<ImportSession['importTrace']>[0]) => imported.importTrace(request),
  };
}

let workers: InProcessWorkers | undefined;
afterEach(() => workers?.closeAll());

function supervised(): { supervisor: EngineSupervisor; restarts: RestartReason[] } {
  workers = inProcessWorkers(importApi);
  const supervisor = new EngineSupervisor(workers.spawn, { pingEveryMs: 20, pingDeadlineMs: 500 });
  const restarts: RestartReason[] = [];
  supervisor.onRestart((r) => void restarts.push(r));
  return { supervisor, restarts };
}

async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('an imported node across restarts of the worker', () => {
  it('is read again into the new worker, with progress, before a search or a trace is answered', async () => {
    const { supervisor, restarts } = supervised();
    await supervisor.api.importDump(KIND);
    const hits = await supervisor.api.importSearch('10.200.1.201');
    expect(hits.length).toBeGreaterThan(0);
    const progress: (ImportProgressView | undefined)[] = [];
    let done = 0;
    supervisor.keep('imported-node', importRestore(KIND, (p) => progress.push(p), () => done++));
    supervisor.closeWorkerForTest();
    await until('the watchdog restarts the worker', () => restarts.length === 1);
    // Asked at once: the search waits for the dump to be read into the new worker.
    expect(supervisor.restoring).toBe(true);
    expect(await supervisor.api.importSearch('10.200.1.201')).toEqual(hits);
    expect(done).toBe(1);
    expect(supervisor.restoring).toBe(false);
    expect(progress[0]).toEqual({ done: 0, total: 1 });
    expect(progress.at(-1)).toBeUndefined();
    expect(progress.some((p) => p !== undefined && p.done === p.total && p.total > 1)).toBe(true);
    const trace = await supervisor.api.importTrace({ src: '10.0.0.99', dst: '10.200.1.201:80', protocol: 'tcp', inInterface: 'eth0', setup: {} });
    expect(trace.ok).toBe(true);
    // And again after a second restart.
    supervisor.restart({ kind: 'crashed' });
    expect(await supervisor.api.importSearch('10.200.1.201')).toEqual(hits);
    expect(done).toBe(2);
  });

  it('without the restore the new worker has no dump (what the restore is for)', async () => {
    const { supervisor } = supervised();
    await supervisor.api.importDump(KIND);
    supervisor.restart({ kind: 'crashed' });
    expect(await supervisor.api.importSearch('10.200.1.201')).toEqual([]);
  });

  it(`a restore that fails ${RESTORE_ATTEMPTS} times in a row is forgotten (it may be what kills the worker)`, async () => {
    const { supervisor } = supervised();
    let runs = 0;
    supervisor.keep('broken', {
      before: ['importSearch'],
      run: () => {
        runs++;
        return Promise.reject(new Error('cannot'));
      },
    });
    for (let i = 0; i < RESTORE_ATTEMPTS + 2; i++) {
      supervisor.restart({ kind: 'crashed' });
      // Calls that waited for it still get their answer.
      expect(await supervisor.api.importSearch('x')).toEqual([]);
    }
    expect(runs).toBe(RESTORE_ATTEMPTS);
  });
});
