/**
 * A journey as the page receives it: plain strings and numbers (addresses printed, marks in hex), and,
 * for packets that walked thousands of rules, long runs of non-matching rules folded into one "skipped"
 * hop so a message stays small (≤ 100 KB) while the counts stay exact.
 */
import type { RuleMeaning } from '../engine/explain/meaning';
import { formatIpv4 } from '../engine/ipv4';
import type { Journey, JourneyPacket } from '../engine/sim/journey';
import { fateText, headerJson, natFromEntryLabel, type HeaderJson } from '../engine/sim/report';
import type { HeaderView } from '../engine/packet';
import { ipvsHopText, type RouteDecision } from '../engine/node/hops';
import type { JourneyHop } from '../engine/sim/carry';
import type { Party } from '../engine/sim/party';
import type { NftElementRole, NftRuleMeaning } from '../engine/kubeproxy/nftables/meaning';
import type { IpvsMeanings, IpvsRuleMeaning } from '../engine/kubeproxy/ipvs/meaning';
import type { IpvsHopFacts } from '../engine/explain/ipvs-roles';

export type HeaderField = 'src' | 'sport' | 'dst' | 'dport' | 'mark';

export interface PartyView {
  readonly kind: Party['kind'];
  /** Pod name, node name, or `external 203.0.113.10`. */
  readonly name: string;
  readonly ip?: string;
  readonly node?: string;
}

export type HopView =
  | {
      readonly kind: 'rule';
      readonly node: string;
      readonly hook: string;
      readonly table: string;
      readonly chain: string;
      readonly ruleIndex: number;
      readonly rule: string;
      readonly matched: boolean;
      readonly target?: string;
      readonly before: HeaderJson;
      readonly after: HeaderJson;
      readonly changed: readonly HeaderField[];
      readonly ctstate: string;
      readonly notes: readonly string[];
      /**
       * What the rule is for, when kube-proxy or kubelet wrote it (the narration's words come from it); given
       * for rules that matched and for endpoint picks (matched or passed over), not for other rules that did not match.
       */
      readonly meaning?: RuleMeaning;
      /**
       * IPVS mode: what kube-proxy's IPVS proxier wrote the rule for (given for rules that matched), and the
       * Service port the packet's destination belongs to.
       */
      readonly ipvsRule?: { readonly meaning: IpvsRuleMeaning; readonly service?: string };
      /** The IPVS virtual server's hop (table `ipvs`): its action, scheduler, real server, persistence. */
      readonly ipvsHop?: IpvsHopFacts;
    }
  /**
   * One nftables map lookup (`… vmap @service-ips`): a single hash lookup whatever the map's size. It comes
   * just before the rule that made it, which then shows the verdict the element gave.
   */
  | {
      readonly kind: 'map-lookup';
      readonly node: string;
      readonly hook: string;
      /** `ip kube-proxy`. */
      readonly table: string;
      readonly chain: string;
      /** The rule that looked up, 0-based in its chain. */
      readonly ruleIndex: number;
      /** The map's name, or `{…}` for an anonymous map (`numgen random mod 3 vmap { 0 : goto …, … }`). */
      readonly map: string;
      /** The key as nft prints it: `10.96.0.10 . udp . 53`, or numgen's value `1`. */
      readonly key: string;
      /** The element's verdict (`goto service-…`); absent when no element has the key (the rule does not match). */
      readonly verdict?: string;
      /** `service-ips: 10.96.0.10 . udp . 53 → goto service-…`, as the CLI prints it. */
      readonly text: string;
      readonly packet: HeaderJson;
      readonly ctstate: string;
      /** What kube-proxy added the element for (its role and Service port), when it did. */
      readonly element?: { readonly role: NftElementRole; readonly service?: string };
      /** What the looking-up rule is for (an endpoint pick names its endpoints in numgen's order). */
      readonly meaning?: NftRuleMeaning;
    }
  /** `count` consecutive rules of one chain that did not match, folded (only in very long walks). */
  | { readonly kind: 'skipped'; readonly node: string; readonly hook: string; readonly table: string; readonly chain: string; readonly fromIndex: number; readonly toIndex: number; readonly count: number; readonly ctstate: string }
  | {
      readonly kind: 'conntrack';
      readonly node: string;
      readonly hook: string;
      readonly ctstate: string;
      readonly direction: string;
      readonly isNew: boolean;
      readonly entryId?: number;
      readonly entryLine?: string;
    }
  | {
      readonly kind: 'nat-from-entry';
      readonly node: string;
      readonly hook: string;
      readonly manip: 'SRC' | 'DST';
      readonly direction: 'original' | 'reply';
      readonly label: string;
      readonly before: HeaderJson;
      readonly after: HeaderJson;
      readonly changed: readonly HeaderField[];
      readonly ctstate: string;
    }
  | { readonly kind: 'routing'; readonly node: string; readonly hook: string; readonly destination: string; readonly decision: string; readonly via?: string }
  | { readonly kind: 'confirm'; readonly node: string; readonly hook: string; readonly entryId: number; readonly ok: boolean; readonly entryLine?: string }
  | { readonly kind: 'send'; readonly from: PartyView; readonly packet: HeaderJson }
  | { readonly kind: 'wire'; readonly from: string; readonly to: string; readonly device: string; readonly packet: HeaderJson }
  | { readonly kind: 'deliver'; readonly to: PartyView; readonly packet: HeaderJson };

