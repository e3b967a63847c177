/**
 * The jump graph of one nft table, in the shape the Chain graph draws for iptables (chain-graph.ts): a
 * node per chain, an edge per `jump`/`goto` — and per element of a verdict map, since a vmap is how
 * kube-proxy's nftables proxier branches (`vmap @service-ips` to each Service, `numgen random mod N vmap
 * { 0 : goto endpoint-… }` to each endpoint). Chain kinds and Services come from kube-proxy's chain names
 * (`service-ULMVA6XW-ns1/svc1/tcp/p80`, pkg/proxy/nftables/proxier.go servicePortChainNameBase).
 */
import type { ChainGraph, ChainGraphEdge, ChainGraphNode, ChainKind } from '../netfilter/chain-graph';
import type { TableName } from '../netfilter/model';
import type { NftChain, NftTable, Verdict } from '../nftables/model';
import { tableRef } from '../nftables/model';
import { formatValue } from '../nftables/values';
import { nftServiceName } from './nft-chain-names-check';

const PORT_CHAIN = /^(service|local|external|endpoint|firewall)-[A-Z0-9]{8}-([^/]+)\/([^/]+)\/[a-z]+\/([^_/]*)/;

function kindOf(chain: NftChain): ChainKind {
  if (chain.base) return 'builtin';
  const n = chain.name;
  if (n === 'services') return 'services';
  if (n.startsWith('service-')) return 'service';
  if (n.startsWith('external-')) return 'external';
  if (n.startsWith('firewall-')) return 'firewall';
  if (n.startsWith('endpoint-')) return 'endpoint';
  if (n === 'nodeports' || n === 'service-nodeports') return 'nodeports';
  if (n === 'mark-for-masquerade') return 'mark';
  if (n === 'masquerading') return 'postrouting';
  return 'other';
}

/** `ns1/svc1:p80` for kube-proxy's per-Service-port chains (`ns1/svc1` for an unnamed port, as its comments say). */
export function nftChainService(name: string): string | undefined {
  const m = PORT_CHAIN.exec(name);
  return m ? nftServiceName(m[2]!, m[3]!, m[4]!) : undefined;
}

const target = (v: Verdict): { to: string; goto: boolean } | undefined => (v.kind === 'jump' || v.kind === 'goto' ? { to: v.chain, goto: v.kind === 'goto' } : undefined);

/**
 * The graph of `table`. Its `table` field carries the nft table's name (`ip kube-proxy`) where an iptables
 * graph has `nat` or `filter`: the views only compare it with a packet's hop table, which for an nft hop
 * is that same name.
 */
export function nftChainGraph(table: NftTable): ChainGraph {
  const nodes: ChainGraphNode[] = table.chains.map((c) => {
    const service = nftChainService(c.name);
    return { chain: c.name, kind: kindOf(c), ruleCount: c.rules.length, ...(c.base ? { policy: c.base.policy === 'drop' ? 'DROP' : 'ACCEPT' } : {}), ...(service ? { service } : {}) };
  });
  const known = new Set(table.chains.map((c) => c.name));
  const maps = new Map(table.sets.filter((s) => s.kind === 'map').map((s) => [s.name, s]));
  const edges: ChainGraphEdge[] = [];
  for (const c of table.chains)
    c.rules.forEach((rule, ruleIndex) => {
      for (const s of rule.statements) {
        if (s.kind === 'verdict') {
          const t = target(s.verdict);
          if (t && known.has(t.to)) edges.push({ from: c.name, to: t.to, ruleIndex, goto: t.goto, label: '' });
        } else if (s.kind === 'vmap') {
          const elements = s.map.kind === 'anonymous' ? s.map.elements.map((e) => ({ key: formatValue(e.key), verdict: e.verdict })) : (maps.get(s.map.name)?.elements ?? []).map((e) => ({ key: formatValue(e.key), verdict: e.verdict }));
          // One rule, many branches: each element's edge gets its own place between this rule and the next
          // (the views key an edge by chain and rule index, and order branches by it).
          elements.forEach((e, k) => {
            const t = e.verdict && target(e.verdict);
            if (t && known.has(t.to)) edges.push({ from: c.name, to: t.to, ruleIndex: ruleIndex + (k + 1) / (elements.length + 1), goto: t.goto, label: s.map.kind === 'named' ? `@${s.map.name} ${e.key}` : e.key });
          });
        }
      }
    });
  // The graph's table is the nft table's name (see above); ChainGraph types it as an iptables table.
  return { table: tableRef(table) as unknown as TableName, nodes, edges };
}
