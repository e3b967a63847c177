/** Kept apart from overview.ts, which loads with the overview only: the graph's first screen needs just this. */

/**
 * The Service (`namespace/name`) of a Service port as kube-proxy's comments name it: `namespace/name:port`,
 * or `namespace/name` alone for an unnamed port.
 */
export function serviceOfPort(servicePort: string): string {
  const colon = servicePort.indexOf(':');
  return colon < 0 ? servicePort : servicePort.slice(0, colon);
}
