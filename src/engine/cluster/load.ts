/**
 * Scenario text → validated, defaulted cluster (DESIGN §2). Every problem becomes a located
 * diagnostic; the cluster is returned only when there is no error. Never throws.
 */
import { DiagnosticLog, Reporter } from './diagnostics';
import { MAX_PODS, expandDeployment } from './deployments';
import { generateEndpointSlices } from './endpointslices';
import { isYamlMap, readString } from './fields';
import { PodAddressPool, addressNodes, gatewayFor, inCidr } from './ipam';
import type { NodeSeed } from './ipam';
import type { ClusterModel, ClusterNode, Diagnostic, EndpointSliceModel, KubeProxyConfig, LabOptions, PodModel, ScenarioResult } from './model';
import { allocateServices } from './service-ipam';
import type { ServiceInput } from './service-ipam';
import { systemObjects } from './system-services';
import { validateDeployment } from './validate-deployment';
import type { DeploymentDraft } from './validate-deployment';
import { validateEndpointSlice } from './validate-endpointslice';
import { defaultKubeProxyConfig, validateKubeProxy } from './validate-kubeproxy';
import { checkLabListeners, validateLab } from './validate-lab';
import { CONTROL_PLANE_LABEL, validateKindCluster, validateNode } from './validate-node';
import type { KindClusterDraft, NodeDraft } from './validate-node';
import type { PodDraft } from './validate-pod';
import { validatePod } from './validate-pod';
import { validateService } from './validate-service';
import type { ServiceDraft } from './validate-service';
import { documentLocator, parsedDocument, plainValue, readYamlDocuments, textRange } from './yaml-docs';
import type { YamlDocument } from './yaml-docs';

/** kind's defaults (sigs.k8s.io/kind/pkg/apis/config/v1alpha4/default.go). */
export const DEFAULT_CLUSTER_NAME = 'kind';
export const DEFAULT_POD_SUBNET = '10.244.0.0/16';
export const DEFAULT_SERVICE_SUBNET = '10.96.0.0/12';

/** The kinds a scenario may hold, by `apiVersion/kind`. */
export const SUPPORTED_KINDS = [
  'v1/Service', 'v1/Pod', 'apps/v1/Deployment', 'discovery.k8s.io/v1/EndpointSlice', 'v1/Node',
  'kind.x-k8s.io/v1alpha4/Cluster', 'kubeproxy.config.k8s.io/v1alpha1/KubeProxyConfiguration', 'kube-packet-lab/v1/Lab',
] as const;

/** A pod waiting for its node and address, with where to report about it. */
interface PodInput {
  readonly draft: PodDraft;
  readonly r: Reporter;
}

export function loadScenario(text: string): ScenarioResult {
  const log = new DiagnosticLog();
  try {
    const cluster = load(text, log);
    const diagnostics = log.list();
    return log.hasError || cluster === undefined ? { diagnostics } : { cluster, diagnostics };
  } catch (e) {
    // A bug of ours must not take the editor down: report it where the user can see it.
    const diagnostics: Diagnostic[] = [...log.list()];
    diagnostics.push({
      severity: 'error', message: `internal error while loading the scenario: ${e instanceof Error ? e.message : String(e)}`,
      path: '', doc: -1, line: 1, col: 1, endLine: 1, endCol: 1,
    });
    return { diagnostics };
  }
}

