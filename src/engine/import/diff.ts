/**
 * What kube-proxy would write on a node (the scenario's rules for it) against what a real node holds
 * (an imported dump), Service by Service: the chains and rules only one side has, and how many
 * endpoints each KUBE-SVC chain picks from on each side. Rules are compared as `iptables -S` prints
 * them, so argument order and spelling never make a difference; a rule belongs to the Service its
 * kube-proxy comment names (or its chain's), so both sides are grouped the same way. Only kube-proxy's
 * and kubelet's chains are compared: other components' chains are listed, not judged.
 */
import type { ClusterModel } from '../cluster/model';
import { nodeRuleset } from '../kubeproxy';
import { formatIpv4 } from '../ipv4';
import { counterValue, type Rule, type Ruleset, type TableName } from '../netfilter/model';
import { ruleText } from '../netfilter/print-rule';
import type { ImportedDump } from './model';
import { chainKey } from './model';
import { chainOwner } from './owners';
import { diffNftDump } from './nft-diff';
import { checkChainNames } from './chain-names-check';
import { NODE_WIDE, type DumpDiff } from './diff-model';
import { diffServices } from './service-diff';

export * from './diff-model';

const SERVICE_CHAIN = /^KUBE-(SVC|SEP|EXT|FW|SVL)-/;
const PREFIXED = /^(?:masquerade (?:LOCAL )?traffic for|pod traffic for|route LOCAL traffic for|other traffic to) (\S+)/;

/** The Service a kube-proxy comment names (`default/web:http cluster IP` → `default/web:http`). */
export function serviceOfComment(comment: string): string | undefined {
  const p = PREFIXED.exec(comment);
  if (p) return p[1];
  const first = comment.split(' ')[0]!;
  return first.includes('/') ? first : undefined;
}

function commentOf(rule: Rule): string | undefined {
  for (const m of rule.matches) if (m.kind === 'comment') return m.comment;
  return undefined;
}

interface Grouped {
  /** service → `table chain text` → rules */
  readonly rules: Map<string, Map<string, { table: TableName; chain: string; rule: Rule }[]>>;
  /** service → service chains (`KUBE-SVC-…`) */
  readonly chains: Map<string, Set<string>>;
  /** KUBE-SVC chain → jumps to KUBE-SEP chains */
  readonly endpoints: Map<string, number>;
  /** KUBE-SEP chain → the `ip:port` its DNAT sends to */
  readonly sepEndpoint: Map<string, string>;
}

const compared = (table: TableName, chain: string, rule: Rule): boolean => {
  const owner = chainOwner(chain);
  if (owner === 'kube-proxy' || owner === 'kubelet') return true;
  // In the built-in chains, only the jumps kube-proxy and kubelet ensure.
  const t = rule.target;
  return owner === 'built-in' && (t.kind === 'jump' || t.kind === 'goto' || t.kind === 'unknown') && /^KUBE-/.test(t.kind === 'unknown' ? t.name : t.chain) && table !== 'mangle';
};

/** Each service chain's Service, from the first kube-proxy comment in it. */
function commentedServices(ruleset: Ruleset, tables: readonly TableName[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const table of tables)
    for (const chain of ruleset.tables.get(table)?.chains.values() ?? []) {
      if (!SERVICE_CHAIN.test(chain.name)) continue;
      for (const r of chain.rules) {
        const c = commentOf(r);
        const s = c ? serviceOfComment(c) : undefined;
        if (s) {
          out.set(chain.name, s);
          break;
        }
      }
    }
  return out;
}

const jumpTarget = (r: Rule): string | undefined => (r.target.kind === 'jump' || r.target.kind === 'goto' ? r.target.chain : r.target.kind === 'unknown' ? r.target.name : undefined);

/**
 * A service chain without a comment of its own (`KUBE-EXT-…` holds only `-j KUBE-SVC-…`; a chain the paste
 * cut is empty) belongs to the Service of the chain it jumps to, else to the Service the other side names for it.
 */
function chainServices(ruleset: Ruleset, tables: readonly TableName[], own: Map<string, string>, other: Map<string, string>): Map<string, string> {
  const out = new Map(own);
  for (const table of tables)
    for (const chain of ruleset.tables.get(table)?.chains.values() ?? []) {
      if (!SERVICE_CHAIN.test(chain.name) || out.has(chain.name)) continue;
      const via = chain.rules.map(jumpTarget).find((t) => t !== undefined && own.has(t));
      const s = via !== undefined ? own.get(via) : other.get(chain.name);
      if (s) out.set(chain.name, s);
    }
  // A chain only jumped to (its own rules cut from the paste) belongs to the Service of the jump.
  for (const table of tables)
    for (const chain of ruleset.tables.get(table)?.chains.values() ?? [])
      for (const r of chain.rules) {
        const t = jumpTarget(r);
        if (t === undefined || !SERVICE_CHAIN.test(t) || out.has(t)) continue;
        const c = commentOf(r);
        const s = (c ? serviceOfComment(c) : undefined) ?? out.get(chain.name);
        if (s) out.set(t, s);
      }
  return out;
}

