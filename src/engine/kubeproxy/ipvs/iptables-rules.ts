/**
 * The iptables rules kube-proxy's IPVS proxier restores (proxier.go `createAndLinkKubeChain`,
 * `writeIptablesRules`, `acceptIPVSTraffic`): nat first, then filter, as its `iptablesData` holds them.
 * The jumps from the built-in chains, which kube-proxy ensures one by one with `iptables -I` (each
 * prepended, so the last ensured comes first), and kubelet's KUBE-FIREWALL, which was there before
 * kube-proxy started, are written into the same text, so that it loads into an empty node as the
 * node's tables are.
 */
import type { LocalDetector } from '../local-detector';
import { ipsetInfo, KUBE_CLUSTER_IP, KUBE_EXTERNAL_IP, KUBE_EXTERNAL_IP_LOCAL, KUBE_HEALTH_CHECK_NODE_PORT, KUBE_IPVS_IPS, KUBE_LOAD_BALANCER } from './ipset-info';
import type { IpvsMeaningBook, IpvsRuleMeaning, IpvsRuleRole } from './meaning';
import type { IpvsProxierState } from './proxier';

const KUBE_SERVICES = 'KUBE-SERVICES';
const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
const KUBE_NODE_PORT = 'KUBE-NODE-PORT';
const KUBE_LOAD_BALANCER_CHAIN = 'KUBE-LOAD-BALANCER';
const KUBE_FORWARD = 'KUBE-FORWARD';
const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
const KUBE_SOURCE_RANGES_FIREWALL = 'KUBE-SOURCE-RANGES-FIREWALL';
const KUBE_IPVS_FILTER = 'KUBE-IPVS-FILTER';
const KUBE_IPVS_OUT_FILTER = 'KUBE-IPVS-OUT-FILTER';

/** `iptablesChains`: the chains kube-proxy declares (and so flushes) on every sync. */
const IPTABLES_CHAINS: readonly (readonly ['nat' | 'filter', string])[] = [
  ['nat', KUBE_SERVICES], ['nat', KUBE_POSTROUTING], ['nat', KUBE_NODE_PORT], ['nat', KUBE_LOAD_BALANCER_CHAIN], ['nat', KUBE_MARK_MASQ],
  ['filter', KUBE_FORWARD], ['filter', KUBE_NODE_PORT], ['filter', KUBE_PROXY_FIREWALL], ['filter', KUBE_SOURCE_RANGES_FIREWALL],
  ['filter', KUBE_IPVS_FILTER], ['filter', KUBE_IPVS_OUT_FILTER],
];

/** `iptablesJumpChain`, in the order kube-proxy ensures them. */
const JUMPS: readonly { table: 'nat' | 'filter'; from: string; to: string; comment: string; role: IpvsRuleRole }[] = [
  { table: 'nat', from: 'OUTPUT', to: KUBE_SERVICES, comment: 'kubernetes service portals', role: 'jump-to-services' },
  { table: 'nat', from: 'PREROUTING', to: KUBE_SERVICES, comment: 'kubernetes service portals', role: 'jump-to-services' },
  { table: 'nat', from: 'POSTROUTING', to: KUBE_POSTROUTING, comment: 'kubernetes postrouting rules', role: 'jump-to-postrouting' },
  { table: 'filter', from: 'FORWARD', to: KUBE_FORWARD, comment: 'kubernetes forwarding rules', role: 'jump-to-forward' },
  { table: 'filter', from: 'INPUT', to: KUBE_NODE_PORT, comment: 'kubernetes health check rules', role: 'jump-to-health-check' },
  { table: 'filter', from: 'INPUT', to: KUBE_PROXY_FIREWALL, comment: 'kube-proxy firewall rules', role: 'jump-to-proxy-firewall' },
  { table: 'filter', from: 'FORWARD', to: KUBE_PROXY_FIREWALL, comment: 'kube-proxy firewall rules', role: 'jump-to-proxy-firewall' },
  { table: 'filter', from: 'INPUT', to: KUBE_IPVS_FILTER, comment: 'kubernetes ipvs access filter', role: 'jump-to-ipvs-filter' },
  { table: 'filter', from: 'OUTPUT', to: KUBE_IPVS_OUT_FILTER, comment: 'kubernetes ipvs access filter', role: 'jump-to-ipvs-out-filter' },
];

