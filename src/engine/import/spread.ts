/**
 * N new connections through one imported node, first packet each, every one from the next source port
 * so that each is NEW and walks the nat table: how many went to each endpoint. An endpoint is where the
 * packet left the node for (after DNAT), or — when the dump was cut before the KUBE-SEP chain — the
 * endpoint kube-proxy's comment names on the jump, marked as such.
 */
import type { ImportedDump } from './model';
import type { NodeSetup } from './node-setup';
import { prepareNode, resolveRequest, runDumpConnection, type DumpOutcome, type DumpTraceRequest } from './trace';
import { EPHEMERAL_PORTS } from '../sim/journey';

export interface DumpSpreadResult {
  readonly connections: number;
  /** `IP:PORT` → connections that went there, in first-reached order. */
  readonly endpoints: Readonly<Record<string, number>>;
  readonly failed: number;
  readonly failures: Readonly<Partial<Record<DumpOutcome, number>>>;
  /** `IP:PORT` → the KUBE-SEP chain whose jump names it, where the dump does not hold that chain. */
  readonly namedBy: Readonly<Record<string, string>>;
  readonly rulesEvaluated: number;
}

export const MAX_DUMP_SPREAD = 100_000;

export function spreadDump(dump: ImportedDump, setup: NodeSetup, request: DumpTraceRequest & { readonly connections: number }): DumpSpreadResult {
  const total = Math.floor(request.connections);
  if (!(total >= 1 && total <= MAX_DUMP_SPREAD)) throw new RangeError(`--connections must be between 1 and ${MAX_DUMP_SPREAD}`);
  const r = resolveRequest(setup, request);
  const p = prepareNode(dump, setup, request.seed ?? 1);
  const span = EPHEMERAL_PORTS.max - EPHEMERAL_PORTS.min + 1;
  const first = (r.sport ?? p.random.int(EPHEMERAL_PORTS.min, EPHEMERAL_PORTS.max)) - EPHEMERAL_PORTS.min;
  const endpoints: Record<string, number> = {};
  const namedBy: Record<string, string> = {};
  const failures: Partial<Record<DumpOutcome, number>> = {};
  let failed = 0;
  let rulesEvaluated = 0;
  for (let i = 0; i < total; i++) {
    const sport = EPHEMERAL_PORTS.min + ((first + i) % span);
    const t = runDumpConnection(p, dump, setup, { ...r, sport }, { firstPacketOnly: true, recordHops: false, skipConntrack: true });
    rulesEvaluated += t.rulesEvaluated;
    const e = t.endpoint;
    if (e && (t.outcome === 'delivered' || (t.outcome === 'incomplete' && e.namedBy))) {
      const key = `${e.ip}:${e.port}`;
      endpoints[key] = (endpoints[key] ?? 0) + 1;
      if (e.namedBy) namedBy[key] = e.namedBy;
    } else {
      failed++;
      failures[t.outcome] = (failures[t.outcome] ?? 0) + 1;
    }
  }
  return { connections: total, endpoints, failed, failures, namedBy, rulesEvaluated };
}
