/**
 * What each iptables rule kube-proxy's IPVS proxier writes is for, as data (the IPVS-mode counterpart of
 * `explain/meaning.ts`): the writer (iptables-rules.ts) gives one with every rule, a node keeps them by
 * table, chain and index, and the packet view turns them into words (explain-roles.ts). Roles follow
 * pkg/proxy/ipvs/proxier.go: `writeIptablesRules`, `ipsetWithIptablesChain`, `acceptIPVSTraffic` and the
 * jumps of `iptablesJumpChain`. In IPVS mode no iptables rule DNATs: the virtual server does, at LOCAL_IN
 * (or LOCAL_OUT for the node's own processes), after the routing decision.
 */
import type { RuleMeaning } from '../../explain/meaning';
import type { IpvsRuleMeaning } from '../../explain/ipvs-meaning';

export type { IpvsRuleMeaning, IpvsRuleRole } from '../../explain/ipvs-meaning';

/** A rule of an IPVS-mode node: kube-proxy's (IPVS roles) or kindnet's masq agent's (iptables-mode meanings, the same rules in every mode). */
export type IpvsNodeRuleMeaning = { readonly kind: 'ipvs'; readonly meaning: IpvsRuleMeaning } | { readonly kind: 'iptables'; readonly meaning: RuleMeaning };

/** What a node's iptables rules are for, by table, chain and 0-based index, and which Service an address belongs to. */
export interface IpvsMeanings {
  ruleAt(table: string, chain: string, index: number): IpvsNodeRuleMeaning | undefined;
  /**
   * The Service port (`ns/name:port`) a packet to `address:port` is for: a ClusterIP, external IP or
   * load-balancer IP, or a NodePort on any of the node's addresses.
   */
  serviceAt(address: string, protocol: string, port: number): string | undefined;
}

/** The meanings recorded while the restore text was written, `(table, chain) → [meaning per rule]`. */
export class IpvsMeaningBook {
  private readonly byChain = new Map<string, IpvsNodeRuleMeaning[]>();

  add(table: string, chain: string, meaning: IpvsNodeRuleMeaning): void {
    const key = `${table}\u0000${chain}`;
    let list = this.byChain.get(key);
    if (!list) this.byChain.set(key, (list = []));
    list.push(meaning);
  }

  /** The rule at `index` of a chain (rules are appended in writing order, which is the chain's order). */
  at(table: string, chain: string, index: number): IpvsNodeRuleMeaning | undefined {
    return this.byChain.get(`${table}\u0000${chain}`)?.[index];
  }
}
