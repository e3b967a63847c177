/**
 * An IPVS-mode node's rule meanings (what the writer recorded, plus kindnet's masq agent rules, which keep
 * their iptables-mode meanings) and the Service an address belongs to, for the words of a packet's walk.
 */
import type { GeneratedRule } from '../types';
import type { IpvsMeaningBook, IpvsMeanings } from './meaning';
import type { IpvsProxierState } from './proxier';

export function ipvsNodeMeanings(state: IpvsProxierState, book: IpvsMeaningBook, kindRules: readonly GeneratedRule[]): IpvsMeanings {
  // kindnet's rules come after kube-proxy's in their chains (withKindRules appends them), in index order.
  for (const r of [...kindRules].sort((a, b) => a.index - b.index)) book.add(r.table, r.chain, { kind: 'iptables', meaning: r.meaning });
  let byAddress: Map<string, string> | undefined;
  let byNodePort: Map<string, string> | undefined;
  const index = (): void => {
    byAddress = new Map();
    byNodePort = new Map();
    for (const sp of state.servicePorts) {
      const key = (ip: string): string => `${ip}|${sp.protocol}|${sp.port.port}`;
      for (const ip of [sp.clusterIP.value, ...sp.externalIPs.map((e) => e.value), ...sp.loadBalancerVIPs.map((e) => e.value)]) if (ip !== '' && !byAddress.has(key(ip))) byAddress.set(key(ip), sp.name);
      if (sp.nodePort !== 0) byNodePort.set(`${sp.protocol}|${sp.nodePort}`, sp.name);
    }
  };
  return {
    ruleAt: (table, chain, i) => book.at(table, chain, i),
    serviceAt: (address, protocol, port) => {
      if (!byAddress || !byNodePort) index();
      const p = protocol.toLowerCase();
      // A Service IP first; otherwise a NodePort, which kube-proxy serves on the node's addresses (KUBE-NODE-PORT-* sets hold ports only).
      return byAddress!.get(`${address}|${p}|${port}`) ?? (state.boundAddresses.includes(address) ? undefined : byNodePort!.get(`${p}|${port}`));
    },
  };
}
