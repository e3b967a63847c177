/**
 * `kpl diff --dump` for an `nft list ruleset` dump: what kube-proxy's nftables proxier would write on the
 * node (the scenario in nftables mode) against the dump's `table ip kube-proxy`, Service by Service. Rules
 * are compared as nft lists them, map and set elements one by one (`service-ips` holds a Service's way in:
 * a missing element is a Service the node cannot reach); a chain or element belongs to the Service its name
 * or comment names (`service-ULMVA6XW-ns1/svc1/tcp/p80`, `comment "ns2/svc2:p80"`), the rest is node-wide.
 */
import type { ClusterModel } from '../cluster/model';
import { tableRef, type NftTable } from '../nftables/model';
import { elementText, ruleText } from '../nftables/print-rule';
import { nodeDataPlanes, withMode } from '../sim/data-planes';
import { NODE_WIDE, type DumpDiff, type RuleDiff, type ServiceDiff } from './diff-model';
import type { ImportedDump } from './model';
import { nftChainService } from './nft-graph';
import { serviceNameVerdict } from './chain-names-check';
import { checkNftChainNames } from './nft-chain-names-check';

interface Item {
  readonly chain: string;
  readonly text: string;
  readonly line?: number;
}

interface Side {
  /** service → `chain text` → items */
  readonly items: Map<string, Map<string, Item[]>>;
  readonly chains: Map<string, Set<string>>;
}

const ENDPOINT = /__(\d+\.\d+\.\d+\.\d+)\/(\d+)$/;

function serviceOfElement(comment: string | undefined, target: string | undefined): string | undefined {
  return (target !== undefined ? nftChainService(target) : undefined) ?? (comment && /^[^/\s]+\/[^/\s]+/.test(comment) ? comment : undefined);
}

function side(table: NftTable | undefined, lines?: ReadonlyMap<object, number>): Side {
  const items: Side['items'] = new Map();
  const chains: Side['chains'] = new Map();
  const add = (service: string, item: Item): void => {
    const byKey = items.get(service) ?? items.set(service, new Map()).get(service)!;
    const key = `${item.chain} ${item.text}`;
    byKey.set(key, [...(byKey.get(key) ?? []), item]);
  };
  for (const c of table?.chains ?? []) {
    const service = nftChainService(c.name) ?? NODE_WIDE;
    (chains.get(service) ?? chains.set(service, new Set()).get(service)!).add(c.name);
    for (const r of c.rules) {
      const line = lines?.get(r);
      add(service, { chain: c.name, text: ruleText(r), ...(line !== undefined ? { line } : {}) });
    }
  }
  for (const s of table?.sets ?? [])
    for (const e of s.elements) {
      const target = e.verdict && (e.verdict.kind === 'jump' || e.verdict.kind === 'goto') ? e.verdict.chain : undefined;
      // Dynamic sets (affinity) fill as packets pass: their elements say nothing about the rules.
      if (s.flags.includes('dynamic')) continue;
      add(serviceOfElement(e.comment, target) ?? NODE_WIDE, { chain: `@${s.name}`, text: `element ${elementText(e, s.timeoutMs)}` });
    }
  return { items, chains };
}

