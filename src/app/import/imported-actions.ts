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
  // The graph follows the packet: the chain whose rule translated it (the DNAT), else its last matched rule, in the table on screen.
  const table = useImportedNode.getState().table;
  const hops = (trace.packets[0]?.hops ?? []).filter((h) => h.matched && h.table === table);
  const at = hops.find((h) => h.change !== '') ?? hops.at(-1);
  if (at) useImportedNode.getState().setSelectedChain(at.chain);
}
