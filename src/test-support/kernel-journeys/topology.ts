/**
 * The kind cluster a scenario describes, built for real inside the sandbox (DESIGN §2, the lab's
 * `sim/topology.ts`): a namespace per node and per pod, one for the docker network (a bridge holding the
 * nodes' eth0 peers, gateway 172.18.0.1) and one per external client. Nodes reach each other's pod CIDRs
 * via host-gw routes; each pod hangs off its node by a ptp-style veth whose node side carries the
 * pod CIDR's gateway address (`.1`, or what the lab chose instead: `ClusterNode.gatewayIP`).
 */
import { createHash } from 'node:crypto';
import type { ClusterModel, PodModel } from '../../engine/cluster/model';

export const DOCKER_GATEWAY = '172.18.0.1';
/** The address the bridge namespace answers external clients on (one /32 per client link, like ptp). */
const EXTERNAL_LINK_GATEWAY = '169.254.1.1';

export interface RealNode {
  readonly name: string;
  readonly netns: string;
  readonly internalIP: string;
}

export interface RealPod {
  readonly key: string;
  readonly pod: PodModel;
  readonly netns: string;
}

export interface RealTopology {
  readonly nodes: readonly RealNode[];
  readonly pods: readonly RealPod[];
  /** The bridge ("docker network") namespace. */
  readonly bridge: string;
  /** The namespace an external client with that address sends from (made by `externalClient`). */
  readonly externals: Map<string, string>;
  /** Every namespace made, for teardown. */
  readonly namespaces: string[];
}

export const podKey = (p: Pick<PodModel, 'namespace' | 'name'>): string => `${p.namespace}/${p.name}`;

/** kindnet's ptp plugin names host-side veths `veth` + 8 hex characters (the lab derives them from the pod's name too). */
function vethName(pod: PodModel): string {
  return `veth${createHash('sha256').update(podKey(pod)).digest('hex').slice(0, 8)}`;
}

const prefixOf = (cidr: string): string => cidr.split('/')[1] ?? '24';

/**
 * The shell script that builds the cluster's namespaces, links, addresses, routes and sysctls. Run in the
 * sandbox (never in the host's namespace): every `ip link add` names the namespaces its two ends go to.
 */
