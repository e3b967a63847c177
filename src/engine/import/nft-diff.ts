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
import { NODE_WIDE, type DumpDiff } from './diff-model';
import type { ImportedDump } from './model';
import { nftChainService } from './nft-graph';
import { checkNftChainNames } from './nft-chain-names-check';
import { diffServices, type DiffSide } from './service-diff';

interface Item {
  readonly chain: string;
  readonly text: string;
  readonly line?: number;
}


const ENDPOINT = /__(\d+\.\d+\.\d+\.\d+)\/(\d+)$/;

function serviceOfElement(comment: string | undefined, target: string | undefined): string | undefined {
  return (target !== undefined ? nftChainService(target) : undefined) ?? (comment && /^[^/\s]+\/[^/\s]+/.test(comment) ? comment : undefined);
}

/** A table's rules and set elements by Service, each under `chain text`. */
function side(table: NftTable | undefined, lines?: ReadonlyMap<object, number>): DiffSide<Item> {
  const rules = new Map<string, Map<string, Item[]>>();
  const chains = new Map<string, Set<string>>();
  const add = (service: string, item: Item): void => {
    const byKey = rules.get(service) ?? rules.set(service, new Map()).get(service)!;
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
  return { rules, chains };
}

export function diffNftDump(dump: ImportedDump, cluster: ClusterModel, nodeName: string): DumpDiff {
  const planes = nodeDataPlanes(withMode(cluster, 'nftables'), nodeName);
  const expected = planes.nftables!.plane.ruleset.tables;
  const ref = tableRef(expected[0]!);
  const have = dump.nft?.ruleset.tables.find((t) => tableRef(t) === ref);
  const want = side(expected[0]);
  const got = side(have, dump.nft?.ruleLines);
  const services = diffServices(want, got, {
    missingRule: (i) => ({ table: ref, chain: i.chain, text: `${i.chain}: ${i.text}` }),
    extraRule: (i) => ({ table: ref, chain: i.chain, text: `${i.chain}: ${i.text}`, ...(i.line !== undefined ? { line: i.line } : {}) }),
    picksEndpoint: (c) => c.startsWith('service-'),
    hashesProtocol: (c) => c.startsWith('service-'),
    sendsToEndpoint: (c) => c.startsWith('endpoint-'),
    endpointOf: (c) => {
      const m = ENDPOINT.exec(c);
      return m ? `${m[1]}:${m[2]}` : undefined;
    },
    endpointCount: (_picking, chains) => [...chains].filter((c) => c.startsWith('endpoint-')).length,
    names: { node: checkNftChainNames(have), yaml: checkNftChainNames(expected[0]) },
    nft: true,
  });
  const otherChains: DumpDiff['otherChains'][number][] = [];
  for (const t of dump.nft?.ruleset.tables ?? []) if (tableRef(t) !== ref) for (const c of t.chains) otherChains.push({ table: tableRef(t), chain: c.name, owner: dump.owners.get(`${tableRef(t)}/${c.name}`) ?? 'unknown' });
  return {
    node: nodeName,
    mode: 'nftables',
    services,
    tablesNotInDump: have ? [] : [ref],
    otherChains,
    cutLines: dump.issues.filter((i) => i.kind === 'elided').map((i) => i.line),
  };
}
