/**
 * `KubeProxyConfiguration.conntrack`: Go durations read as kube-proxy reads them, validated as its
 * validation does, and turned into the sysctls it sets on every node (0 leaves the kernel's value).
 */
import { describe, expect, it } from 'vitest';
import { KERNEL_TIMEOUTS } from '../conntrack/timeouts';
import { kubeProxyConntrackTimeouts } from '../kubeproxy/conntrack-sysctls';
import { createNetwork } from '../sim/network';
import { parseGoDuration } from './go-duration';
import { loadScenario } from './load';

const config = (conntrack: string): string => `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
conntrack:
${conntrack}`;

describe('KubeProxyConfiguration.conntrack', () => {
  it('reads Go durations', () => {
    expect(['24h0m0s', '1h', '300s', '1.5h', '0', '1m30s', '-1s', '500ms'].map((t) => parseGoDuration(t))).toEqual([
      { seconds: 86400 }, { seconds: 3600 }, { seconds: 300 }, { seconds: 5400 }, { seconds: 0 }, { seconds: 90 }, { seconds: -1 }, { seconds: 0.5 },
    ]);
    expect(parseGoDuration('5')).toEqual({ error: 'time: missing unit in duration "5"' });
    expect(parseGoDuration('soon')).toEqual({ error: 'time: invalid duration "soon"' });
    expect(parseGoDuration('')).toEqual({ error: 'time: invalid duration ""' });
  });

  it('kind’s setting (maxPerCore: 0 only) keeps kube-proxy’s defaults: ESTABLISHED 86400, CLOSE_WAIT 3600', () => {
    const { cluster, diagnostics } = loadScenario(config('  maxPerCore: 0\n'));
    expect(diagnostics).toEqual([]);
    const t = createNetwork(cluster!).nodes.values().next().value!.conntrack.timeouts!;
    expect([t.tcp.ESTABLISHED, t.tcp.CLOSE_WAIT, t.udp, t.udpStream]).toEqual([86400, 3600, 30, 120]);
  });

  it('a rootless kind node (timeouts 0s) leaves the kernel’s values; other values are set as given', () => {
    const rootless = loadScenario(config('  maxPerCore: 0\n  tcpEstablishedTimeout: 0s\n  tcpCloseWaitTimeout: 0s\n')).cluster!;
    expect(createNetwork(rootless).nodes.values().next().value!.conntrack.timeouts).toEqual(KERNEL_TIMEOUTS);
    const custom = loadScenario(config('  tcpEstablishedTimeout: 2h\n  udpTimeout: 1m\n  udpStreamTimeout: 3m\n')).cluster!;
    const t = kubeProxyConntrackTimeouts(custom.kubeProxy.conntrack);
    expect([t.tcp.ESTABLISHED, t.tcp.CLOSE_WAIT, t.udp, t.udpStream, t.tcp.TIME_WAIT]).toEqual([7200, 3600, 60, 180, 120]);
  });

  it('reports bad values at their field, in kube-proxy’s words', () => {
    const { cluster, diagnostics } = loadScenario(config('  tcpEstablishedTimeout: -1s\n  udpTimeout: soon\n  tcpCloseWaitTimeout: "5"\n  maxRetries: 3\n'));
    expect(cluster).toBeUndefined();
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      '8:3 unknown field "conntrack.maxRetries"',
      '5:26 conntrack.tcpEstablishedTimeout: Invalid value: "-1s": must be greater than or equal to 0',
      '7:24 conntrack.tcpCloseWaitTimeout: Invalid value: "5": time: missing unit in duration "5"',
      '6:15 conntrack.udpTimeout: Invalid value: "soon": time: invalid duration "soon"',
    ]);
  });
});
