/**
 * The conntrack sysctls kube-proxy sets on its node at start (cmd/kube-proxy/app/conntrack.go, run from
 * server_linux.go): `KubeProxyConfiguration.conntrack.tcpEstablishedTimeout` (default 24h) becomes
 * `nf_conntrack_tcp_timeout_established` and `tcpCloseWaitTimeout` (default 1h) becomes
 * `nf_conntrack_tcp_timeout_close_wait` (pkg/proxy/apis/config/v1alpha1/defaults.go); `udpTimeout` and
 * `udpStreamTimeout` default to 0, which leaves the kernel's values. kind's own KubeProxyConfiguration only
 * sets `maxPerCore: 0` (it skips nf_conntrack_max, a global), so a kind node's ESTABLISHED entries count
 * down from 86400, not from the kernel's 432000.
 */
import type { ConntrackTimeouts } from '../conntrack/model';
import { KERNEL_TIMEOUTS, withTimeouts } from '../conntrack/timeouts';

/** `conntrack.tcpEstablishedTimeout`'s default, in seconds. */
export const KUBE_PROXY_TCP_ESTABLISHED_TIMEOUT = 24 * 60 * 60;
/** `conntrack.tcpCloseWaitTimeout`'s default, in seconds. */
export const KUBE_PROXY_TCP_CLOSE_WAIT_TIMEOUT = 60 * 60;

/** A node's conntrack timeouts once kube-proxy (with its default conntrack settings) has started on it. */
export function kubeProxyConntrackTimeouts(base: ConntrackTimeouts = KERNEL_TIMEOUTS): ConntrackTimeouts {
  return withTimeouts(base, { tcp: { ESTABLISHED: KUBE_PROXY_TCP_ESTABLISHED_TIMEOUT, CLOSE_WAIT: KUBE_PROXY_TCP_CLOSE_WAIT_TIMEOUT } });
}
