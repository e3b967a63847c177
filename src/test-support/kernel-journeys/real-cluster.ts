/**
 * One scenario's cluster built for real in the sandbox: namespaces and links (topology.ts), each node's
 * rules from our generator loaded with the real iptables-restore, echo servers where something listens
 * (listeners.ts), and the clients' agents, started on first use.
 */
import type { ClusterModel } from '../../engine/cluster/model';
import { Agent, startAgent } from './agents';
import { labRules } from './lab-cli';
import { nodeListeners, podListeners } from './listeners';
import type { Sandbox } from './sandbox';
import { entryRouteScript, externalClientScript, podKey, topologyScript, type RealNode, type RealTopology } from './topology';

/** A client: the namespace it sends from and what the echo servers will call it. */
export interface Client {
  readonly agent: Agent;
  /** The namespace of the node whose rules see its packets first (for a pod or node client). */
  readonly node?: RealNode;
  readonly external?: string;
  /** A pod client's own address. */
  readonly podIP?: string;
}

/** The ctstates the mangle OUTPUT counting rules tell apart for ICMP. */
export const ICMP_CTSTATES = ['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED'] as const;

export class RealCluster {
  private readonly agents = new Map<string, Agent>();
  /** `tcp/10.244.1.2/80`: where an echo server listens (node wildcards under each of the node's addresses). */
  private readonly listening = new Set<string>();

  private constructor(
    readonly cluster: ClusterModel,
    readonly topology: RealTopology,
    private readonly sandbox: Sandbox,
    private readonly agentPath: string,
    private readonly deadlineMs: number,
  ) {}

  static async build(sandbox: Sandbox, cluster: ClusterModel, file: string, agentPath: string, deadlineMs: number): Promise<RealCluster> {
    const { script, topology } = topologyScript(cluster);
    sandbox.sh(script);
    const real = new RealCluster(cluster, topology, sandbox, agentPath, deadlineMs);
    for (const node of topology.nodes) {
      const rules = await labRules(file, node.name);
      // xt_nfacct refuses counters that do not exist; kube-proxy's node has them (created by kube-proxy's metrics).
      const nfacct = [...new Set([...rules.matchAll(/--nfacct-name\s+(\S+)/g)].map((m) => m[1]!))];
      sandbox.sh(`nsenter --net=/run/netns/${node.netns} bash -c '${nfacct.map((n) => `nfacct add ${n} >/dev/null 2>&1 || true; `).join('')}iptables-restore'`, rules);
      // Counting rules (no target) in the mangle table, which kube-proxy leaves alone: how conntrack classifies
      // the ICMP errors a node sends (a REJECT's answer), read off their counters.
      // And in raw, before conntrack: multicast (IGMP reports of interfaces coming up) is no part of any journey,
      // yet a new flow would count in nat PREROUTING of every node on the bridge.
      sandbox.sh(`nsenter --net=/run/netns/${node.netns} sh -c '${[
        ...ICMP_CTSTATES.map((st) => `iptables -t mangle -A OUTPUT -p icmp -m conntrack --ctstate ${st}`),
        'iptables -t raw -A PREROUTING -d 224.0.0.0/4 -j DROP',
        'iptables -t raw -A OUTPUT -d 224.0.0.0/4 -j DROP',
      ].join('; ')}'`);
    }
    const starts: Promise<void>[] = [];
    cluster.nodes.forEach((n, i) => {
      const agent = real.agentFor(topology.nodes[i]!.netns, `node:${n.name}`);
      const listeners = nodeListeners(cluster, n);
      for (const l of listeners) for (const a of l.address ? [l.address] : [n.internalIP, n.gatewayIP, '127.0.0.1']) real.listening.add(`${l.protocol}/${a}/${l.port}`);
      starts.push(agent.listen(listeners));
    });
    for (const p of topology.pods) {
      const listeners = podListeners(cluster, p.pod);
      for (const l of listeners) real.listening.add(`${l.protocol}/${p.pod.ip}/${l.port}`);
      if (listeners.length > 0) starts.push(real.agentFor(p.netns, `pod:${p.key}`).listen(listeners));
    }
    await Promise.all(starts);
    return real;
  }

  private agentFor(netns: string, who: string): Agent {
    let agent = this.agents.get(netns);
    if (!agent) {
      agent = startAgent(this.sandbox, this.agentPath, netns, who, this.deadlineMs);
      this.agents.set(netns, agent);
    }
    return agent;
  }

