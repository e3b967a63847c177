/**
 * Deterministic names for the Pods a Deployment owns. A real cluster names them
 * `<deployment>-<pod-template-hash>-<5 random characters>` (the ReplicaSet's `generateName`); the
 * hash is `controller.ComputeHash` of the pod template and the suffix is random. Here both come
 * from SHA-256, so the same scenario always yields the same names, in apimachinery's `rand.String`
 * alphabet so that they look like the names `kubectl get pods` shows.
 */
import { hashChars } from './endpointslices';

/** The `pod-template-hash` label (10 characters) of a Deployment's current ReplicaSet. */
export function podTemplateHash(namespace: string, name: string): string {
  return hashChars(`pod-template-hash/${namespace}/${name}`, 10);
}

/** The names of a Deployment's `replicas` pods, in replica order; distinct within the Deployment. */
export function deploymentPodNames(namespace: string, name: string, replicas: number): string[] {
  const hash = podTemplateHash(namespace, name);
  const names: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; names.length < replicas; i++) {
    // A suffix collision (1 in 27^5 per pair) moves on to the next candidate, as the API server's
    // generateName retry would.
    const candidate = `${name}-${hash}-${hashChars(`pod/${namespace}/${name}/${hash}/${i}`, 5)}`;
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    names.push(candidate);
  }
  return names;
}
