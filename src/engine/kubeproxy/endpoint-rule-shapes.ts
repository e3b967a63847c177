/**
 * The three rules kube-proxy writes for every endpoint (proxier.go `writeServiceToEndpointRules` and the
 * KUBE-SEP chain: the `statistic` pick, the hairpin masquerade, the DNAT) — 300,000 of the 320,052 rules at
 * 10,000 Services × 10 endpoints. Each is written as a shape: its words as one string (no argument array per
 * rule), the rule iptables-restore loads from those words built from the endpoint itself (no tokens, no
 * parse), and its meaning made only when explanations are asked for. The pieces many rules hold alike (the
 * KUBE-MARK-MASQ jump, `-m tcp` and `-p tcp`, each `--probability`, the match lists of large-cluster mode)
 * are shared, as the parser shares them.
 *
 * `rule` must give what parsing `text` gives: endpoint-rule-shapes.test.ts checks each shape against the
 * parser, and src/test-support/direct-load.test.ts whole rulesets. A word the shortcut cannot vouch for (a
 * comment with a quote or a backslash) makes `rule` return undefined, and the text is parsed instead.
 */
import type { SourceRef } from '../cluster/model';
import type { ExplanationKey } from '../explain/catalog';
import type { RuleMeaning } from '../explain/meaning';
import type { IpHeaderMatch, Match, Negatable, Protocol, Rule } from '../netfilter/model';
import { UNCOUNTED } from '../netfilter/model';
import { jumpTo } from '../netfilter/parse-target';
import { barePortMatch, NO_IP_MATCH, NO_MATCHES, protocolMatch, randomStatistic, singlePort } from '../netfilter/shared-values';
import { serviceMeaning } from './meanings';
import { probabilityText } from './probability';
import type { EndpointInfo, ServicePortInfo } from './service-ports';

/** A rule of a known form, written from three values (a service port, an endpoint, a number) instead of a word list. */
/** Where a shape writes its text, piece by piece. */
export interface TextPieces {
  add(piece: string): void;
}

export interface RuleShape<A, B, C> {
  /** The words after `-A CHAIN`, joined by single spaces, as the restore line holds them. */
  text(a: A, b: B, c: C): string;
  /**
   * The line's rest after `-A CHAIN`, handed to `out` in pieces: a space, `text`, the newline. The restore text
   * joins the pieces (no string per line and per part of it); the fewer the pieces, the faster the join, so the
   * words that do not vary are one piece.
   */
  write(out: TextPieces, a: A, b: B, c: C): void;
  /** The rule iptables-restore appends for `text`, or undefined when only parsing the text can say. */
  rule(a: A, b: B, c: C): Rule | undefined;
  /** What the rule is for (made only when rules are kept with their explanations). */
  meaning(a: A, b: B, c: C): RuleMeaning;
  /** The scenario fields the rule comes from (read, like the meaning, only for explanations). */
  sources(a: A, b: B, c: C): readonly SourceRef[];
}

/** One KUBE-SVC-/KUBE-SVL- chain being written: its service port and how many endpoints it picks from. */
export interface PickChain {
  readonly sp: ServicePortInfo;
  readonly endpoints: number;
}

/** ` -m comment --comment TEXT` as comment() writes it (quoted only when the text has a space), without the word after it. */
function writeComment(out: TextPieces, text: string): void {
  const quoted = text.includes(' ');
  out.add(quoted ? ' -m comment --comment "' : ' -m comment --comment ');
  out.add(text);
  if (quoted) out.add('"');
}

/** A shape's `text` from its `write`: the pieces joined, without the leading space and the newline. */
function textOf<A, B, C>(write: RuleShape<A, B, C>['write']): RuleShape<A, B, C>['text'] {
  return (a, b, c) => {
    const pieces: string[] = [];
    write({ add: (piece) => pieces.push(piece) }, a, b, c);
    return pieces.join('').slice(1, -1);
  };
}

