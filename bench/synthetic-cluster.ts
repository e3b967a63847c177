/**
 * Synthetic clusters for the engine benchmark: N services × 10 endpoints, spread over 3 workers. Built by the
 * engine's own synthetic clusters (src/engine/scale/synthetic-cluster.ts, which the scale lab's sweep uses on
 * one node): a kind cluster `bench` (control-plane + 3 workers), a client pod and the measured service
 * `default/web` whose 10 endpoints are real pods placed round-robin on the workers, so a traced connection is
 * delivered; the other N − 1 services each have an explicit EndpointSlice whose endpoints go round-robin
 * over the workers.
 *
 * The synthetic services sort before `default/web` (namespace `bench`), so the traced connection meets
 * its service at the end of KUBE-SERVICES: the kernel's linear walk is at its longest.
 */
import type { ClusterModel } from '../src/engine/cluster/model';
import { SCALE_CLIENT, SCALE_TARGET, scaleCluster } from '../src/engine/scale/synthetic-cluster';

export const ENDPOINTS_PER_SERVICE = 10;
export const WORKERS = 3;
/** The traced client and service, as `kpl trace --from … --to …` names them. */
export const CLIENT = SCALE_CLIENT;
export const TARGET = SCALE_TARGET;

/** A cluster with `services` services (the measured one included) of 10 endpoints each, plus kind's system services. */
export function syntheticCluster(services: number): ClusterModel {
  return scaleCluster(services, ENDPOINTS_PER_SERVICE, { name: 'bench', workers: WORKERS });
}
