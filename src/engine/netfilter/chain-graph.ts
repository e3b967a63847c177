/**
 * The jump graph of a table: which chain sends packets to which, and on what condition.
 * This is what the chain graph draws (KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…); it is derived from
 * the ruleset alone, so it shows exactly what the kernel would follow, including chains we did not write.
 */
import type { Chain, Match, Rule, Ruleset, TableName } from './model';
import { probabilityText } from './print-rule';
import { formatIpv4 as ipv4 } from '../ipv4';

export type ChainKind =
  | 'builtin'
  | 'services'
  | 'service'
  | 'service-local'
  | 'external'
  | 'firewall'
  | 'endpoint'
  | 'nodeports'
  | 'mark'
  | 'postrouting'
  | 'filter'
  | 'other'
  /** An nftables verdict map (`@service-ips`): its elements are its edges. */
  | 'nft-map';

export interface ChainGraphNode {
  /** The chain name, never shortened: it is also the node's accessible name. */
  readonly chain: string;
  readonly kind: ChainKind;
  readonly ruleCount: number;
  /** Built-in chains' policy. */
  readonly policy?: 'ACCEPT' | 'DROP';
  /** `namespace/name:port` when the chain belongs to one service port (from its rules' comments). */
  readonly service?: string;
}

export interface ChainGraphEdge {
  readonly from: string;
  readonly to: string;
  /** Index of the rule (0-based) in `from` that jumps; -1 for an nftables map's element. */
  readonly ruleIndex: number;
  /** An nftables verdict map's element: its key as nft prints it (`10.96.0.10 . udp . 53`, numgen's `0`). */
  readonly key?: string;
  readonly goto: boolean;
  /** The condition in a few words, e.g. `10.200.1.201:9000/tcp` or `p=0.33333333349`; empty when unconditional. */
  readonly label: string;
}

export interface ChainGraph {
  /** The iptables table, or an nftables table as `family name` (`ip kube-proxy`). */
  readonly table: TableName | `${string} ${string}`;
  readonly nodes: readonly ChainGraphNode[];
  readonly edges: readonly ChainGraphEdge[];
}

export function chainKind(name: string, isBuiltin: boolean): ChainKind {
  if (isBuiltin) return 'builtin';
  if (name === 'KUBE-SERVICES') return 'services';
  if (name.startsWith('KUBE-SVC-')) return 'service';
  if (name.startsWith('KUBE-SVL-')) return 'service-local';
  if (name.startsWith('KUBE-EXT-')) return 'external';
  if (name.startsWith('KUBE-FW-')) return 'firewall';
  if (name.startsWith('KUBE-SEP-')) return 'endpoint';
  if (name === 'KUBE-NODEPORTS') return 'nodeports';
  if (name === 'KUBE-MARK-MASQ') return 'mark';
  if (name === 'KUBE-POSTROUTING') return 'postrouting';
  if (name.startsWith('KUBE-')) return 'filter';
  return 'other';
}


function matchLabel(m: Match): string | undefined {
  switch (m.kind) {
    case 'statistic':
      return m.mode === 'random' ? `p=${probabilityText(m.probabilityU32)}` : `--every ${m.every}`;
    case 'recent':
      return m.command === 'set' ? undefined : `--${m.command}${m.seconds ? ` --seconds ${m.seconds}` : ''}`;
    case 'addrtype':
      return m.dstType ? `${m.dstType.invert ? '! ' : ''}--dst-type ${m.dstType.value.join(',')}` : m.srcType ? `${m.srcType.invert ? '! ' : ''}--src-type ${m.srcType.value.join(',')}` : undefined;
    case 'mark':
      return `${m.invert ? '! ' : ''}--mark 0x${m.value.toString(16)}/0x${m.mask.toString(16)}`;
    case 'conntrack':
      return m.ctstate ? `${m.ctstate.invert ? '!' : ''}${m.ctstate.value.join(',')}` : undefined;
    default:
      return undefined;
  }
}

