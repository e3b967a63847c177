/**
 * "Why can I ping a ClusterIP in IPVS mode?" — with the rules of the release the lab follows, you cannot:
 * KUBE-IPVS-FILTER (kubernetes#72236) rejects NEW traffic to a kube-ipvs0 address that is not one of its
 * service ports, ICMP echo included. The real kernel says so: our ipsets and iptables rules and kube-ipvs0 (an
 * ifb device standing in for the dummy) in a throw-away namespace, a real `ping` to the VIP gets "Destination
 * Port Unreachable" and the REJECT rule counts it — what the node layer's simulation of the same node says.
 * Skipped, with the reason, where root cannot make a namespace or ipset/ping is missing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../cluster/load';
import { ipsetRestoreText } from '../../ipvs/ipset';
import { printIptablesSave } from '../../netfilter/print';
import { probeRealIpset } from '../../test-support/ipset';
import { generateIpvsNode } from './generate';

const real = probeRealIpset();
const hasPing = spawnSync('sh', ['-c', 'command -v ping'], { encoding: 'utf8' }).status === 0;
const SEP = '@@@KPL-SEPARATOR@@@';

describe.skipIf(!real.available || !hasPing)(`ping to a ClusterIP on an IPVS node, real kernel (${real.available ? (hasPing ? real.version : 'skipped: ping is not installed') : `skipped: ${real.reason}`})`, () => {
  it('is rejected by KUBE-IPVS-FILTER with ICMP port unreachable', () => {
    const cluster = loadScenario(readFileSync(join(import.meta.dirname, '__golden__/kind-default.yaml'), 'utf8')).cluster!;
    const n = generateIpvsNode(cluster, 'myk8s-worker');
    const input = `${ipsetRestoreText(n.ipsets)}${SEP}\n${printIptablesSave(n.ruleset)}`;
    const script = [
      'set -e',
      'cat > /tmp/kpl-ping.$$',
      `sed '/^${SEP}$/,$d' /tmp/kpl-ping.$$ | ipset restore`,
      `sed '1,/^${SEP}$/d' /tmp/kpl-ping.$$ | iptables-restore`,
      'rm -f /tmp/kpl-ping.$$',
      'ip link set lo up',
      `ip link add ${n.dummy.name} type ifb`,
      ...n.dummy.addresses.map((a) => `ip addr add ${a}/32 dev ${n.dummy.name}`),
      `echo '${SEP}'; ping -c1 -W1 10.200.1.100 || true`,
      `echo '${SEP}'; iptables -t filter -L KUBE-IPVS-FILTER -n -v -x`,
    ].join('\n');
    const run = spawnSync('unshare', ['-n', 'bash', '-c', script], { input, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const [ping, counters] = run.stdout.split(`${SEP}\n`).slice(1);
    expect(ping).toContain('From 10.200.1.100 icmp_seq=1 Destination Port Unreachable');
    const reject = counters!.split('\n').find((l) => l.includes('REJECT'))!;
    expect(reject.trim().split(/\s+/).slice(0, 2)).toEqual(['1', '84']);
  });
});
