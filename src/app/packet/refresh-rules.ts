import { engine } from '../../worker/client';
import { useLabStore } from '../store';

/**
 * Re-reads the selected node's rules so `-L -n -v` shows the counters the simulation just moved (after a
 * traced connection, a reset, or a spread: all of them run on the rulesets the panel prints).
 */
export async function refreshRules(): Promise<void> {
  const lab = useLabStore.getState();
  if (!lab.selectedNode) return;
  const api = engine();
  // The chain graph region asks for its own view again (the store's stamp moves).
  const rules = await api.rules(lab.selectedNode, lab.table, lab.format);
  const now = useLabStore.getState();
  // Only if the view is still the one asked for; otherwise useEngineSync is already fetching the new one.
  if (now.selectedNode === lab.selectedNode && now.table === lab.table && now.format === lab.format) now.setRulesView(rules);
}
