/**
 * One sentence per step, read from the hop the worker returned: the rule's meaning (its role, Service
 * and endpoint, as the kube-proxy generator wrote them), the target, the header before → after and the
 * matcher's notes. Nothing here decides anything about the packet, and nothing reads the rule's text:
 * the words for a rule come from the explanation catalog, filled with the hop's own values.
 */
import { reason as catalogReason } from '../../engine/explain/catalog';
import type { HopView, PacketView } from '../../worker/api';
import { packetMessages, type Lang, type PacketMessages } from './messages';
import type { Header } from './steps';
import { ruleEffect } from './steps';
import { packetLabel, partyText } from '../outcome-text';
import { lookupSentence } from './lookup-narration';
import { ipvsHopWords, ipvsRuleReason } from '../../engine/explain/ipvs-roles';

type RuleHop = Extract<HopView, { kind: 'rule' }>;

/** `default/svc-clusterip:svc-webport` → `svc-clusterip`; other namespaces keep theirs. */
export function serviceName(portName: string): string {
  const [nsName] = portName.split(':');
  const [ns, name] = (nsName ?? '').split('/');
  if (name === undefined) return portName;
  return ns === 'default' ? name : `${ns}/${name}`;
}

const addr = (ip: string, port: number): string => `${ip}:${port}`;
const dest = (h: Header): string => addr(h.dst, h.dport);
const source = (h: Header): string => addr(h.src, h.sport);
const flow = (h: Header): string => `${source(h)} → ${dest(h)}`;

function where(hop: { table: string; hook: string; chain: string }): string {
  return hop.chain === hop.hook ? `${hop.table} ${hop.hook}` : `${hop.table} ${hop.hook} → ${hop.chain}`;
}

/** Why a matched rule matched, from its meaning; undefined when the rule has none or the action says it all. */
function reason(hop: RuleHop, lang: Lang, protocol: string): string | undefined {
  // IPVS mode: kube-proxy's IPVS proxier's own roles, with the Service the destination belongs to.
  if (hop.ipvsRule) {
    const { meaning: m, service } = hop.ipvsRule;
    return ipvsRuleReason(m, { dest: dest(hop.before), src: source(hop.before), protocol, ...(service !== undefined ? { service } : {}) })[lang];
  }
  const meaning = hop.meaning;
  if (meaning === undefined) return undefined;
  return catalogReason(meaning.key, {
    ...meaning.params,
    ...(meaning.service === undefined ? {} : { service: serviceName(meaning.service) }),
    dest: dest(hop.before),
    src: source(hop.before),
  }, lang);
}

function action(hop: RuleHop, m: PacketMessages): string {
  const target = hop.target ?? '';
  const effect = ruleEffect(hop.target, true);
  switch (effect.kind) {
    case 'dnat':
      return m.aDnat({ from: dest(hop.before), to: dest(hop.after) });
    case 'snat':
      return m.aSnat({ target, from: source(hop.before), to: source(hop.after) });
    case 'mark':
      return m.aMark({ target, from: hop.before.mark, to: hop.after.mark });
    case 'accept':
      return m.aAccept({ table: hop.table, hook: hop.hook });
    case 'drop':
      return target === 'REJECT' || target.startsWith('reject') ? m.aReject : m.aDrop;
    case 'return':
      return m.aReturn;
    case 'nomatch':
      // Matched, yet no target (kube-proxy's KUBE-FW-… last rule): nothing happens, the next rule is read.
      return m.aNoTarget;
    case 'jump':
      // nft says `jump services` / `goto service-…`; a goto does not come back to this chain.
      if (target.startsWith('goto ')) return m.aGoto({ target: target.slice('goto '.length) });
      return m.aJump({ target: target.replace(/^jump /, '') });
    default:
      return m.aOther({ target });
  }
}

