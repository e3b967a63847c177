/**
 * `apps/v1 Deployment`: validated as `ValidateDeploymentSpec` (pkg/apis/apps/validation) checks the parts
 * that decide which pods exist — replicas, selector, template labels — before it is expanded to Pods.
 */
import type { FieldPath, Reporter } from './diagnostics';
import { isYamlMap, readInt, readList, readObject, readOpaqueMap, readString, readStringList, readStringMap } from './fields';
import type { LabelSelector, SelectorRequirement } from './labels';
import { matchesSelector } from './labels';
import { readMetadata } from './validate-common';
import type { PodSpecDraft } from './validate-pod';
import { readPodSpec } from './validate-pod';

/** Expanding more replicas than this would only slow the lab down; a /24 per node holds 253 pods anyway. */
export const MAX_REPLICAS = 1000;

export interface DeploymentDraft {
  readonly namespace: string;
  readonly name: string;
  readonly replicas: number;
  readonly templateLabels: Readonly<Record<string, string>>;
  readonly podSpec: PodSpecDraft;
}

const SPEC_FIELDS = ['replicas', 'selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'paused', 'progressDeadlineSeconds'];
const OPERATORS = ['DoesNotExist', 'Exists', 'In', 'NotIn'] as const;

export function validateDeployment(r: Reporter, obj: Readonly<Record<string, unknown>>): DeploymentDraft | undefined {
  readObject(r, [], obj, ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  readOpaqueMap(r, ['status'], obj['status']);
  const meta = readMetadata(r, obj['metadata'], 'dns1123-subdomain', true);
  const spec = readObject(r, ['spec'], obj['spec'] ?? {}, SPEC_FIELDS) ?? {};
  const replicas = readInt(r, ['spec', 'replicas'], spec['replicas']) ?? 1;
  if (replicas < 0) r.invalid(['spec', 'replicas'], replicas, 'must be greater than or equal to 0');
  else if (replicas > MAX_REPLICAS) r.invalid(['spec', 'replicas'], replicas, `Kube Packet Lab expands at most ${MAX_REPLICAS} replicas`);

  const selector = readSelector(r, ['spec', 'selector'], spec['selector']);
  const T: FieldPath = ['spec', 'template'];
  const template = readObject(r, T, spec['template'] ?? {}, ['metadata', 'spec']) ?? {};
  const tmeta = readObject(r, [...T, 'metadata'], template['metadata'], ['name', 'namespace', 'labels', 'annotations', 'generateName', 'creationTimestamp']) ?? {};
  const labels = readStringMap(r, [...T, 'metadata', 'labels'], tmeta['labels']) ?? {};
  readOpaqueMap(r, [...T, 'metadata', 'annotations'], tmeta['annotations']);
  const podSpec = readPodSpec(r, [...T, 'spec'], template['spec']);
  if (selector !== undefined && !matchesSelector(selector, labels))
    r.invalid([...T, 'metadata', 'labels'], labels, '`selector` does not match template `labels`');
  if (meta === undefined || replicas < 0 || replicas > MAX_REPLICAS) return undefined;
  return { namespace: meta.namespace, name: meta.name, replicas, templateLabels: labels, podSpec };
}

function readSelector(r: Reporter, path: FieldPath, v: unknown): LabelSelector | undefined {
  if (v === undefined || v === null) {
    r.required(path);
    return undefined;
  }
  const m = readObject(r, path, v, ['matchLabels', 'matchExpressions']);
  if (m === undefined) return undefined;
  const matchLabels = readStringMap(r, [...path, 'matchLabels'], m['matchLabels']) ?? {};
  const expressions: SelectorRequirement[] = [];
  (readList(r, [...path, 'matchExpressions'], m['matchExpressions']) ?? []).forEach((item, i) => {
    const P: FieldPath = [...path, 'matchExpressions', i];
    const e = readObject(r, P, item ?? {}, ['key', 'operator', 'values']);
    if (e === undefined) return;
    const key = readString(r, [...P, 'key'], e['key']) ?? '';
    if (key === '') r.required([...P, 'key']);
    const operator = readString(r, [...P, 'operator'], e['operator']) ?? '';
    const values = readStringList(r, [...P, 'values'], e['values']);
    if (!(OPERATORS as readonly string[]).includes(operator)) {
      r.unsupported([...P, 'operator'], operator, OPERATORS);
      return;
    }
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0)
      r.required([...P, 'values'], 'must be specified when `operator` is \'In\' or \'NotIn\'');
    if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0)
      r.forbidden([...P, 'values'], 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\'');
    expressions.push({ key, operator: operator as SelectorRequirement['operator'], values });
  });
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) {
    r.invalid(path, isYamlMap(v) ? v : {}, 'empty selector is invalid for deployment');
    return undefined;
  }
  return { matchLabels, matchExpressions: expressions };
}
