/**
 * Playback over a connection: every hop of every packet, in order, as one list of steps.
 * Pure functions over what the worker returned (no DOM), so they run in unit tests too.
 */
import type { HeaderField, HopView, PacketView, TraceView } from '../../worker/api';
import { conntrackAtHop, type ConntrackAt, type ConntrackSnapshot } from './conntrack-step';
import type { Lang } from '../lang';
import { outcomeWord } from '../outcome-text';

/** A packet header as the worker prints it (addresses dotted, mark in hex). */
export type Header = Extract<HopView, { kind: 'send' }>['packet'];

/** One step of playback: hop `hop` of packet `packet`. */
export interface StepRef {
  readonly packet: number;
  readonly hop: number;
}

export function flattenSteps(trace: TraceView): StepRef[] {
  const steps: StepRef[] = [];
  trace.packets.forEach((p, packet) => p.hops.forEach((_, hop) => steps.push({ packet, hop })));
  return steps;
}

/** The first step of each packet, for the timeline's packet chips. */
export function packetStarts(steps: readonly StepRef[]): number[] {
  const starts: number[] = [];
  steps.forEach((s, i) => {
    if (s.hop === 0) starts[s.packet] = i;
  });
  return starts;
}

export function hopAt(trace: TraceView, step: StepRef): HopView {
  return trace.packets[step.packet]!.hops[step.hop]!;
}

export function isLastHop(trace: TraceView, step: StepRef): boolean {
  return step.hop === trace.packets[step.packet]!.hops.length - 1;
}

/** The node a hop happens on; a send from outside the cluster has none. */
export function hopNode(hop: HopView, packet: PacketView): string | undefined {
  switch (hop.kind) {
    case 'send':
      return hop.from.node;
    case 'deliver':
      return hop.to.node;
    case 'wire':
      // The wire leaves a node (or arrives at one from outside).
      return packet.nodes.includes(hop.from) ? hop.from : packet.nodes.includes(hop.to) ? hop.to : undefined;
    default:
      return hop.node;
  }
}

/** The header a hop carries: before/after for rules and conntrack NAT, the packet itself for send/wire/deliver. */
function ownHeader(hop: HopView): { before: Header; after: Header; changed: readonly HeaderField[] } | undefined {
  switch (hop.kind) {
    case 'rule':
    case 'nat-from-entry':
      return { before: hop.before, after: hop.after, changed: hop.changed };
    case 'send':
    case 'wire':
    case 'deliver':
    case 'map-lookup':
      return { before: hop.packet, after: hop.packet, changed: [] };
    default:
      return undefined;
  }
}

export interface HeaderAt {
  readonly before: Header;
  readonly after: Header;
  readonly changed: readonly HeaderField[];
}

/**
 * The packet's header at a step. Hops that carry none (conntrack lookup, routing, confirm, folded runs)
 * show the header as the last hop before them left it, unchanged.
 */
export function headerAt(packet: PacketView, hopIndex: number): HeaderAt | undefined {
  for (let i = hopIndex; i >= 0; i--) {
    const h = ownHeader(packet.hops[i]!);
    if (!h) continue;
    return i === hopIndex ? h : { before: h.after, after: h.after, changed: [] };
  }
  return undefined;
}

/**
 * What a hop did, in the colour language (DESIGN §5): the kind picks the colour, and the UI always
 * shows an icon and a word beside it so colour is never the only signal.
 */
export type EffectKind = 'dnat' | 'snat' | 'mark' | 'drop' | 'accept' | 'conntrack' | 'jump' | 'return' | 'nomatch' | 'info';

export interface Effect {
  readonly kind: EffectKind;
  /** The word shown next to the icon: the target as iptables prints it, or a short label. */
  readonly word: string;
}

export const EFFECT_ICON: Readonly<Record<EffectKind, string>> = {
  dnat: '⇢',
  snat: '⇠',
  mark: '✎',
  drop: '✕',
  accept: '✓',
  conntrack: '⟲',
  jump: '↳',
  return: '↩',
  nomatch: '·',
  info: '•',
};

/** Target extensions that let the packet carry on (iptables-extensions(8)); they are not chains. */
const NON_TERMINAL_TARGETS: ReadonlySet<string> = new Set(['LOG', 'NFLOG', 'NOTRACK', 'CT', 'TRACE', 'TCPMSS', 'CLASSIFY', 'CHECKSUM', 'NFQUEUE', 'AUDIT', 'TEE']);

/** The words of the hops that are not a target's name, in each language (targets stay as iptables prints them). */
const WORDS: Readonly<Record<'noMatch' | 'policy' | 'confirm' | 'clash' | 'routing' | 'send' | 'wire' | 'lookup' | 'noElement', Record<Lang, string>>> = {
  noMatch: { en: 'no match', ko: '불일치' },
  lookup: { en: 'map lookup', ko: '맵 조회' },
  noElement: { en: 'no element', ko: '원소 없음' },
  policy: { en: 'policy', ko: '정책' },
  confirm: { en: 'confirm', ko: '확정' },
  clash: { en: 'clash', ko: '충돌' },
  routing: { en: 'routing', ko: '라우팅' },
  send: { en: 'send', ko: '송신' },
  wire: { en: 'wire', ko: '전송' },
};

/**
 * An nftables rule's verdict or statement as nft prints it (`goto service-…`, `dnat to 10.10.1.2:80`,
 * `masquerade fully-random`, `reject`, `accept`); undefined for an iptables target.
 */
