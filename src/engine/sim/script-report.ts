/**
 * A script's run as text (`kpl trace FILE --script STEPS`): each step under its own header with the
 * simulated time it started at, what it did, and `conntrack -L` where a table changed: a connection's
 * outcome and packets, a wait's expired entries (as `conntrack -E` reports them: DESTROY), an endpoint
 * change's cleanup (the `conntrack -D` that deletes the same entries kube-proxy deletes over netlink,
 * and the deleted entries as `conntrack -D` lists them).
 */
import { printConntrackEntry, printConntrackEvent } from '../conntrack/print';
import { formatDuration } from './duration';
import { fateText, traceJson, traceText } from './report';
import { printStep } from './script';
import type { ScriptEvent } from './script-run';

/** Simulated time as seconds with milliseconds (each packet of a connection takes 1 ms here). */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)}s`;

const indent = (lines: readonly string[], by = '  '): string[] => lines.map((l) => (l === '' ? '' : `${by}${l}`));

function conntrackBlock(lines: Readonly<Record<string, readonly string[]>>): string[] {
  const nodes = Object.keys(lines);
  if (nodes.length === 0) return ['conntrack -L: no entries on any node'];
  return ['conntrack -L', ...nodes.flatMap((n) => [`  ${n}`, ...(lines[n]!.length > 0 ? lines[n]!.map((l) => `    ${l}`) : ['    (no entries)'])])];
}

function eventLines(e: ScriptEvent, verbose: boolean): string[] {
  switch (e.kind) {
    case 'connect': {
      const j = e.journey;
      if (verbose) return traceText(j, { verbose: true }).trimEnd().split('\n');
      const first = traceText(j).split('\n', 1)[0]!;
      const packets = j.packets.map((p) => `${p.label}: ${fateText(p.fate)}`);
      return [first, ...packets, ...conntrackBlock(j.conntrack)];
    }
    case 'wait': {
      const { advance } = e;
      const nodes = Object.keys(advance.expired);
      const head = `the clock moves ${formatDuration(advance.toMs - advance.fromMs)}, from t=${seconds(advance.fromMs)} to t=${seconds(advance.toMs)}`;
      if (nodes.length === 0) return [`${head}; no conntrack entry expired`];
      const n = nodes.reduce((sum, k) => sum + advance.expired[k]!.length, 0);
      return [
        `${head}; ${n} conntrack ${n === 1 ? 'entry' : 'entries'} expired (conntrack -E):`,
        ...nodes.flatMap((k) => [`  ${k}`, ...advance.expired[k]!.map((entry) => `    ${printConntrackEvent('DESTROY', entry, advance.toMs)}`)]),
      ];
    }
    case 'edit': {
      const what = e.at.step.kind === 'scale' ? `Deployment ${e.at.step.namespace}/${e.at.step.deployment} now has ${e.at.step.replicas} ${e.at.step.replicas === 1 ? 'replica' : 'replicas'}` : `${e.at.step.ip} is no longer an endpoint`;
      const nodes = Object.keys(e.cleanups);
      const head = `${what}; kube-proxy rewrites every node's rules, conntrack tables stay`;
      if (nodes.length === 0) return [head, 'kube-proxy conntrack cleanup: no stale UDP entry (TCP entries are never deleted; they run out by their timeouts)'];
      return [
        head,
        'kube-proxy conntrack cleanup (stale UDP entries):',
        ...nodes.flatMap((k) => {
          const c = e.cleanups[k]!;
          return [`  ${k}`, ...c.commands.map((cmd) => `    # ${cmd}`), ...c.deleted.map((entry) => `    ${printConntrackEntry(entry, e.atMs)}`)];
        }),
      ];
    }
    case 'conntrack':
      return conntrackBlock(e.lines);
  }
}

/** The whole run as text, one block per step. */
export function scriptText(events: readonly ScriptEvent[], options: { readonly verbose?: boolean } = {}): string {
  const blocks = events.map((e) => [`[t=${seconds(e.atMs)}] line ${e.at.line}: ${printStep(e.at.step)}`, ...indent(eventLines(e, options.verbose ?? false))].join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

/** The run as JSON: one object per step (connections as `kpl trace --json` prints them). */
export function scriptJson(events: readonly ScriptEvent[]): unknown {
  return {
    steps: events.map((e) => {
      const base = { line: e.at.line, step: printStep(e.at.step), atMs: e.atMs };
      switch (e.kind) {
        case 'connect':
          return { ...base, trace: traceJson(e.journey) };
        case 'wait':
          return { ...base, expired: Object.fromEntries(Object.entries(e.advance.expired).map(([n, list]) => [n, list.map((entry) => printConntrackEvent('DESTROY', entry, e.advance.toMs))])) };
        case 'edit':
          return { ...base, cleanup: Object.fromEntries(Object.entries(e.cleanups).map(([n, c]) => [n, { commands: c.commands, deleted: c.deleted.map((entry) => printConntrackEntry(entry, e.atMs)) }])) };
        case 'conntrack':
          return { ...base, conntrack: e.lines };
      }
    }),
  };
}