function portOf(rule: Rule): string | undefined {
  for (const m of rule.matches) {
    if ((m.kind === 'tcp' || m.kind === 'udp' || m.kind === 'sctp') && m.destinationPort) {
      const r = m.destinationPort.value;
      return `${m.destinationPort.invert ? '!' : ''}${r.from === r.to ? r.from : `${r.from}:${r.to}`}`;
    }
  }
  return undefined;
}

/** A rule's condition in iptables' own notation, shortened, for an edge label (the same words in every language). */
export function ruleConditionLabel(rule: Rule): string {
  const parts: string[] = [];
  const { source, destination, protocol } = rule.ip;
  if (source) parts.push(`${source.invert ? '! ' : ''}-s ${ipv4(source.value.address)}/${source.value.prefix}`);
  const port = portOf(rule);
  const proto = protocol && !protocol.invert ? String(protocol.value) : undefined;
  if (destination) {
    const d = destination.value.prefix === 32 ? ipv4(destination.value.address) : `${ipv4(destination.value.address)}/${destination.value.prefix}`;
    parts.push(`${destination.invert ? '!' : ''}${d}${port ? `:${port}` : ''}${proto ? `/${proto}` : ''}`);
  } else if (port) {
    parts.push(`:${port}${proto ? `/${proto}` : ''}`);
  }
  for (const m of rule.matches) {
    const l = matchLabel(m);
    if (l) parts.push(l);
  }
  return parts.join(' ');
}

function serviceOf(chain: Chain): string | undefined {
  for (const rule of chain.rules) {
    for (const m of rule.matches) {
      if (m.kind !== 'comment') continue;
      // kube-proxy's comments start with the service port name: "ns/name:port cluster IP", "ns/name:port -> ip:port".
      const found = /^([a-z0-9.-]+\/[a-z0-9.-]+(?::[a-z0-9-]+)?)(?:\s|$)/.exec(m.comment);
      if (found) return found[1];
    }
  }
  return undefined;
}

export function chainGraph(ruleset: Ruleset, tableName: TableName): ChainGraph {
  const table = ruleset.tables.get(tableName);
  if (!table) return { table: tableName, nodes: [], edges: [] };
  const nodes: ChainGraphNode[] = [];
  const edges: ChainGraphEdge[] = [];
  for (const chain of table.chains.values()) {
    const builtin = chain.policy !== undefined;
    const kind = chainKind(chain.name, builtin);
    const service = kind === 'service' || kind === 'service-local' || kind === 'external' || kind === 'firewall' || kind === 'endpoint' ? serviceOf(chain) : undefined;
    nodes.push({
      chain: chain.name,
      kind,
      ruleCount: chain.rules.length,
      ...(chain.policy ? { policy: chain.policy } : {}),
      ...(service ? { service } : {}),
    });
    chain.rules.forEach((rule, ruleIndex) => {
      const t = rule.target;
      if (t.kind === 'jump' || t.kind === 'goto') {
        edges.push({ from: chain.name, to: t.chain, ruleIndex, goto: t.kind === 'goto', label: ruleConditionLabel(rule) });
      }
    });
  }
  return { table: tableName, nodes: withInheritedServices(nodes, edges), edges };
}

/**
 * Above 1,000 endpoints kube-proxy leaves the comments out of KUBE-SEP- chains (its large-cluster mode,
 * `largeClusterEndpointsThreshold`), so their rules no longer name the Service. The chain still belongs to
 * the Service whose KUBE-SVC-/KUBE-SVL- chain jumps to it.
 */
function withInheritedServices(nodes: ChainGraphNode[], edges: readonly ChainGraphEdge[]): ChainGraphNode[] {
  const byChain = new Map(nodes.map((n) => [n.chain, n]));
  const inherited = new Map<string, string>();
  for (const e of edges) {
    const from = byChain.get(e.from);
    const to = byChain.get(e.to);
    if (from?.service && (from.kind === 'service' || from.kind === 'service-local') && to?.kind === 'endpoint' && to.service === undefined && !inherited.has(e.to)) inherited.set(e.to, from.service);
  }
  if (inherited.size === 0) return nodes;
  return nodes.map((n) => {
    const service = inherited.get(n.chain);
    return service ? { ...n, service } : n;
  });
}
