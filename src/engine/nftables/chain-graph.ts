/**
 * The chain graph of kube-proxy's nftables table: chains and verdict maps as nodes, jumps and gotos as
 * edges, and a verdict map's elements as edges out of the map's node, each labelled with its key
 * (`@service-ips` —`10.96.0.10 . udp . 53`→ `service-…`). A rule that looks a map up has one edge to it;
 * an anonymous map (`numgen random mod 3 vmap { 0 : goto endpoint-…, … }`) has no node of its own, its
 * elements are edges out of the rule's chain. As for iptables (netfilter/chain-graph.ts), derived from
 * the ruleset alone. One graph per kind of base chain: `nat` (services, endpoints, masquerading) or
 * `filter` (firewall, no-endpoint and ClusterIP checks), the chains reachable from those base chains.
 */
import type { ChainGraph, ChainGraphEdge, ChainGraphNode, ChainKind } from '../netfilter/chain-graph';
import { tableRef, type NftChain, type NftSet, type NftTable, type Statement, type Verdict } from './model';
import { selectorText, statementText } from './print-rule';
import { formatValue } from './values';

/** A map's node is named as rules name it, `@service-ips`, so it never shares a name with a chain. */
export const mapNodeName = (map: string): string => `@${map}`;

/** `service-HASH8-ns/name/proto/port[__ip/port]` (names.ts) → the Service port as kube-proxy names it, `ns/name:port`. */
export function nftChainService(chain: string): string | undefined {
  const m = /^(?:service|local|external|firewall|endpoint)-[A-Z2-7]{8}-([^/]+)\/([^/]+)\/[a-z]+\/([^_/]*)(?:__|$)/.exec(chain);
  if (!m) return undefined;
  return m[3] === '' ? `${m[1]}/${m[2]}` : `${m[1]}/${m[2]}:${m[3]}`;
}

export function nftChainKind(chain: NftChain): ChainKind {
  const name = chain.name;
  if (chain.base) return 'builtin';
  if (name === 'services') return 'services';
  if (name === 'mark-for-masquerade') return 'mark';
  if (name === 'masquerading') return 'postrouting';
  // The per-Service-port chains carry the Service in their names; `service-endpoints-check` and `firewall-check` do not.
  if (nftChainService(name) === undefined) return 'filter';
  if (name.startsWith('service-')) return 'service';
  if (name.startsWith('local-')) return 'service-local';
  if (name.startsWith('external-')) return 'external';
  if (name.startsWith('firewall-')) return 'firewall';
  return 'endpoint';
}

const chainOf = (v: Verdict): string | undefined => (v.kind === 'jump' || v.kind === 'goto' ? v.chain : undefined);

/** The rule's matches before its verdict, as nft prints them (`ct state new`, `ip saddr != 10.10.0.0/16`). */
function conditionText(statements: readonly Statement[]): string {
  return statements
    .filter((s) => s.kind === 'match')
    .map(statementText)
    .join(' ');
}

export function nftChainGraph(table: NftTable, type: 'nat' | 'filter'): ChainGraph {
  const chains = new Map(table.chains.map((c) => [c.name, c]));
  const maps = new Map(table.sets.filter((s): s is NftSet => s.kind === 'map').map((s) => [s.name, s]));
  const edges: ChainGraphEdge[] = [];
  const reached = new Set<string>();
  const queue: string[] = [];
  const reach = (node: string): void => {
    if (reached.has(node)) return;
    reached.add(node);
    queue.push(node);
  };
  for (const c of table.chains) if (c.base && (c.base.type === 'nat') === (type === 'nat')) reach(c.name);
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (name.startsWith('@')) {
      const map = maps.get(name.slice(1));
      for (const e of map?.elements ?? []) {
        const to = e.verdict ? chainOf(e.verdict) : undefined;
        if (to === undefined || !chains.has(to)) continue;
        edges.push({ from: name, to, ruleIndex: -1, goto: e.verdict!.kind === 'goto', label: formatValue(e.key), key: formatValue(e.key) });
        reach(to);
      }
      continue;
    }
    chains.get(name)?.rules.forEach((rule, ruleIndex) => {
      for (const s of rule.statements) {
        if (s.kind === 'verdict') {
          const to = chainOf(s.verdict);
          if (to !== undefined && chains.has(to)) {
            edges.push({ from: name, to, ruleIndex, goto: s.verdict.kind === 'goto', label: conditionText(rule.statements) });
            reach(to);
          }
        } else if (s.kind === 'vmap') {
          if (s.map.kind === 'named') {
            if (!maps.has(s.map.name)) continue;
            const to = mapNodeName(s.map.name);
            edges.push({ from: name, to, ruleIndex, goto: false, label: [conditionText(rule.statements), selectorText(s.key)].filter((t) => t !== '').join(' ') });
            reach(to);
          } else {
            const keyText = selectorText(s.key);
            for (const e of s.map.elements) {
              const to = chainOf(e.verdict);
              if (to === undefined || !chains.has(to)) continue;
              const key = formatValue(e.key);
              edges.push({ from: name, to, ruleIndex, goto: e.verdict.kind === 'goto', label: `${keyText.startsWith('numgen') ? 'numgen' : keyText} ${key}`, key });
              reach(to);
            }
          }
        }
      }
    });
  }
  const nodes: ChainGraphNode[] = [];
  for (const c of table.chains) {
    if (!reached.has(c.name)) continue;
    const service = nftChainService(c.name);
    nodes.push({ chain: c.name, kind: nftChainKind(c), ruleCount: c.rules.length, ...(c.base ? { policy: c.base.policy === 'drop' ? 'DROP' : 'ACCEPT' } : {}), ...(service ? { service } : {}) });
  }
  for (const m of maps.values()) {
    const name = mapNodeName(m.name);
    if (reached.has(name)) nodes.push({ chain: name, kind: 'nft-map', ruleCount: m.elements.length });
  }
  return { table: tableRef(table), nodes, edges };
}
