/**
 * What the kernel evaluates for one new connection to one Service, per kube-proxy mode: the SYN from pod
 * `client` to service `web` (synthetic-cluster.ts; `web` sorts last in KUBE-SERVICES), over every node it
 * crosses, counted from the recorded trace. iptables mode reads rules one by one (its KUBE-SERVICES walk
 * grows with the Services); nftables mode reads a few rules and looks maps up (one hash lookup each,
 * whatever the map's size); IPVS mode reads its few iptables rules (ipset matches) and looks the virtual
 * server up. The counts are the engine's: the same hops `kpl trace` prints.
 */
import type { ClusterModel } from '../src/engine/cluster/model';
import { nodeRuleset } from '../src/engine/kubeproxy';
import type { Ruleset } from '../src/engine/netfilter/model';
import { entryNode, resolveDestination, resolveSource } from '../src/engine/sim/addresses';
import { withMode, type ProxyMode } from '../src/engine/sim/data-planes';
import { runResolvedConnection } from '../src/engine/sim/journey';
import { createNetwork } from '../src/engine/sim/network';
import { CLIENT, TARGET, syntheticCluster } from './synthetic-cluster';

export interface EvaluatedPerConnection {
  /** Rules and chain policies read one by one (iptables rules and nftables rules alike). */
  readonly rules: number;
  /** nftables map lookups (`vmap @service-ips`, the `numgen` map, …). */
  readonly lookups: number;
  /** IPVS steps: a virtual server looked up and a real server scheduled. */
  readonly ipvs: number;
  /** rules + lookups + ipvs: everything the kernel evaluated for the SYN. */
  readonly total: number;
}

export type EvaluatedByMode = Readonly<Record<ProxyMode, EvaluatedPerConnection>>;

/** The SYN of one new connection client → web in `cluster`'s mode, counted. `rulesets` as createNetwork takes them. */
export function evaluatedForNewConnection(cluster: ClusterModel, rulesets?: (node: string) => Ruleset | undefined): EvaluatedPerConnection {
  const network = createNetwork(cluster, { seed: 1, recordEvents: false, ...(rulesets ? { rulesets } : {}) });
  const source = resolveSource(cluster, CLIENT);
  const destination = resolveDestination(cluster, TARGET);
  const journey = runResolvedConnection(network, source, destination, entryNode(cluster, destination), { firstPacketOnly: true, skipSnapshots: true, recordHops: true });
  if (journey.outcome !== 'delivered') throw new Error(`the benchmark's connection ${CLIENT} → ${TARGET} was not delivered in ${cluster.kubeProxy.mode} mode (${journey.outcome})`);
  const syn = journey.packets[0]!;
  const count = (kind: string): number => syn.hops.filter((h) => h.kind === kind).length;
  const rules = count('rule');
  // Every rule the walk read is a recorded hop: the trace and the kernel's count agree.
  if (rules !== syn.rulesEvaluated) throw new Error(`${cluster.kubeProxy.mode} mode: ${rules} rule hops recorded, ${syn.rulesEvaluated} rules evaluated`);
  const lookups = count('map-lookup');
  const ipvs = count('ipvs');
  return { rules, lookups, ipvs, total: rules + lookups + ipvs };
}

/**
 * The three modes on the synthetic cluster of `services` Services. In nftables mode kube-proxy's iptables
 * chains are gone (data-planes.ts `withoutKubeProxy`): the iptables tables keep only kubelet's and kindnet's
 * chains, which do not depend on the Services, so the one-Service cluster's tables stand in for them instead of
 * generating tens of MB of iptables rules per node only to strip them (a test checks both give the same counts).
 */
export function evaluatedByMode(services: number, progress: (line: string) => void = () => {}): EvaluatedByMode {
  const cluster = syntheticCluster(services);
  const small = services === 1 ? cluster : syntheticCluster(1);
  const kubeletAndKindnet = new Map(cluster.nodes.map((n) => [n.name, nodeRuleset(small, n.name).ruleset]));
  const label = services.toLocaleString('en-US');
  progress(`${label} services: rules evaluated per new connection, iptables mode`);
  const iptables = evaluatedForNewConnection(withMode(cluster, 'iptables'));
  progress(`${label} services: rules evaluated per new connection, nftables mode`);
  const nftables = evaluatedForNewConnection(withMode(cluster, 'nftables'), (node) => kubeletAndKindnet.get(node));
  progress(`${label} services: rules evaluated per new connection, ipvs mode`);
  const ipvs = evaluatedForNewConnection(withMode(cluster, 'ipvs'));
  return { iptables, nftables, ipvs };
}
