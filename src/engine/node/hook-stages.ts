/**
 * What runs at each hook of a node whose data plane is iptables, by priority
 * (include/uapi/linux/netfilter_ipv4.h): raw −300 < conntrack −200 < mangle −150 < nat DNAT −100 <
 * filter 0 < security 50 < nat SNAT 100 < conntrack confirm INT_MAX.
 * Plain data, so the hook diagram can import it without the engine; `hook-stages.test.ts` checks that
 * it is exactly what the node layer composes from conntrack and the iptables data plane (pipeline.ts),
 * so what is drawn is what is simulated.
 */
import type { TableName } from '../netfilter/model';
import type { Hook } from '../packet';

/** One thing that runs at a hook: a table's chain, or conntrack itself. */
export type HookStage =
  | { readonly kind: 'table'; readonly table: TableName; readonly priority: number }
  /** nf_conntrack_in: looks the packet up, creates an unconfirmed entry for a new connection. */
  | { readonly kind: 'conntrack'; readonly priority: -200 }
  /** nf_nat's manipulation for a packet of an already-NATed connection happens with the nat stage; this is the confirm. */
  | { readonly kind: 'confirm'; readonly priority: 2147483647 };

/** enum nf_ip_hook_priorities, the ones a node here registers. */
export const PRIORITY = {
  raw: -300,
  conntrack: -200,
  mangle: -150,
  natDst: -100,
  filter: 0,
  security: 50,
  natSrc: 100,
  confirm: 2147483647,
} as const;

const table = (t: TableName, priority: number): HookStage => ({ kind: 'table', table: t, priority });
const conntrack: HookStage = { kind: 'conntrack', priority: -200 };
const confirm: HookStage = { kind: 'confirm', priority: 2147483647 };

/** Stages per hook, in the order the kernel calls them. */
export const HOOK_STAGES: Readonly<Record<Hook, readonly HookStage[]>> = {
  PREROUTING: [table('raw', PRIORITY.raw), conntrack, table('mangle', PRIORITY.mangle), table('nat', PRIORITY.natDst)],
  INPUT: [
    table('mangle', PRIORITY.mangle),
    table('filter', PRIORITY.filter),
    table('security', PRIORITY.security),
    table('nat', PRIORITY.natSrc),
    confirm,
  ],
  FORWARD: [table('mangle', PRIORITY.mangle), table('filter', PRIORITY.filter), table('security', PRIORITY.security)],
  OUTPUT: [
    table('raw', PRIORITY.raw),
    conntrack,
    table('mangle', PRIORITY.mangle),
    table('nat', PRIORITY.natDst),
    table('filter', PRIORITY.filter),
    table('security', PRIORITY.security),
  ],
  POSTROUTING: [table('mangle', PRIORITY.mangle), table('nat', PRIORITY.natSrc), confirm],
};
