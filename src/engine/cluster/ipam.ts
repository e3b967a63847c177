/**
 * Node and pod addressing (DESIGN §2): node InternalIPs from 172.18.0.2 (kind's docker network),
 * consecutive /24 podCIDRs of the podSubnet, each pod veth's node side on the podCIDR's `.1` (ptp
 * plugin) unless the scenario itself uses `.1`, pod IPs from `.2` in document order.
 */
import { cidrContains, formatCidr, formatIpv4, lastUsable, nthAddress, parseCidr, parseIpv4 } from '../ipv4';
import type { FieldPath, Reporter } from './diagnostics';
import type { ClusterNode, SourceRef } from './model';

/** kind's docker network is 172.18.0.0/16 with the gateway on .1, so nodes start at .2. */
export const FIRST_NODE_IP = '172.18.0.2';

/** A node whose address and pod range may still be missing. */
export interface NodeSeed {
  readonly name: string;
  readonly role: ClusterNode['role'];
  readonly internalIP?: string;
  readonly podCIDR?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly source: SourceRef;
  /** Where to report problems with this node (absent for nodes we invent). */
  readonly report?: { readonly r: Reporter; readonly ipPath: FieldPath; readonly cidrPath: FieldPath };
}

/** Node addresses and pod ranges; the gateway is settled later, once every pod address is known. */
export function addressNodes(seeds: readonly NodeSeed[], podSubnet: string): Omit<ClusterNode, 'gatewayIP'>[] | undefined {
  const subnet = parseCidr(podSubnet);
  if (subnet === undefined) return undefined;
  let ok = true;
  const usedIPs = new Set<string>();
  for (const s of seeds) {
    if (s.internalIP === undefined) continue;
    if (usedIPs.has(s.internalIP)) {
      s.report?.r.duplicate(s.report.ipPath, s.internalIP);
      ok = false;
    }
    usedIPs.add(s.internalIP);
  }
  const usedCIDRs = new Set<string>();
  for (const s of seeds) {
    if (s.podCIDR === undefined) continue;
    if (usedCIDRs.has(s.podCIDR)) {
      s.report?.r.duplicate(s.report.cidrPath, s.podCIDR);
      ok = false;
    }
    usedCIDRs.add(s.podCIDR);
  }
  let nextIP = parseIpv4(FIRST_NODE_IP)!;
  let nextBlock = 0;
  const blocks = 2 ** (24 - Math.min(subnet.prefix, 24));
  const out: Omit<ClusterNode, 'gatewayIP'>[] = [];
  for (const s of seeds) {
    let ip = s.internalIP;
    while (ip === undefined) {
      const candidate = formatIpv4(nextIP++);
      if (!usedIPs.has(candidate)) ip = candidate;
    }
    let cidr = s.podCIDR;
    while (cidr === undefined && nextBlock < blocks) {
      const candidate = formatCidr({ address: nthAddress(subnet, nextBlock++ * 256), prefix: 24 });
      if (!usedCIDRs.has(candidate)) cidr = candidate;
    }
    if (cidr === undefined) {
      s.report?.r.error(s.report.cidrPath, `no /24 of the podSubnet ${podSubnet} is left for this node`);
      ok = false;
      continue;
    }
    out.push({ name: s.name, role: s.role, internalIP: ip, podCIDR: cidr, labels: s.labels, source: s.source });
  }
  return ok ? out : undefined;
}

/**
 * The node side of the pod veths: the podCIDR's `.1`, unless the scenario puts a pod or an endpoint on
 * `.1` — then the last usable address, since a node owning a pod's address would deliver its traffic
 * locally instead of to the pod.
 */
export function gatewayFor(podCIDR: string, scenarioAddresses: ReadonlySet<string>): string {
  const c = parseCidr(podCIDR);
  if (c === undefined) return '';
  const first = formatIpv4(nthAddress(c, 1));
  return scenarioAddresses.has(first) ? formatIpv4(lastUsable(c)) : first;
}

/** Hands out pod addresses per node: `.2` upward, skipping the gateway and every address already taken. */
export class PodAddressPool {
  private readonly next = new Map<string, number>();

  constructor(
    private readonly nodes: ReadonlyMap<string, ClusterNode>,
    private readonly taken: Set<string>,
  ) {}

  allocate(nodeName: string): string | undefined {
    const node = this.nodes.get(nodeName);
    const c = node === undefined ? undefined : parseCidr(node.podCIDR);
    if (node === undefined || c === undefined) return undefined;
    const last = lastUsable(c);
    for (let n = this.next.get(nodeName) ?? 2; nthAddress(c, n) <= last; n++) {
      const ip = formatIpv4(nthAddress(c, n));
      if (ip === node.gatewayIP || this.taken.has(ip)) continue;
      this.taken.add(ip);
      this.next.set(nodeName, n + 1);
      return ip;
    }
    return undefined;
  }
}

/** Whether `ip` lies in `cidr` (both dotted strings). */
export function inCidr(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr);
  const a = parseIpv4(ip);
  return c !== undefined && a !== undefined && cidrContains(c, a);
}
