/**
 * Where the current hop is, for the diagrams: which stage of the hook diagram the packet token sits on,
 * and which chain (and which jump) of the chain graph it is in. Pure, from the hop list alone.
 */
import { HOOK_STAGES } from '../../engine/node/hook-stages';
import type { HookStagesView, HopView, PacketView } from '../../worker/api';
import type { Hook } from '../../engine/packet';

export type Place = 'net-in' | 'net-out' | 'route-in' | 'route-out' | 'local';

/** A spot in the hook diagram: one stage (table or conntrack) of a hook, or one of the places around them. */
export type TokenSpot = { readonly kind: 'stage'; readonly hook: Hook; readonly stage: number } | { readonly kind: 'place'; readonly place: Place };

const HOOKS: readonly string[] = Object.keys(HOOK_STAGES);
const isHook = (h: string): h is Hook => HOOKS.includes(h);

type Stage = HookStagesView[Hook][number];

/**
 * The nftables base chain a hop of table `table` runs under: the nearest base chain of this hook its walk
 * passed through (a walk starts in its base chain, and a later base chain's walk starts after it).
 */
function nftBaseChain(stages: HookStagesView, hook: Hook, table: string, packet: PacketView | undefined, hopIndex: number | undefined): string | undefined {
  const bases = new Set(stages[hook].flatMap((s) => (s.kind === 'nft' && s.table === table ? [s.chain] : [])));
  if (!packet || hopIndex === undefined) return undefined;
  const at = packet.hops[hopIndex];
  for (let i = hopIndex; i >= 0; i--) {
    const h = packet.hops[i]!;
    if ((h.kind !== 'rule' && h.kind !== 'skipped' && h.kind !== 'map-lookup') || h.table !== table || h.hook !== hook || (at && 'node' in at && h.node !== at.node)) break;
    if (bases.has(h.chain)) return h.chain;
  }
  return undefined;
}

/**
 * Where a hop sits in the hook diagram. `stages` is what the hooks hold (nftables mode adds kube-proxy's
 * base chains); `packet` and `hopIndex` let an nftables hop find its base chain.
 */
export function tokenSpot(hop: HopView, stages: HookStagesView = HOOK_STAGES, packet?: PacketView, hopIndex?: number): TokenSpot | undefined {
  const stageSpot = (hook: string, pick: (s: Stage) => boolean): TokenSpot | undefined => {
    if (!isHook(hook)) return undefined;
    const stage = stages[hook].findIndex(pick);
    return stage >= 0 ? { kind: 'stage', hook, stage } : undefined;
  };
  switch (hop.kind) {
    case 'rule':
    case 'skipped':
    case 'map-lookup': {
      if (!hop.table.includes(' ')) return stageSpot(hop.hook, (s) => s.kind === 'table' && s.table === hop.table);
      const base = isHook(hop.hook) ? nftBaseChain(stages, hop.hook, hop.table, packet, hopIndex) : undefined;
      return stageSpot(hop.hook, (s) => s.kind === 'nft' && s.table === hop.table && (base === undefined || s.chain === base));
    }
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

type WalkHop = Extract<HopView, { kind: 'rule' | 'skipped' | 'map-lookup' }>;
const inWalk = (h: HopView): h is WalkHop => h.kind === 'rule' || h.kind === 'skipped' || h.kind === 'map-lookup';

/** The chain a rule's target sends the packet to: iptables names it, nft says `jump X` / `goto X`. */
export const targetChain = (target: string): string => target.replace(/^(jump|goto) /, '');

/**
 * The chain graph's node a hop is at, and the edges it takes: an nft map lookup is at the map's node
 * (`@service-ips`) and takes the rule's edge into it and the element's edge out; a lookup in a rule's own
 * anonymous map (numgen) takes the element's edge out of the rule's chain (chain-graph ids, see edge-id.ts).
 */
function hopEdges(hop: WalkHop): { at: string; edges: string[] } {
  if (hop.kind === 'map-lookup') {
    if (hop.map === '{…}') return { at: hop.chain, edges: hop.verdict !== undefined ? [`${hop.chain}#${hop.ruleIndex}=${hop.key}`] : [] };
    const at = `@${hop.map}`;
    return { at, edges: [`${hop.chain}#${hop.ruleIndex}`, ...(hop.verdict !== undefined ? [`${at}=${hop.key}`] : [])] };
  }
  return { at: hop.chain, edges: hop.kind === 'rule' && hop.matched && hop.target && hop.ruleIndex >= 0 ? [`${hop.chain}#${hop.ruleIndex}`] : [] };
}

export function chainFocus(packet: PacketView, hopIndex: number): ChainFocus | undefined {
  const hop = packet.hops[hopIndex];
  if (!hop || !inWalk(hop)) return undefined;
  const visited: string[] = [];
  const own = hopEdges(hop);
  const previous = packet.hops[hopIndex - 1];
  // The rule after its own map lookup carries out what the lookup found: it shows the lookup's edges.
  const carried = hop.kind === 'rule' && previous?.kind === 'map-lookup' && previous.chain === hop.chain && previous.ruleIndex === hop.ruleIndex ? hopEdges(previous).edges : [];
  const edges: string[] = carried.length > 0 ? carried : [...own.edges];
  let into: string | undefined;
  for (let i = hopIndex; i >= 0; i--) {
    const h = packet.hops[i]!;
    if (!inWalk(h) || h.node !== hop.node || h.hook !== hop.hook || h.table !== hop.table) break;
    const at = hopEdges(h);
    for (const c of h.kind === 'map-lookup' && at.at !== h.chain ? [at.at, h.chain] : [h.chain]) if (!visited.includes(c)) visited.unshift(c);
    if (into === undefined && i < hopIndex && h.kind === 'rule' && h.matched && h.target && targetChain(h.target) === hop.chain) {
      // Entered through a map: the element's edge, not the rule's (which leads to the map).
      const lookup = packet.hops[i - 1];
      into = lookup?.kind === 'map-lookup' && lookup.chain === h.chain && lookup.ruleIndex === h.ruleIndex ? hopEdges(lookup).edges.at(-1) : `${h.chain}#${h.ruleIndex}`;
      if (into !== undefined) edges.push(into);
    }
  }
  if (hop.kind === 'map-lookup' && own.at !== hop.chain && !visited.includes(own.at)) visited.push(own.at);
  return { node: hop.node, table: hop.table, chain: own.at, visited, edges };
}
