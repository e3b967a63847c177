import type { CliIo } from './io';
import { readInput } from './commands/print';
import { loadScenario } from '../engine/cluster/load';
import type { ClusterModel } from '../engine/cluster/model';

/** Loads a scenario file; prints diagnostics as `file:line:col: message` (warnings too) and returns the cluster if valid. */
export function loadScenarioFile(file: string, io: CliIo): ClusterModel | undefined {
  const result = loadScenario(readInput(file));
  for (const d of result.diagnostics) io.stderr(`${file}:${d.line}:${d.col}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}\n`);
  return result.cluster;
}
