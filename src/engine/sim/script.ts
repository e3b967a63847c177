/**
 * A script of steps over time (`kpl trace FILE --script STEPS`): connections, waits and endpoint changes,
 * one step a line, so a stale conntrack entry can be watched appearing, ageing and being cleaned up.
 *
 *     # a DNS-like client keeps asking from the same port
 *     connect --from client --to dns-udp:53 --proto udp --sport 40000
 *     wait 5s
 *     remove-endpoint 10.244.1.2          # its pod deleted (or the address taken out of a slice)
 *     scale web 3 [--namespace default]   # a Deployment's replicas
 *     connect --from client --to dns-udp:53 --proto udp --sport 40000
 *     conntrack [--node NAME]             # `conntrack -L` now
 *     connect --from net-pod --to web:80 --sport 41000 --keep-open   # TCP: handshake, request, response, no FIN
 *     send --from net-pod --to web:80 --sport 41000                  # one more request on that open connection
 *
 * `#` starts a comment; blank lines are skipped. `connect` takes `kpl trace`'s own --from/--to/--via/--proto
 * plus --sport (the same source port makes the same flow, which is how a UDP client meets its old entry) and
 * --keep-open; `send` is one more request (and its response) on a connection left open, so a TCP flow's next
 * segment can be watched following its entry to an endpoint that is gone.
 */
import { parseIpv4 } from '../ipv4';
import { formatDuration, MAX_WAIT_MS, parseDuration } from './duration';

export interface ConnectStep {
  readonly kind: 'connect';
  readonly from: string;
  readonly to: string;
  readonly via?: string;
  readonly protocol?: 'tcp' | 'udp';
  readonly sport?: number;
  /** TCP: stop after the response, the connection stays ESTABLISHED. */
  readonly keepOpen?: true;
}
/** One more request and its response on an open connection (a UDP flow: one more query). */
export interface SendStep {
  readonly kind: 'send';
  readonly from: string;
  readonly to: string;
  readonly via?: string;
  readonly protocol?: 'tcp' | 'udp';
  readonly sport: number;
}
export interface WaitStep {
  readonly kind: 'wait';
  readonly ms: number;
}
export interface ScaleStep {
  readonly kind: 'scale';
  readonly deployment: string;
  /** @default 'default' */
  readonly namespace: string;
  readonly replicas: number;
}
export interface RemoveEndpointStep {
  readonly kind: 'remove-endpoint';
  readonly ip: string;
}
export interface ConntrackStep {
  readonly kind: 'conntrack';
  readonly node?: string;
}

export type ScriptStep = ConnectStep | SendStep | WaitStep | ScaleStep | RemoveEndpointStep | ConntrackStep;

/** A step and the line it was written on (1-based). */
export interface ScriptLine {
  readonly line: number;
  readonly step: ScriptStep;
}

export const STEP_KINDS = ['connect', 'send', 'wait', 'scale', 'remove-endpoint', 'conntrack'] as const;

/** The most replicas a `scale` step asks for (the scenario's own cap on pods is 5000). */
export const MAX_REPLICAS = 1000;

/** A step that does not parse, with where. */
export class ScriptError extends Error {
  constructor(
    readonly line: number,
    readonly col: number,
    readonly reason: string,
  ) {
    super(`${line}:${col}: ${reason}`);
  }
}

interface Token {
  readonly text: string;
  readonly col: number;
}

function tokens(line: string): Token[] {
  const out: Token[] = [];
  for (const m of line.matchAll(/\S+/g)) {
    if (m[0].startsWith('#')) break;
    out.push({ text: m[0], col: m.index + 1 });
  }
  return out;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Reads `--name value` pairs (and `--switch`es, which take no value) after the positional words; every
 * option must be known and given once. A switch maps to its own token.
 */
function flagsOf(lineNo: number, words: readonly Token[], allowed: readonly string[], switches: readonly string[] = []): Map<string, Token> {
  const flags = new Map<string, Token>();
  const all = [...allowed, ...switches];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.text.startsWith('--')) throw new ScriptError(lineNo, w.col, `unexpected "${w.text}"`);
    const name = w.text.slice(2);
    if (!all.includes(name)) throw new ScriptError(lineNo, w.col, `unknown option ${w.text} (options: ${all.map((a) => `--${a}`).join(', ')})`);
    if (flags.has(name)) throw new ScriptError(lineNo, w.col, `${w.text} is given twice`);
    if (switches.includes(name)) {
      flags.set(name, w);
      continue;
    }
    const value = words[i + 1];
    if (!value || value.text.startsWith('--')) throw new ScriptError(lineNo, w.col, `${w.text} needs a value`);
    flags.set(name, value);
    i++;
  }
  return flags;
}

function whole(lineNo: number, t: Token, what: string, min: number, max: number): number {
  if (!/^\d+$/.test(t.text) || Number(t.text) < min || Number(t.text) > max) throw new ScriptError(lineNo, t.col, `${what} must be a whole number from ${min} to ${max} (got "${t.text}")`);
  return Number(t.text);
}

function positional(lineNo: number, words: readonly Token[], count: number, usage: string, end: number): Token[] {
  const got = words.slice(0, count);
  if (got.length < count || got.some((w) => w.text.startsWith('--'))) throw new ScriptError(lineNo, got.find((w) => w.text.startsWith('--'))?.col ?? end, `usage: ${usage}`);
  return got;
}