function nftEffect(target: string): Effect | undefined {
  const [first = '', rest = ''] = target.split(/ (.*)/s);
  switch (first) {
    case 'jump':
    case 'goto':
      return { kind: 'jump', word: target };
    case 'dnat':
    case 'redirect':
      return { kind: 'dnat', word: target };
    case 'snat':
    case 'masquerade':
      return { kind: 'snat', word: target };
    case 'drop':
    case 'reject':
      return { kind: 'drop', word: target };
    case 'accept':
      return rest === '' ? { kind: 'accept', word: target } : undefined;
    case 'return':
    case 'continue':
      return rest === '' ? { kind: 'return', word: target } : undefined;
    default:
      return undefined;
  }
}

export function ruleEffect(target: string | undefined, matched: boolean, lang: Lang = 'en'): Effect {
  if (!matched || target === undefined) return { kind: 'nomatch', word: WORDS.noMatch[lang] };
  if (target.startsWith('policy ')) {
    const verdict = target.slice('policy '.length);
    return { kind: verdict === 'ACCEPT' || verdict === 'accept' ? 'accept' : 'drop', word: `${WORDS.policy[lang]} ${verdict}` };
  }
  // nft's verdicts are lower case, iptables' targets upper case: the two never meet.
  const nft = nftEffect(target);
  if (nft) return nft;
  switch (target) {
    case 'DNAT':
    case 'REDIRECT':
      return { kind: 'dnat', word: target };
    case 'SNAT':
    case 'MASQUERADE':
      return { kind: 'snat', word: target };
    case 'MARK':
    case 'CONNMARK':
      return { kind: 'mark', word: target };
    case 'DROP':
    case 'REJECT':
      return { kind: 'drop', word: target };
    case 'ACCEPT':
      return { kind: 'accept', word: 'ACCEPT' };
    case 'RETURN':
      return { kind: 'return', word: 'RETURN' };
    default:
      // Anything that is not a built-in target extension is a user chain: a jump.
      return NON_TERMINAL_TARGETS.has(target) ? { kind: 'info', word: target } : { kind: 'jump', word: target };
  }
}

/** What a hop did, its word in the UI's language (English by default: the kind is the same in both). */
export function hopEffect(hop: HopView, lang: Lang = 'en'): Effect {
  switch (hop.kind) {
    case 'rule':
      return ruleEffect(hop.target, hop.matched, lang);
    case 'map-lookup':
      return hop.verdict === undefined ? { kind: 'nomatch', word: `${WORDS.lookup[lang]}: ${WORDS.noElement[lang]}` } : { kind: 'jump', word: `${WORDS.lookup[lang]} → ${hop.verdict}` };
    case 'skipped':
      return { kind: 'nomatch', word: `${hop.count} × ${WORDS.noMatch[lang]}` };
    case 'nat-from-entry':
      return { kind: 'conntrack', word: hop.label };
    case 'conntrack':
      return { kind: 'conntrack', word: `conntrack ${hop.ctstate}` };
    case 'confirm':
      return { kind: 'conntrack', word: hop.ok ? WORDS.confirm[lang] : WORDS.clash[lang] };
    case 'routing':
      return { kind: 'info', word: WORDS.routing[lang] };
    case 'send':
      return { kind: 'info', word: WORDS.send[lang] };
    case 'wire':
      return { kind: 'info', word: WORDS.wire[lang] };
    case 'deliver':
      return { kind: 'accept', word: outcomeWord('delivered', lang) };
  }
}

/** The effect kind that colours changed header fields (a plain jump changes nothing). */
export function changeKind(hop: HopView): EffectKind | undefined {
  if (hop.kind === 'nat-from-entry') return 'conntrack';
  if (hop.kind !== 'rule' || hop.changed.length === 0) return undefined;
  const e = ruleEffect(hop.target, hop.matched);
  if (e.kind === 'dnat' || e.kind === 'snat' || e.kind === 'mark') return e.kind;
  return hop.changed.every((f) => f === 'mark') ? 'mark' : 'info';
}

/** The header's state tracking value at a hop, when it has one. */
export function hopCtstate(hop: HopView): string | undefined {
  return 'ctstate' in hop ? hop.ctstate : undefined;
}

export { EMPTY_SNAPSHOT, snapshotOf, type ConntrackSnapshot } from './conntrack-step';

/**
 * The conntrack tables to show at a step: the previous packet's snapshot (for the first packet, the
 * tables as the previous connection left them) with the entries this packet's hops have touched so far,
 * as each hop left them; the packet's own snapshot on its last hop. `fresh` is true on a step that
 * changed the tables.
 */
export function conntrackAt(trace: TraceView, step: StepRef, baseline?: ConntrackSnapshot): ConntrackAt {
  return conntrackAtHop(trace, step.packet, step.hop, baseline);
}

export type RowChange = 'new' | 'changed' | undefined;

type Row = PacketView['conntrackEntries'][string][number];

/** Whether an entry is new or changed (state, flags, NAT, mark) since the previous snapshot. */
export function rowChange(row: Row, previousRows: readonly Row[] | undefined): RowChange {
  const old = previousRows?.find((r) => r.id === row.id && r.original === row.original);
  if (!old) return 'new';
  const same = old.state === row.state && old.mark === row.mark && old.flags.join() === row.flags.join() && old.nat.join() === row.nat.join();
  return same ? undefined : 'changed';
}
