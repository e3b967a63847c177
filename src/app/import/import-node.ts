/**
 * Importing a node's rules so that they survive a restart of the engine's worker: the worker keeps the
 * imported dump, a fresh worker has none. The dump's text is kept here (on the page, where it came from)
 * and the supervisor reads it into every new worker before it answers any question about the imported
 * node (search, trace, graph, diff, a new import), with the progress shown as for an import.
 */
import * as Comlink from 'comlink';
import { engine, engineSupervisor } from '../../worker/client';
import type { ImportProgressView, ImportSummary } from '../../worker/import-api';
import { useImportedNode } from './imported-store';
import { IMPORTED_NODE, importRestore } from './import-restore';

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
