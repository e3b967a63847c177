/**
 * What a new engine worker redoes so that an imported node survives a restart (import-node.ts keeps it
 * with the supervisor). No page globals here: the supervisor's tests use it in Node.
 */
import * as Comlink from 'comlink';
import type { Method, Restore } from '../../worker/supervisor';
import type { ImportProgressView } from '../../worker/import-api';

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