export function topologyScript(cluster: ClusterModel): { script: string; topology: RealTopology } {
  const script = new Script();
  const namespaces: string[] = [];
  const bridge = 'docker';
  const add = (ns: string): void => {
    namespaces.push(ns);
    script.sandbox(`netns add ${ns}`);
  };

  add(bridge);
  script.in(bridge, 'link add br0 type bridge', `addr add ${DOCKER_GATEWAY}/16 dev br0`, 'link set br0 up');
  // Where a real docker host would send a packet for an unknown address (the internet), here it vanishes
  // without an answer, as it would out there: nothing leaves the sandbox.
  script.in(bridge, 'route add blackhole default');
  // route_localnet: lesson 4's neighbour sends to 127.0.0.1 through this network; `lo` stays down here so
  // that 127.0.0.0/8 is not local (routes for 127.0.0.1 go to the node the lab says).
  script.sysctl(bridge, 'net.ipv4.ip_forward=1', 'net.ipv4.conf.all.route_localnet=1', 'net.ipv4.conf.all.rp_filter=0', 'net.ipv4.conf.default.rp_filter=0', 'net.ipv6.conf.all.disable_ipv6=1');

  const nodes: RealNode[] = cluster.nodes.map((n, i) => ({ name: n.name, netns: `node${i}`, internalIP: n.internalIP }));
  cluster.nodes.forEach((n, i) => {
    const ns = `node${i}`;
    add(ns);
    // What a kind node runs with: forwarding on (the docker container's default for kind), rp_filter 0 (a new
    // network namespace's default, which kind leaves alone), route_localnet 1 where kube-proxy sets it
    // (iptables mode with localhost NodePorts). kube-proxy v1.33 leaves nf_conntrack_tcp_be_liberal at 0
    // (conntrack.tcpBeLiberal defaults to false) and drops INVALID packets in KUBE-FORWARD instead.
    script.sysctl(
      ns,
      'net.ipv4.ip_forward=1',
      'net.ipv4.conf.all.rp_filter=0',
      'net.ipv4.conf.default.rp_filter=0',
      `net.ipv4.conf.all.route_localnet=${cluster.kubeProxy.localhostNodePorts ? 1 : 0}`,
      'net.ipv6.conf.all.disable_ipv6=1',
      'net.ipv6.conf.default.disable_ipv6=1',
    );
    script.sandbox(`link add name eth0 netns ${ns} type veth peer name n${i} netns ${bridge}`);
    script.in(bridge, `link set n${i} master br0 up`);
    script.in(ns, 'link set lo up', `addr add ${n.internalIP}/16 dev eth0`, 'link set eth0 up', `route add default via ${DOCKER_GATEWAY} dev eth0`);
  });

  const pods: RealPod[] = [];
  cluster.pods.forEach((pod) => {
    const nodeIndex = cluster.nodes.findIndex((n) => n.name === pod.nodeName);
    const node = cluster.nodes[nodeIndex];
    if (pod.hostNetwork || !node || pod.ip === '') return;
    const ns = `pod${pods.length}`;
    const nodeNs = `node${nodeIndex}`;
    add(ns);
    script.sysctl(ns, 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1');
    const veth = vethName(pod);
    const gw = node.gatewayIP;
    script.sandbox(`link add name eth0 netns ${ns} type veth peer name ${veth} netns ${nodeNs}`);
    // The ptp plugin: the pod's address with its pod CIDR's prefix but no connected route; the gateway is
    // reached on the link and everything else, the pod CIDR included, goes through it (through the node).
    script.in(
      ns,
      'link set lo up',
      `addr add ${pod.ip}/${prefixOf(node.podCIDR)} dev eth0 noprefixroute`,
      'link set eth0 up',
      `route add ${gw} dev eth0 scope link`,
      `route add ${node.podCIDR} via ${gw} dev eth0 src ${pod.ip}`,
      `route add default via ${gw} dev eth0`,
    );
    script.in(nodeNs, `addr add ${gw}/32 dev ${veth}`, `link set ${veth} up`, `route add ${pod.ip}/32 dev ${veth} src ${gw}`);
    pods.push({ key: podKey(pod), pod, netns: ns });
  });
  // host-gw: every other node's pod CIDR via that node's InternalIP (kindnet's routes).
  cluster.nodes.forEach((n, i) => {
    for (const other of cluster.nodes) {
      if (other.name !== n.name) script.in(`node${i}`, `route add ${other.podCIDR} via ${other.internalIP} dev eth0`);
    }
  });
  return { script: script.text(), topology: { nodes, pods, bridge, externals: new Map(), namespaces } };
}

/**
 * A bash script of `ip -batch` blocks: first the sandbox's own (namespaces, and veths whose two ends are
 * created straight into their namespaces), then sysctls (`nsenter --net`, much cheaper than `ip netns exec`
 * and its /sys remount), then one block per namespace (`ip -n NS -batch`).
 */
class Script {
  private readonly top: string[] = [];
  private readonly perNamespace = new Map<string, string[]>();
  private readonly sysctls: string[] = [];
  sandbox(...lines: string[]): void {
    this.top.push(...lines);
  }
  in(ns: string, ...lines: string[]): void {
    const list = this.perNamespace.get(ns) ?? [];
    list.push(...lines);
    this.perNamespace.set(ns, list);
  }
  sysctl(ns: string, ...settings: string[]): void {
    this.sysctls.push(`nsenter --net=/run/netns/${ns} sysctl -q ${settings.map((s) => `-w ${s}`).join(' ')}`);
  }
  text(): string {
    const batch = (prefix: string, lines: readonly string[]): string => `${prefix} -batch - <<'KPL_EOF'\n${lines.join('\n')}\nKPL_EOF`;
    return [
      'set -e',
      batch('ip', this.top),
      // Before any link is up: IPv6 off, so that no router solicitation or DAD crosses the bridge.
      ...this.sysctls,
      ...[...this.perNamespace].map(([ns, lines]) => batch(`ip -n ${ns}`, lines)),
    ].join('\n');
  }
}

/**
 * The namespace of an external client with address `ip`, linked to the bridge namespace by its own veth
 * (addresses as /32s, so any client address works, 203.0.113.10 or 198.51.100.7 alike). `lo` stays down:
 * 127.0.0.1 is then not local, and a "neighbour" can send to a node's 127.0.0.1 (lesson 4).
 */
export function externalClientScript(topology: RealTopology, ip: string): { script: string; netns: string } {
  const index = topology.externals.size;
  const ns = `ext${index}`;
  const b = topology.bridge;
  topology.externals.set(ip, ns);
  topology.namespaces.push(ns);
  const script = new Script();
  script.sandbox(`netns add ${ns}`, `link add name eth0 netns ${ns} type veth peer name x${index} netns ${b}`);
  script.sysctl(ns, 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1');
  script.in(ns, `addr add ${ip}/32 dev eth0`, 'link set eth0 up', `route add ${EXTERNAL_LINK_GATEWAY} dev eth0 scope link`, `route add default via ${EXTERNAL_LINK_GATEWAY} dev eth0`);
  script.in(b, `addr add ${EXTERNAL_LINK_GATEWAY}/32 dev x${index}`, `link set x${index} up`, `route add ${ip}/32 dev x${index}`);
  return { script: script.text(), netns: ns };
}

/** Where the docker network sends an external client's packets for `destination`: to the entry node. */
export function entryRouteScript(topology: RealTopology, destination: string, entryNode: RealNode): string {
  // A node's own address is on the bridge already; anything else (a LoadBalancer IP, an externalIP, a
  // ClusterIP, 127.0.0.1) is routed to the node the lab says the packets arrive at.
  if (topology.nodes.some((n) => n.internalIP === destination)) return 'true';
  return `ip -n ${topology.bridge} route replace ${destination}/32 via ${entryNode.internalIP} dev br0`;
}
