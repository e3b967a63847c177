/**
 * Where the current hop is, for the diagrams: which stage of the hook diagram the packet token sits on,
 * and which chain (and which jump) of the chain graph it is in. Pure, from the hop list alone.
 */
import { HOOK_STAGES } from '../../engine/node/hook-stages';
import type { HopView, PacketView } from '../../worker/api';
import type { Hook } from '../../engine/packet';

export type Place = 'net-in' | 'net-out' | 'route-in' | 'route-out' | 'local';

/** A spot in the hook diagram: one stage (table or conntrack) of a hook, or one of the places around them. */
export type TokenSpot = { readonly kind: 'stage'; readonly hook: Hook; readonly stage: number } | { readonly kind: 'place'; readonly place: Place };

const HOOKS: readonly string[] = Object.keys(HOOK_STAGES);
const isHook = (h: string): h is Hook => HOOKS.includes(h);

function stageSpot(hook: string, pick: (s: (typeof HOOK_STAGES)[Hook][number]) => boolean): TokenSpot | undefined {
  if (!isHook(hook)) return undefined;
  const stage = HOOK_STAGES[hook].findIndex(pick);
  return stage >= 0 ? { kind: 'stage', hook, stage } : undefined;
}

export function tokenSpot(hop: HopView): TokenSpot | undefined {
  switch (hop.kind) {
    case 'rule':
    case 'skipped':
      return stageSpot(hop.hook, (s) => s.kind === 'table' && s.table === hop.table);
    case 'nat-from-entry':
      return stageSpot(hop.hook, (s) => s.kind === 'table' && s.table === 'nat');
    case 'conntrack':
      return stageSpot(hop.hook, (s) => s.kind === 'conntrack');
    case 'confirm':
      return stageSpot(hop.hook, (s) => s.kind === 'confirm');
    case 'routing':
      return { kind: 'place', place: hop.hook === 'OUTPUT' ? 'route-out' : 'route-in' };
    case 'send':
      return { kind: 'place', place: hop.from.kind === 'node' ? 'local' : 'net-in' };
    case 'wire':
      return { kind: 'place', place: 'net-out' };
    case 'deliver':
      return { kind: 'place', place: hop.to.kind === 'node' ? 'local' : 'net-out' };
  }
}

export function spotKey(spot: TokenSpot): string {
  return spot.kind === 'stage' ? `${spot.hook}:${spot.stage}` : spot.place;
}

/** The chain graph's view of a rule hop: the chain it is in, chains walked before it, and the edges to light. */
export interface ChainFocus {
  readonly node: string;
  readonly table: string;
  readonly chain: string;
  /** Chains of this walk (same node, hook and table) up to and including the current one. */
  readonly visited: readonly string[];
  /** Edge ids (`FROM#ruleIndex`, as the chain graph names them): the jump into the current chain, and the jump the current rule takes. */
  readonly edges: readonly string[];
}

export function chainFocus(packet: PacketView, hopIndex: number): ChainFocus | undefined {
  const hop = packet.hops[hopIndex];
  if (!hop || (hop.kind !== 'rule' && hop.kind !== 'skipped')) return undefined;
  const visited: string[] = [];
  const edges: string[] = [];
  if (hop.kind === 'rule' && hop.matched && hop.target && hop.ruleIndex >= 0) edges.push(`${hop.chain}#${hop.ruleIndex}`);
  let into: string | undefined;
  for (let i = hopIndex; i >= 0; i--) {
    const h = packet.hops[i]!;
    if ((h.kind !== 'rule' && h.kind !== 'skipped') || h.node !== hop.node || h.hook !== hop.hook || h.table !== hop.table) break;
    if (!visited.includes(h.chain)) visited.unshift(h.chain);
    if (into === undefined && i < hopIndex && h.kind === 'rule' && h.matched && h.target === hop.chain) {
      into = `${h.chain}#${h.ruleIndex}`;
      edges.push(into);
    }
  }
  return { node: hop.node, table: hop.table, chain: hop.chain, visited, edges };
}
