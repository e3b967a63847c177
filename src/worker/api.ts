/**
 * What the engine worker offers the page. The page imports only these types (see `client.ts`);
 * the engine itself is loaded in the worker, never on the main thread.
 */
import type { ScenarioOutline } from '../engine/scenario-outline';
import type { Diagnostic } from '../engine/cluster/model';
import type { ChainGraph } from '../engine/netfilter/chain-graph';

export interface EngineInfo {
  readonly engineVersion: string;
  readonly kubernetesRelease: string;
}

/** How rules are printed: `iptables-save`, `iptables -S`, or `iptables -L -n -v`. */
export type RuleFormat = 'save' | 'S' | 'L';

export interface NodeSummary {
  readonly name: string;
  readonly role: 'control-plane' | 'worker';
  readonly internalIP: string;
  readonly podCIDR: string;
}

export interface ScenarioSummary {
  /** Every diagnostic of the latest text (errors block; warnings do not). */
  readonly diagnostics: readonly Diagnostic[];
  /** True when the latest text has errors and the cluster below is the last valid one. */
  readonly showingLastValid: boolean;
  /** Increases each time the cluster changes, so the page knows when to ask for rules again. */
  readonly revision: number;
  readonly nodes: readonly NodeSummary[];
  readonly services: readonly { readonly key: string; readonly clusterIP: string; readonly type: string; readonly implicit: boolean }[];
  readonly defaultNode?: string;
}

export interface EngineApi {
  info(): EngineInfo;
  outline(text: string): ScenarioOutline;
  /** Loads a scenario; on errors keeps the last valid cluster for every later call. */
  load(text: string): ScenarioSummary;
  rules(node: string, table: 'nat' | 'filter', format: RuleFormat): string;
  chainGraph(node: string, table: 'nat' | 'filter'): ChainGraph;
}
