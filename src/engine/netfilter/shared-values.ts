/**
 * Immutable pieces of a loaded rule that thousands of rules hold alike, made once instead of once per rule:
 * an empty IP header part, no matches, `-p tcp`, a `tcp` match without options, a `statistic --probability`.
 * 10,000 services × 10 endpoints load 320,000 rules; sharing these is about a third of their objects, and
 * the garbage collector copies what lives. The model is read-only (model.ts: every field `readonly`, only
 * counters and a chain's rule list change), so a shared piece is never written through one rule.
 */
import type { IpHeaderMatch, Match, Negatable, PortRange, Protocol } from './model';

export const NO_IP_MATCH: IpHeaderMatch = {};
export const NO_MATCHES: readonly Match[] = [];

const PROTOCOLS = new Map<string, Negatable<Protocol>>();

/** `-p NAME` (or `! -p NAME`) as the rule stores it; numbers are not shared. */
export function protocolMatch(value: Protocol, invert: boolean): Negatable<Protocol> {
  if (typeof value === 'number') return { value, invert };
  const key = invert ? `!${value}` : value;
  let p = PROTOCOLS.get(key);
  if (p === undefined) {
    p = { value, invert };
    PROTOCOLS.set(key, p);
  }
  return p;
}

const BARE_PORT_MATCHES = new Map<string, Match>();

/** `-m tcp` / `-m udp` / `-m sctp` with no option left (every DNAT rule kube-proxy writes has one). */
export function barePortMatch(kind: 'tcp' | 'udp' | 'sctp'): Match {
  let m = BARE_PORT_MATCHES.get(kind);
  if (m === undefined) {
    m = { kind };
    BARE_PORT_MATCHES.set(kind, m);
  }
  return m;
}

/** A few hundred distinct probabilities at most in a real ruleset (1/n for each endpoint count); past this, no more are kept. */
const MAX_PROBABILITIES = 1024;
const PROBABILITIES = new Map<number, Match>();

/** `-m statistic --mode random --probability P` as the kernel stores it. */
export function randomStatistic(probabilityU32: number, invert: boolean): Match {
  const key = invert ? -1 - probabilityU32 : probabilityU32;
  let m = PROBABILITIES.get(key);
  if (m === undefined) {
    m = { kind: 'statistic', mode: 'random', probabilityU32, invert };
    if (PROBABILITIES.size < MAX_PROBABILITIES) PROBABILITIES.set(key, m);
  }
  return m;
}

/** `{ from: p, to: p }` for each port, made once (every DNAT kube-proxy writes names the endpoint's port). */
const SINGLE_PORTS: (PortRange | undefined)[] = [];

export function singlePort(port: number): PortRange {
  return (SINGLE_PORTS[port] ??= { from: port, to: port });
}