/** The comment match parsing writeComment(text) gives, or undefined when the tokenizer would read the text differently. */
function commentMatch(text: string): Match | undefined {
  if (text.length === 0) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // double quote, backslash, tab, newline, carriage return
    if (c === 0x22 || c === 0x5c || c === 0x09 || c === 0x0a || c === 0x0d) return undefined;
  }
  return { kind: 'comment', comment: text };
}

const PORT_PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
const MARK_MASQ = jumpTo('KUBE-MARK-MASQ');
const ENDPOINT = (ep: EndpointInfo): { endpoint: string } => ({ endpoint: ep.key });
const endpointSources = (_: unknown, ep: EndpointInfo): readonly SourceRef[] => ep.sources;

/** `-p tcp` alone, one per protocol (every DNAT rule's IP part). */
const protocolOnly = new Map<string, IpHeaderMatch>();
/** `[-m tcp]`, one per protocol (a DNAT rule's matches in large-cluster mode). */
const barePortOnly = new Map<string, readonly Match[]>();

/** ` -m P -p P -j DNAT --to-destination `, one string per protocol. */
const dnatWordsOf = new Map<string, string>();

function dnatWords(p: string): string {
  let words = dnatWordsOf.get(p);
  if (words === undefined) {
    words = ` -m ${p} -p ${p} -j DNAT --to-destination `;
    dnatWordsOf.set(p, words);
  }
  return words;
}

function ipProtocol(p: string): IpHeaderMatch {
  let ip = protocolOnly.get(p);
  if (ip === undefined) {
    ip = { protocol: protocolMatch(p as Protocol, false) as Negatable<Protocol> };
    protocolOnly.set(p, ip);
  }
  return ip;
}

function bareOnly(p: 'tcp' | 'udp' | 'sctp'): readonly Match[] {
  let m = barePortOnly.get(p);
  if (m === undefined) {
    m = [barePortMatch(p)];
    barePortOnly.set(p, m);
  }
  return m;
}

/** The hairpin rule of a KUBE-SEP chain: `[-m comment --comment NAME] -s IP -j KUBE-MARK-MASQ`. */
function hairpin(withComment: boolean): RuleShape<ServicePortInfo, EndpointInfo, 0> {
  const write: RuleShape<ServicePortInfo, EndpointInfo, 0>['write'] = (out, sp, ep) => {
    if (withComment) writeComment(out, sp.name);
    out.add(' -s ');
    out.add(ep.ip);
    out.add(' -j KUBE-MARK-MASQ\n');
  };
  return {
    write,
    text: textOf(write),
    rule(sp, ep) {
      const comment = withComment ? commentMatch(sp.name) : undefined;
      if (withComment && comment === undefined) return undefined;
      // `-s IP` is the /32 of the endpoint's address, parsed once with the endpoint.
      return { ip: { source: { value: { address: ep.address, prefix: 32 }, invert: false } }, matches: comment === undefined ? NO_MATCHES : [comment], target: MARK_MASQ, counters: UNCOUNTED };
    },
    sources: endpointSources,
    meaning: (sp, ep) => serviceMeaning(sp.name, 'hairpin-masquerade', 'sep.hairpin', { endpointIP: ep.ip }, ENDPOINT(ep)),
  };
}

/** The DNAT rule of a KUBE-SEP chain without session affinity: `[-m comment --comment NAME] -m P -p P -j DNAT --to-destination IP:PORT`. */
function dnat(withComment: boolean): RuleShape<ServicePortInfo, EndpointInfo, 0> {
  const write: RuleShape<ServicePortInfo, EndpointInfo, 0>['write'] = (out, sp, ep) => {
    if (withComment) writeComment(out, sp.name);
    out.add(dnatWords(sp.protocol));
    out.add(ep.key);
    out.add('\n');
  };
  return {
    write,
    text: textOf(write),
    rule(sp, ep) {
      const p = sp.protocol;
      const comment = withComment ? commentMatch(sp.name) : undefined;
      if (!PORT_PROTOCOLS.has(p) || (withComment && comment === undefined)) return undefined;
      const kind = p as 'tcp' | 'udp' | 'sctp';
      if (!Number.isInteger(ep.port) || ep.port < 0 || ep.port > 65535) return undefined;
      // `--to-destination IP:PORT`: one address and one port, from the endpoint's parsed address.
      const to = { minAddress: ep.address, maxAddress: ep.address, ports: singlePort(ep.port) };
      return {
        ip: ipProtocol(p),
        matches: comment === undefined ? bareOnly(kind) : [comment, barePortMatch(kind)],
        target: { kind: 'DNAT', to },
        counters: UNCOUNTED,
      };
    },
    sources: endpointSources,
    meaning: (sp, ep) => serviceMeaning(sp.name, 'endpoint-dnat', 'sep.dnat', { endpoint: ep.key, list: ep.chain }, ENDPOINT(ep)),
  };
}

