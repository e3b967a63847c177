/**
 * The journeys of the built-in scenarios: the default scenario's classic connections, every lesson's sends
 * (a spread send is one connection plus the endpoint-set check, which the lab's spread triggers by itself;
 * a send that `continues` an earlier one is a second connection from the same client), the flow scenario's
 * kube-proxy patterns, and the cases of features the lab does not have yet, as pending.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../engine/cluster/load';
import { LESSONS } from '../../scenarios/lessons/index';
import type { JourneyCase, ScenarioSuite } from './cases';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');
const FLOWS = join(import.meta.dirname, 'scenarios', 'flows.yaml');


export function defaultSuite(): ScenarioSuite {
  return {
    name: 'default.yaml',
    file: join(SCENARIOS, 'default.yaml'),
    cases: [
      { id: 'pod → ClusterIP', from: 'net-pod', to: 'svc-clusterip', connections: 2 },
      { id: 'pod → ClusterIP (possibly itself)', from: 'webpod1', to: 'svc-clusterip' },
      { id: 'node → ClusterIP', from: 'myk8s-worker', to: 'svc-clusterip' },
      { id: 'pod → kube-dns (UDP)', from: 'net-pod', to: 'kube-dns.kube-system:53', protocol: 'udp' },
      { id: 'pod → kube-dns (TCP)', from: 'webpod2', to: 'kube-dns.kube-system:53', protocol: 'tcp' },
      { id: 'pod → kubernetes (API server on the control plane)', from: 'webpod3', to: 'kubernetes:443' },
      { id: 'node → kubernetes', from: 'myk8s-worker2', to: 'kubernetes:443' },
      { id: 'pod → pod on another node', from: 'net-pod', to: '10.10.1.2:80' },
      { id: 'external → node port nothing listens on', from: 'external', to: 'myk8s-worker:31999' },
      { id: 'pod → node port nothing listens on (UDP)', from: 'net-pod', to: '172.18.0.3:31999', protocol: 'udp' },
      { id: 'pod → the scheduler, which listens on 127.0.0.1 only', from: 'net-pod', to: '172.18.0.2:10259' },
      { id: 'node → its own scheduler on 127.0.0.1', from: 'myk8s-control-plane', to: '127.0.0.1:10259' },
      { id: 'pod → kubelet on another node (masqueraded by kindnet)', from: 'webpod1', to: '172.18.0.4:10250' },
      { id: 'pod → a pod port nothing listens on', from: 'net-pod', to: '10.10.2.2:81' },
      { id: 'pod → a pod port nothing listens on (UDP)', from: 'net-pod', to: '10.10.3.2:5353', protocol: 'udp' },
      { id: 'ping a pod', from: 'net-pod', to: '10.10.2.2', protocol: 'icmp' },
      { id: 'ping a node', from: 'external', to: 'myk8s-worker', protocol: 'icmp' },
      { id: 'ping another node from a pod', from: 'webpod1', to: 'myk8s-worker2', protocol: 'icmp' },
      { id: 'ping a ClusterIP', from: 'net-pod', to: '10.200.1.100', protocol: 'icmp' },
      { id: 'ping a ClusterIP from a node', from: 'myk8s-worker', to: 'svc-clusterip', protocol: 'icmp' },
    ],
  };
}

/**
 * The lessons whose scenario runs kube-proxy in iptables mode: this harness loads each node's rules with
 * iptables-restore. (nftables mode's rules are loaded into the real nft and walked by real connections in
 * node/nftables.kernel-check.test.ts.) A lesson send's own `mode` is not followed here either: its journey is
 * checked in the scenario's mode.
 */
function iptablesModeLessons(): typeof LESSONS {
  return LESSONS.filter((lesson) => loadScenario(readFileSync(join(SCENARIOS, 'lessons', `${lesson.id}.yaml`), 'utf8')).cluster?.kubeProxy.mode === 'iptables');
}

export function lessonSuites(): ScenarioSuite[] {
  return iptablesModeLessons().map((lesson) => {
    const cases: JourneyCase[] = [];
    const key = (c: Pick<JourneyCase, 'from' | 'to' | 'via' | 'protocol'>): string => `${c.from} ${c.to} ${c.via ?? ''} ${c.protocol ?? 'tcp'}`;
    for (const send of lesson.sends) {
      const c: JourneyCase = {
        id: send.id, from: send.from, to: send.to,
        ...(send.via ? { via: send.via } : {}), ...(send.protocol ? { protocol: send.protocol } : {}),
        ...(send.continues ? { connections: 2 } : {}),
      };
      const same = cases.findIndex((x) => key(x) === key(c));
      // Sends that differ only by seed are one journey here: the kernel draws its own endpoints.
      if (same < 0) cases.push(c);
      else if (send.continues) cases[same] = { ...cases[same]!, connections: 2 };
    }
    return { name: `lesson ${lesson.id}`, file: join(SCENARIOS, 'lessons', `${lesson.id}.yaml`), cases };
  });
}