/**
 * `ipsetWithIptablesChain`: a set that has members gets one rule `-A from [-p proto] -m comment … -m set
 * --match-set NAME matchType -j to`. The Local sets come before their catch-all set (RETURN first).
 */
const IPSET_JUMPS: readonly { set: string; table: 'nat' | 'filter'; from: string; to: string; matchType: string; protocol?: string; role: IpvsRuleRole }[] = [
  { set: 'KUBE-LOOP-BACK', table: 'nat', from: KUBE_POSTROUTING, to: 'MASQUERADE', matchType: 'dst,dst,src', role: 'loop-back-masquerade' },
  { set: 'KUBE-LOAD-BALANCER', table: 'nat', from: KUBE_SERVICES, to: KUBE_LOAD_BALANCER_CHAIN, matchType: 'dst,dst', role: 'load-balancer-jump' },
  { set: 'KUBE-LOAD-BALANCER-LOCAL', table: 'nat', from: KUBE_LOAD_BALANCER_CHAIN, to: 'RETURN', matchType: 'dst,dst', role: 'load-balancer-local-return' },
  { set: 'KUBE-NODE-PORT-LOCAL-TCP', table: 'nat', from: KUBE_NODE_PORT, to: 'RETURN', matchType: 'dst', protocol: 'tcp', role: 'node-port-local-return' },
  { set: 'KUBE-NODE-PORT-TCP', table: 'nat', from: KUBE_NODE_PORT, to: KUBE_MARK_MASQ, matchType: 'dst', protocol: 'tcp', role: 'node-port-masquerade' },
  { set: 'KUBE-NODE-PORT-LOCAL-UDP', table: 'nat', from: KUBE_NODE_PORT, to: 'RETURN', matchType: 'dst', protocol: 'udp', role: 'node-port-local-return' },
  { set: 'KUBE-NODE-PORT-UDP', table: 'nat', from: KUBE_NODE_PORT, to: KUBE_MARK_MASQ, matchType: 'dst', protocol: 'udp', role: 'node-port-masquerade' },
  { set: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH', table: 'nat', from: KUBE_NODE_PORT, to: 'RETURN', matchType: 'dst,dst', protocol: 'sctp', role: 'node-port-local-return' },
  { set: 'KUBE-NODE-PORT-SCTP-HASH', table: 'nat', from: KUBE_NODE_PORT, to: KUBE_MARK_MASQ, matchType: 'dst,dst', protocol: 'sctp', role: 'node-port-masquerade' },
  { set: 'KUBE-LOAD-BALANCER-FW', table: 'filter', from: KUBE_PROXY_FIREWALL, to: KUBE_SOURCE_RANGES_FIREWALL, matchType: 'dst,dst', role: 'source-ranges-jump' },
  { set: 'KUBE-LOAD-BALANCER-SOURCE-CIDR', table: 'filter', from: KUBE_SOURCE_RANGES_FIREWALL, to: 'RETURN', matchType: 'dst,dst,src', role: 'source-range-allowed' },
  { set: 'KUBE-LOAD-BALANCER-SOURCE-IP', table: 'filter', from: KUBE_SOURCE_RANGES_FIREWALL, to: 'RETURN', matchType: 'dst,dst,src', role: 'source-range-allowed' },
];

export interface IpvsIptablesSettings {
  readonly masqueradeAll: boolean;
  /** `fmt.Sprintf("%#08x", 1<<masqueradeBit)`: `0x004000`. */
  readonly mark: string;
  readonly localDetector: LocalDetector;
}

/** `getComment()`: the set's comment, always in double quotes. */
const comment = (set: string): string[] => ['-m', 'comment', '--comment', `"${ipsetInfo(set).comment}"`];
const matchSet = (set: string, flags: string): string[] => ['-m', 'set', '--match-set', set, flags];

/** The restore text: nat, then filter; `book`, when given, receives each rule's meaning in the chain's order. */
export function writeIpvsIptables(state: IpvsProxierState, settings: IpvsIptablesSettings, book?: IpvsMeaningBook): string {
  const chains = { nat: [':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]'], filter: [':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]'] };
  const rules: { nat: string[]; filter: string[] } = { nat: [], filter: [] };
  const write = (meaning: IpvsRuleMeaning, table: 'nat' | 'filter', chain: string, ...args: string[]): void => {
    rules[table].push(['-A', chain, ...args].join(' '));
    book?.add(table, chain, { kind: 'ipvs', meaning });
  };
  const as = (role: IpvsRuleRole, set?: string): IpvsRuleMeaning => (set === undefined ? { role } : { role, set });
  for (const [table, chain] of IPTABLES_CHAINS) chains[table].push(`:${chain} - [0:0]`);
  // kubelet's KUBE-FIREWALL (pkg/kubelet/kubelet_network_linux.go), there before kube-proxy's jumps.
  chains.filter.push(':KUBE-FIREWALL - [0:0]');

  // EnsureRule(Prepend): the last jump ensured into a chain is its first rule, kubelet's jumps stay last.
  for (const from of ['PREROUTING', 'OUTPUT', 'POSTROUTING'])
    for (const j of JUMPS.filter((j) => j.table === 'nat' && j.from === from).reverse()) write(as(j.role), 'nat', from, '-m', 'comment', '--comment', `"${j.comment}"`, '-j', j.to);
  for (const from of ['INPUT', 'FORWARD', 'OUTPUT']) {
    for (const j of JUMPS.filter((j) => j.table === 'filter' && j.from === from).reverse()) write(as(j.role), 'filter', from, '-m', 'comment', '--comment', `"${j.comment}"`, '-j', j.to);
    if (from !== 'FORWARD') write(as('jump-to-kubelet-firewall'), 'filter', from, '-j', 'KUBE-FIREWALL');
  }
  write(as('block-localnet'), 'filter', 'KUBE-FIREWALL', '-m', 'comment', '--comment', '"block incoming localnet connections"', '-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8', '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP');

  const nonEmpty = (set: string): boolean => (state.ipsets.get(set)?.length ?? 0) > 0;

  // Dismiss connections to localhost early in the service chain.
  write(as('localhost-return'), 'nat', KUBE_SERVICES, '-s', '127.0.0.0/8', '-j', 'RETURN');
  for (const j of IPSET_JUMPS) {
    if (!nonEmpty(j.set)) continue;
    write(as(j.role, j.set), j.table, j.from, ...(j.protocol ? ['-p', j.protocol] : []), ...comment(j.set), ...matchSet(j.set, j.matchType), '-j', j.to);
  }
  if (nonEmpty(KUBE_CLUSTER_IP)) {
    const args = [...comment(KUBE_CLUSTER_IP), '-m', 'set', '--match-set', KUBE_CLUSTER_IP];
    if (settings.masqueradeAll) write(as('cluster-ip-masquerade-all', KUBE_CLUSTER_IP), 'nat', KUBE_SERVICES, ...args, 'dst,dst', '-j', KUBE_MARK_MASQ);
    // Off-cluster traffic to a service VIP is masqueraded: it may be routed to any node and bounce off it.
    else if (settings.localDetector.implemented) write(as('cluster-ip-masquerade-off-cluster', KUBE_CLUSTER_IP), 'nat', KUBE_SERVICES, ...args, 'dst,dst', ...settings.localDetector.ifNotLocal, '-j', KUBE_MARK_MASQ);
    // Without a detector, node-originated traffic whose source is a VIP (kube-ipvs0 holds them all) is masqueraded.
    else write(as('cluster-ip-masquerade-vip-source', KUBE_CLUSTER_IP), 'nat', KUBE_SERVICES, ...args, 'src,dst', '-j', KUBE_MARK_MASQ);
  }
  const externalIPRules = (set: string, args: readonly string[]): void => {
    // Roughly "all traffic from off-machine": not from a bridge port, not from a local address.
    write(as('external-ip-accept-off-machine', set), 'nat', KUBE_SERVICES, ...args, '-m', 'physdev', '!', '--physdev-is-in', '-m', 'addrtype', '!', '--src-type', 'LOCAL', '-j', 'ACCEPT');
    write(as('external-ip-accept-local', set), 'nat', KUBE_SERVICES, ...args, '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'ACCEPT');
  };
  if (nonEmpty(KUBE_EXTERNAL_IP)) {
    const args = [...comment(KUBE_EXTERNAL_IP), ...matchSet(KUBE_EXTERNAL_IP, 'dst,dst')];
    write(as('external-ip-masquerade', KUBE_EXTERNAL_IP), 'nat', KUBE_SERVICES, ...args, '-j', KUBE_MARK_MASQ);
    externalIPRules(KUBE_EXTERNAL_IP, args);
  }
  if (nonEmpty(KUBE_EXTERNAL_IP_LOCAL)) externalIPRules(KUBE_EXTERNAL_IP_LOCAL, [...comment(KUBE_EXTERNAL_IP_LOCAL), ...matchSet(KUBE_EXTERNAL_IP_LOCAL, 'dst,dst')]);
  write(as('jump-to-node-port'), 'nat', KUBE_SERVICES, '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', KUBE_NODE_PORT);
  write(as('load-balancer-masquerade'), 'nat', KUBE_LOAD_BALANCER_CHAIN, '-j', KUBE_MARK_MASQ);
  write(as('source-range-drop'), 'filter', KUBE_SOURCE_RANGES_FIREWALL, '-j', 'DROP');
  // For IPVS the node's own connection to its LB IP has that IP as source and destination.
  for (const e of state.noNodeAccess) write(as('no-node-access-drop'), 'filter', KUBE_IPVS_OUT_FILTER, '-s', e.ip, '-m', 'ipvs', '--vaddr', e.ip, '--vproto', e.protocol, '--vport', String(e.port), '-j', 'DROP');
  // acceptIPVSTraffic: accept what IPVS will take, whatever rules other components add later.
  for (const set of [KUBE_CLUSTER_IP, KUBE_LOAD_BALANCER]) if (nonEmpty(set)) write(as('accept-service', set), 'nat', KUBE_SERVICES, ...matchSet(set, 'dst,dst'), '-j', 'ACCEPT');
  const mark = settings.mark;
  write(as('forward-marked'), 'filter', KUBE_FORWARD, '-m', 'comment', '--comment', '"kubernetes forwarding rules"', '-m', 'mark', '--mark', `${mark}/${mark}`, '-j', 'ACCEPT');
  write(as('forward-established'), 'filter', KUBE_FORWARD, '-m', 'comment', '--comment', '"kubernetes forwarding conntrack rule"', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT');
  write(as('health-check-accept', KUBE_HEALTH_CHECK_NODE_PORT), 'filter', KUBE_NODE_PORT, ...comment(KUBE_HEALTH_CHECK_NODE_PORT), ...matchSet(KUBE_HEALTH_CHECK_NODE_PORT, 'dst'), '-j', 'ACCEPT');
  // KUBE-IPVS-FILTER: a VIP answers only on its service ports; other ports of the host are not reachable through it (kubernetes#72236).
  for (const [set, flags] of [[KUBE_LOAD_BALANCER, 'dst,dst'], [KUBE_CLUSTER_IP, 'dst,dst'], [KUBE_EXTERNAL_IP, 'dst,dst'], [KUBE_EXTERNAL_IP_LOCAL, 'dst,dst'], [KUBE_HEALTH_CHECK_NODE_PORT, 'dst']] as const)
    write(as('ipvs-filter-return', set), 'filter', KUBE_IPVS_FILTER, ...matchSet(set, flags), '-j', 'RETURN');
  write(as('ipvs-filter-reject', KUBE_IPVS_IPS), 'filter', KUBE_IPVS_FILTER, '-m', 'conntrack', '--ctstate', 'NEW', ...matchSet(KUBE_IPVS_IPS, 'dst'), '-j', 'REJECT');
  write(as('masquerade-skip-unmarked'), 'nat', KUBE_POSTROUTING, '-m', 'mark', '!', '--mark', `${mark}/${mark}`, '-j', 'RETURN');
  // Clear the mark so a packet that re-traverses the stack is not masqueraded twice.
  write(as('masquerade-clear-mark'), 'nat', KUBE_POSTROUTING, '-j', 'MARK', '--xor-mark', mark);
  write(as('masquerade'), 'nat', KUBE_POSTROUTING, '-m', 'comment', '--comment', '"kubernetes service traffic requiring SNAT"', '-j', 'MASQUERADE', '--random-fully');
  write(as('masquerade-mark'), 'nat', KUBE_MARK_MASQ, '-j', 'MARK', '--or-mark', mark);

  const block = (table: 'nat' | 'filter'): string => [`*${table}`, ...chains[table], ...rules[table], 'COMMIT', ''].join('\n');
  return block('nat') + block('filter');
}