export interface PacketView {
  readonly label: string;
  readonly direction: 'original' | 'reply';
  readonly protocol: string;
  readonly tcpFlags?: readonly string[];
  readonly fate: {
    readonly kind: JourneyPacket['fate']['kind'];
    readonly text: string;
    readonly node?: string;
    readonly rule?: string;
    /** Refused by the receiving stack: nothing listens on `address:port` there. */
    readonly refused?: { readonly by: PartyView; readonly address: string; readonly port: number; readonly protocol: string };
    /** Sent out of the cluster toward `gateway` for an address nobody owns (a cluster IP no rule translated). */
    readonly unanswered?: { readonly dst: string; readonly gateway: string; readonly clusterIP: boolean; readonly loops?: boolean };
  };
  readonly delivered?: HeaderJson;
  readonly rulesEvaluated: number;
  readonly hops: readonly HopView[];
  readonly conntrack: Readonly<Record<string, readonly string[]>>;
  readonly conntrackEntries: JourneyPacket['conntrackEntries'];
  /** Nodes whose hooks this packet crossed, in order. */
  readonly nodes: readonly string[];
}

export interface TraceView {
  readonly outcome: Journey['outcome'];
  readonly client: PartyView;
  readonly destination: { readonly ip: string; readonly port: number; readonly protocol: string; readonly service?: string };
  readonly endpoint?: { readonly ip: string; readonly port: number; readonly pod?: string; readonly node?: string };
  readonly seenSource?: { readonly ip: string; readonly port: number };
  readonly packets: readonly PacketView[];
  readonly rulesEvaluated: number;
}

/** The meaning of a node's rule, by table, chain and 0-based index (the generator's index, see `GeneratedRules.meaningAt`). */
export type MeaningLookup = (node: string, table: string, chain: string, index: number) => RuleMeaning | undefined;

/** What kube-proxy's nftables transaction says a map lookup's rule and element are for (nftables mode only). */
export interface NftMeanings {
  rule(node: string, chain: string, index: number): NftRuleMeaning | undefined;
  element(node: string, map: string, key: string): { readonly role: NftElementRole; readonly service?: string } | undefined;
}

/** IPVS mode: the meanings of a node's iptables rules and its Services' addresses (undefined in other modes). */
export type IpvsMeaningsOf = (node: string) => IpvsMeanings | undefined;

/** Walks longer than this get their non-matching runs folded. */
const FOLD_ABOVE = 300;
/** Runs shorter than this stay rule by rule even when folding. */
const MIN_RUN = 4;

export function partyView(p: Party): PartyView {
  switch (p.kind) {
    case 'pod':
      return { kind: 'pod', name: p.name, ip: formatIpv4(p.ip), node: p.node };
    case 'node':
      return { kind: 'node', name: p.node, node: p.node };
    case 'external':
      return { kind: 'external', name: `external ${formatIpv4(p.ip)}`, ip: formatIpv4(p.ip) };
  }
}

export function changedFields(before: HeaderView, after: HeaderView): HeaderField[] {
  return (['src', 'sport', 'dst', 'dport', 'mark'] as const).filter((f) => before[f] !== after[f]);
}

function routeText(d: RouteDecision | undefined): { decision: string; via?: string } {
  if (!d) return { decision: 'no route' };
  if (d.kind === 'local') return { decision: 'local' };
  return { decision: d.device, ...(d.via !== undefined ? { via: formatIpv4(d.via) } : {}) };
}

