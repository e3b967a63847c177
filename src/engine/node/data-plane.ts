/**
 * A data plane: a rule engine that hooks into a node's netfilter, as iptables' tables, nftables' base
 * chains and IPVS do in the kernel (nf_register_net_hook with a hook and a priority). The node layer
 * runs every registered entry of a hook in priority order between its own conntrack stages
 * (pipeline.ts); a new data plane registers entries and never changes the node's core.
 *
 * Two kinds of entry, as the kernel has them:
 * - `filter` entries (iptables raw/mangle/filter/security, nft `type filter` chains, IPVS's hooks) run
 *   for every packet at their priority;
 * - `nat` entries (the iptables nat table, nft `type nat` chains) are not hooked directly: nf_nat's own
 *   hook (−100 at PREROUTING/OUTPUT, 100 at INPUT/POSTROUTING) calls them, in their priority order, only
 *   for a connection's first packet and only until one of them binds (nf_nat_inet_fn); every later packet
 *   is translated from the conntrack entry.
 */
import type { NatRange } from '../conntrack/nat';
import type { Hook } from '../packet';
import type { Hop, RuleHop } from './hops';
import type { StopOutcome } from './model';
import type { NodeTraversal } from './state';

/** What one entry did with the packet. The node applies it to the traversal (pipeline.ts). */
export interface HookResult {
  /** Hops to show, in order. When the traversal does not record, only the hop that stopped the packet is needed. */
  readonly hops: readonly Hop[];
  /** Rules (or expressions) evaluated one by one. */
  readonly evaluated: number;
  /** The packet's mark (skb->mark) after the entry. @default unchanged */
  readonly mark?: number;
  /** The connection's mark (ct->mark) after the entry; ignored when the packet has no conntrack entry. @default unchanged */
  readonly ctmark?: number;
  /** The entry told conntrack to leave the packet alone (`NOTRACK`, `CT --notrack`, nft `notrack`). */
  readonly notrack: boolean;
  /** The packet stops here (DROP, REJECT, a target not simulated). */
  readonly stop?: StopOutcome;
  /** `nat` entries: the binding the rules chose, with the hop that chose it (shown as the binding rewrote the packet). */
  readonly nat?: NatChoice;
  /**
   * The entry took the packet (NF_STOLEN) and sends it again from LOCAL_OUT, as IPVS's ip_vs_send_or_cont does
   * after rewriting it for a real server: the rest of this hook does not run; the node routes the packet anew
   * and runs OUTPUT and POSTROUTING (traverse.ts).
   */
  readonly resend?: boolean;
}

export interface NatChoice {
  /** DST: DNAT (PREROUTING, OUTPUT); SRC: SNAT / MASQUERADE (POSTROUTING, INPUT). A choice of the wrong type for the hook is ignored, as the kernel's targets check. */
  readonly manip: 'SRC' | 'DST';
  /** The range to bind into; undefined when the target found nothing to bind (MASQUERADE without a route). */
  readonly range: NatRange | undefined;
  readonly hop?: RuleHop;
}

export interface HookEntry {
  readonly hook: Hook;
  /** The kernel's priority: lower runs first (raw −300, mangle −150, nft dstnat −100, filter 0, IPVS LOCAL_IN 98 …). */
  readonly priority: number;
  readonly type: 'filter' | 'nat';
  /** What the entry is called where it is drawn: the iptables table, `nft ip kube-proxy filter-input`, `ipvs`. */
  readonly name: string;
  readonly run: (t: NodeTraversal, hook: Hook) => HookResult;
}

export interface DataPlane {
  /** `iptables`, `nftables`, `ipvs`. */
  readonly name: string;
  readonly entries: readonly HookEntry[];
}

/** What an entry that looked and changed nothing returns (a table the node does not have). */
export const UNCHANGED: HookResult = { hops: [], evaluated: 0, notrack: false };

/** Applies what an entry did: counts, marks, NOTRACK; the hops are the caller's to place. */
export function applyResult(t: NodeTraversal, r: HookResult): void {
  t.rulesEvaluated += r.evaluated;
  if (r.mark !== undefined && t.packet.mark !== r.mark) t.packet = { ...t.packet, mark: r.mark };
  if (r.ctmark !== undefined && t.entry && t.entry.mark !== r.ctmark) t.entry.mark = r.ctmark;
  if (r.notrack) t.untracked = true;
}
