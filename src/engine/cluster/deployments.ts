/**
 * Deployments expanded to Pods, as the Deployment and ReplicaSet controllers would create them:
 * pods `NAME-<pod-template-hash>-<suffix>` (names from `deployment-names.ts`) carrying the template's
 * labels plus `pod-template-hash`, ready, with the template's node and ports.
 */
import { deploymentPodNames, podTemplateHash } from './deployment-names';
import type { DeploymentDraft } from './validate-deployment';
import type { PodDraft } from './validate-pod';

/** The label the Deployment controller adds to tell ReplicaSets apart (`apps.DefaultDeploymentUniqueLabelKey`). */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** Pods a scenario may hold in all, its Deployments' replicas included (each pod's endpoints and rules follow from it). */
export const MAX_PODS = 5000;

export function expandDeployment(d: DeploymentDraft): PodDraft[] {
  const hash = podTemplateHash(d.namespace, d.name);
  return deploymentPodNames(d.namespace, d.name, d.replicas).map((name) => ({
    ...d.podSpec,
    namespace: d.namespace,
    name,
    labels: { ...d.templateLabels, [POD_TEMPLATE_HASH_LABEL]: hash },
    ipPath: ['spec', 'template'],
    ready: true,
    terminating: false,
  }));
}