export function diffNftDump(dump: ImportedDump, cluster: ClusterModel, nodeName: string): DumpDiff {
  const planes = nodeDataPlanes(withMode(cluster, 'nftables'), nodeName);
  const expected = planes.nftables!.plane.ruleset.tables;
  const ref = tableRef(expected[0]!);
  const have = dump.nft?.ruleset.tables.find((t) => tableRef(t) === ref);
  const want = side(expected[0]);
  const got = side(have, dump.nft?.ruleLines);
  const nodeNames = checkNftChainNames(have);
  const yamlNames = checkNftChainNames(expected[0]);
  const services = [...new Set([...want.items.keys(), ...got.items.keys(), ...want.chains.keys(), ...got.chains.keys()])].sort((a, b) =>
    a === NODE_WIDE ? 1 : b === NODE_WIDE ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const out: ServiceDiff[] = services.map((service) => {
    const w = want.items.get(service) ?? new Map<string, Item[]>();
    const h = got.items.get(service) ?? new Map<string, Item[]>();
    const missingRules: RuleDiff[] = [];
    const extraRules: RuleDiff[] = [];
    let ruleCount = 0;
    for (const [key, list] of w) {
      ruleCount += list.length;
      for (const i of list.slice(h.get(key)?.length ?? 0)) missingRules.push({ table: ref, chain: i.chain, text: `${i.chain}: ${i.text}` });
    }
    for (const [key, list] of h) for (const i of list.slice(w.get(key)?.length ?? 0)) extraRules.push({ table: ref, chain: i.chain, text: `${i.chain}: ${i.text}`, ...(i.line !== undefined ? { line: i.line } : {}) });
    const wc = want.chains.get(service) ?? new Set<string>();
    const hc = got.chains.get(service) ?? new Set<string>();
    const missingChains = [...wc].filter((c) => !hc.has(c)).sort();
    const extraChains = [...hc].filter((c) => !wc.has(c)).sort();
    const endpoint = (c: string): string | undefined => {
      const m = ENDPOINT.exec(c);
      return m ? `${m[1]}:${m[2]}` : undefined;
    };
    const yamlEndpoints = new Set([...wc].map(endpoint).filter((e): e is string => e !== undefined));
    const count = (set: ReadonlySet<string>): number => [...set].filter((c) => c.startsWith('endpoint-')).length;
    const svcChains = (set: ReadonlySet<string>): string[] => [...set].filter((c) => c.startsWith('service-')).sort();
    const inYaml = w.size > 0 || wc.size > 0;
    const onNode = h.size > 0 || hc.size > 0;
    const presence = inYaml && onNode ? 'both' : onNode ? 'node' : 'yaml';
    const nodeChains = svcChains(hc);
    const yamlChains = svcChains(wc);
    // Names differ for the same Service: say why, from the hash each name carries (nft-chain-names-check.ts).
    const renamed = nodeChains.length > 0 && yamlChains.length > 0 && nodeChains.join() !== yamlChains.join();
    const yamlProtocol = yamlNames.find((c) => c.service === service && c.chain.startsWith('service-'))?.protocol;
    const names = renamed ? { ...serviceNameVerdict(nodeNames, service), ...(yamlProtocol ? { yamlProtocol } : {}), nft: true } : undefined;
    return {
      service,
      presence,
      same: missingRules.length === 0 && extraRules.length === 0 && missingChains.length === 0 && extraChains.length === 0,
      missingChains,
      extraChains,
      missingRules,
      extraRules,
      ...(nodeChains.length || yamlChains.length ? { endpointCounts: { nodeChains, yamlChains, node: count(hc), yaml: count(wc) } } : {}),
      staleEndpointChains:
        presence === 'both'
          ? extraChains.filter((c) => c.startsWith('endpoint-') && !yamlEndpoints.has(endpoint(c) ?? '')).map((chain) => ({ chain, ...(endpoint(chain) ? { endpoint: endpoint(chain)! } : {}) }))
          : [],
      ruleCount,
      ...(names ? { names } : {}),
    };
  });
  const otherChains: DumpDiff['otherChains'][number][] = [];
  for (const t of dump.nft?.ruleset.tables ?? []) if (tableRef(t) !== ref) for (const c of t.chains) otherChains.push({ table: tableRef(t), chain: c.name, owner: dump.owners.get(`${tableRef(t)}/${c.name}`) ?? 'unknown' });
  return {
    node: nodeName,
    mode: 'nftables',
    services: out,
    tablesNotInDump: have ? [] : [ref],
    otherChains,
    cutLines: dump.issues.filter((i) => i.kind === 'elided').map((i) => i.line),
  };
}
