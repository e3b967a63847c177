/**
 * Importing a node's rules so that they survive a restart of the engine's worker: the worker keeps the
 * imported dump, a fresh worker has none. The dump's text is kept here (on the page, where it came from)
 * and the supervisor reads it into every new worker before it answers any question about the imported
 * node (search, trace, graph, diff, a new import), with the progress shown as for an import.
 */
import * as Comlink from 'comlink';
import { engine, engineSupervisor } from '../../worker/client';
import type { Method, Restore } from '../../worker/supervisor';
import type { ImportProgressView, ImportSummary } from '../../worker/import-api';
import { useImportedNode } from './imported-store';

/** The supervisor's key for the imported node's restore. */
export const IMPORTED_NODE = 'imported-node';

/** Every call that reads the imported dump, and a new import (which must not race the restore's). */
export const IMPORT_METHODS: readonly Method[] = ['importDump', 'importSearch', 'importTrace', 'importDiff', 'importChainGraph'];

/** What a new worker redoes for the dump `text`, reporting to `progress` (undefined when done). */
export function importRestore(text: string, progress: (p: ImportProgressView | undefined) => void, done: () => void): Restore {
  return {
    before: IMPORT_METHODS,
    run: async (api) => {
      progress({ done: 0, total: 1 });
      try {
        await api.importDump(text, Comlink.proxy(progress));
        done();
      } finally {
        progress(undefined);
      }
    },
  };
}

/** Reads a dump in the worker (with progress) and keeps it for the workers that may replace this one. */
export async function importNode(text: string, onProgress?: (p: ImportProgressView) => void): Promise<ImportSummary> {
  const summary = await engine().importDump(text, onProgress ? Comlink.proxy(onProgress) : undefined);
  const store = useImportedNode.getState;
  engineSupervisor().keep(
    IMPORTED_NODE,
    importRestore(
      text,
      (p) => store().setRestoring(p),
      () => store().restored(),
    ),
  );
  return summary;
}
