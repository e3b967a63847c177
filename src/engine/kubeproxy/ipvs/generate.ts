/**
 * One node in IPVS mode: the proxier's state (proxier.ts), its iptables rules loaded the way
 * iptables-restore loads them, the ipsets with their reference counts, the IPVS table and kube-ipvs0 —
 * everything `kpl rules --mode ipvs` prints.
 */
import type { ClusterModel } from '../../cluster/model';
import type { DummyInterface } from '../../ipvs/dummy-interface';
import { macFromSeed } from '../../ipvs/dummy-interface';
import type { IpSet } from '../../ipvs/ipset';
import { jhash2 } from '../../ipvs/jhash';
import type { IpvsTable } from '../../ipvs/model';
import type { Ruleset } from '../../netfilter/model';
import { parseIptables } from '../../netfilter/parse';
import { kindMasqAgentRules, withKindRules } from '../kind-masq-agent';
import { masqueradeMark } from '../generate';
import { localDetector } from '../local-detector';
import { IPSET_INFO } from './ipset-info';
import { writeIpvsIptables } from './iptables-rules';
import { IpvsMeaningBook, type IpvsMeanings } from './meaning';
import { ipvsNodeMeanings } from './node-meanings';
import type { IpvsProxierState } from './proxier';
import { syncIpvsProxier } from './proxier';

export interface IpvsNode {
  readonly node: string;
  readonly state: IpvsProxierState;
  /** nat then filter, as kube-proxy restores them, with the built-in jumps and kubelet's KUBE-FIREWALL. */
  readonly restoreText: string;
  readonly ruleset: Ruleset;
  /** Every set kube-proxy creates, in `ipsetInfo` order (a node lists them in its own creation order). */
  readonly ipsets: readonly IpSet[];
  readonly ipvs: IpvsTable;
  readonly dummy: DummyInterface;
  /** What each iptables rule is for (by table, chain, index) and which Service an address is, for the narration and hovers. */
  readonly meanings: IpvsMeanings;
}

/** The words of a string as u32s, for a stable stand-in of what a node picks at random. */
const seedOf = (text: string): number => jhash2([...text].map((c) => c.charCodeAt(0)), 0);

/** kube-ipvs0's ifindex on a kind node: lo is 1, eth0's veth end is moved in later; the lab says 3. */
const DUMMY_INDEX = 3;

export function generateIpvsNode(cluster: ClusterModel, nodeName: string): IpvsNode {
  const state = syncIpvsProxier(cluster, nodeName);
  const config = cluster.kubeProxy;
  const node = cluster.nodes.find((n) => n.name === nodeName);
  // kindnet writes its masq agent whatever kube-proxy's mode (the notes' kind node shows it beside KUBE-*).
  const book = new IpvsMeaningBook();
  const kubeProxyText = writeIpvsIptables(state, { masqueradeAll: config.masqueradeAll, mark: masqueradeMark(config.masqueradeBit), localDetector: localDetector(config, node) }, book);
  const kind = withKindRules(kubeProxyText, kindMasqAgentRules(cluster));
  const restoreText = kind.restoreText;
  const loaded = parseIptables(restoreText, { maxChars: Number.POSITIVE_INFINITY });
  if (loaded.errors.length > 0) throw new Error(`kube-proxy (ipvs) wrote rules iptables-restore refuses on ${nodeName}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  const references = setReferences(loaded.ruleset);
  const ipsets = IPSET_INFO.map((info) => ({
    name: info.name,
    type: info.type,
    initval: seedOf(`${nodeName}/${info.name}`),
    members: state.ipsets.get(info.name) ?? [],
    references: references.get(info.name) ?? 0,
  }));
  const seed = seedOf(nodeName);
  return {
    node: nodeName,
    state,
    restoreText,
    ruleset: loaded.ruleset,
    ipsets,
    ipvs: { virtualServers: state.virtualServers, connections: [] },
    dummy: { index: DUMMY_INDEX, name: 'kube-ipvs0', mac: macFromSeed(seed, seed >>> 16), addresses: state.boundAddresses },
    meanings: ipvsNodeMeanings(state, book, kind.rules),
  };
}

/** Each `-m set --match-set NAME` rule holds a reference on the set (xt_set's checkentry), shown as `References:`. */
function setReferences(ruleset: Ruleset): Map<string, number> {
  const refs = new Map<string, number>();
  for (const table of ruleset.tables.values())
    for (const chain of table.chains.values())
      for (const rule of chain.rules)
        for (const m of rule.matches) if (m.kind === 'set') refs.set(m.setName, (refs.get(m.setName) ?? 0) + 1);
  return refs;
}
