/** `kube-packet-lab/v1 Lab`: the lab's own options, which no Kubernetes object carries. */
import type { Reporter } from './diagnostics';
import { readBool, readObject, readString } from './fields';
import type { LabOptions } from './model';

export function validateLab(r: Reporter, obj: Readonly<Record<string, unknown>>): LabOptions {
  readObject(r, [], obj, ['apiVersion', 'kind', 'metadata', 'systemServices']);
  const meta = readObject(r, ['metadata'], obj['metadata'], ['name']);
  readString(r, ['metadata', 'name'], meta?.['name']);
  return { systemServices: readBool(r, ['systemServices'], obj['systemServices']) ?? true };
}