function parseLine(lineNo: number, words: readonly Token[], end: number): ScriptStep {
  const [head, ...rest] = words as [Token, ...Token[]];
  switch (head.text) {
    case 'connect':
    case 'send': {
      const f = flagsOf(lineNo, rest, ['from', 'to', 'via', 'proto', 'sport'], head.text === 'connect' ? ['keep-open'] : []);
      const from = f.get('from');
      const to = f.get('to');
      if (!from) throw new ScriptError(lineNo, head.col, `${head.text} needs --from SRC`);
      if (!to) throw new ScriptError(lineNo, head.col, `${head.text} needs --to DST`);
      const proto = f.get('proto');
      if (proto && proto.text !== 'tcp' && proto.text !== 'udp') throw new ScriptError(lineNo, proto.col, `--proto must be tcp or udp (got "${proto.text}")`);
      const via = f.get('via');
      const sport = f.get('sport');
      const ends = { from: from.text, to: to.text, ...(via ? { via: via.text } : {}), ...(proto ? { protocol: proto.text as 'tcp' | 'udp' } : {}) };
      if (head.text === 'send') {
        if (!sport) throw new ScriptError(lineNo, head.col, 'send needs --sport N: the source port of the connection it continues');
        return { kind: 'send', ...ends, sport: whole(lineNo, sport, '--sport', 1, 65535) };
      }
      return { kind: 'connect', ...ends, ...(sport ? { sport: whole(lineNo, sport, '--sport', 1, 65535) } : {}), ...(f.has('keep-open') ? { keepOpen: true as const } : {}) };
    }
    case 'wait': {
      const [d] = positional(lineNo, rest, 1, 'wait DURATION (e.g. 30s, 2m, 1h30m, 500ms)', end);
      const ms = parseDuration(d!.text);
      if (ms === undefined) throw new ScriptError(lineNo, d!.col, `"${d!.text}" is not a duration (write e.g. 30s, 2m, 1h30m, 500ms)`);
      if (ms > MAX_WAIT_MS) throw new ScriptError(lineNo, d!.col, `a wait is at most ${formatDuration(MAX_WAIT_MS)} (got ${d!.text})`);
      flagsOf(lineNo, rest.slice(1), []);
      return { kind: 'wait', ms };
    }
    case 'scale': {
      const [name, n] = positional(lineNo, rest, 2, 'scale DEPLOYMENT REPLICAS [--namespace NS]', end);
      if (!DNS_LABEL.test(name!.text)) throw new ScriptError(lineNo, name!.col, `"${name!.text}" is not a Deployment name`);
      const replicas = whole(lineNo, n!, 'REPLICAS', 0, MAX_REPLICAS);
      const ns = flagsOf(lineNo, rest.slice(2), ['namespace']).get('namespace');
      if (ns && !DNS_LABEL.test(ns.text)) throw new ScriptError(lineNo, ns.col, `"${ns.text}" is not a namespace name`);
      return { kind: 'scale', deployment: name!.text, namespace: ns?.text ?? 'default', replicas };
    }
    case 'remove-endpoint': {
      const [ip] = positional(lineNo, rest, 1, 'remove-endpoint IP', end);
      flagsOf(lineNo, rest.slice(1), []);
      if (parseIpv4(ip!.text) === undefined) throw new ScriptError(lineNo, ip!.col, `"${ip!.text}" is not an IPv4 address`);
      return { kind: 'remove-endpoint', ip: ip!.text };
    }
    case 'conntrack': {
      const node = flagsOf(lineNo, rest, ['node']).get('node');
      return { kind: 'conntrack', ...(node ? { node: node.text } : {}) };
    }
    default:
      throw new ScriptError(lineNo, head.col, `unknown step "${head.text}" (steps: ${STEP_KINDS.join(', ')})`);
  }
}

/** Parses a script; the first bad step throws a ScriptError with its line and column. */
export function parseScript(text: string): ScriptLine[] {
  const out: ScriptLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const words = tokens(raw);
    if (words.length === 0) return;
    out.push({ line: i + 1, step: parseLine(i + 1, words, raw.trimEnd().length + 1) });
  });
  return out;
}

/** A step as a script line that parses back to the same step. */
export function printStep(step: ScriptStep): string {
  switch (step.kind) {
    case 'connect':
    case 'send':
      return [
        `${step.kind} --from ${step.from} --to ${step.to}`,
        ...(step.via !== undefined ? [`--via ${step.via}`] : []),
        ...(step.protocol ? [`--proto ${step.protocol}`] : []),
        ...(step.sport !== undefined ? [`--sport ${step.sport}`] : []),
        ...(step.kind === 'connect' && step.keepOpen ? ['--keep-open'] : []),
      ].join(' ');
    case 'wait':
      return `wait ${formatDuration(step.ms)}`;
    case 'scale':
      return `scale ${step.deployment} ${step.replicas}${step.namespace !== 'default' ? ` --namespace ${step.namespace}` : ''}`;
    case 'remove-endpoint':
      return `remove-endpoint ${step.ip}`;
    case 'conntrack':
      return step.node !== undefined ? `conntrack --node ${step.node}` : 'conntrack';
  }
}

export function printScript(steps: readonly ScriptStep[]): string {
  return steps.map((s) => `${printStep(s)}\n`).join('');
}
