/** The engine's version, kept equal to package.json's by a unit test. */
export const ENGINE_VERSION = '0.1.0';

/** The Kubernetes release whose kube-proxy (iptables mode) the generator follows (DESIGN §3). */
export const KUBERNETES_RELEASE = 'v1.33';