function load(text: string, out: DiagnosticLog): ClusterModel | undefined {
  const yaml = readYamlDocuments(text);
  for (const p of yaml.problems) out.add({ severity: 'error', message: p.message, path: '', doc: p.doc, ...textRange(yaml.lineCounter, p.span), ...(p.code ? { yamlCode: p.code } : {}) });

  const services: ServiceInput[] = [];
  const pods: PodInput[] = [];
  const nodeDrafts: { draft: NodeDraft; r: Reporter }[] = [];
  const slices: EndpointSliceModel[] = [];
  let kind: KindClusterDraft | undefined;
  let kubeProxy: KubeProxyConfig | undefined;
  let lab: LabOptions = { systemServices: true };
  let labReporter: Reporter | undefined;
  const seen = { Cluster: false, KubeProxyConfiguration: false, Lab: false };
  const names = new Map<string, true>();
  const unique = (r: Reporter, resource: string, namespace: string, name: string): boolean => {
    const key = `${resource}/${namespace}/${name}`;
    if (names.has(key)) {
      r.invalid(['metadata', 'name'], name, `${resource} ${JSON.stringify(name)} already exists`);
      return false;
    }
    names.set(key, true);
    return true;
  };

  for (const doc of yaml.documents) {
    if (doc.root === undefined) continue;
    const r = new Reporter(out, doc.index, documentLocator(doc, yaml.lineCounter));
    // A document the last text had too, unchanged, at the same index, that gave no diagnostic: validated as then.
    const parsed = parsedDocument(doc);
    const kept = parsed === undefined ? undefined : validatedDocuments.get(parsed);
    let v: ValidatedDocument | undefined;
    if (kept !== undefined && kept.index === doc.index) v = kept.validated;
    else {
      const before = out.total;
      v = validateDocument(r, doc);
      if (parsed !== undefined && out.total === before) validatedDocuments.set(parsed, { index: doc.index, validated: v });
    }
    if (v === undefined) continue;
    const singleton = (k: keyof typeof seen): boolean => {
      if (seen[k]) r.error(['kind'], `only one ${k} document may be given`);
      const first = !seen[k];
      seen[k] = true;
      return first;
    };
    switch (v.kind) {
      case 'Service':
        if (v.draft !== undefined && unique(r, 'services', v.draft.namespace, v.draft.name)) services.push({ draft: v.draft, r });
        break;
      case 'Pod':
        if (v.draft !== undefined && unique(r, 'pods', v.draft.namespace, v.draft.name)) pods.push({ draft: v.draft, r });
        break;
      case 'Deployment': {
        const d = v.draft;
        if (d === undefined || !unique(r, 'deployments.apps', d.namespace, d.name)) break;
        // Checked before expanding: 490 Deployments × 1000 replicas would otherwise build half a million pods.
        if (pods.length + d.replicas > MAX_PODS) {
          r.invalid(['spec', 'replicas'], d.replicas, `this Deployment would bring the scenario to ${pods.length + d.replicas} pods; Kube Packet Lab runs at most ${MAX_PODS}`);
          break;
        }
        for (const p of expandDeployment(d)) pods.push({ draft: p, r });
        break;
      }
      case 'EndpointSlice':
        if (v.draft !== undefined && unique(r, 'endpointslices.discovery.k8s.io', v.draft.namespace, v.draft.name)) slices.push(v.draft);
        break;
      case 'Node':
        if (v.draft !== undefined && unique(r, 'nodes', '', v.draft.name)) nodeDrafts.push({ draft: v.draft, r });
        break;
      case 'Cluster':
        if (singleton('Cluster')) kind = v.draft;
        break;
      case 'KubeProxyConfiguration':
        if (singleton('KubeProxyConfiguration')) kubeProxy = v.draft;
        break;
      case 'Lab':
        if (singleton('Lab')) [lab, labReporter] = [v.draft, r];
        break;
    }
  }
  if (out.hasError) return undefined;

  const name = kind?.name ?? DEFAULT_CLUSTER_NAME;
  const podSubnet = kind?.podSubnet ?? DEFAULT_POD_SUBNET;
  const serviceSubnet = kind?.serviceSubnet ?? DEFAULT_SERVICE_SUBNET;
  const seeds = nodeSeeds(name, kind, nodeDrafts);
  const addressed = addressNodes(seeds, podSubnet);
  if (addressed === undefined) return undefined;

  // Addresses the scenario itself puts in pod ranges decide each node's gateway (see gatewayFor).
  const scenarioAddresses = new Set<string>();
  for (const { draft } of pods) if (draft.ip !== undefined) scenarioAddresses.add(draft.ip);
  for (const s of slices) for (const e of s.endpoints) for (const a of e.addresses) scenarioAddresses.add(a);
  const nodes: ClusterNode[] = addressed.map((n) => ({ ...n, gatewayIP: gatewayFor(n.podCIDR, scenarioAddresses) }));
  const system = lab.systemServices ? systemObjects(nodes, serviceSubnet) : { services: [], pods: [], endpointSlices: [] };

  const podModels = placePods(nodes, system.pods, pods);
  const serviceModels = [...system.services, ...allocateServices(userServices(services, lab.systemServices), serviceSubnet, new Set(system.services.map((s) => s.clusterIP)))];
  if (podModels !== undefined && labReporter && lab.listeners) checkLabListeners(labReporter, { nodes, pods: podModels }, lab.listeners);
  if (podModels === undefined || out.hasError) return undefined;

  return {
    name,
    podSubnet,
    serviceSubnet,
    nodes,
    pods: podModels,
    services: serviceModels,
    endpointSlices: [...system.endpointSlices, ...slices, ...generateEndpointSlices(serviceModels, podModels)],
    // kind writes networking.kubeProxyMode into the KubeProxyConfiguration it generates.
    kubeProxy: kubeProxy ?? defaultKubeProxyConfig(podSubnet, kind?.kubeProxyMode),
    lab,
    ...(nodeDrafts.length === 0 ? { kindnet: true } : {}),
  };
}

