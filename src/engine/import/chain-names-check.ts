/**
 * Whether a node's kube-proxy chain names are what kube-proxy computes from the text beside them.
 * kube-proxy hashes the same `ns/name[:port]` string it writes in its comments (proxier.go:
 * `servicePortChainName(svcPortNameString, protocol)`, `servicePortEndpointChainName(…, endpoint)`), so a
 * KUBE-SVC-/KUBE-SEP- name that no protocol reproduces from its own comment was not printed with that
 * comment: the Service or namespace was renamed in the text after the node printed it (notes often
 * anonymise names), and names cannot be compared with the YAML's — addresses still can.
 */
import { endpointChainName, servicePortChains } from '../kubeproxy/chain-names';
import type { Rule, Ruleset, TableName } from '../netfilter/model';

const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;
export type ChainProtocol = (typeof PROTOCOLS)[number];

/** One service chain of the node checked against its comment. */
export interface ChainNameCheck {
  readonly chain: string;
  /** `ns/name[:port]` the chain's comment names. */
  readonly service: string;
  /** The protocol whose hash gives the node's name, if one does. */
  readonly protocol?: ChainProtocol;
  /** What kube-proxy would call it for the protocol its rules use (`expectedProtocol`; tcp when they name none). */
  readonly expected: string;
  readonly expectedProtocol: ChainProtocol;
}

const SEP_COMMENT = /^(\S+) -> (\d+\.\d+\.\d+\.\d+:\d+)$/;

function commentOf(rule: Rule): string | undefined {
  for (const m of rule.matches) if (m.kind === 'comment') return m.comment;
  return undefined;
}

function ruleProtocol(rule: Rule): ChainProtocol | undefined {
  const p = rule.ip.protocol;
  return p && !p.invert && (PROTOCOLS as readonly string[]).includes(String(p.value)) ? (p.value as ChainProtocol) : undefined;
}

/**
 * Every KUBE-SVC-/KUBE-SEP- chain a comment names the Service of: the jumps `-> IP:PORT` into KUBE-SEP
 * chains (from their KUBE-SVC chain) and the `ns/name[:port] cluster IP` jumps into KUBE-SVC chains.
 */
export function checkChainNames(ruleset: Ruleset, tables: readonly TableName[] = [...ruleset.tables.keys()]): ChainNameCheck[] {
  const out = new Map<string, ChainNameCheck>();
  for (const table of tables)
    for (const chain of ruleset.tables.get(table)?.chains.values() ?? [])
      for (const rule of chain.rules) {
        const t = rule.target;
        if (t.kind !== 'jump' && t.kind !== 'goto') continue;
        const target = t.chain;
        const comment = commentOf(rule);
        if (!comment || out.has(target)) continue;
        if (target.startsWith('KUBE-SEP-')) {
          const m = SEP_COMMENT.exec(comment);
          if (!m) continue;
          const [, service = '', endpoint = ''] = m;
          const dnat = ruleset.tables.get(table)?.chains.get(target)?.rules.find((r) => r.target.kind === 'DNAT');
          const want = (dnat && ruleProtocol(dnat)) ?? 'tcp';
          const protocol = PROTOCOLS.find((p) => endpointChainName(service, p, endpoint) === target);
          out.set(target, { chain: target, service, ...(protocol ? { protocol } : {}), expected: endpointChainName(service, want, endpoint), expectedProtocol: want });
        } else if (target.startsWith('KUBE-SVC-')) {
          const service = comment.endsWith(' cluster IP') ? comment.slice(0, -' cluster IP'.length) : undefined;
          if (!service || service.includes(' ')) continue;
          const want = ruleProtocol(rule) ?? 'tcp';
          const protocol = PROTOCOLS.find((p) => servicePortChains(service, p).svc === target);
          out.set(target, { chain: target, service, ...(protocol ? { protocol } : {}), expected: servicePortChains(service, want).svc, expectedProtocol: want });
        }
      }
  return [...out.values()];
}

/** What the check says about one Service's chains, for the diff. */
export interface ServiceNameVerdict {
  /** The node's chains of this Service that their own comment does not explain (no protocol gives their name). */
  readonly unexplained: readonly ChainNameCheck[];
  /** How many of this Service's chains were checked. */
  readonly checked: number;
  /** Chains of the node's other Services that were checked, and how many of them match their comments. */
  readonly others: { readonly checked: number; readonly consistent: number };
  /** The protocol the node's chain names were hashed with, when they match their comments. */
  readonly protocol?: ChainProtocol;
  /** kube-proxy's nftables names (nft-chain-names-check.ts): the hashed text is in the name, not in a comment. */
  readonly nft?: boolean;
}

export function serviceNameVerdict(checks: readonly ChainNameCheck[], service: string): ServiceNameVerdict {
  const mine = checks.filter((c) => c.service === service);
  const others = checks.filter((c) => c.service !== service);
  const svc = mine.find((c) => (c.chain.startsWith('KUBE-SVC-') || c.chain.startsWith('service-')) && c.protocol);
  return {
    unexplained: mine.filter((c) => !c.protocol),
    checked: mine.length,
    others: { checked: others.length, consistent: others.filter((c) => c.protocol).length },
    ...(svc?.protocol ? { protocol: svc.protocol } : {}),
  };
}