function hopView(h: JourneyHop, protocol: string, meaningOf: MeaningLookup | undefined, nft: NftMeanings | undefined, ipvs: IpvsMeaningsOf | undefined): HopView {
  switch (h.kind) {
    case 'rule': {
      const ipvsMeanings = ipvs?.(h.node);
      const ipvsFound = ipvsMeanings && h.matched && h.ruleIndex >= 0 ? ipvsMeanings.ruleAt(h.table, h.chain, h.ruleIndex) : undefined;
      const found = ipvsMeanings ? (ipvsFound?.kind === 'iptables' ? ipvsFound.meaning : undefined) : h.ruleIndex >= 0 ? meaningOf?.(h.node, h.table, h.chain, h.ruleIndex) : undefined;
      // Only where words need it (a message stays under 100 KB): rules that matched, and the endpoint draws passed over.
      const meaning = found && (h.matched || found.role === 'endpoint-pick') ? found : undefined;
      const service = ipvsFound?.kind === 'ipvs' ? ipvsMeanings?.serviceAt(formatIpv4(h.before.dst), protocol, h.before.dport) : undefined;
      return {
        kind: 'rule',
        node: h.node,
        hook: h.hook,
        table: h.table,
        chain: h.chain,
        ruleIndex: h.ruleIndex,
        rule: h.rule,
        matched: h.matched,
        ...(h.target !== undefined ? { target: h.target } : {}),
        before: headerJson(h.before),
        after: headerJson(h.after),
        changed: changedFields(h.before, h.after),
        ctstate: h.ctstate,
        notes: h.notes,
        ...(meaning ? { meaning } : {}),
        ...(ipvsFound?.kind === 'ipvs' ? { ipvsRule: { meaning: ipvsFound.meaning, ...(service !== undefined ? { service } : {}) } } : {}),
      };
    }
    case 'map-lookup': {
      const element = h.verdict !== undefined && h.map !== '{…}' ? nft?.element(h.node, h.map, h.key) : undefined;
      const meaning = nft?.rule(h.node, h.chain, h.ruleIndex);
      return {
        kind: 'map-lookup',
        node: h.node,
        hook: h.hook,
        table: h.table,
        chain: h.chain,
        ruleIndex: h.ruleIndex,
        map: h.map,
        key: h.key,
        ...(h.verdict !== undefined ? { verdict: h.verdict } : {}),
        text: h.text,
        packet: headerJson(h.packet),
        ctstate: h.ctstate,
        ...(element ? { element } : {}),
        ...(meaning ? { meaning } : {}),
      };
    }
    // IPVS at work (LOCAL_IN / LOCAL_OUT / FORWARD): shown as the rule-like step that rewrote the packet.
    case 'ipvs': {
      const vaddr = h.vs ? `${h.vs.address}` : undefined;
      const service = h.vs && vaddr !== undefined ? ipvs?.(h.node)?.serviceAt(vaddr, h.vs.protocol, h.vs.port) : undefined;
      const from = `${formatIpv4(h.action === 'reply' ? h.before.src : h.before.dst)}:${h.action === 'reply' ? h.before.sport : h.before.dport}`;
      const to = `${formatIpv4(h.action === 'reply' ? h.after.src : h.after.dst)}:${h.action === 'reply' ? h.after.sport : h.after.dport}`;
      return {
        kind: 'rule',
        node: h.node,
        hook: h.hook,
        table: 'ipvs',
        chain: h.virtualServer,
        ruleIndex: -1,
        rule: ipvsHopText(h),
        matched: h.action !== 'no-destination',
        target: h.action === 'no-destination' ? 'ICMP port unreachable' : h.action === 'reply' ? 'un-DNAT' : 'DNAT',
        before: headerJson(h.before),
        after: headerJson(h.after),
        changed: changedFields(h.before, h.after),
        ctstate: 'ESTABLISHED',
        notes: [],
        ...(h.vs
          ? { ipvsHop: { action: h.action, hook: h.hook, vs: h.vs, from, to, ...(h.realServer !== undefined ? { realServer: h.realServer } : {}), ...(h.persistent ? { persistent: true } : {}), ...(service !== undefined ? { service } : {}) } }
          : {}),
      };
    }
    case 'conntrack':
      return {
        kind: 'conntrack',
        node: h.node,
        hook: h.hook,
        ctstate: h.ctstate,
        direction: h.direction,
        isNew: h.isNew,
        ...(h.entryId !== undefined ? { entryId: h.entryId } : {}),
        ...(h.entryLine !== undefined ? { entryLine: h.entryLine } : {}),
      };
    case 'nat-from-entry':
      return {
        kind: 'nat-from-entry',
        node: h.node,
        hook: h.hook,
        manip: h.manip,
        direction: h.direction,
        label: natFromEntryLabel(h.manip, h.direction),
        before: headerJson(h.before),
        after: headerJson(h.after),
        changed: changedFields(h.before, h.after),
        ctstate: h.ctstate,
      };
    case 'routing':
      return { kind: 'routing', node: h.node, hook: h.hook, destination: formatIpv4(h.destination), ...routeText(h.decision) };
    case 'confirm':
      return { kind: 'confirm', node: h.node, hook: h.hook, entryId: h.entryId, ok: h.ok, ...(h.entryLine !== undefined ? { entryLine: h.entryLine } : {}) };
    case 'send':
      return { kind: 'send', from: partyView(h.from), packet: headerJson(h.packet) };
    case 'wire':
      return { kind: 'wire', from: h.from, to: h.to, device: h.device, packet: headerJson(h.packet) };
    case 'deliver':
      return { kind: 'deliver', to: partyView(h.to), packet: headerJson(h.packet) };
  }
}

