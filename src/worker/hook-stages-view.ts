/**
 * What each hook holds, for the hook diagram, in the scenario's kube-proxy mode: in iptables mode the
 * fixed HOOK_STAGES; in nftables mode also kube-proxy's base chains (table `ip kube-proxy`) at their
 * priorities among iptables' tables and conntrack. Composed by the node layer itself (registerPlanes, the
 * very order packets run in), from kube-proxy's base chains (setup.ts BASE_CHAINS), which every node has.
 */
import { BASE_CHAINS } from '../engine/kubeproxy/nftables';
import { parseIptables } from '../engine/netfilter/parse';
import type { TableName } from '../engine/netfilter/model';
import { parseTransaction } from '../engine/nftables/parse-transaction';
import type { HookStage } from '../engine/node/hook-stages';
import type { DataPlane, HookEntry } from '../engine/node/data-plane';
import { iptablesPlane } from '../engine/node/iptables';
import { nftablesPlane } from '../engine/node/nftables';
import { registerPlanes, type NodeHooks, type NodeStage } from '../engine/node/pipeline';
import type { Hook } from '../engine/packet';

/** A stage as the diagram draws it: HOOK_STAGES' kinds, and an nftables base chain. */
export type HookStageView = HookStage | { readonly kind: 'nft'; readonly table: string; readonly chain: string; readonly type: 'filter' | 'nat'; readonly priority: number };
export type HookStagesView = Readonly<Record<Hook, readonly HookStageView[]>>;

/** nftables.ts names its entries `nft ip kube-proxy CHAIN`. */
function entryStage(e: HookEntry): HookStageView {
  const nft = /^nft (\S+ \S+) (\S+)$/.exec(e.name);
  if (nft) return { kind: 'nft', table: nft[1]!, chain: nft[2]!, type: e.type, priority: e.priority };
  return { kind: 'table', table: e.name as TableName, priority: e.priority };
}

function stageViews(s: NodeStage): HookStageView[] {
  switch (s.kind) {
    case 'conntrack':
      return [{ kind: 'conntrack', priority: -200 }];
    case 'confirm':
      return [{ kind: 'confirm', priority: 2147483647 }];
    case 'nat':
      // nf_nat asks the nat entries of its hook in their priority order (iptables' nat first at equal priority).
      return s.entries.map(entryStage);
    case 'entry':
      return [entryStage(s.entry)];
  }
}

/** The diagram's stages for hooks composed by the node layer. */
export function hookStagesView(hooks: NodeHooks): HookStagesView {
  const of = (h: Hook): HookStageView[] => hooks[h].flatMap(stageViews);
  return { PREROUTING: of('PREROUTING'), INPUT: of('INPUT'), FORWARD: of('FORWARD'), OUTPUT: of('OUTPUT'), POSTROUTING: of('POSTROUTING') };
}

const EMPTY_XTABLES = { ruleset: parseIptables('').ruleset, localAddresses: new Set<never>(), recent: new Map(), nthCounters: new Map(), nfacct: new Map(), ipsets: new Map() };

let nftStages: HookStagesView | undefined;

/** nftables mode: kube-proxy's base chains beside iptables' tables (the same on every node). */
export function nftablesHookStages(): HookStagesView {
  if (!nftStages) {
    const text = ['add table ip kube-proxy', ...BASE_CHAINS.map((c) => `add chain ip kube-proxy ${c.name} { type ${c.type} hook ${c.hook} priority ${c.priority} ; }`)].join('\n');
    const planes: DataPlane[] = [iptablesPlane(EMPTY_XTABLES), nftablesPlane(parseTransaction(text, { declarationsFirst: false }).ruleset)];
    nftStages = hookStagesView(registerPlanes(planes));
  }
  return nftStages;
}