function ruleSentence(hop: RuleHop, m: PacketMessages, lang: Lang, protocol: string): string {
  const w = where(hop);
  if (hop.table === 'ipvs') return hop.ipvsHop ? ipvsHopWords(hop.ipvsHop)[lang] : m.nIpvs({ hook: hop.hook, what: hop.rule });
  if (hop.ruleIndex < 0 || hop.rule.startsWith('policy ')) {
    return m.nPolicy({ where: w, chain: hop.chain, verdict: (hop.target ?? hop.rule).replace(/^policy /, '') });
  }
  if (!hop.matched) {
    const meaning = hop.meaning;
    if (meaning?.role === 'endpoint-pick' && meaning.endpoint !== undefined && meaning.params.left !== undefined) {
      return m.nDrawSkip({ where: w, endpoint: meaning.endpoint, probability: `1/${meaning.params.left}` });
    }
    // The last note is the match that failed (evaluation stops there). It is notation, the same in every
    // language, so it goes in as code: between backticks, which the Narration renders as <code>.
    const note = hop.notes[hop.notes.length - 1];
    return m.nNoMatch({ where: w, why: `\`${note ?? hop.rule}\`` });
  }
  const why = reason(hop, lang, protocol);
  const what = action(hop, m);
  return why ? `${w}: ${why}, ${what}` : `${w}: ${what}`;
}

function changeText(before: Header, after: Header): string {
  const parts: string[] = [];
  if (before.src !== after.src || before.sport !== after.sport) parts.push(`${source(before)} → ${source(after)}`);
  if (before.dst !== after.dst || before.dport !== after.dport) parts.push(`${dest(before)} → ${dest(after)}`);
  return parts.join(', ');
}

/** A wire's end: a node's name, or the engine's `external 203.0.113.10`, which Korean names as the outside client. */
function wireEnd(end: string, lang: Lang): string {
  const ip = /^external (.+)$/.exec(end)?.[1];
  return ip !== undefined && lang !== 'en' ? partyText({ kind: 'external', name: end, ip }, lang) : end;
}

/** The sentence for one hop of a packet, in the given language. */
export function narrate(lang: Lang, packet: PacketView, hop: HopView): string {
  const m = packetMessages(lang);
  switch (hop.kind) {
    case 'send':
      return m.nSend({
        // English names the party as the engine does (`external 203.0.113.10`); Korean says who it is.
        who: lang === 'en' ? hop.from.name : partyText(hop.from, lang),
        label: packetLabel(packet.label, lang),
        flow: flow(hop.packet),
        proto: [m.protocolName(packet.protocol), ...(packet.tcpFlags ?? [])].join(' '),
      });
    case 'conntrack':
      return hop.isNew
        ? m.nCtNew({ node: hop.node, hook: hop.hook })
        : m.nCtFound({ node: hop.node, hook: hop.hook, id: String(hop.entryId ?? '?'), direction: hop.direction, ctstate: hop.ctstate });
    case 'rule':
      return ruleSentence(hop, m, lang, packet.protocol);
    case 'map-lookup':
      return lookupSentence(hop, where(hop), lang);
    case 'skipped':
      return m.nSkipped({ where: where(hop), from: hop.fromIndex + 1, to: hop.toIndex + 1, count: hop.count });
    case 'nat-from-entry': {
      const change = changeText(hop.before, hop.after);
      return change ? m.nNatEntry({ node: hop.node, hook: hop.hook, label: hop.label, change }) : m.nNatEntryNone({ node: hop.node, hook: hop.hook, label: hop.label });
    }
    case 'routing':
      if (hop.decision === 'local') return m.nRouteLocal({ node: hop.node, dst: hop.destination });
      if (hop.decision === 'no route') return m.nRouteNone({ node: hop.node, dst: hop.destination });
      return m.nRouteOut({ node: hop.node, dst: hop.destination, device: hop.decision, ...(hop.via ? { via: hop.via } : {}) });
    case 'confirm':
      return hop.ok ? m.nConfirm({ node: hop.node, hook: hop.hook, id: String(hop.entryId) }) : m.nClash({ node: hop.node, hook: hop.hook, id: String(hop.entryId) });
    case 'wire':
      return m.nWire({ from: wireEnd(hop.from, lang), to: wireEnd(hop.to, lang), device: hop.device });
    case 'deliver': {
      const to = lang === 'en' ? hop.to.name : partyText(hop.to, lang);
      const refused = packet.fate.refused;
      if (refused) {
        const answer = refused.protocol === 'tcp' ? 'RST' : packetLabel('ICMP port unreachable', lang);
        return m.nRefuse({ to, at: `${refused.address}:${refused.port}/${refused.protocol}`, answer });
      }
      return m.nDeliver({ to, flow: flow(hop.packet) });
    }
  }
}