export function flowSuite(): ScenarioSuite {
  return {
    name: 'flows.yaml',
    file: FLOWS,
    cases: [
      { id: 'pod → ClusterIP, two endpoints', from: 'client-cp', to: 'svc-web:9000', connections: 2 },
      { id: 'pod → ClusterIP (UDP)', from: 'client-w2', to: 'svc-web:53', protocol: 'udp' },
      { id: 'hairpin: the only endpoint calls its own Service', from: 'solo', to: 'svc-solo' },
      { id: 'hairpin through a node port on its own node', from: 'solo', to: 'flows-worker:30080' },
      { id: 'node process → ClusterIP, endpoint on that node', from: 'flows-worker', to: 'svc-solo' },
      { id: 'node process → ClusterIP, endpoint elsewhere', from: 'flows-control-plane', to: 'svc-solo' },
      { id: 'node process → localhost NodePort', from: 'flows-worker2', to: '127.0.0.1:30080' },
      { id: 'external → NodePort, node with the endpoint', from: 'external', to: 'flows-worker:30080' },
      { id: 'external → NodePort, node without the endpoint', from: 'external', to: 'flows-worker2:30080' },
      { id: 'pod → another node\'s NodePort', from: 'client-cp', to: 'flows-worker2:30080' },
      { id: 'eTP Local: external → node with the endpoint', from: 'external', to: 'flows-worker:30081' },
      { id: 'eTP Local: external → node without (dropped)', from: 'external', to: 'flows-worker2:30081' },
      { id: 'eTP Local: LoadBalancer IP via a node with the endpoint', from: 'external', to: '172.18.255.201:80', via: 'flows-worker' },
      { id: 'eTP Local: LoadBalancer IP via a node without', from: 'external', to: '172.18.255.201:80', via: 'flows-control-plane' },
      { id: 'eTP Local: a pod still reaches the LoadBalancer IP', from: 'client-cp', to: '172.18.255.201:80' },
      { id: 'eTP Local: health check node port', from: 'external', to: 'flows-worker2:32000' },
      { id: 'iTP Local: pod on a node with a local endpoint', from: 'client-w2', to: 'svc-itp' },
      { id: 'iTP Local: pod on a node without (dropped)', from: 'client-cp', to: 'svc-itp' },
      { id: 'iTP Local: node process without a local endpoint', from: 'flows-control-plane', to: 'svc-itp' },
      { id: 'source ranges: allowed client', from: 'external:198.51.100.7', to: '172.18.255.200:80', via: 'flows-worker' },
      { id: 'source ranges: other client (dropped)', from: 'external', to: '172.18.255.200:80', via: 'flows-worker' },
      { id: 'source ranges: the NodePort ignores them', from: 'external', to: 'flows-worker2:30082' },
      { id: 'session affinity: one client sticks', from: 'client-cp', to: 'svc-affinity', connections: 2 },
      { id: 'no endpoints: REJECT (TCP)', from: 'client-cp', to: 'svc-empty' },
      { id: 'no endpoints: REJECT from a node process', from: 'flows-worker', to: 'svc-empty' },
      { id: 'externalIP from outside', from: 'external', to: '192.0.2.50:80', via: 'flows-worker2' },
      { id: 'externalIP from a pod', from: 'client-w2', to: '192.0.2.50:80' },
      { id: 'ClusterIP from outside (routed to a node)', from: 'external', to: 'svc-web:9000', via: 'flows-worker' },
      { id: 'closed port on a pod', from: 'client-cp', to: '10.10.1.2:81' },
      { id: 'ping a pod on another node', from: 'client-cp', to: '10.10.1.2', protocol: 'icmp' },
      { id: 'ping a node from outside', from: 'external', to: 'flows-worker2', protocol: 'icmp' },
    ],
  };
}

export function builtinSuites(): ScenarioSuite[] {
  return [defaultSuite(), ...lessonSuites(), flowSuite()];
}
