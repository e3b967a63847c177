/**
 * The conntrack sysctls kube-proxy sets on its node at start (cmd/kube-proxy/app/conntrack.go, run from
 * server_linux.go): `KubeProxyConfiguration.conntrack.tcpEstablishedTimeout` (default 24h) becomes
 * `nf_conntrack_tcp_timeout_established` and `tcpCloseWaitTimeout` (default 1h) becomes
 * `nf_conntrack_tcp_timeout_close_wait` (pkg/proxy/apis/config/v1alpha1/defaults.go); `udpTimeout` and
 * `udpStreamTimeout` default to 0, which leaves the kernel's values. kind's own KubeProxyConfiguration only
 * sets `maxPerCore: 0` (it skips nf_conntrack_max, a global), so a kind node's ESTABLISHED entries count
 * down from 86400, not from the kernel's 432000.
 */
import type { KubeProxyConntrack } from '../cluster/model';
import type { ConntrackTimeouts } from '../conntrack/model';
import { KERNEL_TIMEOUTS, withTimeouts } from '../conntrack/timeouts';

/** `conntrack.tcpEstablishedTimeout`'s default, in seconds. */
export const KUBE_PROXY_TCP_ESTABLISHED_TIMEOUT = 24 * 60 * 60;
/** `conntrack.tcpCloseWaitTimeout`'s default, in seconds. */
export const KUBE_PROXY_TCP_CLOSE_WAIT_TIMEOUT = 60 * 60;

/**
 * A node's conntrack timeouts once kube-proxy has started on it with `config` (absent fields: its defaults).
 * kube-proxy writes a sysctl only for a value above 0; 0 leaves the kernel's.
 */
export function kubeProxyConntrackTimeouts(config: KubeProxyConntrack = {}, base: ConntrackTimeouts = KERNEL_TIMEOUTS): ConntrackTimeouts {
  const set = (value: number | undefined, fallback: number): number | undefined => {
    const v = value ?? fallback;
    return v > 0 ? v : undefined;
  };
  const established = set(config.tcpEstablishedTimeout, KUBE_PROXY_TCP_ESTABLISHED_TIMEOUT);
  const closeWait = set(config.tcpCloseWaitTimeout, KUBE_PROXY_TCP_CLOSE_WAIT_TIMEOUT);
  const udp = set(config.udpTimeout, 0);
  const udpStream = set(config.udpStreamTimeout, 0);
  return withTimeouts(base, {
    tcp: { ...(established !== undefined ? { ESTABLISHED: established } : {}), ...(closeWait !== undefined ? { CLOSE_WAIT: closeWait } : {}) },
    ...(udp !== undefined ? { udp } : {}),
    ...(udpStream !== undefined ? { udpStream } : {}),
  });
}
