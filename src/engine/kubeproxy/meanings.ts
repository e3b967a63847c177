/**
 * Small constructors for the meaning the generator writes beside each rule (see `explain/meaning.ts`):
 * the generator names roles and keys; the words are in `explain/catalog.ts`.
 */
import type { ExplanationKey } from '../explain/catalog';
import type { ExplanationParams, RuleMeaning, RuleRole } from '../explain/meaning';

/** A node-wide rule (no Service behind it). */
export function nodeMeaning(role: RuleRole, key: ExplanationKey, params: ExplanationParams = {}): RuleMeaning {
  return { role, key, params };
}

/** A rule of one service port: its `ns/name:port` goes into the meaning and into the sentence as `{service}`. */
export function serviceMeaning(
  service: string,
  role: RuleRole,
  key: ExplanationKey,
  params: ExplanationParams = {},
  extra: { readonly endpoint?: string; readonly probability?: number } = {},
): RuleMeaning {
  return { role, service, ...extra, key, params: { service, ...params } };
}
