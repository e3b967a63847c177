/** What the imported node's views ask the worker, with the answer put in the imported node's store. */
import { engine } from '../../worker/client';
import { traceRequest, useImportedNode, type TraceForm } from './imported-store';

export async function searchImported(query: string): Promise<void> {
  useImportedNode.getState().setSearch(query, useImportedNode.getState().hits);
  const hits = await engine().importSearch(query);
  // A later keystroke's answer wins: only the query still in the box is applied.
  if (useImportedNode.getState().query === query) useImportedNode.getState().setSearch(query, hits);
}

export async function traceImported(form: TraceForm = useImportedNode.getState().form): Promise<void> {
  const s = useImportedNode.getState();
  s.setForm(form);
  const trace = await engine().importTrace(traceRequest(form));
  useImportedNode.getState().setTrace(trace);
  if (!trace.ok) return;
  // The graph follows the packet: the chain of its last matched rule in the table on screen.
  const table = useImportedNode.getState().table;
  const last = [...(trace.packets[0]?.hops ?? [])].reverse().find((h) => h.matched && h.table === table);
  if (last) useImportedNode.getState().setSelectedChain(last.chain);
}
