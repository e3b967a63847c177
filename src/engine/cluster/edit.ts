/**
 * Changes to a running cluster's endpoints, made on the model (not the YAML) so that every pod that stays
 * keeps its name and address, as it would in a real cluster: scaling a Deployment (its ReplicaSet adds or
 * deletes pods; the EndpointSlice controller follows) and removing one endpoint (its pod deleted, or the
 * address taken out of a hand-written EndpointSlice). A deleted pod is modelled once its grace period is
 * over: the endpoint is gone, not terminating.
 */
import { deploymentPodNames, podTemplateHash } from './deployment-names';
import { POD_TEMPLATE_HASH_LABEL } from './deployments';
import { slicesForService } from './endpointslices';
import { PodAddressPool } from './ipam';
import type { ClusterModel, EndpointSliceModel, PodModel } from './model';

/** An edit that does not fit the cluster (no such Deployment, no such endpoint). */
export class ClusterEditError extends Error {}

/** The cluster without the pod at `ip` and without that address in any EndpointSlice. */
export function removeEndpoint(cluster: ClusterModel, ip: string): ClusterModel {
  const pods = cluster.pods.filter((p) => p.ip !== ip || p.hostNetwork);
  const inSlices = cluster.endpointSlices.some((s) => s.endpoints.some((e) => e.addresses.includes(ip)));
  if (pods.length === cluster.pods.length && !inSlices) throw new ClusterEditError(`no pod or endpoint has the address ${ip}`);
  const endpointSlices = cluster.endpointSlices.map((s): EndpointSliceModel => (s.endpoints.some((e) => e.addresses.includes(ip)) ? { ...s, endpoints: s.endpoints.filter((e) => !e.addresses.includes(ip)) } : s));
  return { ...cluster, pods, endpointSlices };
}

/** The pods of Deployment `namespace/name`, in replica order. */
export function deploymentPods(cluster: ClusterModel, namespace: string, name: string): PodModel[] {
  const hash = podTemplateHash(namespace, name);
  const prefix = `${name}-${hash}-`;
  return cluster.pods.filter((p) => p.namespace === namespace && p.name.startsWith(prefix) && p.labels[POD_TEMPLATE_HASH_LABEL] === hash);
}

/**
 * The cluster with Deployment `namespace/name` at `replicas`. Scaling down deletes the newest replicas (the
 * last names, a fixed choice: a ReplicaSet ranks pods by readiness and age); scaling up adds pods from the
 * template of a pod that remains, each on the worker with the fewest of them, at the node's next free address.
 */
export function scaleDeployment(cluster: ClusterModel, namespace: string, name: string, replicas: number): ClusterModel {
  const current = deploymentPods(cluster, namespace, name);
  if (current.length === 0) throw new ClusterEditError(`no Deployment ${namespace}/${name} with running pods (scaling up from 0 needs its template: edit the scenario)`);
  const names = deploymentPodNames(namespace, name, Math.max(replicas, current.length));
  const keep = new Set(names.slice(0, replicas));
  let pods = cluster.pods.filter((p) => !current.includes(p) || keep.has(p.name));
  const have = new Set(current.map((p) => p.name));
  const missing = names.slice(0, replicas).filter((n) => !have.has(n));
  if (missing.length > 0) pods = [...pods, ...addReplicas(cluster, current[0]!, missing, pods)];
  const changed = new Set([...current.filter((p) => !keep.has(p.name)), ...pods.filter((p) => missing.includes(p.name))]);
  return withRegeneratedSlices(cluster, pods, changed);
}

function addReplicas(cluster: ClusterModel, template: PodModel, names: readonly string[], pods: readonly PodModel[]): PodModel[] {
  const taken = new Set<string>(pods.map((p) => p.ip));
  for (const s of cluster.endpointSlices) for (const e of s.endpoints) for (const a of e.addresses) taken.add(a);
  const pool = new PodAddressPool(new Map(cluster.nodes.map((n) => [n.name, n])), taken);
  const workers = cluster.nodes.filter((n) => n.role === 'worker');
  const candidates = workers.length > 0 ? workers : cluster.nodes;
  const count = new Map(candidates.map((n) => [n.name, 0]));
  for (const p of pods) if (p.name.startsWith(template.name.slice(0, template.name.lastIndexOf('-') + 1)) && count.has(p.nodeName)) count.set(p.nodeName, count.get(p.nodeName)! + 1);
  return names.map((podName) => {
    const node = [...count.entries()].reduce((best, cur) => (cur[1] < best[1] ? cur : best))[0];
    count.set(node, count.get(node)! + 1);
    const ip = pool.allocate(node);
    if (ip === undefined) throw new ClusterEditError(`node ${node} has no free pod address left`);
    return { ...template, name: podName, nodeName: node, ip };
  });
}

/** Generated slices of the Services selecting a changed pod, rebuilt from the new pods (what the EndpointSlice controller does). */
function withRegeneratedSlices(cluster: ClusterModel, pods: readonly PodModel[], changed: ReadonlySet<PodModel>): ClusterModel {
  const selects = (selector: Readonly<Record<string, string>>, p: PodModel): boolean => Object.entries(selector).every(([k, v]) => p.labels[k] === v);
  const affected = cluster.services.filter((svc) => svc.selector !== undefined && Object.keys(svc.selector).length > 0 && [...changed].some((p) => p.namespace === svc.namespace && selects(svc.selector!, p)));
  const keys = new Set(affected.map((s) => `${s.namespace}/${s.name}`));
  const endpointSlices = [
    ...cluster.endpointSlices.filter((s) => s.explicit || !keys.has(`${s.namespace}/${s.serviceName}`)),
    ...affected.flatMap((svc) => slicesForService(svc, pods)),
  ];
  return { ...cluster, pods, endpointSlices };
}
