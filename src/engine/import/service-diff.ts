/**
 * `kpl diff --dump` Service by Service, whatever the mode: each side (the rules kube-proxy would write for the
 * YAML, the rules the node holds) grouped by Service and by each rule's printed text, so a text one side holds
 * fewer times is missing or extra there; chains are compared by name. What the modes name and print
 * differently, diff.ts (iptables) and nft-diff.ts (nftables) say in a `ModeDiff`.
 */
import { serviceNameVerdict, type ChainNameCheck } from './chain-names-check';
import { NODE_WIDE, type RuleDiff, type ServiceDiff } from './diff-model';

export type DiffSideName = 'node' | 'yaml';

/** One side of the diff, grouped by Service (or NODE_WIDE). */
export interface DiffSide<R> {
  /** Service → compared text → the rules (or set elements) with that text; a text may stand more than once. */
  readonly rules: ReadonlyMap<string, ReadonlyMap<string, readonly R[]>>;
  /** Service → its chains. */
  readonly chains: ReadonlyMap<string, ReadonlySet<string>>;
}

/** How one kube-proxy mode prints its rules and names a Service's chains. */
export interface ModeDiff<R> {
  readonly missingRule: (rule: R) => RuleDiff;
  readonly extraRule: (rule: R) => RuleDiff;
  /** The chains that pick among a Service's endpoints (`KUBE-SVC-`/`KUBE-SVL-`; nftables `service-`). */
  readonly picksEndpoint: (chain: string) => boolean;
  /** The chain whose name the YAML's protocol is hashed into (`KUBE-SVC-`; nftables `service-`). */
  readonly hashesProtocol: (chain: string) => boolean;
  /** A chain that sends to one endpoint (`KUBE-SEP-`; nftables `endpoint-`). */
  readonly sendsToEndpoint: (chain: string) => boolean;
  /** The `ip:port` an endpoint chain of one side sends to. */
  readonly endpointOf: (chain: string, side: DiffSideName) => string | undefined;
  /** How many endpoints a Service picks from on one side, given its picking chains and all its chains there. */
  readonly endpointCount: (picking: readonly string[], chains: ReadonlySet<string>, side: DiffSideName) => number;
  /** Each side's chain names checked against the text they hash (chain-names-check.ts). */
  readonly names: Readonly<Record<DiffSideName, readonly ChainNameCheck[]>>;
  /** kube-proxy's nftables names: the hashed text is in the name (ServiceNameVerdict.nft). */
  readonly nft?: true;
}

/** The rules of `side` beyond as many as `other` holds with the same text. */
function surplus<R>(side: ReadonlyMap<string, readonly R[]>, other: ReadonlyMap<string, readonly R[]>): R[] {
  return [...side].flatMap(([key, list]) => list.slice(other.get(key)?.length ?? 0));
}

/** Every Service either side has, sorted, the node-wide rules last. */
function servicesOf(yaml: DiffSide<unknown>, node: DiffSide<unknown>): string[] {
  return [...new Set([...yaml.rules.keys(), ...node.rules.keys(), ...yaml.chains.keys(), ...node.chains.keys()])].sort((a, b) =>
    a === NODE_WIDE ? 1 : b === NODE_WIDE ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
}

export function diffServices<R>(yaml: DiffSide<R>, node: DiffSide<R>, mode: ModeDiff<R>): ServiceDiff[] {
  return servicesOf(yaml, node).map((service) => {
    const w = yaml.rules.get(service) ?? new Map<string, readonly R[]>();
    const h = node.rules.get(service) ?? new Map<string, readonly R[]>();
    const missingRules = surplus(w, h).map(mode.missingRule);
    const extraRules = surplus(h, w).map(mode.extraRule);
    const ruleCount = [...w.values()].reduce((n, list) => n + list.length, 0);
    const wc = yaml.chains.get(service) ?? new Set<string>();
    const hc = node.chains.get(service) ?? new Set<string>();
    const missingChains = [...wc].filter((c) => !hc.has(c)).sort();
    const extraChains = [...hc].filter((c) => !wc.has(c)).sort();
    const picking = (set: ReadonlySet<string>): string[] => [...set].filter(mode.picksEndpoint).sort();
    const nodeChains = picking(hc);
    const yamlChains = picking(wc);
    const endpointCounts =
      nodeChains.length || yamlChains.length ? { nodeChains, yamlChains, node: mode.endpointCount(nodeChains, hc, 'node'), yaml: mode.endpointCount(yamlChains, wc, 'yaml') } : undefined;
    // Names differ for the same Service: say why, from the hash each name carries.
    const renamed = nodeChains.length > 0 && yamlChains.length > 0 && nodeChains.join() !== yamlChains.join();
    const yamlProtocol = mode.names.yaml.find((c) => c.service === service && mode.hashesProtocol(c.chain))?.protocol;
    const names = renamed ? { ...serviceNameVerdict(mode.names.node, service), ...(yamlProtocol ? { yamlProtocol } : {}), ...(mode.nft ? { nft: true } : {}) } : undefined;
    const yamlEndpoints = new Set([...wc].map((c) => mode.endpointOf(c, 'yaml')).filter((e): e is string => e !== undefined));
    const inYaml = w.size > 0 || wc.size > 0;
    const onNode = h.size > 0 || hc.size > 0;
    const presence = inYaml && onNode ? 'both' : onNode ? 'node' : 'yaml';
    // An endpoint chain whose endpoint the YAML has is a naming difference (the hash), not a stale endpoint.
    const staleEndpointChains =
      presence === 'both'
        ? extraChains
            .filter((c) => mode.sendsToEndpoint(c) && !yamlEndpoints.has(mode.endpointOf(c, 'node') ?? ''))
            .map((chain) => {
              const endpoint = mode.endpointOf(chain, 'node');
              return { chain, ...(endpoint !== undefined ? { endpoint } : {}) };
            })
        : [];
    return {
      service,
      presence,
      same: missingRules.length === 0 && extraRules.length === 0 && missingChains.length === 0 && extraChains.length === 0,
      missingChains,
      extraChains,
      missingRules,
      extraRules,
      ...(endpointCounts ? { endpointCounts } : {}),
      staleEndpointChains,
      ruleCount,
      ...(names ? { names } : {}),
    };
  });
}
