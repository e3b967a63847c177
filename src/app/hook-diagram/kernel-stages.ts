/**
 * The kernel's order of things at each hook, as the engine simulates it. The diagram reads it from here
 * only, so that when the engine's node layer owns the table this one import is all that moves.
 */
export { HOOK_STAGES } from '../../engine/node/hook-stages';
export type { HookStage } from '../../engine/node/hook-stages';
export type { Hook } from '../../engine/packet';
/** A stage as the worker describes it: HookStage's kinds, and (nftables mode) kube-proxy's base chains. */
export type { HookStageView } from '../../worker/api';
