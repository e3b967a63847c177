/**
 * What the engine worker offers the page. The page imports only these types (see `client.ts`);
 * the engine itself is loaded in the worker, never on the main thread.
 */
import type { ScenarioOutline } from '../engine/scenario-outline';

export interface EngineInfo {
  readonly engineVersion: string;
  readonly kubernetesRelease: string;
}

export interface EngineApi {
  info(): EngineInfo;
  outline(text: string): ScenarioOutline;
}

/** How rules are printed: `iptables-save`, `iptables -S`, or `iptables -L -n -v`. */
export type RuleFormat = 'save' | 'S' | 'L';
