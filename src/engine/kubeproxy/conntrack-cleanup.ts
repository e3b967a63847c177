/**
 * kube-proxy's conntrack reconciler, run after every successful sync (pkg/proxy/conntrack/cleanup.go
 * `CleanStaleEntries`, v1.32+, the one v1.33 ships): only UDP needs it — a UDP "connection" never ends,
 * so a client that keeps sending from the same port would follow its entry's DNAT to an endpoint that is
 * gone for as long as it keeps the entry alive. TCP entries are left to time out (deleting them would
 * break graceful termination, kubernetes#101607).
 *
 * For each UDP service port with at least one *serving* endpoint, an entry is deleted when
 * - its original destination is the service's ClusterIP, a LoadBalancer VIP or an externalIP on the
 *   service port, and its reply source (the endpoint the entry DNATs to) is not a serving endpoint; or
 * - its original destination port is the service's NodePort (on any address) and its reply source is not
 *   a serving endpoint.
 * A service port with no serving endpoint is skipped ("a Service without endpoints does not require to
 * clean the conntrack entries associated"): in v1.33 scaling a UDP Deployment to zero leaves its stale
 * entries in place (fixed later by kubernetes#139629).
 */
import type { ConntrackEntry, ConntrackTable } from '../conntrack/model';
import { destroyEntry, isExpired, snapshot } from '../conntrack/table';
import { formatIpv4 } from '../ipv4';
import type { ServicePortInfo } from './service-ports';

/**
 * One `filterForIPPortNAT` / `filterForPortNAT`: the entries it deletes are UDP, have this reply source
 * and this original destination port, and (when given) this original destination address.
 */
export interface StaleEntryFilter {
  readonly origDst?: string;
  readonly origPortDst: number;
  readonly replySrc: string;
}

/** What one reconcile deleted on one node. */
export interface ConntrackCleanup {
  /** The filters kube-proxy built, each as the `conntrack -D` command that deletes the same entries. */
  readonly commands: readonly string[];
  /** The deleted entries, as they were when deleted. */
  readonly deleted: readonly ConntrackEntry[];
}

/** The filters `CleanStaleEntries` builds for the entries of `table`, given kube-proxy's service ports. */
export function staleEntryFilters(table: ConntrackTable, ports: readonly ServicePortInfo[], nowMs: number): StaleEntryFilter[] {
  const byFrontend = new Map<string, ReadonlySet<string>>();
  const byNodePort = new Map<number, ReadonlySet<string>>();
  for (const sp of ports) {
    if (sp.port.protocol !== 'UDP') continue;
    const serving = new Set(sp.endpoints.filter((e) => e.serving).map((e) => e.ip));
    if (serving.size === 0) continue;
    const port = sp.port.port;
    for (const ip of [sp.clusterIP.value, ...sp.loadBalancerVIPs.map((v) => v.value), ...sp.externalIPs.map((v) => v.value)]) byFrontend.set(`${ip}:${port}`, serving);
    if (sp.nodePort !== 0) byNodePort.set(sp.nodePort, serving);
  }
  const filters: StaleEntryFilter[] = [];
  const seen = new Set<string>();
  const add = (f: StaleEntryFilter): void => {
    const key = `${f.origDst ?? '*'}|${f.origPortDst}|${f.replySrc}`;
    if (seen.has(key)) return;
    seen.add(key);
    filters.push(f);
  };
  for (const entry of table.entries.values()) {
    // The dump skips (and reaps) expired entries.
    if (entry.original.protocol !== 'udp' || isExpired(entry, nowMs)) continue;
    const origDst = formatIpv4(entry.original.dst);
    const origPortDst = entry.original.dport;
    const replySrc = formatIpv4(entry.reply.src);
    const frontend = byFrontend.get(`${origDst}:${origPortDst}`);
    if (frontend && !frontend.has(replySrc)) add({ origDst, origPortDst, replySrc });
    const nodePort = byNodePort.get(origPortDst);
    if (nodePort && !nodePort.has(replySrc)) add({ origPortDst, replySrc });
  }
  return filters;
}

/** Whether `entry` is one a filter deletes (netlink's CustomConntrackFilter.MatchConntrackFlow). */
export function filterMatches(f: StaleEntryFilter, entry: ConntrackEntry): boolean {
  return (
    entry.original.protocol === 'udp' &&
    entry.original.dport === f.origPortDst &&
    formatIpv4(entry.reply.src) === f.replySrc &&
    (f.origDst === undefined || formatIpv4(entry.original.dst) === f.origDst)
  );
}

/** The `conntrack -D` command that deletes what a filter deletes (kube-proxy itself uses netlink). */
export function filterCommand(f: StaleEntryFilter): string {
  return `conntrack -D -p udp${f.origDst !== undefined ? ` --orig-dst ${f.origDst}` : ''} --orig-port-dst ${f.origPortDst} --reply-src ${f.replySrc}`;
}

/** Runs the reconciler on one node's table at `nowMs`: deletes the stale UDP entries (each with its DESTROY event). */
export function cleanStaleEntries(table: ConntrackTable, ports: readonly ServicePortInfo[], nowMs: number): ConntrackCleanup {
  const filters = staleEntryFilters(table, ports, nowMs);
  const deleted: ConntrackEntry[] = [];
  if (filters.length === 0) return { commands: [], deleted };
  for (const entry of [...table.entries.values()]) {
    if (isExpired(entry, nowMs) || !filters.some((f) => filterMatches(f, entry))) continue;
    deleted.push(snapshot(entry));
    destroyEntry(table, entry, nowMs);
  }
  return { commands: filters.map(filterCommand), deleted };
}