  /** Runs a shell command in a node's namespace (tests use it to make a kernel that differs on purpose). */
  onNode(name: string, command: string): string {
    const node = this.nodeByName(name);
    if (!node) throw new Error(`no node ${name}`);
    return this.sandbox.sh(`nsenter --net=/run/netns/${node.netns} sh -c '${command.replace(/'/g, `'\\''`)}'`);
  }

  /** Whether something listens at `ip:port` in the real cluster. */
  listens(protocol: 'tcp' | 'udp', ip: string, port: number): boolean {
    return this.listening.has(`${protocol}/${ip}/${port}`);
  }

  nodeByName(name: string): RealNode | undefined {
    return this.topology.nodes.find((n) => n.name === name);
  }

  /** The client `--from` names (DESIGN §4: a pod, `NAMESPACE/NAME`, `NAME.NAMESPACE`, a node, `external[:IP]`). */
  client(from: string, defaultExternalIP: string): Client {
    if (from === 'external' || from.startsWith('external:')) {
      const ip = from === 'external' ? defaultExternalIP : from.slice('external:'.length);
      let netns = this.topology.externals.get(ip);
      if (!netns) {
        const made = externalClientScript(this.topology, ip);
        this.sandbox.sh(made.script);
        netns = made.netns;
      }
      return { agent: this.agentFor(netns, `external:${ip}`), external: ip };
    }
    const node = this.nodeByName(from);
    if (node) return { agent: this.agentFor(node.netns, `node:${node.name}`), node };
    const pods = this.topology.pods;
    const [ns, name] = from.includes('/') ? from.split('/', 2) : [undefined, from];
    const dotted = from.indexOf('.') > 0 ? pods.find((p) => `${p.pod.name}.${p.pod.namespace}` === from) : undefined;
    const pod =
      dotted ??
      pods.find((p) => p.pod.name === name && p.pod.namespace === (ns ?? 'default')) ??
      (ns === undefined ? pods.find((p) => p.pod.name === name) : undefined);
    if (!pod) throw new Error(`--from ${from}: no such pod, node or external client in the real cluster`);
    return { agent: this.agentFor(pod.netns, `pod:${pod.key}`), node: this.nodeByName(pod.pod.nodeName), podIP: pod.pod.ip };
  }

  /** The docker network hands an external client's packets for `destination` to `entry`. */
  routeExternal(destination: string, entry: RealNode): void {
    this.sandbox.sh(entryRouteScript(this.topology, destination, entry));
  }

  /** Forget every connection: conntrack entries and the `recent` lists session affinity remembers clients in, on every node. */
  forget(): void {
    const recent = '; for f in /proc/net/xt_recent/*; do [ -e "$f" ] && echo / > "$f"; done';
    // Counters zeroed too: after the connection they say which rules the kernel's packets matched.
    const zero = 'iptables -t nat -Z; iptables -t filter -Z; iptables -t mangle -Z';
    this.sandbox.sh(this.topology.nodes.map((n) => `nsenter --net=/run/netns/${n.netns} sh -c '${zero}; conntrack -F >/dev/null 2>&1${recent}; true'`).join('\n'));
  }

  /**
   * The nodes' state since `forget`, read in one go: `conntrack -L` by node (nodes without entries left out),
   * and every rule that matched a packet, by node: `TABLE -A …` (iptables-save's text, which is also the
   * lab's rule text) with its packet count.
   */
  readState(withRules: boolean): { conntrack: Record<string, string[]>; rules: Record<string, Map<string, number>> } {
    const script = this.topology.nodes
      .map((n) => `echo "@@ct ${n.name}"; nsenter --net=/run/netns/${n.netns} sh -c 'conntrack -L 2>/dev/null${withRules ? `; echo "@@rules ${n.name}"; iptables-save -c` : ''}'`)
      .join('\n');
    const conntrack: Record<string, string[]> = {};
    const rules: Record<string, Map<string, number>> = {};
    let section = '';
    let node = '';
    let table = '';
    for (const line of this.sandbox.sh(script).split('\n')) {
      const header = /^@@(ct|rules) (.*)$/.exec(line);
      if (header) [section, node] = [header[1]!, header[2]!];
      else if (section === 'ct' && line.trim() !== '') (conntrack[node] ??= []).push(line);
      else if (section === 'rules' && line.startsWith('*')) table = line.slice(1);
      else if (section === 'rules') {
        const m = /^\[(\d+):\d+\] (-A .*)$/.exec(line);
        if (m && m[1] !== '0') (rules[node] ??= new Map()).set(`${table} ${m[2]}`, Number(m[1]));
      }
    }
    return { conntrack, rules };
  }

  /**
   * Neighbours nobody answered ARP for (`ip neigh` FAILED or INCOMPLETE), in the client's namespace and on
   * every node: where the kernel found no host for a packet. A UDP socket is not told (EHOSTUNREACH is not
   * a hard error for UDP without IP_RECVERR), so this is how the check sees it.
   */
  unansweredNeighbours(client: Client): string[] {
    const namespaces = [client.agent.netns, ...this.topology.nodes.map((n) => n.netns)];
    const out = this.sandbox.sh([...new Set(namespaces)].map((ns) => `ip -n ${ns} neigh show nud failed; ip -n ${ns} neigh show nud incomplete`).join('\n'));
    return out.split('\n').filter((l) => l.trim() !== '');
  }

  /** `ping -c 1` from a client's namespace; undefined when this machine has no ping. */
  ping(client: Client, destination: string): 'delivered' | 'rejected' | 'dropped' | undefined {
    if (this.sandbox.shStatus('command -v ping').status !== 0) return undefined;
    const r = this.sandbox.shStatus(`nsenter --net=/run/netns/${client.agent.netns} ping -n -c 1 -W 1 ${destination}`);
    if (r.status === 0) return 'delivered';
    return /unreachable|prohibited/i.test(r.stdout + r.stderr) ? 'rejected' : 'dropped';
  }

  /** An endpoint's `IP:PORT` from what its echo server said (a UDP server does not know the address it was reached at). */
  endpointKey(who: string, local: string): string {
    const [ip = '', port = ''] = [local.slice(0, local.lastIndexOf(':')), local.slice(local.lastIndexOf(':') + 1)];
    if (ip !== '*') return `${ip}:${port}`;
    if (who.startsWith('pod:')) return `${this.topology.pods.find((p) => p.key === who.slice(4))?.pod.ip ?? '?'}:${port}`;
    if (who.startsWith('node:')) return `${this.nodeByName(who.slice(5))?.internalIP ?? '?'}:${port}`;
    return `?:${port}`;
  }

  close(): void {
    for (const a of this.agents.values()) a.stop();
    this.agents.clear();
    // The sandbox's end removes whatever this leaves, so a failure here is not worth failing the run for.
    this.sandbox.shStatus(`${this.topology.namespaces.map((ns) => `ip netns delete ${ns} 2>/dev/null`).join('; ')}; true`);
  }
}

export { podKey };
