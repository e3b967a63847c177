/**
 * The kernel's order of things at each hook, as the engine simulates it. The diagram reads it from here
 * only, so that when the engine's node layer owns the table this one import is all that moves.
 */
export { HOOK_STAGES } from '../../engine/netfilter/hooks';
export type { HookStage } from '../../engine/netfilter/hooks';
export type { Hook } from '../../engine/netfilter/model';
