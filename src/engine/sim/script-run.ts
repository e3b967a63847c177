/**
 * Runs a script (script.ts) on one simulated network, step by step: connections mutate it as usual, a
 * wait moves its clock (clock.ts), an endpoint change swaps in the changed cluster the way a node lives
 * through it (reload.ts: rules rewritten, conntrack kept, kube-proxy's UDP cleanup).
 */
import { ClusterEditError, removeEndpoint, scaleDeployment } from '../cluster/edit';
import type { ConntrackCleanup } from '../kubeproxy/conntrack-cleanup';
import { AddressError } from './addresses';
import { advanceClock, type ClockAdvance } from './clock';
import { conntrackLines } from './conntrack-snapshot';
import { runConnection, type Journey } from './journey';
import type { SimNetwork } from './network';
import { reloadNetwork } from './reload';
import type { ConnectStep, ConntrackStep, RemoveEndpointStep, ScaleStep, ScriptLine, SendStep, WaitStep } from './script';
import { resolveDestination } from './addresses';
import { TCP_MORE, TCP_OPEN, type ConversationPacket } from './conversation';

/** What one step did, with the clock when it started. */
export type ScriptEvent =
  | { readonly kind: 'connect'; readonly at: ScriptLine & { step: ConnectStep | SendStep }; readonly atMs: number; readonly journey: Journey }
  | { readonly kind: 'wait'; readonly at: ScriptLine & { step: WaitStep }; readonly atMs: number; readonly advance: ClockAdvance }
  | {
      readonly kind: 'edit';
      readonly at: ScriptLine & { step: ScaleStep | RemoveEndpointStep };
      readonly atMs: number;
      /** Per node, what kube-proxy's conntrack reconciler deleted after the sync (nodes with nothing to delete are left out). */
      readonly cleanups: Readonly<Record<string, ConntrackCleanup>>;
    }
  | { readonly kind: 'conntrack'; readonly at: ScriptLine & { step: ConntrackStep }; readonly atMs: number; readonly lines: Readonly<Record<string, readonly string[]>> };

/** A step that cannot run on this cluster (a name it lacks), with the step's line. */
export class ScriptRunError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${line}: ${reason}`);
  }
}

export interface ScriptRun {
  readonly events: readonly ScriptEvent[];
  /** The network after the last step (an edit replaces the network object). */
  readonly network: SimNetwork;
}

/** What a connect or send step says: a TCP connection left open, one more request on it, or the whole conversation. */
function conversationFor(network: SimNetwork, step: ConnectStep | SendStep, line: number): readonly ConversationPacket[] | undefined {
  const keepOpen = step.kind === 'connect' && step.keepOpen === true;
  if (!keepOpen && step.kind === 'connect') return undefined;
  const tcp = resolveDestination(network.cluster, step.to, step.protocol).protocol === 'tcp';
  if (keepOpen && !tcp) throw new ScriptRunError(line, '--keep-open is for TCP connections (a UDP flow has nothing to close)');
  return tcp ? (keepOpen ? TCP_OPEN : TCP_MORE) : undefined;
}

export function runScript(start: SimNetwork, script: readonly ScriptLine[]): ScriptRun {
  let network = start;
  const events: ScriptEvent[] = [];
  for (const at of script) {
    const atMs = network.nowMs;
    const { step } = at;
    try {
      switch (step.kind) {
        case 'connect':
        case 'send': {
          const conversation = conversationFor(network, step, at.line);
          const journey = runConnection(network, {
            from: step.from,
            to: step.to,
            ...(step.via !== undefined ? { via: step.via } : {}),
            ...(step.protocol ? { protocol: step.protocol } : {}),
            ...(step.sport !== undefined ? { sport: step.sport } : {}),
            ...(conversation ? { conversation } : {}),
          });
          events.push({ kind: 'connect', at: { ...at, step }, atMs, journey });
          break;
        }
        case 'wait':
          events.push({ kind: 'wait', at: { ...at, step }, atMs, advance: advanceClock(network, step.ms) });
          break;
        case 'scale':
        case 'remove-endpoint': {
          const cluster = step.kind === 'scale' ? scaleDeployment(network.cluster, step.namespace, step.deployment, step.replicas) : removeEndpoint(network.cluster, step.ip);
          const reload = reloadNetwork(network, cluster);
          network = reload.network;
          events.push({ kind: 'edit', at: { ...at, step }, atMs, cleanups: reload.cleanups });
          break;
        }
        case 'conntrack': {
          const all = conntrackLines(network);
          if (step.node !== undefined && !network.nodes.has(step.node)) throw new AddressError(`no node "${step.node}" (nodes: ${[...network.nodes.keys()].join(', ')})`);
          const lines = step.node === undefined ? all : { [step.node]: all[step.node] ?? [] };
          events.push({ kind: 'conntrack', at: { ...at, step }, atMs, lines });
          break;
        }
      }
    } catch (e) {
      if (e instanceof AddressError || e instanceof ClusterEditError) throw new ScriptRunError(at.line, e.message.replace(/^--(from|to|via) /, ''));
      throw e;
    }
  }
  return { events, network };
}