/** `-m statistic --mode random --probability P` for 1/left, as xt_statistic stores it (lround(0x80000000 * p)), one per left. */
interface Statistic {
  readonly match: Match;
  readonly only: readonly Match[];
  /** ` -m statistic --mode random --probability P -j `, the words between the comment and the KUBE-SEP name. */
  readonly words: string;
}

const statistics = new Map<number, Statistic>();

function statisticFor(left: number): Statistic {
  let s = statistics.get(left);
  if (s === undefined) {
    const p = probabilityText(left);
    const match = randomStatistic(Math.round(0x80000000 * Number(p)), false);
    s = { match, only: [match], words: ` -m statistic --mode random --probability ${p} -j ` };
    statistics.set(left, s);
  }
  return s;
}

/**
 * The i-th endpoint rule of a KUBE-SVC-/KUBE-SVL- chain: each but the last a probabilistic match of 1/(endpoints
 * left), the last taking the rest: `[-m comment --comment "NAME -> IP:PORT"] [-m statistic …] -j KUBE-SEP-…`.
 */
function pick(withComment: boolean): RuleShape<PickChain, EndpointInfo, number> {
  const commentText = (c: PickChain, ep: EndpointInfo): string => `${c.sp.name} -> ${ep.key}`;
  const write: RuleShape<PickChain, EndpointInfo, number>['write'] = (out, c, ep, i) => {
    if (withComment) writeComment(out, commentText(c, ep));
    out.add(i < c.endpoints - 1 ? statisticFor(c.endpoints - i).words : ' -j ');
    out.add(ep.chain);
    out.add('\n');
  };
  return {
    write,
    text: textOf(write),
    rule(c, ep, i) {
      const last = i === c.endpoints - 1;
      let matches: readonly Match[];
      if (withComment) {
        const comment = commentMatch(commentText(c, ep));
        if (comment === undefined) return undefined;
        matches = last ? [comment] : [comment, statisticFor(c.endpoints - i).match];
      } else matches = last ? NO_MATCHES : statisticFor(c.endpoints - i).only;
      // Its own jump, not jumpTo's shared one: each KUBE-SEP chain is the target of one rule (two with Local policy),
      // and looking 100,000 names up in a table of shared jumps full long before found none.
      return { ip: NO_IP_MATCH, matches, target: { kind: 'jump', chain: ep.chain }, counters: UNCOUNTED };
    },
    sources: endpointSources,
    meaning(c, ep, i) {
      const n = c.endpoints;
      const name = c.sp.name;
      const left = n - i;
      const key: ExplanationKey = i < n - 1 ? 'svc.pick' : n === 1 ? 'svc.onlyEndpoint' : 'svc.lastEndpoint';
      return i < n - 1
        ? serviceMeaning(name, 'endpoint-pick', key, { endpoint: ep.key, left, total: n }, { endpoint: ep.key, probability: 1 / left })
        : serviceMeaning(name, 'last-endpoint', key, { endpoint: ep.key }, { endpoint: ep.key });
    },
  };
}

/** The shapes with per-endpoint comments, and without (large-cluster mode: more than 1,000 endpoints). */
export const ENDPOINT_SHAPES = {
  commented: { hairpin: hairpin(true), dnat: dnat(true), pick: pick(true) },
  plain: { hairpin: hairpin(false), dnat: dnat(false), pick: pick(false) },
} as const;