/** Folds runs of ≥ MIN_RUN non-matching rules of one chain into one hop. */
export function foldHops(hops: readonly HopView[]): HopView[] {
  const out: HopView[] = [];
  let i = 0;
  while (i < hops.length) {
    const h = hops[i]!;
    if (h.kind !== 'rule' || h.matched) {
      out.push(h);
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < hops.length) {
      const n = hops[j + 1]!;
      if (n.kind !== 'rule' || n.matched || n.node !== h.node || n.hook !== h.hook || n.table !== h.table || n.chain !== h.chain) break;
      j++;
    }
    const count = j - i + 1;
    if (count >= MIN_RUN) {
      const last = hops[j] as Extract<HopView, { kind: 'rule' }>;
      out.push({ kind: 'skipped', node: h.node, hook: h.hook, table: h.table, chain: h.chain, fromIndex: h.ruleIndex, toIndex: last.ruleIndex, count, ctstate: h.ctstate });
    } else for (let k = i; k <= j; k++) out.push(hops[k]!);
    i = j + 1;
  }
  return out;
}

function packetView(p: JourneyPacket, meaningOf: MeaningLookup | undefined, nft: NftMeanings | undefined, ipvs: IpvsMeaningsOf | undefined): PacketView {
  const hops = p.hops.map((h) => hopView(h, p.protocol, meaningOf, nft, ipvs));
  const nodes: string[] = [];
  for (const h of p.hops) if ('node' in h && typeof h.node === 'string' && nodes[nodes.length - 1] !== h.node) nodes.push(h.node);
  const f = p.fate;
  return {
    label: p.label,
    direction: p.direction,
    protocol: p.protocol,
    ...(p.tcpFlags ? { tcpFlags: p.tcpFlags } : {}),
    fate: {
      kind: f.kind,
      text: fateText(f),
      ...(f.kind !== 'delivered' && f.node ? { node: f.node } : {}),
      ...((f.kind === 'rejected' || f.kind === 'dropped') && f.hop ? { rule: f.hop.kind === 'ipvs' ? ipvsHopText(f.hop) : f.hop.rule } : {}),
      ...(f.kind === 'rejected' && f.refused
        ? { refused: { by: partyView(f.refused.by), address: formatIpv4(f.refused.address), port: f.refused.port, protocol: f.refused.protocol } }
        : {}),
      ...(f.kind === 'dropped' && f.unanswered
        ? { unanswered: { dst: formatIpv4(f.unanswered.dst), gateway: formatIpv4(f.unanswered.gateway), clusterIP: f.unanswered.clusterIP, ...(f.unanswered.loops ? { loops: true } : {}) } }
        : {}),
    },
    ...(p.delivered ? { delivered: headerJson(p.delivered) } : {}),
    rulesEvaluated: p.rulesEvaluated,
    hops: hops.length > FOLD_ABOVE ? foldHops(hops) : hops,
    conntrack: p.conntrack,
    conntrackEntries: p.conntrackEntries,
    nodes,
  };
}

/**
 * The journey for the page; `meaningOf` gives rule hops their meaning (the worker's node rulesets know it),
 * `nft` gives map lookups theirs (kube-proxy's nftables transaction knows it), `ipvs` gives an IPVS-mode
 * node's rules theirs (kube-proxy's IPVS proxier wrote them; the iptables proxier's meanings would name other rules).
 */
export function traceView(j: Journey, meaningOf?: MeaningLookup, nft?: NftMeanings, ipvs?: IpvsMeaningsOf): TraceView {
  const d = j.destination;
  return {
    outcome: j.outcome,
    client: partyView(j.client),
    destination: {
      ip: formatIpv4(d.ip),
      port: d.port,
      protocol: d.protocol,
      ...(d.service ? { service: `${d.service.service.namespace}/${d.service.service.name}:${d.service.port.name || d.service.port.port}` } : {}),
    },
    ...(j.endpoint
      ? { endpoint: { ip: formatIpv4(j.endpoint.ip), port: j.endpoint.port, ...(j.endpoint.pod ? { pod: j.endpoint.pod } : {}), ...(j.endpoint.node ? { node: j.endpoint.node } : {}) } }
      : {}),
    ...(j.seenSource ? { seenSource: { ip: formatIpv4(j.seenSource.ip), port: j.seenSource.port } } : {}),
    packets: j.packets.map((p) => packetView(p, meaningOf, nft, ipvs)),
    rulesEvaluated: j.rulesEvaluated,
  };
}
