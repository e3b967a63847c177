/**
 * N new connections from one source to one destination, first packet only: which endpoint each reached.
 * Every connection takes the next source port (as a client opening connections one after another does),
 * so each is NEW to conntrack and walks the nat table — the 1/n cascade, session affinity and
 * externalTrafficPolicy all show in the counts.
 */
import { formatIpv4 } from '../ipv4';
import { entryNode, resolveDestination, resolveSource } from './addresses';
import { EPHEMERAL_PORTS, runResolvedConnection, type ConnectionRequest, type JourneyOutcome } from './journey';
import type { SimNetwork } from './network';

export interface SpreadRequest extends Pick<ConnectionRequest, 'from' | 'to' | 'via' | 'protocol'> {
  readonly connections: number;
}

export interface SpreadResult {
  readonly connections: number;
  /** `IP:PORT` of the endpoint → connections that reached it, in first-reached order. */
  readonly endpoints: Readonly<Record<string, number>>;
  /** Connections that were not delivered. */
  readonly failed: number;
  /** Why they failed: outcome → count. */
  readonly failures: Readonly<Partial<Record<JourneyOutcome, number>>>;
  /** `IP:PORT` → pod name, where the endpoint is a pod. */
  readonly pods: Readonly<Record<string, string>>;
  /** Rules evaluated by the kernels, over all connections. */
  readonly rulesEvaluated: number;
}

/** The limit keeps a spread bounded in time and memory (10,000 conntrack entries per node at most). */
export const MAX_SPREAD_CONNECTIONS = 100_000;

export interface SpreadProgress {
  readonly done: number;
  readonly total: number;
}

export interface SpreadControl {
  /** Called every `every` connections. */
  readonly onProgress?: (p: SpreadProgress, partial: SpreadResult) => void;
  /** @default 1000 */
  readonly every?: number;
  /** Polled between connections; true stops the spread early (the result then counts what ran). */
  readonly cancelled?: () => boolean;
}

/** A spread that runs in slices, so a worker can report progress and take a cancel between them. */
export interface SpreadRun {
  readonly total: number;
  /** Runs up to `count` more connections; true when every connection has run. */
  runConnections(count: number): boolean;
  result(): SpreadResult;
}

export function startSpread(network: SimNetwork, request: SpreadRequest): SpreadRun {
  const total = Math.floor(request.connections);
  if (!(total >= 1 && total <= MAX_SPREAD_CONNECTIONS)) throw new RangeError(`--connections must be between 1 and ${MAX_SPREAD_CONNECTIONS}`);
  const source = resolveSource(network.cluster, request.from);
  const destination = resolveDestination(network.cluster, request.to, request.protocol);
  const gateway = entryNode(network.cluster, destination, request.via);
  const span = EPHEMERAL_PORTS.max - EPHEMERAL_PORTS.min + 1;
  const first = network.random.int(EPHEMERAL_PORTS.min, EPHEMERAL_PORTS.max) - EPHEMERAL_PORTS.min;
  const endpoints: Record<string, number> = {};
  const pods: Record<string, string> = {};
  const failures: Partial<Record<JourneyOutcome, number>> = {};
  let failed = 0;
  let rulesEvaluated = 0;
  let done = 0;
  return {
    total,
    runConnections(count) {
      const end = Math.min(total, done + count);
      for (; done < end; done++) {
        const sport = EPHEMERAL_PORTS.min + ((first + done) % span);
        const j = runResolvedConnection(network, source, destination, gateway, { sport, firstPacketOnly: true, skipSnapshots: true, recordHops: false });
        rulesEvaluated += j.rulesEvaluated;
        if (j.outcome === 'delivered' && j.endpoint) {
          const key = `${formatIpv4(j.endpoint.ip)}:${j.endpoint.port}`;
          endpoints[key] = (endpoints[key] ?? 0) + 1;
          if (j.endpoint.pod) pods[key] = j.endpoint.pod;
        } else {
          failed++;
          failures[j.outcome] = (failures[j.outcome] ?? 0) + 1;
        }
      }
      return done >= total;
    },
    result: () => ({ connections: done, endpoints: { ...endpoints }, failed, failures: { ...failures }, pods: { ...pods }, rulesEvaluated }),
  };
}

export function runSpread(network: SimNetwork, request: SpreadRequest, control: SpreadControl = {}): SpreadResult {
  const run = startSpread(network, request);
  const every = Math.max(1, control.every ?? 1000);
  while (!control.cancelled?.()) {
    const finished = run.runConnections(every);
    const r = run.result();
    control.onProgress?.({ done: r.connections, total: run.total }, r);
    if (finished) break;
  }
  return run.result();
}