/** What one document validated to, by kind (undefined drafts: the document had errors). */
type ValidatedDocument =
  | { readonly kind: 'Service'; readonly draft: ServiceDraft | undefined }
  | { readonly kind: 'Pod'; readonly draft: PodDraft | undefined }
  | { readonly kind: 'Deployment'; readonly draft: DeploymentDraft | undefined }
  | { readonly kind: 'EndpointSlice'; readonly draft: EndpointSliceModel | undefined }
  | { readonly kind: 'Node'; readonly draft: NodeDraft | undefined }
  | { readonly kind: 'Cluster'; readonly draft: KindClusterDraft | undefined }
  | { readonly kind: 'KubeProxyConfiguration'; readonly draft: KubeProxyConfig | undefined }
  | { readonly kind: 'Lab'; readonly draft: LabOptions };

/**
 * Each parsed document's validation, when it gave no diagnostic, and its index then (drafts name their
 * document by index). The worker keeps unchanged documents' parses across edits (parse-yaml-chunks.ts): a
 * keystroke validates the document it changed, not the 499 others. Validation reads the document alone.
 */
const validatedDocuments = new WeakMap<object, { readonly index: number; readonly validated: ValidatedDocument | undefined }>();

/** One document as a Kubernetes object of a supported kind, validated and defaulted; its diagnostics go to `r`. */
function validateDocument(r: Reporter, doc: YamlDocument): ValidatedDocument | undefined {
  const obj = plainValue(doc.root!);
  if (!isYamlMap(obj)) {
    r.error([], 'a scenario document must be a Kubernetes object (a map with apiVersion and kind)');
    return undefined;
  }
  const apiVersion = readString(r, ['apiVersion'], obj['apiVersion']) ?? '';
  const kindName = readString(r, ['kind'], obj['kind']) ?? '';
  if (kindName === '') {
    r.required(['kind']);
    return undefined;
  }
  if (apiVersion === '') {
    r.required(['apiVersion']);
    return undefined;
  }
  switch (`${apiVersion}/${kindName}`) {
    case 'v1/Service':
      return { kind: 'Service', draft: validateService(r, obj) };
    case 'v1/Pod':
      return { kind: 'Pod', draft: validatePod(r, obj) };
    case 'apps/v1/Deployment':
      return { kind: 'Deployment', draft: validateDeployment(r, obj) };
    case 'discovery.k8s.io/v1/EndpointSlice':
      return { kind: 'EndpointSlice', draft: validateEndpointSlice(r, obj, doc.index) };
    case 'v1/Node':
      return { kind: 'Node', draft: validateNode(r, obj, doc.index) };
    case 'kind.x-k8s.io/v1alpha4/Cluster':
      return { kind: 'Cluster', draft: validateKindCluster(r, obj, doc.index) };
    case 'kubeproxy.config.k8s.io/v1alpha1/KubeProxyConfiguration':
      return { kind: 'KubeProxyConfiguration', draft: validateKubeProxy(r, obj, doc.index) };
    case 'kube-packet-lab/v1/Lab':
      return { kind: 'Lab', draft: validateLab(r, obj) };
    default:
      r.error(['kind'], `no matches for kind ${JSON.stringify(kindName)} in version ${JSON.stringify(apiVersion)} (supported: ${SUPPORTED_KINDS.join(', ')})`);
      return undefined;
  }
}

/** A user Service named like an implicit one collides with it, as a second `kubernetes` would. */
function userServices(services: readonly ServiceInput[], systemServices: boolean): ServiceInput[] {
  const system = new Set(['default/kubernetes', 'kube-system/kube-dns']);
  return services.filter(({ draft, r }) => {
    const clash = systemServices && system.has(`${draft.namespace}/${draft.name}`);
    if (clash) r.invalid(['metadata', 'name'], draft.name, `services ${JSON.stringify(draft.name)} already exists (an implicit system service; set Lab systemServices: false to write your own)`);
    return !clash;
  });
}