function group(ruleset: Ruleset, tables: readonly TableName[], services: ReadonlyMap<string, string>): Grouped {
  const rules: Grouped['rules'] = new Map();
  const chains: Grouped['chains'] = new Map();
  const endpoints = new Map<string, number>();
  const sepEndpoint = new Map<string, string>();
  for (const table of tables) {
    const t = ruleset.tables.get(table);
    if (!t) continue;
    for (const chain of t.chains.values()) {
      const owner = chainOwner(chain.name);
      if (owner !== 'kube-proxy' && owner !== 'kubelet' && owner !== 'built-in') continue;
      const chainService = services.get(chain.name);
      if (SERVICE_CHAIN.test(chain.name)) {
        const s = chainService ?? NODE_WIDE;
        if (!chains.has(s)) chains.set(s, new Set());
        chains.get(s)!.add(chain.name);
      }
      if (chain.name.startsWith('KUBE-SVC-') || chain.name.startsWith('KUBE-SVL-')) endpoints.set(chain.name, chain.rules.filter((r) => jumpTarget(r)?.startsWith('KUBE-SEP-')).length);
      for (const rule of chain.rules) {
        if (chain.name.startsWith('KUBE-SEP-') && rule.target.kind === 'DNAT' && rule.target.to.minAddress !== undefined)
          sepEndpoint.set(chain.name, `${formatIpv4(rule.target.to.minAddress)}${rule.target.to.ports ? `:${rule.target.to.ports.from}` : ''}`);
        if (!compared(table, chain.name, rule)) continue;
        const c = commentOf(rule);
        const service = (c ? serviceOfComment(c) : undefined) ?? chainService ?? NODE_WIDE;
        if (!rules.has(service)) rules.set(service, new Map());
        const key = `${table} ${ruleText(chain.name, rule)}`;
        const byKey = rules.get(service)!;
        const list = byKey.get(key);
        if (list) list.push({ table, chain: chain.name, rule });
        else byKey.set(key, [{ table, chain: chain.name, rule }]);
      }
    }
  }
  return { rules, chains, endpoints, sepEndpoint };
}

export function diffDump(dump: ImportedDump, cluster: ClusterModel, nodeName: string): DumpDiff {
  // A node whose kube-proxy runs in nftables mode: compared with the scenario in that mode.
  if (dump.nft?.ruleset.tables.some((t) => t.name === 'kube-proxy')) return diffNftDump(dump, cluster, nodeName);
  const expected = nodeRuleset(cluster, nodeName).ruleset;
  const tables = [...expected.tables.keys()].filter((t) => dump.ruleset.tables.has(t));
  const tablesNotInDump = [...expected.tables.keys()].filter((t) => !dump.ruleset.tables.has(t));
  const wantOwn = commentedServices(expected, tables);
  const haveOwn = commentedServices(dump.ruleset, tables);
  const want = group(expected, tables, chainServices(expected, tables, wantOwn, haveOwn));
  const have = group(dump.ruleset, tables, chainServices(dump.ruleset, tables, haveOwn, wantOwn));
  const services = diffServices(want, have, {
    missingRule: (r) => ({ table: r.table, chain: r.chain, text: ruleText(r.chain, r.rule) }),
    extraRule: (r) => {
      const line = dump.ruleLines.get(r.rule);
      return {
        table: r.table,
        chain: r.chain,
        text: ruleText(r.chain, r.rule),
        ...(dump.hasCounters ? { counters: `[${counterValue(r.rule.counters, 'packets')}:${counterValue(r.rule.counters, 'bytes')}]` } : {}),
        ...(line !== undefined ? { line } : {}),
      };
    },
    picksEndpoint: (c) => c.startsWith('KUBE-SVC-') || c.startsWith('KUBE-SVL-'),
    hashesProtocol: (c) => c.startsWith('KUBE-SVC-'),
    sendsToEndpoint: (c) => c.startsWith('KUBE-SEP-'),
    endpointOf: (c, side) => (side === 'node' ? have : want).sepEndpoint.get(c),
    endpointCount: (picking, _chains, side) => picking.reduce((n, c) => n + ((side === 'node' ? have : want).endpoints.get(c) ?? 0), 0),
    names: { node: checkChainNames(dump.ruleset, tables), yaml: checkChainNames(expected, tables) },
  });
  const otherChains: DumpDiff['otherChains'][number][] = [];
  for (const [table, t] of dump.ruleset.tables)
    for (const chain of t.chains.keys()) {
      const owner = dump.owners.get(chainKey(table, chain)) ?? 'unknown';
      if (owner !== 'kube-proxy' && owner !== 'kubelet' && owner !== 'built-in') otherChains.push({ table, chain, owner });
    }
  return { node: nodeName, services, tablesNotInDump, otherChains, cutLines: dump.issues.filter((i) => i.kind === 'elided').map((i) => i.line) };
}