/** Node documents if any; else the kind Cluster's nodes; else kind's one control-plane and two workers. */
function nodeSeeds(name: string, kind: KindClusterDraft | undefined, drafts: readonly { draft: NodeDraft; r: Reporter }[]): NodeSeed[] {
  if (drafts.length > 0) {
    return drafts.map(({ draft, r }) => ({
      name: draft.name,
      role: draft.role,
      ...(draft.internalIP !== undefined ? { internalIP: draft.internalIP } : {}),
      ...(draft.podCIDR !== undefined ? { podCIDR: draft.podCIDR } : {}),
      labels: draft.labels,
      source: { doc: draft.doc, path: '' },
      report: { r, ipPath: ['status', 'addresses'], cidrPath: draft.podCIDRPath },
    }));
  }
  const roles = kind?.nodes ?? [{ role: 'control-plane', labels: {} }, { role: 'worker', labels: {} }, { role: 'worker', labels: {} }];
  // kind numbers nodes per role: NAME-control-plane, NAME-control-plane2, NAME-worker, NAME-worker2, …
  const ordered = [...roles.map((n, i) => ({ ...n, i }))].sort((a, b) => (a.role === b.role ? a.i - b.i : a.role === 'control-plane' ? -1 : 1));
  const counters = { 'control-plane': 0, worker: 0 };
  return ordered.map((n) => {
    const k = ++counters[n.role];
    const nodeName = `${name}-${n.role}${k === 1 ? '' : k}`;
    const labels: Record<string, string> = { ...n.labels, 'kubernetes.io/hostname': nodeName };
    if (n.role === 'control-plane') labels[CONTROL_PLANE_LABEL] = '';
    return {
      name: nodeName,
      role: n.role,
      labels,
      source: kind === undefined ? { doc: -1, path: '' } : { doc: kind.doc, path: `nodes[${n.i}]` },
    };
  });
}

/** Puts each pod on its node (round-robin over workers when unnamed) and gives it an address, in document order. */
function placePods(nodes: readonly ClusterNode[], system: readonly PodModel[], inputs: readonly PodInput[]): PodModel[] | undefined {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const workers = nodes.filter((n) => n.role === 'worker');
  const rotation = workers.length > 0 ? workers : nodes;
  let turn = 0;
  const taken = new Set<string>();
  let ok = true;
  for (const { draft, r } of inputs) {
    if (draft.ip === undefined || draft.hostNetwork) continue;
    if (taken.has(draft.ip)) {
      r.duplicate(draft.ipPath, draft.ip);
      ok = false;
    }
    taken.add(draft.ip);
  }
  const pool = new PodAddressPool(byName, taken);
  const out: PodModel[] = [];
  for (const p of system) {
    const ip = pool.allocate(p.nodeName);
    if (ip !== undefined) out.push({ ...p, ip });
  }
  const reportedNodes = new Set<Reporter>();
  for (const { draft, r } of inputs) {
    let node: ClusterNode | undefined;
    if (draft.nodeName !== undefined) {
      node = byName.get(draft.nodeName);
      if (node === undefined) {
        if (!reportedNodes.has(r))
          r.notFound(draft.nodeNamePath, draft.nodeName, `no such node (nodes: ${nodes.map((n) => n.name).join(', ')})`);
        reportedNodes.add(r);
        ok = false;
        continue;
      }
    } else {
      node = rotation[turn++ % rotation.length];
    }
    if (node === undefined) continue;
    let ip = draft.hostNetwork ? node.internalIP : draft.ip;
    if (ip === undefined) {
      ip = pool.allocate(node.name);
      if (ip === undefined) {
        r.error(draft.ipPath, `no free address left in ${node.name}'s podCIDR ${node.podCIDR}`);
        ok = false;
        continue;
      }
    } else if (!draft.hostNetwork && !inCidr(node.podCIDR, ip)) {
      r.warning(draft.ipPath, `${ip} is outside ${node.name}'s podCIDR ${node.podCIDR}: other nodes route it to no pod`);
    }
    out.push({
      namespace: draft.namespace,
      name: draft.name,
      labels: draft.labels,
      nodeName: node.name,
      ip,
      ports: draft.ports,
      ready: draft.ready,
      terminating: draft.terminating,
      hostNetwork: draft.hostNetwork,
      source: { doc: r.doc, path: '' },
    });
  }
  return ok ? out : undefined;
}
